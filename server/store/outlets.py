"""Imported outlet records, in the store. Only outlet records live here, never page content.

Importing a format again replaces that format's earlier records in one transaction, so a
refreshed download is a clean update, never a pile-up or a half-written mix. Each import raises
`revision`, which the server polls to rebuild its registry in every worker without a restart.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Integer, MetaData, Table, Text, delete, func, insert, select

from masthead.sdk.outlets import Outlet, Source

from .engine import Store

_metadata = MetaData()
_outlet = Table(
    "outlet",
    _metadata,
    Column("id", Integer, primary_key=True),
    Column("origin", Text, nullable=False),
    Column("record", Text, nullable=False),
)
_import = Table(
    "import",
    _metadata,
    Column("origin", Text, primary_key=True),
    Column("file", Text, nullable=False),
    Column("imported_at", Text, nullable=False),
    Column("outlets", Integer, nullable=False),
    Column("skipped", Integer, nullable=False),
    Column("revision", Integer, nullable=False),
)


class OutletStore:
    """Imported outlet records, kept in import order."""

    def __init__(self, store: Store) -> None:
        self.store = store

    @classmethod
    def in_dir(cls, data_dir: Path) -> OutletStore:
        return cls(Store.in_dir(data_dir))

    @property
    def location(self) -> str:
        return self.store.location

    def replace(self, origin: str, outlets: list[Outlet], file: str, skipped: int) -> None:
        """Store `outlets` as everything `origin` contributes, in one transaction."""
        with self.store.begin() as db:
            revision = db.scalar(select(func.coalesce(func.max(_import.c.revision), 0))) or 0
            db.execute(delete(_outlet).where(_outlet.c.origin == origin))
            if outlets:
                db.execute(
                    insert(_outlet),
                    [
                        {"origin": origin, "record": json.dumps(_to_json(o), ensure_ascii=False)}
                        for o in outlets
                    ],
                )
            db.execute(delete(_import).where(_import.c.origin == origin))
            db.execute(
                insert(_import).values(
                    origin=origin,
                    file=file,
                    imported_at=datetime.now(UTC).isoformat(timespec="seconds"),
                    outlets=len(outlets),
                    skipped=skipped,
                    revision=revision + 1,
                )
            )

    def outlets(self) -> list[Outlet]:
        """Every stored record; none (and no file created) when nothing was ever imported."""
        if not self.store.exists():
            return []
        with self.store.connect() as db:
            rows = db.scalars(select(_outlet.c.record).order_by(_outlet.c.id)).all()
        return [_from_json(json.loads(record)) for record in rows]

    def imports(self) -> list[dict[str, Any]]:
        if not self.store.exists():
            return []
        columns = [c for c in _import.c if c.name != "revision"]
        with self.store.connect() as db:
            rows = db.execute(select(*columns).order_by(_import.c.imported_at)).all()
        return [dict(row._mapping) for row in rows]

    def revision(self) -> int:
        """Raised by every import: a worker whose registry was built at a lower one reloads."""
        if not self.store.exists():
            return 0
        with self.store.connect() as db:
            return db.scalar(select(func.coalesce(func.max(_import.c.revision), 0))) or 0


def _to_json(outlet: Outlet) -> dict[str, Any]:
    data = asdict(outlet)
    data["sources"] = {k: asdict(s) for k, s in outlet.sources.items()}
    return data


def _from_json(data: dict[str, Any]) -> Outlet:
    data["sources"] = {k: Source(**s) for k, s in data.get("sources", {}).items()}
    for key in ("domains", "aliases"):
        data[key] = tuple(data.get(key, ()))
    return Outlet(**data)

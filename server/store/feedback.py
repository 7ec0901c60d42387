"""Readers' "This is wrong" reports, in the store, so every worker and host keeps them in one place.

Reports were first kept in a file of their own, `feedback.sqlite3` in the data folder. A server
or `masthead feedback` that finds that file copies its reports into the store once, in one
transaction, and renames it `feedback.sqlite3.imported` (kept, never read again).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Column, Integer, MetaData, String, Table, Text, create_engine, insert, select
from sqlalchemy.exc import SQLAlchemyError

from .engine import Store, StoreError, describe_error

log = logging.getLogger("masthead.feedback")

OLD_FILE = "feedback.sqlite3"

_metadata = MetaData()
_reports = Table(
    "feedback",
    _metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("received_at", String(40), nullable=False),
    Column("url", Text, nullable=False),
    Column("plugin", String(100), nullable=False),
    Column("kind", String(64), nullable=False),
    Column("finding", Text, nullable=False),  # the finding reference, as JSON
    Column("note", Text, nullable=False),
)
_COPIED = ("received_at", "url", "plugin", "kind", "finding", "note")


class FeedbackStore:
    """Readers' reports, in the order they arrived."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def add(self, report: dict[str, Any]) -> dict[str, Any]:
        """Keep one validated report (`FeedbackRequestSchema().load(...)`); returns id and time."""
        finding = {k: v for k, v in report["finding"].items() if v is not None}
        received = datetime.now(UTC).isoformat(timespec="seconds")
        with self.store.begin() as db:
            result = db.execute(
                insert(_reports).values(
                    received_at=received,
                    url=report["url"],
                    plugin=finding["plugin"],
                    kind=finding["kind"],
                    finding=json.dumps(finding, ensure_ascii=False, sort_keys=True),
                    note=report.get("note", ""),
                )
            )
            inserted = result.inserted_primary_key
            assert inserted is not None, "an INSERT of one row always has its key"
            key = int(inserted[0])
        return {"id": key, "received_at": received}

    def reports(self, plugin: str | None = None) -> Iterator[dict[str, Any]]:
        """Every report, oldest first; only one plugin's when `plugin` is given. None (and no
        file created) when the store was never written to."""
        if not self.store.exists():
            return
        query = select(_reports).order_by(_reports.c.id)
        if plugin:
            query = query.where(_reports.c.plugin == plugin)
        with self.store.connect() as db:
            rows = db.execute(query).all()
        for row in rows:
            yield {
                "id": row.id,
                "received_at": row.received_at,
                "url": row.url,
                "finding": json.loads(row.finding),
                "note": row.note,
            }

    def import_old_file(self, data_dir: Path) -> int:
        """Copy the reports of `data_dir`'s old `feedback.sqlite3` into the store, once.

        The file is first renamed to a name of this process's own, so two workers starting
        together cannot both copy it; if the copy fails it gets its name back, to be tried
        again, and the error is raised. Returns how many reports were copied.
        """
        old = Path(data_dir).expanduser() / OLD_FILE
        claimed = old.with_name(f"{OLD_FILE}.importing-{os.getpid()}")
        try:
            old.rename(claimed)
        except FileNotFoundError:
            return 0  # none, or another process is copying it
        try:
            rows = _read_old(claimed)
            with self.store.begin() as db:
                if rows:
                    db.execute(insert(_reports), rows)
        except StoreError:
            claimed.rename(old)
            raise
        claimed.rename(old.with_name(f"{OLD_FILE}.imported"))
        log.warning(
            "moved %d feedback report(s) from %s into the store at %s",
            len(rows),
            old,
            self.store.location,
        )
        return len(rows)


def _read_old(path: Path) -> list[dict[str, Any]]:
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            rows = connection.execute(select(_reports).order_by(_reports.c.id)).all()
    except SQLAlchemyError as exc:
        raise StoreError(
            f"cannot read the old feedback file {path.name}: {describe_error(exc)}"
        ) from exc
    finally:
        engine.dispose()
    return [{name: getattr(row, name) for name in _COPIED} for row in rows]

"""The local store of imported outlet records: one SQLite file in the server's data folder.

Only outlet records live here (no page content). Importing a format again replaces that format's
earlier records, so a refreshed download is a clean update, not a pile-up.
"""

from __future__ import annotations

import json
import sqlite3
from contextlib import closing
from dataclasses import asdict
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from masthead.sdk.outlets import Outlet, Source

FILENAME = "outlets.sqlite3"

_SCHEMA = """
CREATE TABLE IF NOT EXISTS outlet (
    id INTEGER PRIMARY KEY,
    origin TEXT NOT NULL,
    record TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS outlet_origin ON outlet (origin);
CREATE TABLE IF NOT EXISTS import (
    origin TEXT PRIMARY KEY,
    file TEXT NOT NULL,
    imported_at TEXT NOT NULL,
    outlets INTEGER NOT NULL,
    skipped INTEGER NOT NULL
);
"""


class OutletStore:
    """Imported outlet records, kept in import order."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)

    @classmethod
    def in_dir(cls, data_dir: Path) -> OutletStore:
        return cls(Path(data_dir).expanduser() / FILENAME)

    def _connect(self) -> sqlite3.Connection:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        connection = sqlite3.connect(self.path)
        connection.executescript(_SCHEMA)
        return connection

    def replace(self, origin: str, outlets: list[Outlet], file: str, skipped: int) -> None:
        """Store `outlets` as everything `origin` contributes, in one transaction."""
        with closing(self._connect()) as db, db:
            db.execute("DELETE FROM outlet WHERE origin = ?", (origin,))
            db.executemany(
                "INSERT INTO outlet (origin, record) VALUES (?, ?)",
                [(origin, json.dumps(_to_json(o), ensure_ascii=False)) for o in outlets],
            )
            db.execute(
                "INSERT OR REPLACE INTO import VALUES (?, ?, ?, ?, ?)",
                (
                    origin,
                    file,
                    datetime.now(UTC).isoformat(timespec="seconds"),
                    len(outlets),
                    skipped,
                ),
            )

    def outlets(self) -> list[Outlet]:
        """Every stored record; none (and no file created) when nothing was ever imported."""
        if not self.path.exists():
            return []
        with closing(self._connect()) as db:
            rows = db.execute("SELECT record FROM outlet ORDER BY id").fetchall()
        return [_from_json(json.loads(record)) for (record,) in rows]

    def imports(self) -> list[dict[str, Any]]:
        if not self.path.exists():
            return []
        with closing(self._connect()) as db:
            rows = db.execute("SELECT * FROM import ORDER BY imported_at").fetchall()
        keys = ("origin", "file", "imported_at", "outlets", "skipped")
        return [dict(zip(keys, row, strict=True)) for row in rows]


def _to_json(outlet: Outlet) -> dict[str, Any]:
    data = asdict(outlet)
    data["sources"] = {k: asdict(s) for k, s in outlet.sources.items()}
    return data


def _from_json(data: dict[str, Any]) -> Outlet:
    data["sources"] = {k: Source(**s) for k, s in data.get("sources", {}).items()}
    for key in ("domains", "aliases"):
        data[key] = tuple(data.get(key, ()))
    return Outlet(**data)

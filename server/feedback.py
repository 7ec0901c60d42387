"""Readers' "This is wrong" reports: validated, kept in this server's data folder, never forwarded.

A report names the finding (plugin, kind, id, title: what the server itself said), the page's
address and the reader's optional note. It carries no page text, so the schema has no field for
one and refuses unknown fields. The store is a table behind `FeedbackStore`, written with
SQLAlchemy Core so that it runs on the project's shared engine once that lands (SQLite by default).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from marshmallow import RAISE, Schema, fields, validate
from sqlalchemy import (
    Column,
    Engine,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    insert,
    select,
)

from masthead.sdk.annotations import PRESENTATIONS
from masthead.sdk.schemas import KIND_PATTERN, HttpUrl, valid_unicode

FILENAME = "feedback.sqlite3"


def _text(max_length: int, **kwargs: Any) -> fields.String:
    return fields.String(
        validate=[validate.Length(min=1, max=max_length), valid_unicode],
        **kwargs,
    )


class FindingRefSchema(Schema):
    """Which finding the reader means: the server's own words about it, none of the page's."""

    class Meta:
        unknown = RAISE

    plugin = _text(100, required=True)
    kind = fields.String(required=True, validate=validate.Regexp(KIND_PATTERN))
    id = _text(200, load_default=None)
    title = _text(300, load_default=None)
    display = _text(20, load_default=None)
    presentation = fields.String(load_default=None, validate=validate.OneOf(PRESENTATIONS))


class FeedbackRequestSchema(Schema):
    class Meta:
        unknown = RAISE

    url = HttpUrl(required=True, validate=validate.Length(max=4096))
    finding = fields.Nested(FindingRefSchema, required=True)
    note = fields.String(load_default="", validate=[validate.Length(max=1000), valid_unicode])


class FeedbackStoredSchema(Schema):
    id = fields.Integer(required=True)
    received_at = fields.String(required=True)


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


class FeedbackStore:
    """Readers' reports, in the order they arrived."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        _metadata.create_all(engine)

    @classmethod
    def in_dir(cls, data_dir: Path) -> FeedbackStore:
        folder = Path(data_dir).expanduser()
        folder.mkdir(parents=True, exist_ok=True)
        return cls(create_engine(f"sqlite:///{folder / FILENAME}"))

    def add(self, report: dict[str, Any]) -> dict[str, Any]:
        """Keep one validated report (`FeedbackRequestSchema().load(...)`); returns id and time."""
        finding = {k: v for k, v in report["finding"].items() if v is not None}
        received = datetime.now(UTC).isoformat(timespec="seconds")
        with self.engine.begin() as connection:
            result = connection.execute(
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
        """Every report, oldest first; only one plugin's when `plugin` is given."""
        query = select(_reports).order_by(_reports.c.id)
        if plugin:
            query = query.where(_reports.c.plugin == plugin)
        with self.engine.connect() as connection:
            for row in connection.execute(query):
                yield {
                    "id": row.id,
                    "received_at": row.received_at,
                    "url": row.url,
                    "finding": json.loads(row.finding),
                    "note": row.note,
                }

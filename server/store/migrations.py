"""The store's schema, as numbered steps. Never edit a released step; add the next one.

A small version table rather than Alembic: the schema is a handful of tables that the server
itself must bring up to date at start-up, on SQLite and PostgreSQL alike, with several workers
starting at once. That needs a lock around the check-and-apply (an advisory lock on PostgreSQL,
an IMMEDIATE transaction on SQLite) and no migration scripts directory, ini file or extra
runtime to ship; a list of functions in one transaction does exactly that.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime

from sqlalchemy import (
    Column,
    Connection,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    insert,
    select,
    text,
)

_LOCK_KEY = 7373_0011  # pg_advisory_xact_lock key: "masthead schema"

_versions = Table(
    "masthead_schema",
    MetaData(),
    Column("version", Integer, primary_key=True, autoincrement=False),
    Column("name", Text, nullable=False),
    Column("applied_at", Text, nullable=False),
)


def _outlets_and_imports(connection: Connection) -> None:
    """The tables `masthead outlets import` wrote to an SQLite file before there was a store.

    `checkfirst`: such a file already has them, and keeps its records.
    """
    metadata = MetaData()
    Table(
        "outlet",
        metadata,
        Column("id", Integer, primary_key=True),
        Column("origin", Text, nullable=False, index=True),
        Column("record", Text, nullable=False),
    )
    Table(
        "import",
        metadata,
        Column("origin", Text, primary_key=True),
        Column("file", Text, nullable=False),
        Column("imported_at", Text, nullable=False),
        Column("outlets", Integer, nullable=False),
        Column("skipped", Integer, nullable=False),
    )
    metadata.create_all(connection, checkfirst=True)


def _import_revision(connection: Connection) -> None:
    """A counter each import raises, so every worker can tell its registry is out of date."""
    connection.execute(text('ALTER TABLE "import" ADD COLUMN revision INTEGER NOT NULL DEFAULT 0'))


def _feedback_reports(connection: Connection) -> None:
    """Readers' reports, which had a file of their own (`feedback.sqlite3`) until now."""
    metadata = MetaData()
    Table(
        "feedback",
        metadata,
        Column("id", Integer, primary_key=True, autoincrement=True),
        Column("received_at", String(40), nullable=False),
        Column("url", Text, nullable=False),
        Column("plugin", String(100), nullable=False),
        Column("kind", String(64), nullable=False),
        Column("finding", Text, nullable=False),
        Column("note", Text, nullable=False),
    )
    metadata.create_all(connection)


def _origin_index(connection: Connection) -> None:
    """The origin index (issue 10): articles' fingerprints, their postings, followed feeds.

    `checkfirst`, like step 1: defined in `server/origins/store.py`, which owns them."""
    from ..origins.store import create_tables

    create_tables(connection)


STEPS: list[tuple[int, str, Callable[[Connection], None]]] = [
    (1, "outlet records and imports", _outlets_and_imports),
    (2, "import revision", _import_revision),
    (3, "origin index", _origin_index),
    (4, "feedback reports", _feedback_reports),
]
LATEST = STEPS[-1][0]


def upgrade(connection: Connection) -> int:
    """Apply the missing steps inside the caller's transaction; refuse a newer schema."""
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _LOCK_KEY})
    _versions.create(connection, checkfirst=True)
    applied = set(connection.scalars(select(_versions.c.version)))
    if applied and max(applied) > LATEST:
        from .engine import StoreError

        raise StoreError(
            f"the store's schema is version {max(applied)}, newer than this Masthead knows "
            f"({LATEST}); upgrade Masthead before pointing it at this store"
        )
    for version, name, step in STEPS:
        if version not in applied:
            step(connection)
            connection.execute(
                insert(_versions).values(
                    version=version,
                    name=name,
                    applied_at=datetime.now(UTC).isoformat(timespec="seconds"),
                )
            )
    return LATEST

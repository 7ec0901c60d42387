"""Opening the store from a URL, checking it is reachable, and bringing its schema up to date."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import SQLAlchemyError

from .. import lifecycle
from . import migrations

FILENAME = "outlets.sqlite3"  # the name it had before it held anything else: old imports stay


class StoreError(RuntimeError):
    """The store cannot be used; the message says why, never with a password in it."""


class Store:
    """A database URL made into an engine, with the schema checks every user of it needs."""

    def __init__(self, url: str | URL) -> None:
        self.url = _with_driver(make_url(url))
        self.engine: Engine = _engine(self.url)
        self._migrated = False
        lifecycle.on_fork(self.after_fork)

    @classmethod
    def in_dir(cls, data_dir: Path) -> Store:
        """The default: an SQLite file in the server's data folder."""
        return cls(URL.create("sqlite", database=str(Path(data_dir).expanduser() / FILENAME)))

    @property
    def is_sqlite(self) -> bool:
        return self.url.get_backend_name() == "sqlite"

    @property
    def location(self) -> str:
        """Where the store is, for messages: a path, or the URL with its password hidden."""
        if self.is_sqlite:
            return self.url.database or ":memory:"
        return self.url.render_as_string(hide_password=True)

    def exists(self) -> bool:
        """False for an SQLite file not created yet (reading must not create it)."""
        return not self.is_sqlite or not self.url.database or Path(self.url.database).exists()

    def migrate(self) -> int:
        """Apply every pending migration (once per process); return the schema version."""
        if self._migrated:
            return migrations.LATEST
        if self.is_sqlite and self.url.database:
            Path(self.url.database).parent.mkdir(parents=True, exist_ok=True)
        try:
            with self.engine.begin() as connection:
                version = migrations.upgrade(connection)
        except SQLAlchemyError as exc:
            raise StoreError(
                f"cannot open the store at {self.location}: {describe_error(exc)}"
            ) from exc
        self._migrated = True
        return version

    @contextmanager
    def begin(self) -> Iterator[Connection]:
        """A transaction on an up-to-date schema: all of it is written, or none."""
        self.migrate()
        with self._unavailable_as_store_error(), self.engine.begin() as connection:
            yield connection

    @contextmanager
    def connect(self) -> Iterator[Connection]:
        self.migrate()
        with self._unavailable_as_store_error(), self.engine.connect() as connection:
            yield connection

    @contextmanager
    def _unavailable_as_store_error(self) -> Iterator[None]:
        try:
            yield
        except SQLAlchemyError as exc:
            raise StoreError(f"the store at {self.location} failed: {describe_error(exc)}") from exc

    def problem(self) -> str | None:
        """Why the store cannot be used right now, or None when it answers."""
        if not self.exists():
            return None  # nothing imported yet: nothing to be unreachable
        try:
            with self.connect() as connection:
                connection.execute(text("SELECT 1"))
        except StoreError as exc:
            return str(exc)
        return None

    def after_fork(self) -> None:
        """A worker keeps no connection of its master's (they would share one socket)."""
        self.engine.dispose(close=False)

    def close(self) -> None:
        self.engine.dispose()


def _with_driver(url: URL) -> URL:
    """`postgresql://` means psycopg 3 here (SQLAlchemy's own default is psycopg2)."""
    if url.drivername in ("postgresql", "postgres"):
        return url.set(drivername="postgresql+psycopg")
    return url


def _engine(url: URL) -> Engine:
    options: dict[str, Any] = {"pool_pre_ping": True}  # a restarted database is reconnected to
    if url.get_backend_name() == "sqlite":
        engine = create_engine(url, connect_args={"timeout": 15}, **options)
        _sqlite_transactions(engine)
        return engine
    return create_engine(
        url, connect_args={"connect_timeout": 3}, pool_size=4, max_overflow=4, **options
    )


def _sqlite_transactions(engine: Engine) -> None:
    """Real transactions in SQLite, DDL included, one writer at a time across processes.

    Python's sqlite3 leaves DDL outside transactions; the SQLAlchemy-documented remedy is to
    switch its own handling off and begin each transaction ourselves, IMMEDIATE so that two
    workers migrating or importing at once queue instead of failing halfway.
    """

    @event.listens_for(engine, "connect")
    def _connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(connection: Any) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def describe_error(exc: BaseException) -> str:
    """The driver's first line, without SQLAlchemy's SQL echo and background link."""
    original = getattr(exc, "orig", None) or exc
    first = str(original).strip().splitlines()
    return f"{type(original).__name__}: {first[0]}" if first else type(original).__name__

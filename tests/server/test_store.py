"""The store, run the same way against SQLite and a real PostgreSQL."""

from __future__ import annotations

import sqlite3
import threading

import pytest
from sqlalchemy import text

import services
from masthead.sdk.outlets import Outlet, Source
from masthead.server.store import OutletStore, Store, StoreError, migrations


def outlet(name: str, domain: str, country: str = "Norway") -> Outlet:
    source = Source("https://dataset.example/", "A dataset", "2026-01-01", "imported:test")
    return Outlet(
        name=name,
        domains=(domain,),
        country=country,
        sources={"country": source},
        checked="2026-01-01",
        origin="imported:test",
    )


@pytest.fixture
def store(store_url):
    store = Store(store_url)
    yield store
    store.close()


def test_records_round_trip_and_a_reimport_replaces(store):
    records = OutletStore(store)
    records.replace("imported:test", [outlet("Æ Tidende", "tidende.example")], "a.csv", 0)
    records.replace("imported:test", [outlet("Ny Tidende", "ny.example")], "b.csv", 2)
    assert [o.name for o in records.outlets()] == ["Ny Tidende"]
    assert records.outlets()[0].sources["country"].name == "A dataset"
    [entry] = records.imports()
    assert (entry["file"], entry["outlets"], entry["skipped"]) == ("b.csv", 1, 2)


def test_each_import_raises_the_revision(store):
    records = OutletStore(store)
    first = records.revision()
    records.replace("imported:a", [outlet("A", "a.example")], "a.csv", 0)
    records.replace("imported:b", [outlet("B", "b.example")], "b.csv", 0)
    records.replace("imported:a", [], "a.csv", 0)
    assert records.revision() == first + 3
    assert [o.name for o in records.outlets()] == ["B"]


def test_a_failed_import_leaves_the_earlier_records_whole(store):
    records = OutletStore(store)
    records.replace("imported:test", [outlet("Kept", "kept.example")], "a.csv", 0)

    broken = [outlet("New", "new.example"), outlet("Bad", "bad.example")]
    broken[1].extra["x"] = object()  # json.dumps fails halfway through the rows
    with pytest.raises(TypeError):
        records.replace("imported:test", broken, "b.csv", 0)
    assert [o.name for o in records.outlets()] == ["Kept"]
    assert records.imports()[0]["file"] == "a.csv"


def test_migrations_are_recorded_once_even_when_workers_start_together(store_url):
    stores = [Store(store_url) for _ in range(4)]
    threads = [threading.Thread(target=s.migrate) for s in stores]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    with stores[0].engine.connect() as db:
        versions = db.scalars(text("SELECT version FROM masthead_schema ORDER BY version")).all()
    assert versions == [step[0] for step in migrations.STEPS]
    for s in stores:
        s.close()


def test_a_store_from_a_newer_masthead_is_refused(store):
    store.migrate()
    with store.engine.begin() as db:
        db.execute(
            text("INSERT INTO masthead_schema VALUES (:v, 'future', '2099-01-01')"),
            {"v": migrations.LATEST + 1},
        )
    with pytest.raises(StoreError, match="newer than this Masthead knows"):
        Store(store.url).migrate()


def test_reading_an_sqlite_store_never_imported_into_creates_nothing(tmp_path):
    records = OutletStore.in_dir(tmp_path)
    assert records.outlets() == [] and records.imports() == [] and records.revision() == 0
    assert list(tmp_path.iterdir()) == []


def test_an_sqlite_file_from_before_the_store_keeps_its_records(tmp_path):
    """The file `masthead outlets import` wrote before migrations existed."""
    db = sqlite3.connect(tmp_path / "outlets.sqlite3")
    db.executescript(
        "CREATE TABLE outlet (id INTEGER PRIMARY KEY, origin TEXT NOT NULL, record TEXT NOT NULL);"
        "CREATE TABLE import (origin TEXT PRIMARY KEY, file TEXT NOT NULL, imported_at TEXT NOT "
        "NULL, outlets INTEGER NOT NULL, skipped INTEGER NOT NULL);"
        """INSERT INTO outlet (origin, record) VALUES ('imported:x', '{"name": "Old", "domains":
        ["old.example"]}');"""
        "INSERT INTO import VALUES ('imported:x', 'old.csv', '2026-01-01T00:00:00', 1, 0);"
    )
    db.commit()
    db.close()
    records = OutletStore.in_dir(tmp_path)
    assert [o.name for o in records.outlets()] == ["Old"]
    assert records.revision() == 0
    records.replace("imported:y", [outlet("New", "new.example")], "new.csv", 0)
    assert records.revision() == 1


def test_an_unreachable_postgresql_is_a_clear_error_without_the_password():
    port = services.free_port()
    store = Store(f"postgresql://masthead:hunter2@127.0.0.1:{port}/masthead")
    problem = store.problem()
    assert problem and "127.0.0.1" in problem and "hunter2" not in problem
    with pytest.raises(StoreError) as caught:
        OutletStore(store).replace("imported:x", [], "x.csv", 0)
    assert "hunter2" not in str(caught.value)

"""The origin store behind its one interface, on SQLite and on PostgreSQL: the same statements,
the same answers. The matching never sees which one it talks to."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner
from postgres import postgres_server
from sqlalchemy import create_engine

from masthead.sdk.fingerprints import fingerprint
from masthead.server.cli import main
from masthead.server.origins import OriginIndex, OriginRecord
from masthead.server.origins.store import OriginStore, sqlite_engine
from origin_copies import REPORT_A, REPORT_B, article, excerpt


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def backend(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path_factory.mktemp('store') / 'origins.sqlite'}"
    else:
        with postgres_server() as url:
            yield url


@pytest.fixture
def index(backend: str) -> Iterator[OriginIndex]:
    engine = (
        sqlite_engine(backend.removeprefix("sqlite:///"))
        if backend.startswith("sqlite")
        else create_engine(backend)
    )
    store = OriginStore(engine)
    yield OriginIndex(store)
    with engine.begin() as conn:
        for table in ("origin_postings", "origin_articles", "origin_feeds"):
            conn.exec_driver_sql(f"DELETE FROM {table}")
    engine.dispose()


def test_add_lookup_replace_forget(index: OriginIndex) -> None:
    origin = article("uk__BBC_2024_08_01")
    published = datetime(2022, 10, 10, 13, 21, tzinfo=UTC)
    index.add(OriginRecord(origin.url, "BBC", origin.title, published), list(origin.paragraphs))
    gazette = index.add(OriginRecord("https://gazette.example/flood", "Gazette"), list(REPORT_A))
    (hit, *_) = index.candidates(fingerprint(excerpt(origin.paragraphs, 0.4)))
    assert hit.url == origin.url and hit.outlet == "BBC" and hit.domain == "bbc.com"
    assert hit.published == published and hit.overlap.contained == 1.0
    assert all(h.url != origin.url for h in index.candidates(fingerprint(REPORT_B)))

    record = OriginRecord(origin.url, "BBC News", origin.title, published)
    bbc = index.add(record, list(origin.paragraphs))  # the same URL again replaces it
    stats = index.store.stats()
    assert stats["articles"] == 2
    assert stats["postings"] == len(bbc.hashes) + len(gazette.hashes)
    assert index.store.by_url(origin.url).outlet == "BBC News"

    assert index.store.forget(outlet="bbc news") == 1
    assert index.candidates(fingerprint(origin.paragraphs)) == []
    assert index.store.forget(before=datetime.now(UTC) + timedelta(seconds=5)) == 1
    assert index.store.stats()["articles"] == 0 and index.store.stats()["postings"] == 0


def test_bulk_build_and_feed_state(index: OriginIndex) -> None:
    from masthead.server.origins.index import row

    prints = [fingerprint([p]).stored() for p in REPORT_A]
    rows = [
        (row(OriginRecord(f"https://bulk.example/{n}"), fp), fp.hashes)
        for n, fp in enumerate(prints)
    ]
    assert index.store.put_many(rows) == len(prints)
    (hit, *_) = index.candidates(fingerprint([REPORT_A[2]]))
    assert hit.url == "https://bulk.example/2"
    index.store.follow("https://feeds.example/rss", "Feeds")
    index.store.record_feed("https://feeds.example/rss", "Feeds", etag='"e1"', items=3)
    state = index.store.feed_state("https://feeds.example/rss")
    assert state["etag"] == '"e1"' and state["items"] == 3 and state["outlet"] == "Feeds"


def test_the_commands_use_the_configured_store(backend: str, tmp_path: Path) -> None:
    origin = article("ca__CBCNews_2024_08_08")
    page = tmp_path / "origin.html"
    page.write_text(origin.html, encoding="utf-8")
    config = tmp_path / "masthead.toml"
    config.write_text(
        f'[server]\ndata_dir = "{tmp_path / "data"}"\n[origins]\nstore_url = "{backend}"\n'
    )
    runner = CliRunner()
    added = runner.invoke(
        main, ["origins", "add", str(page), "--url", origin.url, "--config", str(config)]
    )
    assert added.exit_code == 0, added.output
    stats = json.loads(
        runner.invoke(main, ["origins", "stats", "--json", "--config", str(config)]).output
    )
    assert stats["articles"] == 1 and stats["outlets"][0]["domain"] == "cbc.ca"
    assert not (
        tmp_path / "data" / "origins.sqlite"
    ).exists()  # the configured store, not the default
    gone = runner.invoke(main, ["origins", "forget", "--url", origin.url, "--config", str(config)])
    assert gone.output.strip() == "forgot 1 article"

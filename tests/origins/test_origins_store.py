"""The origin store behind its one interface, on SQLite and on PostgreSQL: the same statements,
the same answers. The matching never sees which one it talks to."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from click.testing import CliRunner

from masthead.sdk.fingerprints import fingerprint
from masthead.server.cli import main
from masthead.server.origins import OriginIndex, OriginRecord
from masthead.server.origins.store import OriginStore
from masthead.server.store import Store
from masthead.server.store.engine import FILENAME
from origin_copies import REPORT_A, REPORT_B, article, excerpt


@pytest.fixture
def index(store_url: str) -> Iterator[OriginIndex]:
    """The index in the server's store: an SQLite file, then a real PostgreSQL database."""
    store = Store(store_url)
    yield OriginIndex(OriginStore(store))
    store.close()


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


def test_the_commands_use_the_configured_store(store_url: str, tmp_path: Path) -> None:
    origin = article("ca__CBCNews_2024_08_08")
    page = tmp_path / "origin.html"
    page.write_text(origin.html, encoding="utf-8")
    config = tmp_path / "masthead.toml"
    config.write_text(f'[server]\ndata_dir = "{tmp_path / "data"}"\n[store]\nurl = "{store_url}"\n')
    runner = CliRunner()
    added = runner.invoke(
        main, ["origins", "add", str(page), "--url", origin.url, "--config", str(config)]
    )
    assert added.exit_code == 0, added.output
    stats = json.loads(
        runner.invoke(main, ["origins", "stats", "--json", "--config", str(config)]).output
    )
    assert stats["articles"] == 1 and stats["outlets"][0]["domain"] == "cbc.ca"
    assert not (tmp_path / "data" / FILENAME).exists()  # the configured store, not the default
    gone = runner.invoke(main, ["origins", "forget", "--url", origin.url, "--config", str(config)])
    assert gone.output.strip() == "forgot 1 article"


def test_bulk_writes_share_buckets_replace_and_forget(index: OriginIndex) -> None:
    """Hashes of one postings bucket from several articles, written across transactions,
    replaced and forgotten: every lookup still counts each article's own hashes exactly."""
    from masthead.sdk.fingerprints import Fingerprint
    from masthead.server.origins.index import row
    from masthead.server.origins.store import BUCKET_BITS

    base = 5 << BUCKET_BITS  # all in one bucket, and one hash in the next
    a = Fingerprint((base + 1, base + 2, base + 3, base + 4), 16)
    b = Fingerprint((base + 2, base + 3, base + 4, base + (1 << BUCKET_BITS) + 9), 16)
    urls = [f"https://b{n}.example/x" for n in range(3)]
    rows = [(row(OriginRecord(u), fp), fp.hashes) for u, fp in zip(urls, (a, b, a), strict=True)]
    assert index.store.put_many(rows, batch=2) == 3  # two transactions
    ids = [index.store.by_url(u).id for u in urls]  # type: ignore[union-attr]
    assert index.store.hits(b.hashes, common=64) == {ids[0]: 3, ids[1]: 4, ids[2]: 3}
    assert index.store.hits(b.hashes, common=2) == {ids[1]: 1}  # held by three: stock phrase

    index.store.put_many([(row(OriginRecord(urls[0]), b), b.hashes)])  # replaced by URL
    again = index.store.by_url(urls[0])
    assert again is not None and again.id not in ids
    assert index.store.hits(a.hashes, common=64) == {again.id: 3, ids[1]: 3, ids[2]: 4}
    assert index.store.stats()["postings"] == 12

    assert index.store.forget(url=urls[1]) == 1
    assert index.store.hits(b.hashes, common=64) == {again.id: 4, ids[2]: 3}
    assert index.store.stats()["postings"] == 8 and index.store.stats()["articles"] == 2


def test_the_old_origins_store_url_setting_says_where_it_went(tmp_path: Path) -> None:
    config = tmp_path / "masthead.toml"
    config.write_text('[origins]\nstore_url = "postgresql://db.internal/masthead"\n')
    result = CliRunner().invoke(main, ["origins", "stats", "--config", str(config)])
    assert result.exit_code != 0
    assert "set `url` under [store]" in result.output and "Traceback" not in result.output

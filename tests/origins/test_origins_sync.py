"""`masthead origins sync` against a real loopback server: real feeds, real corpus pages, and
every kind of broken feed, each a clear per-feed error while the rest syncs."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest
from click.testing import CliRunner, Result

from feed_server import ATOM_ITEMS, RSS_ITEMS, SITEMAP_ITEMS, feed_server
from masthead.server.cli import main
from masthead.server.origins.config import USER_AGENT
from origin_copies import article, excerpt, template
from support import http

BROKEN = {
    "/broken/500.xml": "HTTP 500",
    "/broken/invalid.xml": "not a valid feed",
    "/broken/huge.xml": "over the cap of 5,242,880 bytes",
    "/broken/loop-a": "redirect loop",
    "/broken/slow.xml": "timed out after 1 s",
    "/private/feed.xml": "robots.txt disallows",
}


def run(config: Path, *args: str) -> Result:
    return CliRunner().invoke(main, [*args, "--config", str(config)])


def write_config(tmp_path: Path, base: str, paths: list[str], private: bool = True) -> Path:
    feeds = ", ".join(f'{{url = "{base}{p}", outlet = "Feed {i}"}}' for i, p in enumerate(paths))
    path = tmp_path / "masthead.toml"
    path.write_text(
        f'[server]\ndata_dir = "{tmp_path / "data"}"\n\n[origins]\nfeeds = [{feeds}]\n'
        f"allow_private_networks = {str(private).lower()}\nhost_interval = 0\ntimeout = 1.0\n"
    )
    return path


def test_sync_indexes_feeds_then_fetches_nothing_new(tmp_path: Path) -> None:
    with feed_server() as (base, requests):
        config = write_config(tmp_path, base, ["/rss.xml", "/atom.xml", "/news-sitemap.xml"])
        first = run(config, "origins", "sync")
        assert first.exit_code == 0, first.output
        assert (
            f"Feed 0 <{base}/rss.xml>: {len(RSS_ITEMS)} new, 0 already indexed, 1 skipped"
            in first.output
        )
        assert "not HTML (image/jpeg)" in first.output
        assert f"Feed 1 <{base}/atom.xml>: {len(ATOM_ITEMS)} new" in first.output
        assert f"Feed 2 <{base}/news-sitemap.xml>: {len(SITEMAP_ITEMS)} new" in first.output
        assert {agent for _, agent in requests} == {USER_AGENT}
        assert ("/robots.txt", USER_AGENT) in requests

        requests.clear()
        second = run(config, "origins", "sync")
        assert second.exit_code == 0, second.output
        assert f"Feed 0 <{base}/rss.xml>: not modified" in second.output
        assert f"Feed 1 <{base}/atom.xml>: not modified" in second.output
        assert not [p for p, _ in requests if p.startswith("/articles/")]

    stats = json.loads(run(config, "origins", "stats", "--json").output)
    assert stats["articles"] == len(RSS_ITEMS) + len(ATOM_ITEMS) + len(SITEMAP_ITEMS)
    assert stats["by_via"] == {"feed": stats["articles"]}
    assert {f["url"].removeprefix(base) for f in stats["feeds"]} >= {"/rss.xml", "/atom.xml"}


def test_each_broken_feed_fails_by_name_and_the_rest_syncs(tmp_path: Path) -> None:
    with feed_server() as (base, _):
        config = write_config(tmp_path, base, [*BROKEN, "/rss.xml"])
        result = run(config, "origins", "sync")
    assert result.exit_code == 1
    lines = result.output.splitlines()
    for position, (path, reason) in enumerate(BROKEN.items()):
        (line,) = [ln for ln in lines if ln.startswith(f"Feed {position} <{base}{path}>")]
        assert ": FAILED — " in line and reason in line, line
    assert f"Feed {len(BROKEN)} <{base}/rss.xml>: {len(RSS_ITEMS)} new" in result.output
    assert f"{len(BROKEN)} of {len(BROKEN) + 1} feeds failed" in result.output


def test_loopback_is_refused_unless_the_operator_allows_it(tmp_path: Path) -> None:
    with feed_server() as (base, requests):
        config = write_config(tmp_path, base, ["/rss.xml"], private=False)
        result = run(config, "origins", "sync")
    assert result.exit_code == 1
    assert "refusing 127.0.0.1: it resolves to 127.0.0.1, a loopback address" in result.output
    assert requests == []


def test_follow_adds_a_feed_the_next_sync_reads(tmp_path: Path) -> None:
    with feed_server() as (base, _):
        config = write_config(tmp_path, base, [])
        followed = run(config, "origins", "follow", f"{base}/atom.xml", "--outlet", "Atom Outlet")
        assert followed.exit_code == 0 and "following" in followed.output
        result = run(config, "origins", "sync")
    assert f"Atom Outlet <{base}/atom.xml>: {len(ATOM_ITEMS)} new" in result.output


@pytest.mark.parametrize("bad", ["feeds = [3]", "timeout = -1", "colour = 'red'"])
def test_bad_origins_settings_stop_with_a_reason(tmp_path: Path, bad: str) -> None:
    config = tmp_path / "bad.toml"
    config.write_text(f"[origins]\n{bad}\n")
    result = run(config, "origins", "stats")
    assert result.exit_code == 2 and "[origins]" in result.output


def test_serve_syncs_in_the_background_and_finds_copies(start_server) -> None:
    origin = article(RSS_ITEMS[0])
    copy = template("Daily Echo", "A headline of our own", excerpt(origin.paragraphs, 0.5))
    with feed_server() as (base, _):
        config = (
            f'[origins]\nfeeds = [{{url = "{base}/rss.xml", outlet = "Loopback"}}]\n'
            "allow_private_networks = true\nhost_interval = 0\n"
        )
        server = start_server("--sync-every", "30m", config=config)
        assert any("syncing followed feeds every 30m" in line for line in server.output)
        deadline = time.monotonic() + 60
        found: list[dict] = []
        while not found and time.monotonic() < deadline:
            time.sleep(0.5)
            _, body, _ = http(
                "POST",
                server.url + "/api/v1/analyze",
                {"url": f"https://echo.example/{time.monotonic()}", "html": copy},
            )
            found = [a for a in body["annotations"] if a["kind"] == "text-origin"]
    assert found, "the background sync never indexed the feed"
    assert found[0]["data"]["origin_url"] == f"{base}/articles/{RSS_ITEMS[0]}.html"
    assert found[0]["data"]["origin_outlet"] == "Loopback"

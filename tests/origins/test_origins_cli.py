"""`masthead origins` as an operator runs it, and a real server reading the index it filled."""

from __future__ import annotations

import json
from pathlib import Path

from click.testing import CliRunner, Result

from masthead.server.cli import main
from masthead.server.store.engine import FILENAME
from origin_copies import article, excerpt, template
from support import http

ORIGIN = "ca__GlobalNews_2026_05_24"


def masthead(data: Path, *args: str) -> Result:
    """The real command, in this process (a subprocess costs seconds on a busy machine)."""
    return CliRunner().invoke(main, list(args), env={"XDG_DATA_HOME": str(data)})


def test_add_then_serve_finds_an_unmarked_excerpt(tmp_path: Path, start_server) -> None:
    origin = article(ORIGIN)
    page = tmp_path / "origin.html"
    page.write_text(origin.html, encoding="utf-8")
    data = tmp_path / "data"
    added = masthead(
        data, "origins", "add", str(page), "--url", origin.url,
        "--published", origin.published, "--outlet", "Global News",
    )  # fmt: skip
    assert added.exit_code == 0, added.output
    assert added.output.startswith(f"indexed {origin.url}: ")
    assert (data / "masthead" / FILENAME).exists()  # the server's one store

    server = start_server()  # a real `masthead serve` on the same data dir
    copy = template("Daily Echo", "Missiles hit Kyiv", excerpt(origin.paragraphs, 0.4))
    status, body, _ = http(
        "POST",
        server.url + "/api/v1/analyze",
        {"url": "https://daily-echo.example/k", "html": copy},
    )
    assert status == 200
    (found,) = [a for a in body["annotations"] if a["kind"] == "text-origin"]
    assert found["data"]["origin_url"] == origin.url
    assert found["data"]["origin_outlet"] == "Global News"
    assert found["data"]["variant"] == "excerpt"

    stats = json.loads(masthead(data, "origins", "stats", "--json").output)
    assert stats["articles"] == 1 and stats["by_via"] == {"manual": 1}
    assert stats["outlets"][0]["domain"] == "globalnews.ca"
    assert "1 articles (1 manual)" in masthead(data, "origins", "stats").output

    gone = masthead(data, "origins", "forget", "--outlet", "global news")
    assert gone.exit_code == 0 and gone.output.strip() == "forgot 1 article"
    assert json.loads(masthead(data, "origins", "stats", "--json").output)["articles"] == 0


def test_the_index_keeps_no_article_text(tmp_path: Path) -> None:
    origin = article(ORIGIN)
    page = tmp_path / "origin.html"
    page.write_text(origin.html, encoding="utf-8")
    data = tmp_path / "data"
    assert masthead(data, "origins", "add", str(page), "--url", origin.url).exit_code == 0
    stored = b"".join(p.read_bytes() for p in (data / "masthead").glob(f"{FILENAME}*"))
    assert origin.url.encode() in stored
    for paragraph in origin.paragraphs[1:6]:
        assert " ".join(paragraph.split()[:4]).encode() not in stored


def test_bad_input_gets_a_clear_error(tmp_path: Path) -> None:
    page = tmp_path / "empty.html"
    page.write_text("<html><body><p>Too short.</p></body></html>")
    data = tmp_path / "data"
    short = masthead(data, "origins", "add", str(page), "--url", "https://a.example/x")
    assert short.exit_code == 1 and "too little article text" in short.output
    when = ("--published", "last week")
    date = masthead(data, "origins", "add", str(page), "--url", "https://a.example/x", *when)
    assert date.exit_code == 2 and "not an ISO 8601 time" in date.output
    nothing = masthead(data, "origins", "forget")
    assert nothing.exit_code == 2 and "say what to forget" in nothing.output

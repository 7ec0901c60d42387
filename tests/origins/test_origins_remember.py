"""Remembering analysed pages: off by default; on, a later copy elsewhere links to the earlier."""

from __future__ import annotations

from pathlib import Path

from masthead.server.app import create_app
from masthead.server.config import Config
from masthead.server.origins.config import OriginsConfig
from origin_copies import article, template
from support import http

ORIGIN = "uk__DailyStar_2024_04_23"


def analyse(server_url: str, url: str, html: str) -> list[dict]:
    status, body, _ = http("POST", server_url + "/api/v1/analyze", {"url": url, "html": html})
    assert status == 200
    return [a for a in body["annotations"] if a["kind"] == "text-origin"]


def test_remembered_page_is_the_origin_of_a_later_copy(tmp_path: Path, serve_app) -> None:
    config = Config(data_dir=tmp_path, origins=OriginsConfig(remember_analysed=True))
    server = serve_app(create_app(config))
    origin = article(ORIGIN)
    assert analyse(server.url, origin.url, origin.html) == []
    copy = template("Daily Echo", "Retitled", origin.paragraphs)
    (found,) = analyse(server.url, "https://daily-echo.example/copy", copy)
    assert found["data"]["origin_url"] == origin.url
    assert found["data"]["origin_published"] is None  # only the fingerprint, URL and time


def test_off_by_default_nothing_is_kept(tmp_path: Path, serve_app) -> None:
    server = serve_app(create_app(Config(data_dir=tmp_path)))
    origin = article(ORIGIN)
    analyse(server.url, origin.url, origin.html)
    assert (
        analyse(
            server.url, "https://daily-echo.example/copy", template("E", "T", origin.paragraphs)
        )
        == []
    )
    assert not list(tmp_path.iterdir())

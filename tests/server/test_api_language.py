"""The reader's language over a real `masthead serve`: `Accept-Language` picks the notices'
words, the answer says which it picked, and the result cache keeps each language apart."""

from __future__ import annotations

import pytest

import support
from masthead.server.schemas import AnalyzeResponseSchema
from support import http

SEED_URL = support.seed()[1]["url"]


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    server = support.start_masthead(data_dir=tmp_path_factory.mktemp("data"))
    yield server
    server.stop()


def analyze(live, html: str, accept_language: str | None = None, w3c: bool = False):
    headers = {"Accept-Language": accept_language} if accept_language is not None else {}
    url = live.url + "/api/v1/analyze" + ("?format=w3c" if w3c else "")
    status, doc, response_headers = http(
        "POST", url, {"url": SEED_URL, "html": html}, headers=headers
    )
    assert status == 200, doc
    return doc, response_headers


def notice(doc: dict) -> dict:
    return next(a for a in doc["annotations"] if a["kind"] == "republication")


def test_a_german_reader_gets_german_notices(live, seed_html) -> None:
    doc, headers = analyze(live, seed_html, "de-DE,de;q=0.9,en;q=0.8")
    assert AnalyzeResponseSchema().validate(doc) == {}
    assert doc["language"] == "de" and headers["Content-Language"] == "de"
    assert "Accept-Language" in headers["Vary"]
    assert notice(doc)["title"] == (
        "Wiederveröffentlicht – zuerst veröffentlicht von RT International (rt.com)"
    )
    assert "staatlich kontrollierte Medien (State Media Monitor)" in notice(doc)["text"]
    titles = {a["kind"]: a["title"] for a in doc["annotations"]}
    assert titles["byline"] == "Autorenzeile" and titles["site"] == "Website"


@pytest.mark.parametrize(
    ("header", "language", "title"),
    [
        (None, "en", "Republished — first published by RT International (rt.com)"),
        ("pt-BR,pt;q=0.9", "en", "Republished — first published by RT International (rt.com)"),
        ("fr-CA,fr;q=0.9", "fr", "Republié — publié d'abord par RT International (rt.com)"),
        ("es", "es", "Republicado — publicado primero por RT International (rt.com)"),
        ("de;q=0, es;q=0.3", "es", "Republicado — publicado primero por RT International (rt.com)"),
        ("\u00e4\u00f6;;q==", "en", "Republished — first published by RT International (rt.com)"),
    ],
)
def test_each_header_gets_one_supported_language(live, seed_html, header, language, title):
    doc, headers = analyze(live, seed_html, header)
    assert doc["language"] == language and headers["Content-Language"] == language
    assert notice(doc)["title"] == title


def test_the_cache_keeps_each_language_apart(live, seed_html) -> None:
    html = seed_html + "<!-- the cache test's own copy -->"
    german, _ = analyze(live, html, "de")
    english, _ = analyze(live, html, "en")
    assert german["cached"] is False and english["cached"] is False
    assert notice(german)["title"] != notice(english)["title"]
    again, _ = analyze(live, html, "de-AT")  # another header, the same language: a hit
    assert again["cached"] is True and again["language"] == "de"
    assert again["annotations"] == german["annotations"]
    # The language changes the words only: the same findings, in the same places.
    assert [(a["id"], a["target"]) for a in german["annotations"]] == [
        (a["id"], a["target"]) for a in english["annotations"]
    ]


def test_the_w3c_collection_is_worded_the_same(live, seed_html) -> None:
    doc, headers = analyze(live, seed_html, "fr", w3c=True)
    assert headers["Content-Language"] == "fr"
    bodies = [b for item in doc["first"]["items"] for b in item["body"] if "value" in b]
    assert {b["language"] for b in bodies} == {"fr"}
    assert any(b["value"].startswith("Russia · détenu par ANO TV-Novosti") for b in bodies)

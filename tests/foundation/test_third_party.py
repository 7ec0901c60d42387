"""A plugin from another package, pip-installed beside Masthead, is listed and used by the server.

`examples/masthead-reading-time` only imports `masthead.sdk`; the running server finds it through
the `masthead` entry-point group, passes it its config section, and returns its badge.
"""

from __future__ import annotations

import json
import math
import urllib.request
from pathlib import Path

import pytest

from foundation.venvs import copy_tree
from support import ROOT

pytestmark = pytest.mark.slow

EXAMPLE = ROOT / "examples" / "masthead-reading-time"
SENTENCE = "Volunteers counted every bird on the estuary at dawn. "  # nine words
ARTICLE = f"""<!doctype html><html><head><title>Bird count</title></head><body>
<nav>{"".join(f'<a href="/topic/{i}">Topic {i} and more</a> ' for i in range(30))}</nav>
<h1>Estuary bird count finds more waders</h1>
<article>{"".join(f"<p>{SENTENCE * 5}</p>" for _ in range(8))}</article>
<footer><p>Example Estuary Trust, registered charity. All rights reserved.</p></footer>
</body></html>"""  # 8 paragraphs of 45 words: 360 words in the article


@pytest.fixture(scope="module")
def installed(venv, tmp_path_factory) -> Path:
    """The example installed into the session venv from a clean copy, with its test extra."""
    source = copy_tree(EXAMPLE, tmp_path_factory.mktemp("example") / EXAMPLE.name)
    venv.pip_install(f"{source}[test]")
    return source


def call(base: str, path: str, body: dict | None = None) -> dict:
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        base + path, data=data, headers={"Content-Type": "application/json"}
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        assert response.status == 200
        return json.load(response)


def badges(document: dict) -> list[dict]:
    return [a for a in document["annotations"] if a["plugin"] == "reading-time"]


def test_server_lists_and_runs_the_installed_plugin(venv, installed, start_server, seed_html):
    base = start_server(masthead=venv.bin("masthead")).url
    listing = {p["name"]: p for p in call(base, "/api/v1/plugins")["plugins"]}
    plugin = listing["reading-time"]
    assert (plugin["status"], plugin["version"], plugin["error"]) == ("loaded", "0.1.0", None)
    assert {"masthead_detect", "masthead_startup"} <= set(plugin["hooks"])

    url = "https://21stcenturywire.com/2023/05/12/can-china-rebuff-natos-courtship-of-japan/"
    document = call(base, "/api/v1/analyze", {"url": url, "html": seed_html})
    run = next(r for r in document["plugins"] if r["name"] == "reading-time")
    assert run["status"] == "ok", run
    (badge,) = badges(document)
    assert badge["kind"] == "reading-time" and badge["display"] == "badge"
    assert badge["id"] == "reading-time/reading-time/0"
    assert badge["data"]["words"] > 300
    assert badge["data"]["minutes"] == math.ceil(badge["data"]["words"] / 238)
    assert badge["target"]["selectors"]


def test_operator_config_reaches_the_plugin(venv, installed, start_server):
    config = """
        [plugins]
        enabled = ["reading-time"]
        [plugins.reading-time]
        words_per_minute = 100
    """
    base = start_server(config=config, masthead=venv.bin("masthead")).url
    listing = {p["name"]: p["status"] for p in call(base, "/api/v1/plugins")["plugins"]}
    assert listing["reading-time"] == "loaded"
    assert {s for n, s in listing.items() if n != "reading-time"} <= {"disabled"}
    page = {"url": "https://birds.example.org/count", "html": ARTICLE}
    document = call(base, "/api/v1/analyze", page)
    assert [r["name"] for r in document["plugins"]] == ["reading-time"]
    (badge,) = badges(document)
    assert badge["data"] == {"words": 360, "minutes": 4}  # 360 words at 100 a minute
    assert badge["title"] == "4 min read"


def test_the_examples_own_tests_pass_against_the_installed_package(venv, installed):
    result = venv.run("python", "-m", "pytest", "-q", "-p", "no:cacheprovider", cwd=installed)
    assert " passed" in result.stdout and "failed" not in result.stdout, result.stdout

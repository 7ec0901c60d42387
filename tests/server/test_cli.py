"""The `masthead` command as a user runs it."""

from __future__ import annotations

import json
import subprocess

from support import MASTHEAD, SEED_HTML


def masthead(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(MASTHEAD), *args], input=stdin, capture_output=True, text=True, timeout=60
    )


def test_analyze_json_uses_the_canonical_url():
    result = masthead("analyze", str(SEED_HTML), "--json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["page"]["url"].startswith("https://21stcenturywire.com/2023/05/12/")
    assert doc["page"]["site_name"] == "21st Century Wire"


def test_analyze_summary_from_stdin_with_url():
    html = "<html><head><title>Stdin page</title></head><body><p>Words.</p></body></html>"
    result = masthead("analyze", "-", "--url", "https://news.example.co.uk/a", stdin=html)
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[0] == "Stdin page"
    assert "(example.co.uk)" in result.stdout


def test_analyze_refuses_a_page_too_deep_to_parse(tmp_path):
    page = tmp_path / "deep.html"
    page.write_text("<div>" * 5000)
    result = masthead("analyze", str(page))
    assert result.returncode == 1 and "deeper than" in result.stderr


def test_plugins_json_lists_the_builtins():
    result = masthead("plugins", "--json")
    assert result.returncode == 0, result.stderr
    names = {p["name"]: p for p in json.loads(result.stdout)["plugins"]}
    assert {"attribution", "promo", "republication"} <= set(names)
    assert all(p["status"] == "loaded" for p in names.values())

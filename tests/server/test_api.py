"""The HTTP API over a real `masthead serve` process."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

import support
from masthead.server.schemas import AnalyzeResponseSchema
from support import http

SEED_URL = "https://21stcenturywire.com/2023/05/12/can-china-rebuff-natos-courtship-of-japan/"


@pytest.fixture
def live(start_server):
    return start_server()


def test_seed_page_facts(live, seed_html):
    status, doc, headers = http(
        "POST", live.url + "/api/v1/analyze", {"url": SEED_URL, "html": seed_html}
    )
    assert status == 200, doc
    assert AnalyzeResponseSchema().validate(doc) == {}
    page = doc["page"]
    assert page["domain"] == "21stcenturywire.com"
    assert page["canonical"] == SEED_URL
    assert page["site_name"] == "21st Century Wire"
    assert page["publisher"] == "21st Century Wire"
    assert {"Article", "WebSite"} <= set(page["jsonld_types"])
    assert {p["name"] for p in doc["plugins"]} >= {"attribution", "promo", "republication"}
    assert headers["Cache-Control"] == "no-store"
    for annotation in doc["annotations"]:
        assert annotation["id"].startswith(annotation["plugin"] + "/")


def test_same_content_is_served_from_cache(live, seed_html):
    body = {"url": SEED_URL, "html": seed_html}
    first = http("POST", live.url + "/api/v1/analyze", body)[1]
    second = http("POST", live.url + "/api/v1/analyze", body)[1]
    assert first["cached"] is False and second["cached"] is True
    assert first["annotations"] == second["annotations"]
    changed = http("POST", live.url + "/api/v1/analyze", {**body, "html": seed_html + " "})[1]
    assert changed["cached"] is False


def test_w3c_collection(live, seed_html):
    status, doc, headers = http(
        "POST", live.url + "/api/v1/analyze?format=w3c", {"url": SEED_URL, "html": seed_html}
    )
    assert status == 200
    assert headers["Content-Type"].startswith("application/ld+json")
    assert doc["type"] == "AnnotationCollection"
    assert doc["total"] == len(doc["first"]["items"])


def test_openapi_is_generated_from_schemas(live):
    status, doc, _ = http("GET", live.url + "/api/v1/openapi.json")
    assert status == 200 and doc["openapi"].startswith("3.")
    schemas = doc["components"]["schemas"]
    assert {"AnalyzeRequest", "AnalyzeResponse", "Annotation", "Error"} <= set(schemas)
    assert schemas["Annotation"]["properties"]["display"]["enum"] == [
        "banner",
        "highlight",
        "collapse",
        "badge",
        "none",
    ]
    assert "/api/v1/analyze" in doc["paths"]


def test_unknown_route_is_json(live):
    status, doc, _ = http("GET", live.url + "/api/v2/nothing")
    assert status == 404 and doc["error"]["code"] == "not_found"


def test_cors_only_for_configured_origins(start_server):
    server = start_server(config='[server]\ncors_origins = ["https://allowed.example"]\n')
    good = http(
        "OPTIONS",
        server.url + "/api/v1/analyze",
        headers={"Origin": "https://allowed.example", "Access-Control-Request-Method": "POST"},
    )[2]
    bad = http(
        "OPTIONS",
        server.url + "/api/v1/analyze",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )[2]
    assert good.get("Access-Control-Allow-Origin") == "https://allowed.example"
    assert "Access-Control-Allow-Origin" not in bad


def test_empty_allow_list_runs_no_plugin(start_server, seed_html):
    server = start_server(config="[plugins]\nenabled = []\n")
    doc = http("POST", server.url + "/api/v1/analyze", {"url": SEED_URL, "html": seed_html})[1]
    assert doc["plugins"] == [] and doc["annotations"] == []


def test_refuses_public_bind_without_token():
    result = subprocess.run(
        [sys.executable, "-m", "masthead.server.cli", "serve", "--host", "0.0.0.0"],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2
    assert "refusing to listen on 0.0.0.0" in result.stderr and "token" in result.stderr


def test_plugin_that_fails_to_import_is_listed_and_server_starts(start_server, tmp_path):
    site = support.install_plugin(
        tmp_path / "site", "broken", "raise ImportError('needs a module that is missing')\n"
    )
    server = start_server(env={"PYTHONPATH": str(site)})
    status, doc, _ = http("GET", server.url + "/api/v1/plugins")
    broken = next(p for p in doc["plugins"] if p["name"] == "broken")
    assert broken["status"] == "failed" and "needs a module" in broken["error"]
    status, doc, _ = http(
        "POST", server.url + "/api/v1/analyze", {"url": "https://a.example/", "html": "<p>hi</p>"}
    )
    assert status == 200
    assert next(p for p in doc["plugins"] if p["name"] == "broken")["status"] == "skipped"


def test_config_file_errors_are_explained(tmp_path):
    bad = tmp_path / "bad.toml"
    bad.write_text(
        textwrap.dedent("""
        [server]
        prot = 1
    """)
    )
    result = subprocess.run(
        [sys.executable, "-m", "masthead.server.cli", "serve", "--config", str(bad)],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 2 and "unknown setting(s) in [server]: prot" in result.stderr

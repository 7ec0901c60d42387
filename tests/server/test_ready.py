"""The metrics endpoint (readiness when Redis or PostgreSQL goes away: `test_team.py`)."""

from __future__ import annotations

import uuid

import pytest

import support

TOKEN = "ready-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}


def analyze(server, marker: str) -> dict:
    html = (
        "<html><body><article><h1>Ferry</h1><p>The ferry runs again after the storm, the "
        "harbour office said on Monday.</p><p>This article was originally published by "
        f"Nordhavn Tidende.</p><!-- {marker} --></article></body></html>"
    )
    status, document, _ = support.http(
        "POST",
        server.url + "/api/v1/analyze",
        {"url": "https://paper.example/ferry", "html": html},
        headers=AUTH,
    )
    assert status == 200, document
    return document


@pytest.fixture
def metered(start_server):
    return start_server(config=f'[server]\ntoken = "{TOKEN}"\n')


def test_metrics_count_requests_plugins_and_cache_without_urls(metered):
    marker = uuid.uuid4().hex
    analyze(metered, marker)
    analyze(metered, marker)
    assert support.http("GET", metered.url + "/metrics")[0] == 401
    status, _, headers = support.http("GET", metered.url + "/metrics", headers=AUTH)
    assert status == 200 and headers["Content-Type"].startswith("text/plain")
    import http.client

    connection = http.client.HTTPConnection("127.0.0.1", int(metered.url.rsplit(":", 1)[1]))
    connection.request("GET", "/metrics", headers=AUTH)
    text = connection.getresponse().read().decode()
    connection.close()
    assert 'masthead_requests_total{endpoint="api.analyze",status="200"} 2.0' in text
    assert 'masthead_cache_lookups_total{result="hit"} 1.0' in text
    assert 'masthead_plugin_seconds_bucket{le="0.005",plugin="promo"}' in text or (
        'masthead_plugin_seconds_bucket{plugin="promo",le="0.005"}' in text
    )
    assert "masthead_analysis_seconds_count 1.0" in text
    assert "paper.example" not in text and "ferry" not in text.lower() and marker not in text


def test_metrics_can_be_opened_to_a_scraper(start_server):
    server = start_server(config=f'[server]\ntoken = "{TOKEN}"\nopen_metrics = true\n')
    assert support.http("GET", server.url + "/metrics")[0] == 200
    assert support.http("GET", server.url + "/api/v1/plugins")[0] == 401

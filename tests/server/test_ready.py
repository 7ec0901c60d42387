"""Readiness when Redis or PostgreSQL goes away and comes back, and the metrics endpoint."""

from __future__ import annotations

import subprocess
import time
import uuid

import pytest

import support

TOKEN = "ready-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
MATRIX = (
    "Region,Country,Media company,Main assets,URL,Typology,Status,Notes\n"
    "Europe,Norway,Nordhavn Media,Nordhavn Tidende,https://nordhavn-tidende.example/,SC,,\n"
)


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


def ready(server) -> tuple[int, dict]:
    status, body, _ = support.http("GET", server.url + "/api/v1/ready")
    return status, body


def wait_ready(server, timeout: float = 20) -> None:
    deadline = time.monotonic() + timeout
    while ready(server)[0] != 200:
        assert time.monotonic() < deadline, ready(server)
        time.sleep(0.3)


def known(document: dict) -> bool:
    return next(a for a in document["annotations"] if a["kind"] == "republication")["data"]["known"]


def test_redis_and_postgresql_down_and_back(tmp_path, own_redis, own_postgres):
    import services

    store_url = services.new_database(own_postgres.url)
    config = tmp_path / "masthead.toml"
    config.write_text(
        f'[server]\ntoken = "{TOKEN}"\n[store]\nurl = "{store_url}"\n'
        f'[cache]\nurl = "{own_redis.url}"\n'
    )
    csv = tmp_path / "matrix.csv"
    csv.write_text(MATRIX)
    imported = subprocess.run(
        [
            str(support.MASTHEAD),
            "outlets",
            "import",
            str(csv),
            "--format",
            "state-media-matrix",
            "--config",
            str(config),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert imported.returncode == 0, imported.stderr
    server = support.start_masthead("--config", str(config), data_dir=tmp_path / "data")
    try:
        assert ready(server) == (200, {"status": "ready"})
        assert known(analyze(server, "warm"))

        own_redis.stop()
        document = analyze(server, "redis-down")
        assert document["cached"] is False and known(document)
        status, body = ready(server)
        assert status == 503 and set(body["down"]) == {"cache"}, body
        own_redis.start()
        wait_ready(server)
        marker = uuid.uuid4().hex
        analyze(server, marker)
        assert analyze(server, marker)["cached"] is True  # the cache is used again

        own_postgres.stop()
        document = analyze(server, "postgres-down")
        assert known(document)  # the records last read still serve
        status, body = ready(server)
        assert status == 503 and "store" in body["down"] and "cache" not in body["down"], body
        assert "127.0.0.1" in body["down"]["store"]
        own_postgres.resume()
        wait_ready(server)
        assert known(analyze(server, "postgres-back"))
    finally:
        server.stop()
    shown = subprocess.run(
        [
            str(support.MASTHEAD),
            "outlets",
            "show",
            "nordhavn-tidende.example",
            "--config",
            str(config),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert shown.returncode == 0 and "Nordhavn Tidende" in shown.stdout  # nothing was lost


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

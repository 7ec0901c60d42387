"""Graceful shutdown: SIGTERM while a page is being analysed still answers that request."""

from __future__ import annotations

import threading
import time

import pytest

import support

MARKER = "masthead-slow-marker"


@pytest.fixture
def slow_plugin_path(tmp_path):
    """A real installed plugin that takes 2 s on a marked page."""
    return str(support.install_sleeping_plugin(tmp_path / "site", "slow-test", MARKER, 2))


@pytest.mark.parametrize("workers", ["1", "2"])
def test_sigterm_lets_the_request_in_flight_finish(tmp_path, slow_plugin_path, workers):
    server = support.start_masthead(
        "--workers", workers, data_dir=tmp_path / "data", env={"PYTHONPATH": slow_plugin_path}
    )
    warm = {"url": "https://a.example/", "html": "<p>warm</p>"}
    for _ in range(4):  # every worker has booted and answered once
        assert support.http("POST", server.url + "/api/v1/analyze", warm)[0] == 200
    answer: dict[str, object] = {}

    def post() -> None:
        html = f"<html><body><p>{MARKER}</p></body></html>"
        status, document, _ = support.http(
            "POST", server.url + "/api/v1/analyze", {"url": "https://a.example/", "html": html}
        )
        answer["status"], answer["document"] = status, document

    client = threading.Thread(target=post)
    client.start()
    time.sleep(0.8)  # the slow plugin is sleeping now
    assert server.process is not None
    server.process.terminate()
    client.join(15)
    assert answer.get("status") == 200, (answer, "".join(server.output))
    runs = {run["name"]: run for run in answer["document"]["plugins"]}
    assert runs["slow-test"]["status"] == "ok"
    assert runs["slow-test"]["ms"] >= 1900  # it really was sleeping when SIGTERM came
    assert server.process.wait(15) == 0
    assert "stopped" in "".join(server.output) or workers == "2"

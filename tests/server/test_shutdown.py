"""Graceful shutdown: SIGTERM while a page is being analysed still answers that request."""

from __future__ import annotations

import threading
import time

import pytest

import support

SLOW_PLUGIN = """
import time

def masthead_detect(page):
    if "masthead-slow-marker" in page.html:
        time.sleep(2)
    return []
"""


@pytest.fixture
def slow_plugin_path(tmp_path):
    """A real installed plugin (a module and its dist-info entry point) that takes 2 s."""
    folder = tmp_path / "site"
    info = folder / "masthead_slow_test-0.1.dist-info"
    info.mkdir(parents=True)
    (folder / "masthead_slow_test.py").write_text(SLOW_PLUGIN)
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: masthead-slow-test\nVersion: 0.1\n"
    )
    (info / "entry_points.txt").write_text("[masthead]\nslow-test = masthead_slow_test\n")
    return str(folder)


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
        html = "<html><body><p>masthead-slow-marker</p></body></html>"
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
    assert answer.get("status") == 200, answer
    runs = {run["name"]: run["status"] for run in answer["document"]["plugins"]}
    assert runs["slow-test"] == "ok"
    assert server.process.wait(15) == 0
    assert "stopped" in "".join(server.output) or workers == "2"

"""A real `masthead serve` with one worker thread, a plugin that takes seconds, one whose
`masthead_startup` never returns, and clients that send a byte every second: the server still
starts, `/health` and `/ready` still answer at once, and the slow client is cut off with a 408
while everyone else is served."""

from __future__ import annotations

import json
import socket
import subprocess
import threading
import time
from urllib.parse import urlsplit

import pytest

import support

PLUGINS = """
import threading, time
from masthead.sdk import hookimpl

class Sleepy:
    @hookimpl
    def masthead_detect(self, page):
        if "masthead-sleepy" in page.text:
            time.sleep(3)
        return [{"kind": "awake"}]

class Stuck:
    @hookimpl
    def masthead_startup(self, settings):
        threading.Event().wait()  # never returns

    @hookimpl
    def masthead_detect(self, page):
        return [{"kind": "stuck-ran"}]

sleepy, stuck = Sleepy(), Stuck()
"""
CONFIG = """
[server]
threads = 1
plugin_timeout = 10.0
read_timeout = 3.0
cache_entries = 0

[plugins]
startup_timeout = 1.0
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    folder = tmp_path_factory.mktemp("busy")
    info = folder / "masthead_busy_test-0.1.dist-info"
    info.mkdir()
    (folder / "masthead_busy_test.py").write_text(PLUGINS)
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: masthead-busy-test\nVersion: 0.1\n"
    )
    (info / "entry_points.txt").write_text(
        "[masthead]\nsleepy = masthead_busy_test:sleepy\nstuck = masthead_busy_test:stuck\n"
    )
    (folder / "masthead.toml").write_text(CONFIG)
    return folder


@pytest.fixture(scope="module")
def live(site):
    server = support.start_masthead(
        "--config",
        str(site / "masthead.toml"),
        data_dir=site / "data",
        env={"PYTHONPATH": str(site)},
    )
    yield server
    server.stop()


def _timed(method: str, url: str, body: dict | None = None) -> tuple[int, dict, float]:
    started = time.monotonic()
    status, document, _ = support.http(method, url, body, timeout=30)
    return status, document, time.monotonic() - started


def test_a_hanging_startup_hook_fails_its_plugin_not_serve(live):
    status, listing, _ = support.http("GET", live.url + "/api/v1/plugins")
    assert status == 200
    stuck = next(p for p in listing["plugins"] if p["name"] == "stuck")
    assert stuck["status"] == "failed"
    assert stuck["error"] == "startup did not finish within 1 s"
    status, document, _ = _timed(
        "POST", live.url + "/api/v1/analyze", {"url": "https://a.example/", "html": "<p>hi</p>"}
    )
    assert status == 200
    kinds = {a["kind"] for a in document["annotations"]}
    assert "awake" in kinds and "stuck-ran" not in kinds


def test_masthead_plugins_returns_despite_a_hanging_startup_hook(site):
    started = time.monotonic()
    listed = subprocess.run(
        [str(support.MASTHEAD), "plugins", "--json", "--config", str(site / "masthead.toml")],
        capture_output=True,
        text=True,
        timeout=60,
        env={**support.os.environ, "PYTHONPATH": str(site), "XDG_DATA_HOME": str(site / "d2")},
    )
    assert listed.returncode == 0, listed.stderr
    assert time.monotonic() - started < 30
    stuck = next(p for p in json.loads(listed.stdout)["plugins"] if p["name"] == "stuck")
    assert stuck["error"] == "startup did not finish within 1 s"


def test_health_and_ready_answer_while_every_worker_is_busy(live):
    page = {"url": "https://a.example/", "html": "<p>masthead-sleepy</p>"}
    answers: list[int] = []

    def analyze() -> None:
        answers.append(_timed("POST", live.url + "/api/v1/analyze", page)[0])

    clients = [threading.Thread(target=analyze) for _ in range(3)]
    for client in clients:
        client.start()
    time.sleep(0.7)  # the one worker thread is asleep in the plugin, two pages queue behind it
    for path in ("/api/v1/health", "/api/v1/ready"):
        status, _, seconds = _timed("GET", live.url + path)
        assert status == 200
        assert seconds < 1.5, (path, seconds)
    for client in clients:
        client.join(30)
    assert answers == [200, 200, 200]


def test_a_slow_loris_client_is_cut_off_and_others_are_served(live):
    parts = urlsplit(live.url)
    request = (
        f"POST /api/v1/analyze HTTP/1.1\r\nHost: {parts.hostname}:{parts.port}\r\n"
        "Content-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
    ).encode()
    with socket.create_connection((parts.hostname, parts.port), timeout=15) as sock:
        started = time.monotonic()
        answer = b""
        for position in range(len(request)):
            try:
                sock.sendall(request[position : position + 1])
            except OSError:  # cut off: the server closed the connection
                break
            # Everyone else is served meanwhile.
            if position in (1, 3):
                assert _timed("GET", live.url + "/api/v1/health")[0] == 200
                status, _, _ = _timed(
                    "POST",
                    live.url + "/api/v1/analyze",
                    {"url": "https://a.example/", "html": "<p>quick</p>"},
                )
                assert status == 200
            sock.settimeout(1.0)
            try:
                answer += sock.recv(65536)
            except TimeoutError:
                continue
            if answer:
                break
        sock.settimeout(5)
        while chunk := sock.recv(65536):
            answer += chunk
        elapsed = time.monotonic() - started
    head, _, body = answer.partition(b"\r\n\r\n")
    assert head.split(b" ", 2)[1] == b"408", answer[:200]
    error = json.loads(body)["error"]
    assert (error["status"], error["code"]) == (408, "request_timeout")
    assert "did not arrive in full within 3 s" in error["message"]
    assert 3 <= elapsed < 3 + 4, elapsed
    assert live.alive()

"""`masthead serve --workers 2` (gunicorn) under the same abuse as the one-process server
(test_busy_server.py): every worker's one thread busy with a slow page, `/health` and `/ready`
still answer at once; a client that sends its request a byte a second, or its body too slowly,
gets a 408 in the JSON shape at `read_timeout` while the others are served."""

from __future__ import annotations

import json
import socket
import threading
import time
from urllib.parse import urlsplit

import pytest

import support

CONFIG = "[server]\nthreads = 1\nread_timeout = 3.0\ncache_entries = 0\nplugin_timeout = 10.0\n"


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    folder = tmp_path_factory.mktemp("busy-workers")
    site = support.install_sleeping_plugin(folder / "site", "sleepy", "masthead-sleepy", 4)
    (folder / "masthead.toml").write_text(CONFIG)
    server = support.start_masthead(
        "--workers",
        "2",
        "--config",
        str(folder / "masthead.toml"),
        data_dir=folder / "data",
        env={"PYTHONPATH": str(site)},
        timeout=120,
    )
    for _ in range(4):  # both workers have booted and answered once
        page = {"url": "https://a.example/", "html": "<p>warm</p>"}
        assert support.http("POST", server.url + "/api/v1/analyze", page)[0] == 200
    yield server
    server.stop()


def _timed(method: str, url: str, body: dict | None = None) -> tuple[int, float]:
    started = time.monotonic()
    status = support.http(method, url, body, timeout=60)[0]
    return status, time.monotonic() - started


def test_health_and_ready_answer_while_every_worker_is_busy(live):
    page = {"url": "https://a.example/", "html": "<p>masthead-sleepy</p>"}
    answers: list[int] = []
    clients = [
        threading.Thread(
            target=lambda: answers.append(_timed("POST", live.url + "/api/v1/analyze", page)[0])
        )
        for _ in range(4)
    ]
    for client in clients:
        client.start()
    time.sleep(1.0)  # each worker's one thread sleeps 4 s in the plugin; two pages queue
    for path in ("/api/v1/health", "/api/v1/ready"):
        status, seconds = _timed("GET", live.url + path)
        assert status == 200
        assert seconds < 1.5, (path, seconds)  # plain gthread: 7.1 s
    for client in clients:
        client.join(60)
    assert answers == [200] * 4


def _slow_request(live, head: bytes, body: bytes, every: float) -> tuple[bytes, float]:
    """Send `head` (in one piece unless `body` is empty) then the rest a byte per `every` s,
    until the server answers or closes; (answer, seconds)."""
    parts = urlsplit(live.url)
    with socket.create_connection((parts.hostname, parts.port), timeout=15) as sock:
        started, answer = time.monotonic(), b""
        slow = body or head
        if body:
            sock.sendall(head)
        for position in range(len(slow)):
            try:
                sock.sendall(slow[position : position + 1])
            except OSError:
                break
            sock.settimeout(every)
            try:
                answer += sock.recv(65536)
            except TimeoutError:
                continue
            if answer or time.monotonic() - started > 20:
                break
        sock.settimeout(5)
        while chunk := sock.recv(65536):
            answer += chunk
        return answer, time.monotonic() - started


@pytest.mark.parametrize("slow_part", ["head", "body"])
def test_a_slow_client_gets_a_408_and_others_are_served(live, slow_part):
    parts = urlsplit(live.url)
    body = json.dumps({"url": "https://a.example/", "html": "<p>" + "x" * 200 + "</p>"}).encode()
    head = (
        f"POST /api/v1/analyze HTTP/1.1\r\nHost: {parts.hostname}:{parts.port}\r\n"
        f"Content-Type: application/json\r\nContent-Length: {len(body)}\r\n\r\n"
    ).encode()
    served: list[int] = []
    other = threading.Thread(
        target=lambda: served.append(
            _timed(
                "POST",
                live.url + "/api/v1/analyze",
                {"url": "https://b.example/", "html": "<p>q</p>"},
            )[0]
        )
    )
    other.start()
    answer, seconds = _slow_request(live, head, body if slow_part == "body" else b"", 1.0)
    other.join(30)
    status_line, _, rest = answer.partition(b"\r\n")
    assert status_line.split(b" ", 2)[1] == b"408", answer[:200]
    error = json.loads(rest.partition(b"\r\n\r\n")[2])["error"]
    assert (error["status"], error["code"]) == (408, "request_timeout")
    assert "within 3 s" in error["message"]
    assert 3 <= seconds < 3 + 4, seconds
    assert served == [200]
    assert _timed("GET", live.url + "/api/v1/health")[0] == 200 and live.alive()

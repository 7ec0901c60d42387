"""The server under abuse, over a real `masthead serve`: idle clients, bodies on disk, CORS with a
token, errors outside Flask, a port in use and a flood of warnings."""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import time
from urllib.parse import urlsplit

import pytest

from support import MASTHEAD, http, start_masthead

TOKEN = "abuse-token"
CONFIG = """
[server]
token = "abuse-token"
max_body_bytes = 2_000_000
cors_origins = ["https://app.example"]
"""


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    folder = tmp_path_factory.mktemp("abuse")
    (folder / "masthead.toml").write_text(CONFIG)
    server = start_masthead("--config", str(folder / "masthead.toml"), data_dir=folder)
    yield server
    server.stop()


def address(live) -> tuple[str, int]:
    parts = urlsplit(live.url)
    return parts.hostname or "127.0.0.1", parts.port or 0


def raw(live, data: bytes, timeout: float = 10) -> bytes:
    with socket.create_connection(address(live), timeout=timeout) as sock:
        sock.sendall(data)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    return b"".join(chunks)


def healthy(live) -> None:
    assert live.alive()
    assert http("GET", live.url + "/api/v1/health", timeout=5)[0] == 200


def test_cors_preflight_needs_no_token_but_the_request_does(live):
    status, _, headers = http(
        "OPTIONS",
        live.url + "/api/v1/analyze",
        headers={
            "Origin": "https://app.example",
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "authorization, content-type",
        },
    )
    assert status == 200
    assert headers.get("Access-Control-Allow-Origin") == "https://app.example"
    status, body, _ = http(
        "POST", live.url + "/api/v1/analyze", {"url": "https://a.com/", "html": "<p>x</p>"}
    )
    assert (status, body["error"]["code"]) == (401, "unauthorized")


def test_405_says_which_methods_are_allowed(live):
    status, body, headers = http(
        "GET", live.url + "/api/v1/analyze", headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert (status, body["error"]["code"]) == (405, "method_not_allowed")
    assert "POST" in headers.get("Allow", "")


def test_errors_waitress_answers_itself_are_json(live):
    malformed = raw(live, b"GET /api/v1/health HTTP/1.1\r\nHost: 127.0.0.1\r\nno colon\r\n\r\n")
    assert malformed.split(b" ", 2)[1] == b"400", malformed[:80]
    assert b"application/json" in malformed.split(b"\r\n\r\n", 1)[0]
    assert b'"code": "malformed_http"' in malformed
    huge = raw(
        live,
        b"POST /api/v1/analyze HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b"Content-Length: 900000000\r\n\r\n{",
    )
    assert huge.split(b" ", 2)[1] == b"413", huge[:80]
    assert b'"code": "body_too_large"' in huge
    healthy(live)


def test_request_bodies_never_touch_disk(live):
    """A 1.5 MB body half sent: waitress holds it in memory (no unlinked temp file open)."""
    pid = live.process.pid
    body = b'{"url": "https://a.com/", "html": "' + b"x" * 1_500_000 + b'"}'
    with socket.create_connection(address(live), timeout=10) as sock:
        sock.sendall(
            b"POST /api/v1/analyze HTTP/1.1\r\nHost: 127.0.0.1\r\n"
            b"Content-Type: application/json\r\n"
            + f"Authorization: Bearer {TOKEN}\r\nContent-Length: {len(body)}\r\n\r\n".encode()
            + body[:-10]
        )
        time.sleep(0.5)
        spooled = [
            os.readlink(f"/proc/{pid}/fd/{fd}")
            for fd in os.listdir(f"/proc/{pid}/fd")
            if "(deleted)" in _readlink(f"/proc/{pid}/fd/{fd}")
        ]
        sock.sendall(body[-10:])
        assert sock.recv(12).startswith(b"HTTP/1.1 200")
    assert spooled == []


def _readlink(path: str) -> str:
    try:
        return os.readlink(path)
    except OSError:
        return ""


def test_a_chunked_body_is_read_to_its_end_and_held_to_the_limit(live):
    """Without a Content-Length the app reads the body piece by piece: a page arrives whole,
    and a body over `max_body_bytes` (2 MB here) is refused once it passes the limit."""

    def send_chunked(body: bytes) -> bytes:
        chunks = b"".join(
            f"{len(piece):x}\r\n".encode() + piece + b"\r\n"
            for piece in (body[i : i + 100_000] for i in range(0, len(body), 100_000))
        )
        return raw(
            live,
            b"POST /api/v1/analyze HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
            b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n"
            + f"Authorization: Bearer {TOKEN}\r\n\r\n".encode()
            + chunks
            + b"0\r\n\r\n",
        )

    words = " ".join(["harbour"] * 100_000)  # 800 kB, several pieces of the app's reads
    page = f'{{"url": "https://a.com/", "html": "<p>{words}</p>"}}'.encode()
    answer = send_chunked(page)
    assert answer.startswith(b"HTTP/1.1 200"), answer[:300]
    assert b'"domain":"a.com"' in answer.replace(b" ", b"")
    answer = send_chunked(b'{"url": "https://a.com/", "html": "' + b"x" * 2_100_000 + b'"}')
    assert answer.startswith(b"HTTP/1.1 413"), answer[:300]
    assert b"body_too_large" in answer
    healthy(live)


def test_idle_connections_are_closed_and_do_not_lock_others_out(live):
    started = time.monotonic()
    idle = [socket.create_connection(address(live), timeout=30) for _ in range(300)]
    try:
        # more idle connections than waitress's old limit of 100: /health still answers
        status = http("GET", live.url + "/api/v1/health", timeout=30)[0]
        assert status == 200
        assert idle[0].recv(1) == b""  # closed by the server, not by us
        assert time.monotonic() - started < 20
    finally:
        for sock in idle:
            sock.close()
    healthy(live)


def test_a_port_in_use_is_one_plain_line(live):
    _, port = address(live)
    result = subprocess.run(
        [str(MASTHEAD), "serve", "--port", str(port)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    output = (result.stdout + result.stderr).strip()
    assert "Traceback" not in output
    assert f"cannot listen on 127.0.0.1:{port}" in output
    assert output.splitlines()[-1].startswith("Error: cannot listen")


def test_repeated_warnings_are_rate_limited():
    from masthead.server.waitress_setup import RateLimit

    logger = logging.getLogger("test.masthead.flood")
    records: list[logging.LogRecord] = []

    class Keep(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            records.append(record)

    logger.addHandler(Keep())
    logger.addFilter(RateLimit(every=0.3))
    logger.propagate = False
    for depth in range(1000):
        logger.warning("Task queue depth is %d", depth)
    time.sleep(0.35)
    logger.warning("Task queue depth is %d", 5)
    assert len(records) == 2
    assert "and 999 more like it" in records[1].getMessage()

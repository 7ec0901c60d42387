"""The gunicorn worker `masthead serve --workers N` (and the gunicorn entry) runs: gthread, with
what `waitress_setup` gives the one-process server.

With plain gthread, /health waited 7 s behind two workers' busy threads, and a client sending a
byte a second held a thread for as long as it liked. Here:
- a new connection waits on the worker's poller, not in a thread, until its first bytes arrive;
  then a `GET`/`HEAD` of `/api/v1/health` or `/api/v1/ready` goes to `OPS_THREADS` threads of
  its own, everything else to the usual pool;
- one whole request, head and body, must arrive within `[server] read_timeout` seconds of its
  first byte: past it the client gets `408 request_timeout` in the API's JSON shape and its
  connection is closed.
"""

from __future__ import annotations

import contextlib
import errno
import json
import selectors
import socket
import time
from concurrent import futures
from functools import partial
from typing import Any

from gunicorn.workers.gthread import ThreadWorker

from .errors import RequestTimedOut
from .waitress_setup import OPS_PATHS, OPS_THREADS, READ_TIMEOUT_S

_OPS_STARTS = tuple(
    f"{method} {path}".encode() for method in ("GET", "HEAD") for path in sorted(OPS_PATHS)
)


def timeout_response(seconds: float) -> bytes:
    body = json.dumps(
        {
            "error": {
                "status": 408,
                "code": "request_timeout",
                "message": f"the request did not arrive in full within {seconds:g} s",
                "fields": {},
            }
        }
    ).encode()
    head = (
        "HTTP/1.1 408 Request Timeout\r\nContent-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\nConnection: close\r\n\r\n"
    )
    return head.encode() + body


class _Deadline:
    """The connection's socket, whose reads stop at the request's deadline."""

    def __init__(self, sock: socket.socket, seconds: float) -> None:
        self._sock, self.seconds = sock, seconds
        self.deadline = time.monotonic() + seconds
        self.in_app = False  # the head was read; the app is reading the body

    def recv(self, size: int, *flags: int) -> bytes:
        left = self.deadline - time.monotonic()
        if left > 0:
            self._sock.settimeout(left)
            try:
                return self._sock.recv(size, *flags)
            except TimeoutError:
                pass
            finally:
                self._sock.settimeout(None)
        if self.in_app:  # the app turns this into its own 408 (`request_body`)
            raise RequestTimedOut(f"the request did not arrive in full within {self.seconds:g} s")
        # Still reading the head: gunicorn's thread answers nothing, so answer here, then
        # end the connection the way gunicorn drops a reset one.
        with contextlib.suppress(OSError):
            self._sock.sendall(timeout_response(self.seconds))
        raise ConnectionResetError(errno.ECONNRESET, "request timeout")

    def __getattr__(self, name: str) -> Any:
        return getattr(self._sock, name)


class MastheadWorker(ThreadWorker):  # type: ignore[misc]
    @property
    def read_timeout(self) -> float:
        """The app's `[server] read_timeout` (the app is loaded before the first request)."""
        state = getattr(getattr(self, "wsgi", None), "extensions", {}).get("masthead")
        return float(state.config.read_timeout) if state is not None else READ_TIMEOUT_S

    def init_process(self) -> None:
        self.ops_pool = futures.ThreadPoolExecutor(
            max_workers=OPS_THREADS, thread_name_prefix="masthead-ops"
        )
        super().init_process()

    def accept(self, listener: Any) -> None:
        """As gthread's, but the connection waits for its first bytes on the poller."""
        try:
            client, address = listener.accept()
        except OSError as exc:
            if exc.errno not in (errno.EAGAIN, errno.ECONNABORTED, errno.EWOULDBLOCK):
                raise
            return
        self.nr_conns += 1
        conn = self._connection(client, address, listener.getsockname())
        conn.timeout = time.monotonic() + self.cfg.keepalive
        self.pending_conns.append(conn)
        self.poller.register(
            client, selectors.EVENT_READ, partial(self.on_pending_socket_readable, conn)
        )

    def _connection(self, client: socket.socket, address: Any, server: Any) -> Any:
        from gunicorn.workers.gthread import TConn

        return TConn(self.cfg, client, address, server)

    def enqueue_req(self, conn: Any) -> None:
        if not _asks_for_ops(conn.sock):
            super().enqueue_req(conn)
            return
        done = self.ops_pool.submit(self.handle, conn)
        done.add_done_callback(lambda fut: self.method_queue.defer(self.finish_request, conn, fut))

    def handle(self, conn: Any) -> Any:
        sock = conn.sock
        if isinstance(sock, _Deadline):
            sock = sock._sock
        conn.sock = _Deadline(sock, self.read_timeout)
        if conn.parser is not None:  # a kept-alive connection: its parser reads this socket
            conn.parser.unreader.sock = conn.sock
        try:
            return super().handle(conn)
        finally:
            conn.sock = sock

    def handle_request(self, req: Any, conn: Any) -> Any:
        if isinstance(conn.sock, _Deadline):
            conn.sock.in_app = True
        return super().handle_request(req, conn)


def _asks_for_ops(sock: Any) -> bool:
    """Whether the bytes waiting on `sock` start a health or readiness check (peeked, not read:
    the request is still the parser's to read)."""
    raw = sock._sock if isinstance(sock, _Deadline) else sock
    try:
        head = raw.recv(64, socket.MSG_PEEK | socket.MSG_DONTWAIT)
    except OSError:
        return False
    return any(
        head.startswith(start) and head[len(start) : len(start) + 1] in (b" ", b"?")
        for start in _OPS_STARTS
    )

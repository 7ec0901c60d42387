"""How `masthead serve` sets waitress up to hold out against idle, slow and hostile clients.

Waitress's defaults suit a trusted network: idle connections live for two minutes, 100 of them
lock everyone out, bodies over 512 kB are spooled to a temporary file (page text on disk), its
own errors are plain text, and every queued request logs a warning. Each is changed here, and
each value is documented in docs/operators.md.
"""

from __future__ import annotations

import json
import logging
import threading
import time
from typing import Any, ClassVar

from waitress.channel import HTTPChannel
from waitress.task import ErrorTask, ThreadedTaskDispatcher
from waitress.utilities import Error

from .config import Config

CHANNEL_TIMEOUT_S = 10  # an idle connection (no bytes either way) is closed after this
CLEANUP_INTERVAL_S = 2  # how often waitress looks for idle connections
CONNECTIONS_PER_THREAD = 64  # connection_limit = threads × this, at least 256
# Waitress refuses bodies over this many times max_body_bytes itself (JSON, connection closed);
# below it, the app reads the body and answers 413 in full, which a client still sending reads.
BODY_FACTOR = 4
WARNING_EVERY_S = 60.0  # one line per repeated warning per minute, with a count
READ_TIMEOUT_S = 30.0  # `[server] read_timeout`: one whole request must arrive within this
OPS_PATHS = frozenset({"/api/v1/health", "/api/v1/ready"})
OPS_THREADS = 2  # threads of their own for health checks
# Bytes per socket read: waitress's 8 kB made a 230 kB page thirty passes of its event loop.
RECV_BYTES = 64 * 1024


def create_server(app: Any, config: Config) -> Any:
    """`waitress.create_server` for `masthead serve`: the options below, health checks on their
    own threads (`Lanes`) and a whole-request deadline per connection (`DeadlineChannel`)."""
    import waitress

    server = waitress.create_server(
        app,
        host=config.host,
        port=config.port,
        _dispatcher=Lanes(max(1, config.threads)),
        **server_options(config),
    )
    # One listening socket (the only kind `masthead serve` makes): its connections get a class
    # that knows this configuration's deadline.
    server.channel_class = type(
        "MastheadChannel", (DeadlineChannel,), {"read_timeout": config.read_timeout}
    )
    return server


def server_options(config: Config) -> dict[str, Any]:
    """Keyword arguments for `waitress.create_server`."""
    body_limit = BODY_FACTOR * config.max_body_bytes
    return {
        "threads": max(1, config.threads),
        "channel_timeout": CHANNEL_TIMEOUT_S,
        "cleanup_interval": CLEANUP_INTERVAL_S,
        "connection_limit": max(256, CONNECTIONS_PER_THREAD * max(1, config.threads)),
        "max_request_body_size": body_limit,
        # Above the body limit, so a request body is always held in memory, never spooled to disk.
        "inbuf_overflow": body_limit + 1,
        "recv_bytes": RECV_BYTES,
        "ident": "masthead",
        "clear_untrusted_proxy_headers": True,
    }


class JsonErrorTask(ErrorTask):  # type: ignore[misc]
    """Waitress's own errors (malformed HTTP, a body over its limit) in the API's JSON shape."""

    _CODES: ClassVar[dict[int, str]] = {
        400: "malformed_http",
        408: "request_timeout",
        413: "body_too_large",
        431: "headers_too_large",
    }

    def execute(self) -> None:
        error = self.request.error
        status = int(error.code)
        body = json.dumps(
            {
                "error": {
                    "status": status,
                    "code": self._CODES.get(status, "http_error"),
                    "message": f"{error.reason}: {error.body}",
                    "fields": {},
                }
            }
        ).encode("utf-8")
        self.status = f"{status} {error.reason}"
        self.response_headers.append(("Content-Type", "application/json"))
        self.set_close_on_finish()
        self.content_length = len(body)
        self.write(body)


class RateLimit(logging.Filter):
    """One record per message template per `every` seconds, then a count of those held back:
    a flood of identical warnings (waitress's "Task queue depth") cannot fill a log."""

    def __init__(self, every: float = WARNING_EVERY_S) -> None:
        super().__init__()
        self.every = every
        self._seen: dict[tuple[str, object], tuple[float, int]] = {}
        self._lock = threading.Lock()

    def filter(self, record: logging.LogRecord) -> bool:
        key = (record.name, record.msg)
        now = time.monotonic()
        with self._lock:
            last, held = self._seen.get(key, (-self.every, 0))
            if now - last < self.every:
                self._seen[key] = (last, held + 1)
                return False
            self._seen[key] = (now, 0)
        if held:
            record.msg = f"{record.msg} (and {held} more like it in the last {self.every:g} s)"
        return True


def harden_waitress() -> None:
    """Process-wide: waitress's errors as JSON, its repeated warnings rate-limited."""
    HTTPChannel.error_task_class = JsonErrorTask
    for name in ("waitress", "waitress.queue"):
        logger = logging.getLogger(name)
        if not any(isinstance(f, RateLimit) for f in logger.filters):
            logger.addFilter(RateLimit())


class Lanes:
    """Two queues in front of waitress's threads: `/health` and `/ready` never wait behind pages.

    Waitress hands every complete request to one pool of `threads` workers, in order: with each
    of them busy with a large page, a health check waited half a minute, and an orchestrator
    would restart a server that was merely busy. Here those GET requests have `ops_threads` of
    their own; everything else goes to the usual pool.
    """

    def __init__(self, threads: int, ops_threads: int = OPS_THREADS) -> None:
        self.pages = ThreadedTaskDispatcher()
        self.pages.set_thread_count(threads)
        self.ops = ThreadedTaskDispatcher()
        self.ops.set_thread_count(ops_threads)

    def add_task(self, channel: Any) -> None:
        self._lane(channel).add_task(channel)

    def _lane(self, channel: Any) -> ThreadedTaskDispatcher:
        requests = getattr(channel, "requests", None) or ()
        request = requests[0] if requests else None
        if (
            request is not None
            and not request.error
            and request.command in ("GET", "HEAD")
            and request.path in OPS_PATHS
        ):
            return self.ops
        return self.pages

    # What waitress and `masthead serve` read from a dispatcher: the page lane's figures.
    @property
    def queue(self) -> list[Any]:
        return [*self.pages.queue, *self.ops.queue]

    @property
    def active_count(self) -> int:
        return int(self.pages.active_count) + int(self.ops.active_count)

    def set_thread_count(self, count: int) -> None:
        self.pages.set_thread_count(count)

    def shutdown(self, cancel_pending: bool = True, timeout: int = 5) -> bool:
        done = self.ops.shutdown(cancel_pending, timeout)
        return bool(self.pages.shutdown(cancel_pending, timeout) and done)


class RequestTimeout(Error):  # type: ignore[misc]
    code = 408
    reason = "Request Timeout"


class DeadlineChannel(HTTPChannel):  # type: ignore[misc]
    """A connection whose every request must arrive in full within `read_timeout` seconds.

    `channel_timeout` closes only connections with no traffic at all: a client sending one byte
    every few seconds (slow-loris) kept its connection, and enough of them filled the server's
    connection limit. Here a request still incomplete after `read_timeout` s is answered 408
    (`request_timeout`, the API's JSON shape) and its connection closed. The check runs on the
    event loop, so the other clients' requests go on being read and served meanwhile.
    """

    read_timeout: float = READ_TIMEOUT_S
    _request_started: float | None = None
    _cut_off = False

    def received(self, data: bytes) -> bool:
        if self.request is None and data and self._request_started is None:
            self._request_started = time.monotonic()
        result = bool(super().received(data))
        if self.request is None:
            self._request_started = None
        return result

    def readable(self) -> bool:
        if self._cut_off:
            return False
        started = self._request_started
        if started is not None and time.monotonic() - started > self.read_timeout:
            self._answer_timeout()
            return False
        return bool(super().readable())

    def _answer_timeout(self) -> None:
        with self.requests_lock:
            request: Any = getattr(self, "request", None) or self.parser_class(self.adj)
            request.error = RequestTimeout(
                f"the request did not arrive in full within {self.read_timeout:g} s"
            )
            request.completed = True
            self.request, self._request_started, self._cut_off = None, None, True
            self.requests.append(request)
            if len(self.requests) == 1:
                self.server.add_task(self)

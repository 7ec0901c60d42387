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
from waitress.task import ErrorTask

from .config import Config

CHANNEL_TIMEOUT_S = 10  # an idle connection (no bytes either way) is closed after this
CLEANUP_INTERVAL_S = 2  # how often waitress looks for idle connections
CONNECTIONS_PER_THREAD = 64  # connection_limit = threads × this, at least 256
# Waitress refuses bodies over this many times max_body_bytes itself (JSON, connection closed);
# below it, the app reads the body and answers 413 in full, which a client still sending reads.
BODY_FACTOR = 4
WARNING_EVERY_S = 60.0  # one line per repeated warning per minute, with a count


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
        "ident": "masthead",
        "clear_untrusted_proxy_headers": True,
    }


class JsonErrorTask(ErrorTask):  # type: ignore[misc]
    """Waitress's own errors (malformed HTTP, a body over its limit) in the API's JSON shape."""

    _CODES: ClassVar[dict[int, str]] = {
        400: "malformed_http",
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

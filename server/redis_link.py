"""One Redis connection with the failure policy every shared part of the server follows.

Redis only ever holds what several workers gain by sharing (results, paused plugins); each part
has a per-process fallback. So a Redis that is down must cost a request at most half a second,
never an error: short socket timeouts, and after a failure Redis is left alone for `retry_after`
seconds. The part says, once, in the log that it is working without Redis and, once, that
Redis is back.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

if TYPE_CHECKING:
    import redis

T = TypeVar("T")


class RedisLink:
    """A client for `url`, used through `run`, which turns an outage into `default`."""

    def __init__(
        self,
        url: str,
        log: logging.Logger,
        down_message: str,
        back_message: str,
        retry_after: float = 2.0,
    ) -> None:
        import redis

        self._errors: tuple[type[BaseException], ...] = (redis.RedisError, OSError)
        self.client: redis.Redis = redis.Redis.from_url(
            url, socket_timeout=0.5, socket_connect_timeout=0.5, health_check_interval=30
        )
        self.log, self.down_message, self.back_message = log, down_message, back_message
        self.retry_after = retry_after
        self._down_until = 0.0
        self._failing = False
        self.location = str(self.client.connection_pool.connection_kwargs.get("host", "redis"))

    def run(self, action: Callable[[redis.Redis], T], default: T) -> T:
        """`action(client)`, or `default` while Redis is down or when this call fails."""
        if not self.available:
            return default
        try:
            value = action(self.client)
        except self._errors as exc:
            self._down(exc)
            return default
        self._up()
        return value

    def problem(self) -> str | None:
        """Why Redis cannot be used right now (asked now, not remembered), or None."""
        try:
            self.client.ping()
        except self._errors as exc:
            return f"Redis at {self.location} does not answer: {type(exc).__name__}"
        self._up()
        return None

    @property
    def available(self) -> bool:
        return time.monotonic() >= self._down_until

    def _down(self, exc: BaseException) -> None:
        if not self._failing:
            self.log.warning(self.down_message, f"{type(exc).__name__} at {self.location}")
        self._failing = True
        self._down_until = time.monotonic() + self.retry_after

    def _up(self) -> None:
        if self._failing:
            self.log.warning(self.back_message)
        self._failing, self._down_until = False, 0.0

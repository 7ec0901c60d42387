"""The result cache: in memory by default, in Redis when `[cache] url` is set.

Keys are a content hash of the page plus the plugin set and versions (`content_key`); values are
response documents, never the page. Entries expire after `[cache] ttl` seconds. A cache that
cannot be reached is a miss, never an error: analysis answers without it and uses it again
once it is back.
"""

from __future__ import annotations

import hashlib
import json
import logging
import threading
import time
from collections import OrderedDict
from typing import Any, Protocol

log = logging.getLogger("masthead.cache")


def content_key(url: str, title: str | None, html: str, plugins: str, language: str) -> str:
    """The page, the plugin set and the reader's language: a German reader's notices are
    worded in German, so they are cached apart from the English ones."""
    digest = hashlib.sha256()
    for part in (url, title or "", plugins, language, html):
        digest.update(part.encode("utf-8", "surrogatepass"))
        digest.update(b"\0")
    return digest.hexdigest()


class Cache(Protocol):
    def get(self, key: str) -> dict[str, Any] | None: ...

    def put(self, key: str, value: dict[str, Any]) -> None: ...

    def problem(self) -> str | None:
        """Why the cache cannot be used right now, or None."""
        ...


class ResultCache:
    """In this process's memory: least-recently-used, `capacity` entries, each for `ttl` s."""

    def __init__(self, capacity: int, ttl: float | None = None) -> None:
        self.capacity = capacity
        self.ttl = ttl
        self._items: OrderedDict[str, tuple[float, dict[str, Any]]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: str) -> dict[str, Any] | None:
        with self._lock:
            item = self._items.get(key)
            if item is None:
                return None
            if item[0] < time.monotonic():
                del self._items[key]
                return None
            self._items.move_to_end(key)
            return item[1]

    def put(self, key: str, value: dict[str, Any]) -> None:
        if self.capacity <= 0:
            return
        expires = time.monotonic() + self.ttl if self.ttl else float("inf")
        with self._lock:
            self._items[key] = (expires, value)
            self._items.move_to_end(key)
            while len(self._items) > self.capacity:
                self._items.popitem(last=False)

    def problem(self) -> str | None:
        return None

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)


class RedisCache:
    """Shared by every worker and host that names the same Redis.

    Short socket timeouts, and after a failure Redis is left alone for `retry_after` seconds, so
    a Redis that is down costs a request at most half a second, not every request.
    """

    PREFIX = "masthead:result:"

    def __init__(self, url: str, ttl: float, retry_after: float = 2.0) -> None:
        import redis

        self._errors: tuple[type[BaseException], ...] = (redis.RedisError, OSError)
        self.client = redis.Redis.from_url(
            url, socket_timeout=0.5, socket_connect_timeout=0.5, health_check_interval=30
        )
        self.ttl = max(1, round(ttl))
        self.retry_after = retry_after
        self._down_until = 0.0
        self._failing = False
        self._location = self.client.connection_pool.connection_kwargs.get("host", "redis")

    def get(self, key: str) -> dict[str, Any] | None:
        if time.monotonic() < self._down_until:
            return None
        try:
            raw = self.client.get(self.PREFIX + key)
        except self._errors as exc:
            self._down(exc)
            return None
        self._up()
        return json.loads(raw) if raw else None

    def put(self, key: str, value: dict[str, Any]) -> None:
        if time.monotonic() < self._down_until:
            return
        try:
            self.client.set(self.PREFIX + key, json.dumps(value, ensure_ascii=False), ex=self.ttl)
        except self._errors as exc:
            self._down(exc)
        else:
            self._up()

    def problem(self) -> str | None:
        try:
            self.client.ping()
        except self._errors as exc:
            return f"Redis at {self._location} does not answer: {type(exc).__name__}"
        self._up()
        return None

    def _down(self, exc: BaseException) -> None:
        if not self._failing:
            log.warning("result cache unavailable (%s); analysing without it", type(exc).__name__)
        self._failing = True
        self._down_until = time.monotonic() + self.retry_after

    def _up(self) -> None:
        if self._failing:
            log.warning("result cache is back")
        self._failing, self._down_until = False, 0.0

    @property
    def available(self) -> bool:
        return time.monotonic() >= self._down_until

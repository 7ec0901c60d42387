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
from typing import Any, Protocol, cast

from .redis_link import RedisLink

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

    @property
    def holds(self) -> bool:
        """Whether a result put here can ever be got back (False: `cache_entries = 0`), so a
        server with the cache off does not hash every page for a key nobody reads."""
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

    @property
    def holds(self) -> bool:
        return self.capacity > 0

    def clear(self) -> None:
        with self._lock:
            self._items.clear()

    def __len__(self) -> int:
        return len(self._items)


class RedisCache:
    """Shared by every worker and host that names the same Redis.

    Through a `RedisLink`: a Redis that is down costs a request at most half a second, and is
    then left alone for `retry_after` seconds (a miss, not an error).
    """

    PREFIX = "masthead:result:"

    def __init__(self, url: str, ttl: float, retry_after: float = 2.0) -> None:
        self.link = RedisLink(
            url,
            log,
            "result cache unavailable (%s); analysing without it",
            "result cache is back",
            retry_after,
        )
        self.client = self.link.client
        self.ttl = max(1, round(ttl))

    def get(self, key: str) -> dict[str, Any] | None:
        raw = self.link.run(lambda client: client.get(self.PREFIX + key), None)
        return json.loads(cast("bytes", raw)) if raw else None

    def put(self, key: str, value: dict[str, Any]) -> None:
        document = json.dumps(value, ensure_ascii=False)
        self.link.run(lambda client: client.set(self.PREFIX + key, document, ex=self.ttl), None)

    def problem(self) -> str | None:
        return self.link.problem()

    @property
    def holds(self) -> bool:
        return True

    @property
    def available(self) -> bool:
        return self.link.available

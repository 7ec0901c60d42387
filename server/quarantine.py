"""Paused plugins shared by every worker and host that names the same Redis (`[cache] url`).

Each process has its own circuit breakers (`breaker.py`); without sharing, a plugin that hangs
had to time out `threshold` times in every worker before each paused it, and each worker tried
it again on its own schedule. Here the timeouts of a plugin are counted across the team, and a
breaker that opens in one worker pauses the plugin in all of them for the same cool-down (a Redis
key that expires with it). Redis holds plugin names, counts and the pause's reason, nothing of
any page. When Redis is down each breaker falls back to its own process's counts, said once in
the log, and the team's state is used again once Redis is back.
"""

from __future__ import annotations

import logging
import math
import time
import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING

from .redis_link import RedisLink

if TYPE_CHECKING:
    import redis

log = logging.getLogger("masthead.quarantine")


class SharedQuarantine:
    """The team's view of which plugins are paused, and of their recent timeouts."""

    PREFIX = "masthead:breaker:"

    def __init__(self, url: str, retry_after: float = 2.0) -> None:
        self.link = RedisLink(
            url,
            log,
            "shared plugin quarantine unavailable (%s); each worker pauses plugins on its own "
            "until Redis is back",
            "shared plugin quarantine is back",
            retry_after,
        )

    def timed_out(self, plugin: str, window: float) -> int | None:
        """Count one timeout of `plugin`; how many the team had within `window` seconds
        (None: Redis is down, count this process's own)."""
        key = f"{self.PREFIX}{plugin}:timeouts"
        now = time.time()

        def count(client: redis.Redis) -> int:
            pipe = client.pipeline()
            pipe.zadd(key, {uuid.uuid4().hex: now})
            pipe.zremrangebyscore(key, "-inf", now - window)
            pipe.zcard(key)
            pipe.expire(key, max(1, math.ceil(window)))
            return int(pipe.execute()[2])

        return self.link.run(count, None)

    def pause(self, plugin: str, cooldown: float, reason: str) -> None:
        """Pause `plugin` for every worker for `cooldown` seconds; its count starts again."""

        def pause(client: redis.Redis) -> None:
            pipe = client.pipeline()
            pipe.set(f"{self.PREFIX}{plugin}:paused", reason, px=max(1, round(cooldown * 1000)))
            pipe.delete(f"{self.PREFIX}{plugin}:timeouts")
            pipe.execute()

        self.link.run(pause, None)

    def paused(self, plugins: Iterable[str]) -> dict[str, tuple[float, str]]:
        """Of `plugins`, those paused now: the seconds left and why (one round trip)."""
        names = list(plugins)
        if not names:
            return {}

        def read(client: redis.Redis) -> dict[str, tuple[float, str]]:
            pipe = client.pipeline()
            for name in names:
                pipe.pttl(f"{self.PREFIX}{name}:paused")
                pipe.get(f"{self.PREFIX}{name}:paused")
            answers = pipe.execute()
            found = {}
            for name, left, reason in zip(names, answers[::2], answers[1::2], strict=True):
                if reason is not None and left > 0:
                    found[name] = (left / 1000, reason.decode("utf-8", "replace"))
            return found

        return self.link.run(read, {})

    def problem(self) -> str | None:
        return self.link.problem()

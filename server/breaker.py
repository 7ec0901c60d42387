"""A circuit breaker per plugin: timeouts open it for a while, not until restart.

A heavy but legal page can make a healthy plugin overrun; with a count that never reset, three
such pages switched `promo` off for every later reader. Here only timeouts within a time window
count, the breaker opens for a cool-down, then half-opens: the next page is a trial call, which
closes it on success and reopens it on a timeout. While a plugin's overrunning calls are still
running (Python cannot stop a thread) it stays open, so abandoned threads cannot pile up.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable

CLOSED, OPEN, HALF_OPEN = "closed", "open", "half-open"


class Breaker:
    """Timeouts of one plugin: `threshold` of them within `window` seconds open the breaker for
    `cooldown` seconds; `overruns` is how many of its calls are still running past their budget."""

    def __init__(
        self,
        threshold: int = 3,
        window: float = 60.0,
        cooldown: float = 30.0,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.threshold, self.window, self.cooldown = threshold, window, cooldown
        self.clock = clock
        self.state = CLOSED
        self.opened_at = 0.0
        self._timeouts: deque[float] = deque()
        self._overrunning: list[Callable[[], bool]] = []

    def allows(self) -> bool:
        """Whether the plugin may run now; an open breaker past its cool-down half-opens."""
        cooled = self.state == OPEN and self.clock() - self.opened_at >= self.cooldown
        if cooled and self.overruns == 0:
            self.state = HALF_OPEN
        return self.state != OPEN

    def timed_out(self, still_running: Callable[[], bool]) -> bool:
        """Count a timeout (`still_running` tells when its thread is free); True if it opened."""
        now = self.clock()
        self._overrunning.append(still_running)
        self._timeouts.append(now)
        while self._timeouts and now - self._timeouts[0] > self.window:
            self._timeouts.popleft()
        if self.state == HALF_OPEN or len(self._timeouts) >= self.threshold:
            self.state, self.opened_at = OPEN, now
            self._timeouts.clear()
            return True
        return False

    def succeeded(self) -> None:
        if self.state == HALF_OPEN:
            self.state = CLOSED

    @property
    def overruns(self) -> int:
        self._overrunning = [running for running in self._overrunning if running()]
        return len(self._overrunning)

    def describe(self) -> str:
        return (
            f"timed out {self.threshold} times within {self.window:g} s; "
            f"tried again {self.cooldown:g} s later, once its overrunning calls have ended"
        )

"""A circuit breaker per plugin: timeouts open it for a while, not until restart.

A heavy but legal page can make a healthy plugin overrun; with a count that never reset, three
such pages switched `promo` off for every later reader. Here only timeouts within a time window
count, the breaker opens for a cool-down, then half-opens: the next page is a trial call, which
closes it on success and reopens it on a timeout. While a plugin's overrunning calls are still
running (Python cannot stop a thread) it stays open, so abandoned threads cannot pile up.

With a `SharedQuarantine` (Redis) the timeouts are counted across every worker and an opening
pauses the plugin in all of them (`adopt`); without one, or while Redis is down, each process
counts its own.
"""

from __future__ import annotations

import time
from collections import deque
from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .quarantine import SharedQuarantine

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
        name: str = "",
        shared: SharedQuarantine | None = None,
    ) -> None:
        self.threshold, self.window, self.cooldown = threshold, window, cooldown
        self.clock = clock
        self.name, self.shared = name, shared
        self.state = CLOSED
        self.until = 0.0  # when an open breaker's cool-down ends, on `clock`
        #: Whether this process opened it (False: adopted from another worker's opening).
        self.opened_here = False
        self.counted_by_team = False  # the last count was the team's, not this process's
        self._timeouts: deque[float] = deque()
        self._overrunning: list[Callable[[], bool]] = []

    def allows(self) -> bool:
        """Whether the plugin may run now; an open breaker past its cool-down half-opens."""
        cooled = self.state == OPEN and self.clock() >= self.until
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
        team = self.shared.timed_out(self.name, self.window) if self.shared else None
        count = len(self._timeouts) if team is None else team
        self.counted_by_team = team is not None
        if self.state == HALF_OPEN or count >= self.threshold:
            self.state, self.until, self.opened_here = OPEN, now + self.cooldown, True
            self._timeouts.clear()
            if self.shared is not None:
                self.shared.pause(self.name, self.cooldown, self.describe())
            return True
        return False

    def adopt(self, seconds_left: float) -> bool:
        """Another worker opened this plugin's breaker: open here too, until its cool-down ends
        (`seconds_left`); True if that closed or half-open breaker is open now."""
        until = self.clock() + seconds_left
        if self.state == OPEN:
            self.until = max(self.until, until)
            return False
        self.state, self.until, self.opened_here = OPEN, until, False
        return True

    def succeeded(self) -> None:
        if self.state == HALF_OPEN:
            self.state = CLOSED

    @property
    def overruns(self) -> int:
        self._overrunning = [running for running in self._overrunning if running()]
        return len(self._overrunning)

    def describe(self) -> str:
        where = " across the workers" if self.counted_by_team else ""
        return (
            f"timed out {self.threshold} times within {self.window:g} s{where}; "
            f"tried again {self.cooldown:g} s later, once its overrunning calls have ended"
        )

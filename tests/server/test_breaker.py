"""The circuit breaker's states, on a clock the test moves."""

from __future__ import annotations

from masthead.server.breaker import CLOSED, HALF_OPEN, OPEN, Breaker


class Clock:
    def __init__(self) -> None:
        self.now = 0.0

    def __call__(self) -> float:
        return self.now


def done() -> bool:
    return False


def test_only_timeouts_within_the_window_count():
    clock = Clock()
    breaker = Breaker(threshold=3, window=60, cooldown=30, clock=clock)
    for _ in range(2):
        assert not breaker.timed_out(done)
        clock.now += 61  # each one ages out before the next
    assert not breaker.timed_out(done)
    assert breaker.state == CLOSED and breaker.allows()


def test_opens_half_opens_and_closes_or_reopens():
    clock = Clock()
    breaker = Breaker(threshold=2, window=60, cooldown=30, clock=clock)
    breaker.timed_out(done)
    assert breaker.timed_out(done)
    assert breaker.state == OPEN and not breaker.allows()
    clock.now += 31
    assert breaker.allows() and breaker.state == HALF_OPEN
    assert breaker.timed_out(done)  # the trial call overran: open again at once
    assert not breaker.allows()
    clock.now += 31
    assert breaker.allows()
    breaker.succeeded()
    assert breaker.state == CLOSED


def test_stays_open_while_its_overrunning_calls_still_run():
    clock = Clock()
    running = [True]
    breaker = Breaker(threshold=1, window=60, cooldown=30, clock=clock)
    assert breaker.timed_out(lambda: running[0])
    clock.now += 31
    assert not breaker.allows() and breaker.overruns == 1
    running[0] = False
    assert breaker.allows() and breaker.overruns == 0

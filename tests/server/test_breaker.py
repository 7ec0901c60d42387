"""The circuit breaker's states, on a clock the test moves; shared between workers on Redis."""

from __future__ import annotations

import logging
import time
import uuid

from masthead.sdk import Page, hookimpl
from masthead.server.breaker import CLOSED, HALF_OPEN, OPEN, Breaker
from masthead.server.host import PluginHost
from masthead.server.quarantine import SharedQuarantine


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


# -- shared through a real Redis: two hosts in one process stand for two workers -------------
class SlowOnHeavyPages:
    @hookimpl
    def masthead_detect(self, page):
        if "heavy" in page.text:
            time.sleep(0.4)
        return []


def worker(redis_url: str, name: str, cooldown: float = 30) -> PluginHost:
    host = PluginHost(
        enabled=[],
        timeout=0.1,
        max_timeouts=2,
        cooldown=cooldown,
        shared=SharedQuarantine(redis_url, retry_after=0.2),
    )
    host.register(SlowOnHeavyPages(), name)
    return host.start()


HEAVY, LIGHT = "<p>heavy</p>", "<p>light</p>"


def analyze(host: PluginHost, html: str):
    return host.analyze(Page(html, "https://example.org/"))


def test_timeouts_count_across_workers_and_a_pause_reaches_them_all(redis_url):
    name = f"slow-{uuid.uuid4().hex[:8]}"  # its own keys in the session's Redis
    first, second = worker(redis_url, name), worker(redis_url, name)
    analyze(first, HEAVY)
    assert first.records[name].status == "loaded"  # one timeout of two
    analyze(second, HEAVY)  # the team's second: the breaker opens here
    assert second.records[name].status == "quarantined" and second.records[name].breaker.opened_here
    assert analyze(first, LIGHT).runs.get(name) is None  # paused on the first worker too
    record = first.records[name]
    assert record.status == "quarantined" and not record.breaker.opened_here
    assert record.error.startswith("paused by another worker: timed out 2 times within 60 s")
    assert "across the workers" in record.error


def test_every_worker_tries_it_again_when_the_shared_pause_ends(redis_url):
    name = f"slow-{uuid.uuid4().hex[:8]}"
    first, second = worker(redis_url, name, cooldown=0.6), worker(redis_url, name, cooldown=0.6)
    analyze(first, HEAVY), analyze(first, HEAVY)
    analyze(second, LIGHT)
    assert second.records[name].status == "quarantined"
    time.sleep(0.9)  # the cool-down and the overrunning calls are over
    assert analyze(second, LIGHT).runs[name].status == "ok"
    assert analyze(first, LIGHT).runs[name].status == "ok"


def test_without_redis_each_worker_pauses_on_its_own_and_says_so(own_redis, caplog):
    name = f"slow-{uuid.uuid4().hex[:8]}"
    first, second = worker(own_redis.url, name), worker(own_redis.url, name)
    own_redis.stop()
    with caplog.at_level(logging.WARNING, logger="masthead.quarantine"):
        analyze(first, HEAVY)
        analyze(second, HEAVY)
        assert first.records[name].status == second.records[name].status == "loaded"
        analyze(first, HEAVY)  # this worker's own second timeout
        assert first.records[name].status == "quarantined"
        assert analyze(second, LIGHT).runs[name].status == "ok"  # not paused here
    warnings = [r.getMessage() for r in caplog.records if r.name == "masthead.quarantine"]
    assert warnings and all("unavailable (ConnectionError at 127.0.0.1)" in w for w in warnings)
    assert "each worker pauses plugins on its own" in warnings[0]
    assert "across the workers" not in first.records[name].error

"""A plugin loop that calls `check_time()` stops at its budget: the call is reported as a timeout,
as one the host stopped waiting for, but its thread stops spending CPU and is free again."""

from __future__ import annotations

import threading
import time

import pytest

from masthead.sdk import OutOfTime, Page, check_time, hookimpl, time_left
from masthead.server import PluginHost
from support import analyze_with_deadline

HTML = "<html><body><article><p>One two three four.</p></article></body></html>"


class Spins:
    """Loops until told to stop, checking its budget, inside an `except Exception` of its own:
    `OutOfTime` must get through a plugin's broad handler."""

    def __init__(self) -> None:
        self.stopped = threading.Event()
        self.budget_seen: float | None = None

    @hookimpl
    def masthead_detect(self, page):
        self.budget_seen = time_left()
        try:
            while True:
                try:
                    check_time()
                    sum(range(1000))
                except Exception:  # a plugin's own broad handler must not swallow it
                    pass
        finally:
            self.stopped.set()


class Quick:
    @hookimpl
    def masthead_detect(self, page):
        check_time()
        return [{"kind": "quick"}]


def test_a_checking_loop_stops_at_the_plugin_budget_and_counts_as_a_timeout():
    spins = Spins()
    host = PluginHost(enabled=[], timeout=0.3, max_timeouts=5)
    host.register(spins, "spins")
    host.register(Quick(), "quick")
    host.start()
    started = time.monotonic()
    result = host.analyze(Page(HTML, "https://example.org/"))
    assert time.monotonic() - started < 2.0
    assert result.runs["spins"].status == "timeout"
    assert result.runs["quick"].status == "ok"
    assert [a.kind for a in result.annotations] == ["quick"]
    # the loop stopped itself: its thread is not left spinning
    assert spins.stopped.wait(1.0)
    assert spins.budget_seen is not None and 0 < spins.budget_seen <= 0.3
    assert host.records["spins"].timeouts == 1  # a timeout like any other, for the breaker


def test_a_checking_loop_stops_at_the_request_deadline_which_is_not_the_plugins_fault(serve_app):
    spins = Spins()
    host = PluginHost(enabled=[], timeout=5)
    host.register(spins, "spins")
    seconds, _, runs = analyze_with_deadline(serve_app, host, 0.5, HTML)
    assert seconds < 2.0
    assert runs["spins"]["status"] == "timeout"
    assert "request deadline" in runs["spins"]["error"]
    assert spins.stopped.wait(1.0)
    assert host.records["spins"].timeouts == 0
    assert host.records["spins"].status == "loaded"


@pytest.mark.skipif(not hasattr(__import__("os"), "fork"), reason="process isolation needs fork")
def test_a_checking_loop_in_a_worker_process_is_reported_as_a_timeout():
    host = PluginHost(enabled=[], isolation="process", timeout=0.3)
    host.register(Spins(), "spins")
    result = host.start().analyze(Page(HTML, "https://example.org/"))
    assert result.runs["spins"].status == "timeout"


def test_outside_a_hook_call_there_is_no_budget():
    assert time_left() is None
    check_time()  # nothing to stop


def test_out_of_time_is_not_an_exception_a_plugin_catches_by_accident():
    assert not issubclass(OutOfTime, Exception)


def test_the_built_ins_stop_at_their_budget_on_a_huge_page():
    """Each built-in reads the page's blocks and loops over them; on a page far too big for the
    budget, every one stops itself, so no CPU is spent after the analysis has returned."""
    host = PluginHost(timeout=0.3, max_timeouts=100).start()
    page = Page(
        "<html><body>" + "<p>one two three</p>" * 150_000 + "</body></html>", "https://example.org/"
    )
    started = time.monotonic()
    result = host.analyze(page)
    took = time.monotonic() - started
    assert {run.status for run in result.runs.values()} <= {"ok", "timeout"}
    assert any(run.status == "timeout" for run in result.runs.values())
    # unbounded, the default article alone ran ~7 s on the request thread; each call and the
    # fallback now stop at 0.3 s (a slow CI machine took 3.9 s in all, with the parse's views)
    assert took < 6.0
    time.sleep(0.3)  # a call that stopped itself is done by now; one that runs on is not
    cpu = time.process_time()
    time.sleep(1.0)
    assert time.process_time() - cpu < 0.2, "a built-in went on running after its budget"

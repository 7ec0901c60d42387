"""Built-in plugins run on the request's thread (`server/inline.py`): a call that never checks
its budget is stopped at it by the watchdog, nothing it raised reaches the host's code after
the call, and a lookup that waits outside the GIL is bounded by the call's budget."""

from __future__ import annotations

import contextlib
import threading
import time

import pytest

from masthead.sdk import Annotation, OutOfTime, Page, Settings, hookimpl
from masthead.sdk.fingerprints import fingerprint
from masthead.server import PluginHost, inline
from masthead.server.workers import WorkerPool

HTML = "<html><body><article><p>One two three four.</p></article></body></html>"


class SpinsBlind:
    """Loops without ever calling `check_time()`, inside a broad handler of its own."""

    def __init__(self) -> None:
        self.stopped = threading.Event()
        self.thread: int | None = None

    @hookimpl
    def masthead_detect(self, page):
        self.thread = threading.get_ident()
        try:
            while True:
                with contextlib.suppress(Exception):
                    sum(range(100))
        finally:
            self.stopped.set()


class Quick:
    @hookimpl
    def masthead_detect(self, page):
        yield Annotation(kind="quick")


def _built_in(host: PluginHost, plugin: object, name: str) -> None:
    host.register(plugin, name, isolation="thread").built_in = True  # as `_discover` marks them


def test_a_built_in_that_never_checks_its_budget_is_stopped_at_it_on_the_request_thread():
    spins = SpinsBlind()
    host = PluginHost(enabled=[], timeout=0.3, max_timeouts=5)
    _built_in(host, spins, "spins")
    _built_in(host, Quick(), "quick")
    started = time.monotonic()
    result = host.start().analyze(Page(HTML, "https://example.org/"))
    assert time.monotonic() - started < 2.0
    assert spins.thread == threading.get_ident()  # it ran here, not on a pooled thread
    assert spins.stopped.is_set()  # and it is over: no CPU spent after the budget
    assert result.runs["spins"].status == "timeout"
    assert "did not finish within 0.3 s" in (result.runs["spins"].error or "")
    assert result.runs["quick"].status == "ok"
    assert [a.kind for a in result.annotations] == ["quick"]
    assert host.records["spins"].timeouts == 1  # counted for its breaker, as any timeout


def test_a_call_ending_at_its_budget_leaves_nothing_raised_behind():
    """Calls that end just before, at and just after the watchdog fires: each either returns
    or fails with `OutOfTime`, and the code after it runs undisturbed."""
    outcomes = set()
    for n in range(400):
        until = time.monotonic() + 0.0005 + (n % 7) * 0.0001

        def busy(until: float = until) -> str:
            while time.monotonic() < until:
                pass
            return "done"

        call = inline.run(busy, until)
        outcomes.add("ok" if call.error is None else type(call.error).__name__)
        total = 0
        for i in range(20_000):  # an exception still pending would surface in this loop
            total += i
        assert total == 199_990_000
    assert outcomes <= {"ok", "OutOfTime"}
    time.sleep(0.05)  # and none arrives later, when the watchdog next looks


class _SlowToFree:
    """Most of the loop below runs in `__del__`, where an exception raised is reported and
    swallowed, not raised on: a single shot from the watchdog would almost always land there."""

    def __del__(self) -> None:
        for _ in range(300):
            pass


@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_a_stop_swallowed_where_it_landed_is_raised_again_until_the_call_ends():
    def frees_all_the_time() -> str:
        end = time.monotonic() + 8  # bounded, so that a failure here is a failure, not a hang
        while time.monotonic() < end:
            _SlowToFree()
        return "ran to its end"

    started = time.monotonic()
    call = inline.run(frees_all_the_time, started + 0.05)
    assert isinstance(call.error, OutOfTime), call.value
    assert time.monotonic() - started < 4
    total = sum(range(20_000))  # and nothing is left pending for the code after the call
    assert total == 199_990_000
    time.sleep(3 * inline.RETRY_S)  # nor arrives later


def test_an_error_and_a_value_come_back_as_from_a_pooled_thread():
    def raises() -> None:
        raise KeyError("x")

    call = inline.run(raises, time.monotonic() + 5)
    assert isinstance(call.error, KeyError) and call.done.is_set() and not call.running()
    assert inline.run(lambda: 42, time.monotonic() + 5).value == 42


class SlowIndex:
    def candidates(self, fingerprint, limit=5):
        time.sleep(3)  # a database that does not answer: waits outside the GIL
        return []


class LooksUp:
    def __init__(self) -> None:
        self.origins = None

    @hookimpl
    def masthead_startup(self, settings):
        self.origins = settings.origins

    @hookimpl
    def masthead_detect(self, page):
        self.origins.candidates(fingerprint(["One two three four five six seven."]))
        return [{"kind": "looked-up"}]


def test_an_origin_lookup_from_a_built_in_waits_only_until_the_call_s_budget():
    host = PluginHost(enabled=[], timeout=0.3, settings=Settings(origins=SlowIndex()))
    _built_in(host, LooksUp(), "looks-up")
    started = time.monotonic()
    result = host.start().analyze(Page(HTML, "https://example.org/"))
    assert time.monotonic() - started < 1.5
    assert result.runs["looks-up"].status == "timeout"


def test_an_origin_lookup_outside_an_inline_call_runs_where_it_is_called():
    seen = []

    class Index:
        def candidates(self, fingerprint, limit=5):
            seen.append(threading.get_ident())
            return []

    bounded = inline.BoundedOrigins(Index(), WorkerPool())
    assert bounded.candidates(fingerprint(["One two three."])) == []
    assert seen == [threading.get_ident()]


def test_out_of_time_from_the_watchdog_is_the_sdk_s_exception():
    call = inline.run(lambda: time.sleep(0.2) or [sum(range(10)) for _ in range(10**9)], 0.0)
    assert isinstance(call.error, OutOfTime)

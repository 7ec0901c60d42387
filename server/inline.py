"""Built-in plugins' hook calls on the request's own thread, stopped at their budget by a watchdog.

Handing each call to a pooled thread and waiting for it cost about 0.2 ms a call (two thread
switches, and the page's tree read from the other core's cache), four calls a page. Masthead's own
plugins need no thread to be stopped: they run on the calling thread, and at the budget they are
stopped in one of two ways.

- **They stop themselves.** Their loops call `check_time()` (`masthead.sdk.deadline`), which
  raises `OutOfTime` past the budget.
- **The watchdog stops them.** One thread per process holds the budget of every inline call;
  just past a budget it raises `OutOfTime` in the calling thread (`PyThreadState_SetAsyncExc`),
  which Python delivers at the next bytecode the call runs. So a loop that never calls
  `check_time()` stops too, and, unlike an abandoned thread, spends no more CPU.

What neither can stop is a single C call that never returns to Python: one holding the GIL (a
regex or an XPath over a huge page) stops every thread, a pooled call's waiter too, so there a
pooled thread was no better; one waiting outside the GIL (a database query) would hold the
request, which is why the origin index's lookups from an inline call go to a pooled thread
(`BoundedOrigins`). Third-party plugins do not run here: they keep their thread or process.

The watchdog raises only while the call is armed, and again every `RETRY_S` until the call has
ended: an exception delivered while Python code runs outside the call's own frames (a `__del__`,
a weakref or `gc` callback, an `except BaseException` of the plugin's) is swallowed there, and
one shot then left the call running. `disarm` always completes and clears an exception raised
but not yet delivered, so none reaches the host's code after the call. It fires first
`GRACE_S` after the budget, so that a call which checks its time stops itself first: an
exception raised at any bytecode could leave a lock taken in Python code (logging's handler
lock) held, which is why the watchdog is for Masthead's own hook code, which takes none, and
never for a third party's.
"""

from __future__ import annotations

import ctypes
import itertools
import threading
import time
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from masthead.sdk.deadline import OutOfTime, budget, time_left
from masthead.sdk.fingerprints import Fingerprint
from masthead.sdk.origins import OriginHit, OriginIndex

from .lifecycle import in_forked_children
from .workers import Call, WorkerPool

GRACE_S = 0.1  # after its budget, a call that has not stopped itself is stopped
RETRY_S = 0.02  # and raised in again this often, until it has stopped

# Set while an inline call runs on this thread: a blocking lookup must then leave the thread.
_inline: ContextVar[bool] = ContextVar("masthead_inline_call", default=False)


class InlineCall(Call):
    """A `Call` that ran to its end on the caller's thread: never left running."""

    __slots__ = ()

    def __init__(self) -> None:
        self.done = _DONE
        self.value: Any = None
        self.error: BaseException | None = None


_DONE = threading.Event()
_DONE.set()


def run(function: Callable[[], Any], until: float) -> Call:
    """Run `function` on this thread with `until` (`time.monotonic()`) as its budget.

    Like `WorkerPool.run`, it returns a `Call`: a call stopped at its budget has `OutOfTime` as
    its error. A `KeyboardInterrupt` is the process's, not the plugin's: it goes on up."""
    call = InlineCall()
    with budget(until):
        flag = _inline.set(True)
        try:
            token = _watchdog.token()  # taken before it is armed: always disarmed below
            try:
                _watchdog.arm(token, until)
                call.value = function()
            finally:
                _watchdog.disarm(token)
        except KeyboardInterrupt:
            raise
        except BaseException as exc:  # the host reports it, as a pooled call's
            call.error = exc
        finally:
            _inline.reset(flag)
    return call


class Watchdog:
    """Raises `OutOfTime` in a thread whose armed call has passed its budget."""

    def __init__(self) -> None:
        # Taken with `with self._lock`, never `with self._cond`: a Lock's own __enter__ and
        # __exit__ run no bytecode, so an `OutOfTime` delivered there cannot leave it held
        # (Condition.__enter__ is Python: one delivered as it returned did, and hung the next call).
        self._lock = threading.Lock()
        self._cond = threading.Condition(self._lock)
        # token: (when it fires next, thread ident, whether it has fired)
        self._armed: dict[int, tuple[float, int, bool]] = {}
        self._tokens = itertools.count()
        self._wake: float | None = None  # when the watchdog thread next looks; None: never
        self._thread: threading.Thread | None = None

    def forget(self) -> None:
        """In a forked child: the watchdog thread was not copied, and its lock may have been
        copied held."""
        self._lock = threading.Lock()
        self._cond = threading.Condition(self._lock)
        self._armed, self._wake, self._thread = {}, None, None

    def token(self) -> int:
        """A new call's token (`itertools.count` is thread-safe in CPython)."""
        return next(self._tokens)

    def arm(self, token: int, until: float) -> None:
        with self._lock:
            until += GRACE_S
            self._armed[token] = (until, threading.get_ident(), False)
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._watch, name="masthead-watchdog", daemon=True
                )
                self._thread.start()
            # Calls end long before their budget: the watchdog wakes only when it must look
            # sooner than it planned, so a busy server wakes it about once a budget, not per call.
            if self._wake is None or until < self._wake:
                self._cond.notify()

    def disarm(self, token: int) -> None:
        """The call has ended: the watchdog fires no more for it, and an exception it raised but
        not yet delivered is taken back, so none reaches the code after the call. It always
        completes: one delivered on the way in (before the lock) is caught and it tries again."""
        while True:
            try:
                with self._lock:
                    entry = self._armed.pop(token, None)
                    if entry is None or entry[2]:  # fired, or never armed (arm was cut short)
                        _raise_in(threading.get_ident(), None)
                return
            except OutOfTime:
                continue

    def _watch(self) -> None:
        with self._lock:
            while True:
                now = time.monotonic()
                for token, (until, ident, _) in list(self._armed.items()):
                    if until <= now:  # again and again: a delivery may be swallowed
                        _raise_in(ident, OutOfTime)
                        self._armed[token] = (now + RETRY_S, ident, True)
                self._wake = min((until for until, _, _ in self._armed.values()), default=None)
                self._cond.wait(None if self._wake is None else self._wake - now)


def _raise_in(ident: int, exc: type[BaseException] | None) -> None:
    """`exc` raised in thread `ident` at its next bytecode; None takes a pending one back."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(ident), ctypes.py_object(exc) if exc is not None else ctypes.py_object()
    )


_watchdog = Watchdog()
in_forked_children(_watchdog.forget)


class BoundedOrigins:
    """The origin index as plugins see it: from an inline call, a lookup (a database query,
    which waits outside the GIL, where the watchdog cannot stop it) runs on a pooled thread and
    is waited for only until the call's budget; from anywhere else it runs where it is called."""

    def __init__(self, index: OriginIndex, pool: WorkerPool) -> None:
        self.index, self._pool = index, pool

    def candidates(self, fingerprint: Fingerprint, limit: int = 5) -> list[OriginHit]:
        left = time_left()
        if not _inline.get() or left is None:
            return self.index.candidates(fingerprint, limit)
        call = self._pool.run(lambda: self.index.candidates(fingerprint, limit), max(left, 0.0))
        if not call.done.is_set():
            raise OutOfTime("the origin index did not answer within the call's budget")
        if call.error is not None:
            raise call.error
        value: list[OriginHit] = call.value
        return value

"""Long-lived threads that run plugin calls under a time budget, reused from call to call.

Starting a thread per hook call cost about 0.6 ms on a busy machine, several times a page; handing
the call to a waiting thread costs a tenth of that. The guarantee is the same: the caller waits at
most `timeout` seconds and then goes on without the result. A call that overruns keeps its thread
(Python cannot stop it); that thread rejoins the pool only if the call ever returns, and the host
quarantines a plugin that overruns repeatedly, so abandoned threads cannot pile up.
"""

from __future__ import annotations

import queue
import threading
import weakref
from collections.abc import Callable
from typing import Any

from .lifecycle import in_forked_children


class Call:
    """One call handed to a worker: when it is done, `value` or `error` holds the outcome."""

    __slots__ = ("done", "error", "function", "value")

    def __init__(self, function: Callable[[], Any]) -> None:
        self.function = function
        self.done = threading.Event()
        self.value: Any = None
        self.error: BaseException | None = None

    def running(self) -> bool:
        """Whether the call is still using its thread (a timed-out call may run on)."""
        return not self.done.is_set()


class WorkerPool:
    """Idle threads waiting for calls; a new one starts only when none is idle."""

    def __init__(self, name: str = "masthead-plugin") -> None:
        self.name = name
        self._forget_threads()
        _pools.add(self)

    def _forget_threads(self) -> None:
        self._idle: list[queue.SimpleQueue[Call]] = []
        self._lock = threading.Lock()
        self._started = 0

    def run(self, function: Callable[[], Any], timeout: float) -> Call:
        """Run `function` on a pooled thread; return once it is done or `timeout` has passed.

        `call.done.is_set()` tells which: a call still running is left to its thread.
        """
        call = Call(function)
        with self._lock:
            inbox = self._idle.pop() if self._idle else None
        if inbox is None:
            inbox = self._start_worker()
        inbox.put(call)
        call.done.wait(timeout)
        return call

    @property
    def threads(self) -> int:
        """How many worker threads this pool has started (idle, busy or overrunning)."""
        return self._started

    def _start_worker(self) -> queue.SimpleQueue[Call]:
        inbox: queue.SimpleQueue[Call] = queue.SimpleQueue()
        with self._lock:
            self._started += 1
            number = self._started
        thread = threading.Thread(
            target=self._serve, args=(inbox,), name=f"{self.name}-{number}", daemon=True
        )
        thread.start()
        return inbox

    def _serve(self, inbox: queue.SimpleQueue[Call]) -> None:
        while True:
            call = inbox.get()
            try:
                call.value = call.function()
            except BaseException as exc:  # the caller reports it; the worker lives on
                call.error = exc
            # Idle again before the caller is woken, so its next call finds this thread.
            with self._lock:
                self._idle.append(inbox)
            call.done.set()
            del call  # an idle thread keeps nothing of the page it last worked on


# A forked child (a gunicorn worker of a preloaded app) inherits each pool's idle list but none of
# the threads behind it: a call handed to one of those inboxes never ran, and its caller waited
# out the whole budget (the first requests of every worker timed out). Children start empty.
_pools: weakref.WeakSet[WorkerPool] = weakref.WeakSet()


def _after_fork_in_child() -> None:
    for pool in list(_pools):
        pool._forget_threads()


in_forked_children(_after_fork_in_child)

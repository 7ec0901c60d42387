"""What a pre-forked worker must do for itself: things a process cannot inherit from its master.

A database connection pool opened in the master would be shared by every worker's sockets, so
each store registers a callback here that drops its inherited connections after `fork`.
"""

from __future__ import annotations

import gc
import os
from collections.abc import Callable

_after_fork: list[Callable[[], None]] = []


def on_fork(callback: Callable[[], None]) -> None:
    """Run `callback` in each worker right after it is forked."""
    _after_fork.append(callback)


def after_fork() -> None:
    for callback in _after_fork:
        callback()


def in_forked_children(callback: Callable[[], None]) -> None:
    """Run `callback` in every child this process forks, whoever forks it (gunicorn's workers,
    the process-isolation children): for state that names threads, which a fork does not copy.
    Where there is no `fork` (Windows), there is nothing to do."""
    if hasattr(os, "register_at_fork"):
        os.register_at_fork(after_in_child=callback)


# Container allocations between young collections: a page's analysis makes a few thousand, so
# at CPython's 700 every page paid for three young passes and its live views were walked again
# in the older generations; at this many most of a page's objects are freed by reference
# counting before any pass sees them.
YOUNG_THRESHOLD = 10_000


def tune_garbage_collector() -> None:
    """Once the app is built: set start-up state aside from the collector, collect less often.

    The plugins, the filter-list index (a third of a million objects with all four lists) and
    the outlet registry live as long as the process, yet every full collection walked them all
    again: about 2 ms of each page with the lists on. Frozen (`gc.freeze`), they are still freed
    by reference counting; only cycles among them would stay, and start-up state is never
    dropped anyway. Before a fork it also keeps the workers' copies of those pages shared.
    With `YOUNG_THRESHOLD`, collector time fell from about 3.7 to 2.2 ms a page (AEB pages).
    """
    gc.collect()
    gc.freeze()
    _, middle, old = gc.get_threshold()
    gc.set_threshold(YOUNG_THRESHOLD, middle, old)


def worker_exited(pid: int) -> None:
    """Fold a dead worker's Prometheus samples into the totals (multiprocess mode only)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(pid)

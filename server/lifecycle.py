"""What a pre-forked worker must do for itself: things a process cannot inherit from its master.

A database connection pool opened in the master would be shared by every worker's sockets, so
each store registers a callback here that drops its inherited connections after `fork`.
"""

from __future__ import annotations

import os
from collections.abc import Callable

_after_fork: list[Callable[[], None]] = []


def on_fork(callback: Callable[[], None]) -> None:
    """Run `callback` in each worker right after it is forked."""
    _after_fork.append(callback)


def after_fork() -> None:
    for callback in _after_fork:
        callback()


def worker_exited(pid: int) -> None:
    """Fold a dead worker's Prometheus samples into the totals (multiprocess mode only)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        multiprocess.mark_process_dead(pid)

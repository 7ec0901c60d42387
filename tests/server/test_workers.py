"""The pooled threads plugin calls run on: reused, bounded by a budget, never lost to an error."""

from __future__ import annotations

import os
import threading

from masthead.server.workers import WorkerPool


def test_sequential_calls_reuse_one_thread():
    pool = WorkerPool("test-reuse")
    names = [pool.run(lambda: threading.current_thread().name, 5).value for _ in range(50)]
    assert set(names) == {"test-reuse-1"} and pool.threads == 1


def test_an_error_is_returned_and_the_thread_lives_on():
    pool = WorkerPool("test-error")

    def explode() -> None:
        raise KeyError("boom")

    call = pool.run(explode, 5)
    assert call.done.is_set() and isinstance(call.error, KeyError)
    assert pool.run(lambda: 7, 5).value == 7 and pool.threads == 1


def test_an_overrunning_call_is_left_behind_and_its_thread_rejoins_when_it_ends():
    pool = WorkerPool("test-overrun")
    release = threading.Event()
    stuck = pool.run(release.wait, 0.05)
    assert not stuck.done.is_set()  # the caller stopped waiting
    assert pool.run(lambda: "next", 5).value == "next"  # on a second thread
    assert pool.threads == 2
    release.set()
    assert stuck.done.wait(5) and stuck.value is True
    for _ in range(10):
        pool.run(lambda: None, 5)
    assert pool.threads == 2  # both threads are reused; none started for these


def test_concurrent_callers_each_get_a_thread():
    pool = WorkerPool("test-concurrent")
    barrier = threading.Barrier(3, timeout=5)
    results: list[int] = []

    def caller(n: int) -> None:
        results.append(pool.run(lambda: barrier.wait() * 0 + n, 5).value)

    callers = [threading.Thread(target=caller, args=(n,)) for n in range(3)]
    for thread in callers:
        thread.start()
    for thread in callers:
        thread.join()
    assert sorted(results) == [0, 1, 2] and pool.threads == 3


def test_a_forked_child_runs_calls_on_threads_of_its_own():
    # A preloaded gunicorn master runs plugin start-up on the pool, then forks: the child's copy
    # of the idle list names threads that exist only in the master.
    pool = WorkerPool("test-fork")
    assert pool.run(lambda: 1, 5).value == 1 and pool.threads == 1
    pid = os.fork()
    if pid == 0:  # the child: report through the exit code, never return into pytest
        code = 1
        try:
            call = pool.run(lambda: threading.current_thread().name, 2)
            code = 0 if call.done.is_set() and call.value == "test-fork-1" else 2
        finally:
            os._exit(code)
    _, status = os.waitpid(pid, 0)
    assert os.waitstatus_to_exitcode(status) == 0
    assert pool.run(lambda: 2, 5).value == 2 and pool.threads == 1  # the parent's pool is intact

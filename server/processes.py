"""Plugin calls in a forked child process: killed at the budget, capped in memory, unable to
take the server with it.

A thread cannot be stopped, so a third-party plugin that spins keeps a core busy after its
timeout, one that allocates 2 GiB takes the server's memory, and one that calls `os._exit` ends
the server. Here each call runs in a child forked for it (the page, the findings and the
plugin's state are already there, copied on write), in its own process group, with an address
space limit. The child sends its result back as JSON, never pickle, so that nothing the child
writes can run code in the server; at the budget the whole group is killed.

This protects the server's availability, not its secrets: the child runs with the server's
permissions (docs/operators.md says so).
"""

from __future__ import annotations

import json
import os
import resource
import select
import signal
import time
from collections.abc import Callable
from typing import Any

from .redact import where
from .workers import Call

MAX_OUTPUT_BYTES = 32 * 1024 * 1024  # more than any valid output (1,000 annotations) needs
_EXIT_FAILED = 70  # the child could not even report


class ChildError(Exception):
    """An exception raised in the child, as far as its report says: type name and message."""

    def __init__(self, kind: str, message: str, place: str = "") -> None:
        super().__init__(message)
        self.kind, self.place = kind, place


class ProcessCall(Call):
    """A `Call` whose child is gone when `run` returns: a timed-out call no longer runs."""

    __slots__ = ()

    def running(self) -> bool:
        return False


def available() -> bool:
    """Whether this system can fork (POSIX); elsewhere plugins run on threads."""
    return hasattr(os, "fork")


def run(
    function: Callable[[], Any],
    timeout: float,
    memory_bytes: int | None = None,
    in_child: Callable[[], None] | None = None,
) -> ProcessCall:
    """Run `function` in a forked child; its return value must be JSON-encodable.

    Returns once the child has reported, died, or run for `timeout` s (then it is killed and
    `done` is not set). `in_child` runs first in the child (to reset locks other threads held).
    """
    call = ProcessCall(function)
    try:
        read_end, write_end = os.pipe()
    except OSError as exc:  # out of file descriptors: the call fails, not the request
        call.error = ChildError("ForkFailed", f"no worker process: {exc.strerror or exc}")
        call.done.set()
        return call
    try:
        pid = os.fork()
    except OSError as exc:  # out of processes or memory
        os.close(read_end)
        os.close(write_end)
        call.error = ChildError("ForkFailed", f"no worker process: {exc.strerror or exc}")
        call.done.set()
        return call
    if pid == 0:  # the child: never returns
        os.close(read_end)
        _child(function, write_end, memory_bytes, in_child)
    os.close(write_end)
    try:
        data, complete = _read(read_end, time.monotonic() + timeout)
    finally:
        os.close(read_end)
        _kill(pid)
    status = _reap(pid)
    if not complete:
        if data is None:  # the budget ran out
            return call
        call.error = ChildError("OutputTooLarge", f"sent more than {MAX_OUTPUT_BYTES} bytes")
    elif not data:
        call.error = ChildError("ProcessExit", f"its worker process {_ended(status)}")
    else:
        _decode(call, data)
    call.done.set()
    return call


def _child(
    function: Callable[[], Any],
    fd: int,
    memory_bytes: int | None,
    in_child: Callable[[], None] | None,
) -> None:
    code = 0
    try:
        os.setpgid(0, 0)
        signal.signal(signal.SIGTERM, signal.SIG_DFL)  # the server's handler is not the child's
        signal.signal(signal.SIGINT, signal.SIG_DFL)
        if memory_bytes is not None:
            _limit_memory(memory_bytes)
        if in_child is not None:
            in_child()
        try:
            report: dict[str, Any] = {"value": function()}
        except BaseException as exc:  # reported, whatever it is (SystemExit too)
            report = {"error": [type(exc).__name__, _first_line(exc), where(exc)]}
        try:
            data = json.dumps(report, allow_nan=False).encode("utf-8")
        except (TypeError, ValueError, RecursionError) as exc:
            reason = f"its output cannot leave the worker process ({_first_line(exc)})"
            data = json.dumps({"error": ["UnportableOutput", reason, ""]}).encode("utf-8")
        with os.fdopen(fd, "wb") as out:
            out.write(data)
    except BaseException:
        code = _EXIT_FAILED
    finally:
        os._exit(code)


def _limit_memory(extra: int) -> None:
    """Cap the address space at what the server already maps plus `extra` bytes."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        mapped = int(statm.read().split()[0]) * resource.getpagesize()
    limit = mapped + extra
    _, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _read(fd: int, deadline: float) -> tuple[bytes | None, bool]:
    """Everything the child writes until it closes the pipe: (data, True); (None, False) when
    the deadline passed first; (data, False) when it wrote too much."""
    chunks: list[bytes] = []
    size = 0
    poller = select.poll()
    poller.register(fd, select.POLLIN | select.POLLHUP)
    while True:
        left = deadline - time.monotonic()
        if left <= 0 or not poller.poll(left * 1000):
            return None, False
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return b"".join(chunks), True
        chunks.append(chunk)
        size += len(chunk)
        if size > MAX_OUTPUT_BYTES:
            return b"", False


def _kill(pid: int) -> None:
    """The child's whole process group: whatever it started goes with it."""
    for target, kill in ((pid, os.killpg), (pid, os.kill)):
        try:
            kill(target, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            continue


def _reap(pid: int) -> int:
    while True:
        try:
            return os.waitpid(pid, 0)[1]
        except InterruptedError:
            continue
        except ChildProcessError:
            return 0


def _ended(status: int) -> str:
    if os.WIFSIGNALED(status) and os.WTERMSIG(status) != signal.SIGKILL:
        return f"was killed by {signal.Signals(os.WTERMSIG(status)).name}"
    if os.WIFEXITED(status):
        return f"exited with status {os.WEXITSTATUS(status)} before reporting"
    return "ended before reporting"


def _decode(call: ProcessCall, data: bytes) -> None:
    try:
        report = json.loads(data)
    except (ValueError, RecursionError):
        call.error = ChildError("BadReport", "its worker process sent an unreadable report")
        return
    if isinstance(report, dict) and "value" in report:
        call.value = report["value"]
    elif (
        isinstance(report, dict)
        and isinstance(report.get("error"), list)
        and len(report["error"]) == 3
        and all(isinstance(part, str) for part in report["error"])
    ):
        call.error = ChildError(*report["error"])
    else:
        call.error = ChildError("BadReport", "its worker process sent an unreadable report")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0][:300] if text else ""

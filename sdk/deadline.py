"""How long the running hook call has left, so a long loop can stop at its budget.

The host stops waiting for a call at its budget (the plugin timeout, or what is left of the
request's deadline), but it cannot stop a thread: a loop over a huge page would go on using CPU
that the next pages need. A loop that calls `check_time()` now and then stops itself instead:
past the budget it raises `OutOfTime`, which the host reports as the call's `timeout`.

    from masthead.sdk import check_time, hookimpl

    @hookimpl
    def masthead_detect(page):
        for n, block in enumerate(page.blocks):
            if n % 256 == 0:
                check_time()
            ...

Outside a hook call (a plain script, a unit test) there is no budget: `check_time()` does nothing
and `time_left()` is None.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

# When the running call's budget ends, on the `time.monotonic()` clock; None: no budget.
_until: ContextVar[float | None] = ContextVar("masthead_call_until", default=None)


class OutOfTime(BaseException):
    """The call's budget is spent. A BaseException, like `KeyboardInterrupt`, so that a plugin's
    own `except Exception` does not swallow it and run on."""


def time_left() -> float | None:
    """Seconds the running call has left (negative once past), or None outside a budget."""
    until = _until.get()
    return None if until is None else until - time.monotonic()


def check_time() -> None:
    """Raise `OutOfTime` if the running call is past its budget; cheap enough for a loop."""
    until = _until.get()
    if until is not None:
        over = time.monotonic() - until
        if over > 0:
            raise OutOfTime(f"stopped itself {over:.3f} s past its budget")


@contextmanager
def budget(until: float | None) -> Iterator[None]:
    """Run the body with `until` as the call's end (the host, around each hook call)."""
    token = _until.set(until)
    try:
        yield
    finally:
        _until.reset(token)

"""What the server may log about an exception: its type and where it was raised, never its
message, which can quote the page being analysed."""

from __future__ import annotations

import traceback


def where(exc: BaseException) -> str:
    """`ValueError at /path/module.py:12`: enough to find the bug, nothing from the page."""
    frames = traceback.extract_tb(exc.__traceback__)
    place = f" at {frames[-1].filename}:{frames[-1].lineno}" if frames else ""
    return f"{type(exc).__name__}{place}"

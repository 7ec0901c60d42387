"""How a piece of work grows with its input, in CPU time, so a timed test survives a busy machine.

Wall-clock limits fail when other processes hold the cores. The CPU time this process spends
does not include waiting for a core, and the ratio of two sizes cancels out how fast the
machine is: linear work at four times the input costs about four times as much, quadratic work
sixteen times. The speed figures themselves are measured under `bench/`, never asserted here.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")

# Linear work at 4x the input costs ~4x (less with fixed costs); n log n ~4.6x; quadratic ~16x.
# 8 leaves room for a noisy neighbour sharing the caches and still catches n^2.
FACTOR = 4
LINEAR_LIMIT = 8.0


@dataclass(frozen=True)
class Growth(Generic[T]):
    """CPU seconds at n and at FACTOR x n, and what the larger run returned."""

    small: float
    large: float
    result: T

    @property
    def ratio(self) -> float:
        return self.large / max(self.small, 1e-6)

    def __str__(self) -> str:
        return f"{self.small:.3f} s CPU at n, {self.large:.3f} s at {FACTOR}n: {self.ratio:.1f}x"


def cpu_seconds(work: Callable[[], T]) -> tuple[float, T]:
    """The CPU time of this process over one call (threads included, waiting for a core not).

    The cyclic garbage collector is paused meanwhile: its passes cost in proportion to every
    object the test session holds, which is not the work being measured.
    """
    gc.collect()
    gc.disable()
    try:
        started = time.process_time()
        result = work()
        return time.process_time() - started, result
    finally:
        gc.enable()


def growth(prepare: Callable[[int], Callable[[], T]], large: int) -> Growth[T]:
    """CPU timings of `prepare(n)()` at n = `large` / FACTOR (best of two) and at `large`.

    `prepare` builds the input outside the timing and returns the call to time. A first
    untimed call at the small size warms lazy imports and compiled patterns.
    """
    small_work, large_work = prepare(large // FACTOR), prepare(large)
    small_work()
    small = min(cpu_seconds(small_work)[0] for _ in range(2))
    seconds, result = cpu_seconds(large_work)
    return Growth(small, seconds, result)


# -- the worst cases: pages much larger than any article, with the work in every block --------
_PROSE = (
    "The harbour authority met on Tuesday to discuss the budget for the coming year, and members "
    "debated the proposals for more than three hours before adjourning.",
    "Engineers poured more than 40,000 tonnes of concrete into the sea wall, and divers spent "
    "months checking each block before the council voted to fund the dredging.",
    "Local fishers, who had campaigned for the wall since the storms of 2009, welcomed the vote "
    "but warned that the channel would silt up again within a decade.",
    "The dredging is expected to cost about twice as much as the wall itself and will start "
    "in the spring, once the last of the winter storms has passed.",
)


def attributed_page(paragraphs: int) -> str:
    """An article of `paragraphs` paragraphs, each with a vague and a named attribution."""
    body = "".join(
        f"<p>{_PROSE[0]} Officials said on day {i} that it is believed the plan is reportedly "
        f"late, according to Reuters.</p>"
        for i in range(paragraphs)
    )
    return (
        "<!DOCTYPE html><html lang='en'><head><title>A story | Example Gazette</title>"
        "<meta property='og:site_name' content='Example Gazette'></head><body><header><nav>"
        "<a href='/'>Home</a></nav></header><main><article><h1>A story</h1><div class='content'>"
        f"{body}</div></article></main><footer><p>Contact us</p></footer></body></html>"
    )


def link_lists_page(units: int) -> tuple[str, str]:
    """`units` times four paragraphs and a list of five links: every list is cut from the
    article, which keeps every paragraph. Returns the page and one paragraph's text."""
    links = "".join(
        f'<li><a href="/s/{i}">Another story about something {i}</a></li>' for i in range(5)
    )
    prose = "".join(f"<p>{text}</p>" for text in _PROSE)
    unit = f"<div>{prose}<ul>{links}</ul></div>"
    return f"<html><body>{unit * units}</body></html>", _PROSE[0]

"""The worst cases' speed: pages far larger than any article, beside trafilatura's extract.

    .venv/bin/python bench/scaling.py [--sizes 300,1200,4800]

Two pages written for the purpose (`tests/scaling.py`): an article whose every paragraph holds a
vague and a named attribution, and one where each of `n` sections of four paragraphs carries a
list of links that the extractor cuts. For each size it prints the CPU milliseconds of
`Page(html, url)` plus `PluginHost.analyze` (all plugins, no filter lists) and of
`trafilatura.extract` on the same HTML, their ratio, and how much each grew from the previous
size (linear work grows as the size does). The tests assert only the growth
(`test_huge_page_grows_linearly`, `test_thousands_of_exclusions_grow_linearly`); the figures
are here. CPU time leaves out waiting for a core, so a busy machine changes them less than
wall time; the cyclic garbage collector runs as usual.
"""

from __future__ import annotations

import argparse
import time
from collections.abc import Callable
from typing import TypeVar

from scaling import attributed_page, link_lists_page

CASES: dict[str, Callable[[int], str]] = {
    "attributed paragraphs": attributed_page,
    "sections with link lists": lambda n: link_lists_page(n)[0],
}
URL = "https://www.gazette.example.com/news/story"
T = TypeVar("T")


def cpu_ms(work: Callable[[], T]) -> tuple[float, T]:
    started = time.process_time()
    result = work()
    return (time.process_time() - started) * 1000, result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="300,1200,4800", help="n per page [300,1200,4800]")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]

    import trafilatura

    from masthead.sdk import Page
    from masthead.server.host import PluginHost

    host = PluginHost().start()
    host.timeout = 600.0  # the figure is the work itself, not where the budget cuts it
    header = (
        f"{'page':<26}{'n':>6}{'KB':>7}{'Masthead':>10}{'traf':>9}{'×traf':>7}"
        f"{'M grew':>8}{'t grew':>8}  plugins"
    )
    print(header)
    print("-" * len(header))
    for case, build in CASES.items():
        previous: tuple[float, float] | None = None
        host.analyze(Page(build(sizes[0]), URL))  # warm: imports, compiled patterns
        for n in sizes:
            html = build(n)
            ours, result = cpu_ms(lambda h=html: host.analyze(Page(h, URL)))
            theirs, _ = cpu_ms(lambda h=html: trafilatura.extract(h, include_comments=False))
            grew = (
                f"{ours / previous[0]:>8.1f}{theirs / previous[1]:>8.1f}"
                if previous
                else f"{'':>8}{'':>8}"
            )
            statuses = ",".join(sorted({run.status for run in result.runs.values()}))
            print(
                f"{case:<26}{n:>6}{len(html) // 1024:>7}{ours:>10.0f}{theirs:>9.0f}"
                f"{ours / theirs:>7.2f}{grew}  {statuses}"
            )
            previous = (ours, theirs)
    print("(CPU ms; grew: over the previous size, which is 4x smaller by default)")


if __name__ == "__main__":
    main()

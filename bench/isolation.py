"""What isolation costs: a small third-party plugin on threads vs in a worker process, and the
tamper check (a digest of the whole tree) vs the node count it replaced.

    .venv/bin/python bench/isolation.py [--pages 30]

Runs the built-ins and a one-annotation plugin over the seed page and a few AEB pages, in
process (no socket), cache off; prints ms per page with `[plugins] isolation = "thread"` and
`"process"` side by side, the ratio, and the plugin's own ms per call (the fork, the child's
views, the JSON report and the kill). Then the check the host runs after each call on a thread:
`page.fingerprint()` (tags, attributes, text, URL) beside `count_nodes` (what it replaced).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from fuzz import corpus_pages  # noqa: E402

from masthead.sdk import hookimpl  # noqa: E402
from masthead.sdk.page import Page, count_nodes  # noqa: E402
from masthead.server.app import build_host  # noqa: E402
from masthead.server.config import Config  # noqa: E402


class Small:
    """A third-party plugin of the usual size: reads the text, returns one annotation."""

    @hookimpl
    def masthead_detect(self, page: Page) -> list[dict[str, object]]:
        return [{"kind": "words", "data": {"words": len(page.text.split())}}]


def measure(isolation: str, pages: list[str], rounds: int) -> tuple[float, float]:
    data = Path(tempfile.mkdtemp(prefix="masthead-isolation-"))
    host = build_host(Config(plugin_isolation=isolation, data_dir=data))
    host.register(Small(), "small")
    page_ms, plugin_ms = [], []
    for html in pages[:2]:  # warm
        host.analyze(Page(html, "https://a.example/"))
    for _ in range(rounds):
        for html in pages:
            started = time.perf_counter()
            analysis = host.analyze(Page(html, "https://a.example/"))
            page_ms.append((time.perf_counter() - started) * 1000)
            plugin_ms.append(analysis.runs["small"].ms)
            assert analysis.runs["small"].status == "ok", analysis.runs["small"]
    return statistics.median(page_ms), statistics.median(plugin_ms)


def tamper_check(pages: list[str], rounds: int = 5) -> tuple[float, float, int]:
    """Median ms per check over `pages`: (node count, fingerprint, largest page's elements)."""
    counts, digests, largest = [], [], 0
    for html in pages:
        page = Page(html, "https://a.example/")
        largest = max(largest, page.element_count)
        for _ in range(rounds):
            started = time.perf_counter()
            count_nodes(page.root)
            counts.append((time.perf_counter() - started) * 1000)
            started = time.perf_counter()
            page.fingerprint()
            digests.append((time.perf_counter() - started) * 1000)
    return statistics.median(counts), statistics.median(digests), largest


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=10, help="AEB pages beside the seed")
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    pages = corpus_pages(args.pages)
    thread = measure("thread", pages, args.rounds)
    process = measure("process", pages, args.rounds)
    print(f"{len(pages)} pages x {args.rounds} rounds, median per page")
    print(f"{'':28}{'thread':>10}{'process':>10}{'ratio':>8}")
    for label, index in (("page ms (built-ins + small)", 0), ("small plugin ms per call", 1)):
        ratio = process[index] / thread[index] if thread[index] else float("inf")
        print(f"{label:28}{thread[index]:>10.1f}{process[index]:>10.1f}{ratio:>7.1f}x")
    count, digest, largest = tamper_check(pages)
    print(f"\ntamper check per call, median over the pages (largest {largest} elements)")
    print(f"{'':28}{'nodes':>10}{'digest':>10}{'ratio':>8}")
    ratio = digest / count if count else float("inf")
    print(f"{'ms per call':28}{count:>10.2f}{digest:>10.2f}{ratio:>7.1f}x")


if __name__ == "__main__":
    main()

"""Article text on the Article Extraction Benchmark: Masthead beside trafilatura and readability.

    python bench/extraction.py [--limit N] [--worst N] [--only masthead]

Scores with the benchmark's own metric (word 4-gram shingles, each page weighted the same; see
`../shared/corpus/README.md`) and times each extractor on the same pages in the same run. The
Masthead time covers everything the server does for the article text: parsing the page, its
blocks, `find_article` and `build_article`; a last line splits it by stage. The "vs M" columns
are each extractor's F1 and times divided by Masthead's (a time ratio above 1 is slower).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from aeb_metric import overall, page_f1, page_score
from support import aeb_pages

# -- extractors: html, url -> text ------------------------------------------------------------
# Masthead's time split by stage, per page: parsing and blocks are shared by every plugin in
# the server; find_article and build_article are what the promo plugin adds for the text.
STAGES: dict[str, list[float]] = {"parse": [], "blocks": [], "find_article": [], "build": []}


def masthead(html: str, url: str) -> str:
    from masthead.extract import find_article
    from masthead.sdk import Page, build_article

    t0 = time.perf_counter()
    page = Page(html, url)
    t1 = time.perf_counter()
    page.blocks  # noqa: B018 - computed once here, as the host's first reader would
    t2 = time.perf_counter()
    region = find_article(page)
    t3 = time.perf_counter()
    text = build_article(page, *region).text
    t4 = time.perf_counter()
    for stage, spent in zip(STAGES, (t1 - t0, t2 - t1, t3 - t2, t4 - t3), strict=True):
        STAGES[stage].append(spent)
    return text


def trafilatura_extract(html: str, url: str) -> str:
    import trafilatura

    return trafilatura.extract(html, url=url, include_comments=False) or ""


def readability_extract(html: str, url: str) -> str:
    import lxml.html
    from readability import Document

    from masthead.sdk.text import read_blocks

    summary = Document(html, url=url).summary(html_partial=True)
    if not summary.strip():
        return ""
    # one line per block, as for Masthead: text_content() would glue "Heading" and "First"
    return "\n".join(b.text for b in read_blocks(lxml.html.fromstring(summary)))


EXTRACTORS: dict[str, Callable[[str, str], str]] = {
    "masthead": masthead,
    "trafilatura": trafilatura_extract,
    "readability": readability_extract,
}


@dataclass
class Run:
    scores: list[tuple[float, float, float]] = field(default_factory=list)
    times: list[float] = field(default_factory=list)
    per_page: dict[str, float] = field(default_factory=dict)
    failures: int = 0

    @property
    def median_ms(self) -> float:
        return median_ms(self.times)

    @property
    def p95_ms(self) -> float:
        return p95_ms(self.times)


def median_ms(seconds: list[float]) -> float:
    return statistics.median(seconds) * 1000


def p95_ms(seconds: list[float]) -> float:
    ordered = sorted(seconds)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))] * 1000


def run(names: list[str], limit: int | None) -> dict[str, Run]:
    """Each page through every extractor in turn, so load on the machine hits all alike."""
    runs = {name: Run() for name in names}
    for name in names:  # imports and first-call setup are not per-page costs
        EXTRACTORS[name]("<html><body><p>warm up</p></body></html>", "https://example.org/")
    for spent in STAGES.values():
        spent.clear()
    for n, (page_id, url, html, truth) in enumerate(aeb_pages()):
        if limit is not None and n >= limit:
            break
        for name in names:
            started = time.perf_counter()
            try:
                text = EXTRACTORS[name](html, url)
            except Exception as error:  # an extractor that crashes scores an empty page
                if not runs[name].failures:
                    print(f"{name} failed on {page_id}: {error!r}", file=sys.stderr)
                runs[name].failures += 1
                text = ""
            runs[name].times.append(time.perf_counter() - started)
            runs[name].scores.append(page_score(truth, text))
            runs[name].per_page[page_id] = page_f1(truth, text)
    return runs


def report(runs: dict[str, Run]) -> None:
    base = runs.get("masthead")
    print(f"{'extractor':<13}{'F1':>7}{'P':>7}{'R':>7}{'median ms':>11}{'p95 ms':>9}", end="")
    print(f"{'F1 vs M':>9}{'median vs M':>13}{'p95 vs M':>10}" if base else "")
    for name, r in runs.items():
        f1, p, rec = overall(r.scores)
        line = f"{name:<13}{f1:>7.3f}{p:>7.3f}{rec:>7.3f}{r.median_ms:>11.1f}{r.p95_ms:>9.1f}"
        if base:
            mf1 = overall(base.scores)[0] or 1.0
            line += f"{f1 / mf1:>9.3f}{r.median_ms / base.median_ms:>13.2f}"
            line += f"{r.p95_ms / base.p95_ms:>10.2f}"
        print(line + (f"  ({r.failures} pages failed)" if r.failures else ""))
    print(f"pages: {len(next(iter(runs.values())).scores)}")
    if base:
        print("masthead by stage, median / p95 ms: ", end="")
        print(", ".join(f"{k} {median_ms(v):.2f} / {p95_ms(v):.2f}" for k, v in STAGES.items()))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, help="only the first N pages")
    parser.add_argument("--only", nargs="+", choices=list(EXTRACTORS), help="extractors to run")
    parser.add_argument("--worst", type=int, default=0, help="list Masthead's N worst pages")
    args = parser.parse_args()
    runs = run(args.only or list(EXTRACTORS), args.limit)
    report(runs)
    if args.worst and "masthead" in runs:
        worst = sorted(runs["masthead"].per_page.items(), key=lambda kv: kv[1])[: args.worst]
        for page_id, f1 in worst:
            print(f"{f1:.3f} {page_id}")


if __name__ == "__main__":
    main()

"""The origin index: does it find copies, refuse look-alikes, and stay fast as it grows?

    .venv/bin/python bench/origins.py [--sizes 10000,100000,1000000] [--lookups 200]

1. Precision and recall on the copy/negative set of tests/origins: real fundus articles indexed
   from their own HTML with the project's extractor; copies built from them in another site's
   template (full, 40% excerpt, edited, reordered); negatives (an article quoting two
   paragraphs, another article of the same site, an independent report of the same event,
   shared boilerplate). Masthead beside two peers a reader might reach for: the same
   containment over the whole page's text (no article extraction, no boilerplate rule), and an
   exact hash of the article text (what a plain de-duplicator does).
2. Lookup median and index bytes per article at each size, with synthetic fingerprints (40
   sampled hashes each, as a real article keeps), beside a scan of every stored fingerprint at
   the smallest size, as a ratio.
3. The added cost per analysed page (fingerprint + lookup) beside the rest of the analysis.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from masthead.sdk.fingerprints import (
    MAX_STORED,
    SAMPLE_BELOW,
    Fingerprint,
    fingerprint,
    overlap,
)
from masthead.sdk.page import Page
from masthead.server.analysis import run_analysis
from masthead.server.app import build_host
from masthead.server.config import Config
from masthead.server.origins import OriginRecord, open_index
from masthead.server.origins.index import row
from masthead.server.origins.pages import index_page, parse_time
from origin_copies import (
    BOILERPLATE,
    COPIES,
    REPORT_A,
    REPORT_B,
    article,
    corpus,
    quoting,
    template,
)

_NOW = datetime.now(UTC)


def english(min_words: int = 250) -> list[str]:
    keys = [k for k, a in corpus().items() if k[:4] in ("us__", "uk__", "ca__", "au__")]
    return [k for k in keys if article(k).words >= min_words]


# -- 1. precision and recall -----------------------------------------------------------------
def quality(origins: int) -> None:
    keys = english()
    indexed, spare = keys[:origins], keys[origins:]
    data = Path(tempfile.mkdtemp(prefix="masthead-origins-bench-"))
    index = open_index(data)
    host = build_host(Config(data_dir=data), index)
    whole_page: dict[str, Fingerprint] = {}
    exact: dict[str, str] = {}
    for key in indexed:
        page = article(key)
        index_page(index, host, page.html, page.url, page.publisher, parse_time(page.published))
        parsed = Page(page.html, page.url)
        whole_page[page.url] = fingerprint(parsed.text.split("\n"))
        exact[_digest(host.article(parsed).paragraphs)] = page.url

    cases: list[tuple[str, str, str, str]] = []  # (group, html, page url, expected origin or "")
    for position, key in enumerate(indexed):
        page = article(key)
        for name, make in COPIES.items():
            title, paragraphs = make(page)
            html = template("Daily Echo", title, paragraphs)
            cases.append((name, html, f"https://daily-echo.example/{position}/{name}", page.url))
        own = article(spare[position % len(spare)])
        html = template("Daily Echo", own.title, quoting(own.paragraphs, page.paragraphs))
        cases.append(("quotes 2 paragraphs", html, f"https://daily-echo.example/q{position}", ""))
    by_site: dict[str, list[str]] = {}
    for key in keys:
        by_site.setdefault(article(key).publisher, []).append(key)
    for siblings in by_site.values():
        if len(siblings) > 1 and siblings[0] in indexed and siblings[1] not in indexed:
            other = article(siblings[1])
            cases.append(("same site, other article", other.html, "https://mirror.example/x", ""))
    index.add(OriginRecord("https://marlow-gazette.example/flood"), list(REPORT_A))
    report = template("Valley News", "Floods", REPORT_B)
    cases.append(("independent report", report, "https://valley.example/floods", ""))
    index.add(OriginRecord("https://site-a.example/r"), [*REPORT_A[:2], *BOILERPLATE * 3])
    furniture = template("Site B", "Notes", [REPORT_B[0], *BOILERPLATE, *BOILERPLATE])
    cases.append(("shared boilerplate", furniture, "https://site-b.example/n", ""))

    systems = {
        "Masthead": lambda html, url: _masthead(host, html, url),
        "whole-page containment": lambda html, url: _whole_page(whole_page, html, url),
        "exact text hash": lambda html, url: exact.get(
            _digest(host.article(Page(html, url)).paragraphs), ""
        ),
    }
    groups = list(dict.fromkeys(c[0] for c in cases))
    results = {name: {g: [0, 0] for g in groups} for name in systems}  # right, total
    totals = {name: {"tp": 0, "fp": 0, "fn": 0} for name in systems}
    for group, html, url, expected in cases:
        for name, system in systems.items():
            found = system(html, url)
            right = found == expected
            results[name][group][0] += right
            results[name][group][1] += 1
            if expected and found == expected:
                totals[name]["tp"] += 1
            else:
                if found:
                    totals[name]["fp"] += 1
                if expected:
                    totals[name]["fn"] += 1
    print(f"\n## Copies and look-alikes ({origins} real articles indexed, {len(cases)} pages)\n")
    names = list(systems)
    print("| case | " + " | ".join(names) + " |")
    print("|---|" + "---|" * len(names))
    for group in groups:
        cells = [f"{results[n][group][0]}/{results[n][group][1]}" for n in names]
        print(f"| {group} | " + " | ".join(cells) + " |")
    for label, value in (("precision", _precision), ("recall", _recall)):
        print(f"| **{label}** | " + " | ".join(f"{value(totals[n]):.3f}" for n in names) + " |")
    index.store.engine.dispose()


def _masthead(host, html: str, url: str) -> str:
    document = run_analysis(host, url, html)
    for a in document["annotations"]:
        if a["kind"] == "text-origin":
            return a["data"]["origin_url"]
        if a["kind"] == "republication" and "text_origin" in a["data"]:
            return a["data"]["text_origin"]["origin_url"]
    return ""


def _whole_page(prints: dict[str, Fingerprint], html: str, url: str) -> str:
    mine = fingerprint(Page(html, url).text.split("\n"))
    best = max(prints, key=lambda u: overlap(mine, prints[u].stored()).contained)
    return best if overlap(mine, prints[best].stored()).contained >= 0.5 else ""


def _digest(paragraphs: list[str]) -> str:
    return hashlib.sha256(" ".join(" ".join(paragraphs).split()).lower().encode()).hexdigest()


def _precision(t: dict[str, int]) -> float:
    return t["tp"] / (t["tp"] + t["fp"]) if t["tp"] + t["fp"] else 1.0


def _recall(t: dict[str, int]) -> float:
    return t["tp"] / (t["tp"] + t["fn"]) if t["tp"] + t["fn"] else 1.0


# -- 2. size sweep ----------------------------------------------------------------------------
def synthetic(rng: random.Random, n: int) -> Fingerprint:
    bits = SAMPLE_BELOW.bit_length() - 1
    hashes = tuple(sorted({rng.getrandbits(bits) for _ in range(n)}))
    return Fingerprint(hashes, n * 4, SAMPLE_BELOW)


def sweep(sizes: list[int], lookups: int) -> None:
    print("\n## Lookup and size as the index grows (synthetic fingerprints)\n")
    print(
        "| articles | build s | bytes/article | lookup median ms | p95 ms | CPU median ms | "
        "scan ms | scan/lookup |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for size in sizes:
        rng = random.Random(size)
        folder = Path(tempfile.mkdtemp(prefix="masthead-origins-sweep-"))
        index = open_index(folder)
        started = time.perf_counter()
        stored: list[Fingerprint] = []

        def rows(size: int = size, rng: random.Random = rng, stored: list = stored):
            for number in range(size):
                fp = synthetic(rng, MAX_STORED).stored()
                if number % max(1, size // lookups) == 0:
                    stored.append(fp)
                site = number % 5000
                url = f"https://site{site}.example/news/{number}"
                yield _synthetic_row(url, f"site{site}.example", f"Outlet {site}", fp), fp.hashes

        index.store.put_many(rows())
        build = time.perf_counter() - started
        with index.store.engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")
        size_bytes = (folder / "origins.sqlite").stat().st_size
        queries = []
        for fp in stored[:lookups]:
            # a page holding 60% of that article's sampled text, plus text of its own
            kept = fp.hashes[: int(len(fp.hashes) * 0.6)]
            own = synthetic(rng, 120).hashes
            queries.append(Fingerprint(tuple(sorted({*kept, *own})), 600, SAMPLE_BELOW))
        times, cpu = [], []
        for query in queries:
            t0, c0 = time.perf_counter(), time.process_time()
            index.candidates(query)
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
        scan = _scan_ms(index, queries[:5]) if size <= sizes[0] else None
        median = statistics.median(times)
        p95 = sorted(times)[int(len(times) * 0.95) - 1]
        scan_cells = f"{scan:.1f} | {scan / median:.0f}×" if scan else "– | –"
        cpu_median = statistics.median(cpu)
        figures = (
            f"{size:,} | {build:.1f} | {size_bytes / size:.0f} | {median:.2f} | {p95:.2f} | "
            f"{cpu_median:.2f}"
        )
        print(f"| {figures} | {scan_cells} |")
        sys.stdout.flush()
        index.store.engine.dispose()
        for path in folder.glob("*"):
            path.unlink()
        folder.rmdir()


def _synthetic_row(url: str, domain: str, outlet: str, fp: Fingerprint) -> dict:
    """`index.row` without parsing the URL for its domain (a million times over)."""
    return {
        "url": url,
        "domain": domain,
        "outlet": outlet,
        "title": "",
        "published": None,
        "added": _NOW,
        "via": "feed",
        "shingles": fp.shingles,
        "ceiling": fp.ceiling,
        "hashes": fp.pack(),
    }


def _scan_ms(index, queries: list[Fingerprint]) -> float:
    """The peer: read every stored fingerprint and compare (what an index without postings does)."""
    from sqlalchemy import select

    from masthead.server.origins.store import articles

    times = []
    for query in queries:
        t0 = time.perf_counter()
        best = 0.0
        with index.store.engine.connect() as conn:
            for packed, shingles, ceiling in conn.execute(
                select(articles.c.hashes, articles.c.shingles, articles.c.ceiling)
            ):
                best = max(
                    best, overlap(query, Fingerprint.unpack(packed, shingles, ceiling)).contained
                )
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


# -- 3. added cost per page --------------------------------------------------------------------
def cost(pages: int) -> None:
    keys = english()[:pages]
    data = Path(tempfile.mkdtemp(prefix="masthead-origins-cost-"))
    index = open_index(data)
    with_index = build_host(Config(data_dir=data), index)
    without = build_host(Config(data_dir=data))
    for key in keys:
        page = article(key)
        index_page(index, with_index, page.html, page.url, page.publisher)
    rng = random.Random(7)
    index.store.put_many(
        (
            row(OriginRecord(f"https://filler{n}.example/{n}"), synthetic(rng, MAX_STORED)),
            synthetic(rng, MAX_STORED).hashes,
        )
        for n in range(100_000)
    )
    plain, looked, fingerprinting = [], [], []
    for key in keys:
        page = article(key)
        copy = template("Daily Echo", page.title, page.paragraphs)
        for host, sink in ((without, plain), (with_index, looked)):
            run_analysis(host, "https://daily-echo.example/warm", copy)
            t0 = time.perf_counter()
            run_analysis(host, "https://daily-echo.example/c", copy)
            sink.append((time.perf_counter() - t0) * 1000)
        parsed = Page(copy, "https://daily-echo.example/c")
        paragraphs = with_index.article(parsed).paragraphs
        t0 = time.perf_counter()
        index.candidates(fingerprint(paragraphs))
        fingerprinting.append((time.perf_counter() - t0) * 1000)
    a, b, c = statistics.median(plain), statistics.median(looked), statistics.median(fingerprinting)
    size = 100_000 + len(keys)
    print(f"\n## Added cost per analysed page ({len(keys)} copies, index of {size:,})\n")
    print("| analysis without the index ms | with it ms | fingerprint + lookup ms | share |")
    print("|---|---|---|---|")
    print(f"| {a:.1f} | {b:.1f} | {c:.2f} | {c / b:.1%} |")
    index.store.engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--lookups", type=int, default=200)
    parser.add_argument("--origins", type=int, default=30, help="real articles indexed for P/R")
    parser.add_argument("--no-quality", action="store_true")
    parser.add_argument("--no-cost", action="store_true")
    args = parser.parse_args()
    if not args.no_quality:
        quality(args.origins)
    sweep([int(s) for s in args.sizes.split(",")], args.lookups)
    if not args.no_cost:
        cost(20)


if __name__ == "__main__":
    main()

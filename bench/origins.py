"""The origin index: does it find copies, refuse look-alikes, and stay fast as it grows?

    .venv/bin/python bench/origins.py [--sizes 10000,100000,1000000] [--lookups 200]
        [--backends sqlite,postgresql] [--no-quality] [--no-sweep] [--no-cost]

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
import os
import random
import shutil
import signal
import statistics
import sys
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

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
from masthead.server.origins.pages import index_page, parse_time
from masthead.server.store import Store
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
    index = open_index(Store.in_dir(data))
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
    index.store.store.close()


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


class Backend:
    """Where a sweep's index lives: a fresh SQLite file, or a fresh database on a throwaway
    local PostgreSQL (tests/services.py), whose server CPU is read from /proc."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.postgres: Any = None
        if name == "postgresql":
            import services

            self.postgres = services.Postgres().start()
            # The bench's own signal handler, so an interrupted run still stops its server.
            signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
            self._new_database = services.new_database

    def open(self) -> tuple[Store, Path]:
        folder = Path(tempfile.mkdtemp(prefix="masthead-origins-sweep-"))
        if self.postgres is None:
            return Store.in_dir(folder), folder
        return Store(self._new_database(self.postgres.url)), folder

    def size(self, store: Store) -> int:
        """Bytes on disk of the origin tables with their indexes (and TOAST)."""
        if self.postgres is None:
            assert store.url.database
            return sum(p.stat().st_size for p in Path(store.url.database).parent.glob("*"))
        with store.connect() as conn:
            return int(
                conn.exec_driver_sql(
                    "SELECT sum(pg_total_relation_size(c)) FROM unnest(ARRAY"
                    "['origin_articles', 'origin_postings', 'origin_feeds']::regclass[]) c"
                ).scalar_one()
            )

    def settle(self, store: Store) -> None:
        """After a bulk build, what autovacuum would do next (and would otherwise do during the
        lookups, in the server CPU they are charged)."""
        if self.postgres is not None:
            with store.engine.connect() as conn:
                conn = conn.execution_options(isolation_level="AUTOCOMMIT")
                conn.exec_driver_sql("VACUUM ANALYZE origin_articles, origin_postings")

    def server_cpu(self) -> float:
        """CPU seconds the PostgreSQL server's processes used so far (0 for SQLite, whose CPU is
        this process's own)."""
        if self.postgres is None:
            return 0.0
        pid = int((self.postgres.folder / "data" / "postmaster.pid").read_text().split()[0])
        tick = os.sysconf("SC_CLK_TCK")
        total = 0
        for stat in Path("/proc").glob("[0-9]*/stat"):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            own, parent = int(stat.parent.name), int(fields[1])
            if own == pid:  # the postmaster, with the backends it has reaped
                total += sum(int(f) for f in fields[11:15])
            elif parent == pid:
                total += int(fields[11]) + int(fields[12])
        return total / tick

    def close(self) -> None:
        if self.postgres is not None:
            self.postgres.remove()


def sweep(sizes: list[int], lookups: int, backend: Backend) -> None:
    print(f"\n## Lookup and size as the index grows ({backend.name}, synthetic fingerprints)\n")
    print(
        "Build: one bulk transaction (`put_many`). Lookup: `candidates()` of a page holding 60% "
        "of an indexed article's sampled text plus its own; CPU is this process's"
        + (", server CPU the PostgreSQL backends' mean per lookup" if backend.postgres else "")
        + ".\n"
    )
    print(
        "| articles | build s wall | build s CPU | bytes/article | lookup p50 ms wall | "
        "p95 ms wall | p50 ms CPU | p95 ms CPU | server CPU ms | scan ms | scan/lookup |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    for size in sizes:
        rng = random.Random(size)
        store, folder = backend.open()
        index = open_index(store)
        store.migrate()
        stored: list[Fingerprint] = []

        def rows(size: int = size, rng: random.Random = rng, stored: list = stored):
            for number in range(size):
                fp = synthetic(rng, MAX_STORED).stored()
                if number % max(1, size // lookups) == 0:
                    stored.append(fp)
                site = number % 5000
                url = f"https://site{site}.example/news/{number}"
                yield _synthetic_row(url, f"site{site}.example", f"Outlet {site}", fp), fp.hashes

        started, cpu_started, server_started = (
            time.perf_counter(),
            time.process_time(),
            backend.server_cpu(),
        )
        index.store.put_many(rows(), batch=size)
        build = time.perf_counter() - started
        build_cpu = time.process_time() - cpu_started + backend.server_cpu() - server_started
        backend.settle(store)
        size_bytes = backend.size(store)
        queries = []
        for fp in stored[:lookups]:
            # a page holding 60% of that article's sampled text, plus text of its own
            kept = fp.hashes[: int(len(fp.hashes) * 0.6)]
            own = synthetic(rng, 120).hashes
            queries.append(Fingerprint(tuple(sorted({*kept, *own})), 600, SAMPLE_BELOW))
        for query in queries[:10]:  # warm the connection pool and the statement caches
            index.candidates(query)
        times, cpu = [], []
        server_before = backend.server_cpu()
        for query in queries:
            t0, c0 = time.perf_counter(), time.process_time()
            index.candidates(query)
            times.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
        server_ms = (backend.server_cpu() - server_before) * 1000 / len(queries)
        scan = _scan_ms(index, queries[:5]) if size <= sizes[0] else None
        median = statistics.median(times)
        scan_cells = f"{scan:.1f} | {scan / median:.0f}×" if scan else "– | –"
        server_cell = f"{server_ms:.2f}" if backend.postgres else "–"
        figures = (
            f"{size:,} | {build:.1f} | {build_cpu:.1f} | {size_bytes / size:.0f} | "
            f"{median:.2f} | {_p95(times):.2f} | {statistics.median(cpu):.2f} | "
            f"{_p95(cpu):.2f} | {server_cell}"
        )
        print(f"| {figures} | {scan_cells} |")
        sys.stdout.flush()
        store.close()
        shutil.rmtree(folder, ignore_errors=True)


def _p95(values: list[float]) -> float:
    return sorted(values)[max(0, int(len(values) * 0.95) - 1)]


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
        with index.store.store.connect() as conn:
            for packed, shingles, ceiling in conn.execute(
                select(articles.c.hashes, articles.c.shingles, articles.c.ceiling)
            ):
                best = max(
                    best, overlap(query, Fingerprint.unpack(packed, shingles, ceiling)).contained
                )
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


# -- 3. added cost per page --------------------------------------------------------------------
def cost(pages: int, filler: int, backend: Backend) -> None:
    """Each page analysed by a host without the index, then by one with it. One host at a time:
    a plugin keeps what `masthead_startup` gave it in its module, so the host started last is
    the one every host's plugins see."""
    keys = english()[:pages]
    store, data = backend.open()
    index = open_index(store)
    rng = random.Random(7)
    index.store.put_many(
        (
            (_synthetic_row(f"https://f{n}.example/{n}", f"f{n}.example", "", fp), fp.hashes)
            for n in range(filler)
            for fp in [synthetic(rng, MAX_STORED).stored()]
        ),
        batch=filler,
    )
    backend.settle(store)
    copies = []
    for key in keys:
        page = article(key)
        copies.append(template("Daily Echo", page.title, page.paragraphs))
    wall: dict[str, list[float]] = {"plain": [], "looked": [], "lookup": []}
    cpu: dict[str, list[float]] = {"plain": [], "looked": [], "lookup": []}
    found = 0
    for name in ("plain", "looked"):
        host = build_host(Config(data_dir=data), index if name == "looked" else None)
        if name == "looked":
            for key in keys:
                page = article(key)
                index_page(index, host, page.html, page.url, page.publisher)
        for copy in copies:
            run_analysis(host, "https://daily-echo.example/warm", copy)
            t0, c0 = time.perf_counter(), time.process_time()
            document = run_analysis(host, "https://daily-echo.example/c", copy)
            wall[name].append((time.perf_counter() - t0) * 1000)
            cpu[name].append((time.process_time() - c0) * 1000)
            kinds = {a["kind"] for a in document["annotations"]}
            found += name == "looked" and "text-origin" in kinds
            if name == "looked":
                paragraphs = host.article(Page(copy, "https://daily-echo.example/c")).paragraphs
                t0, c0 = time.perf_counter(), time.process_time()
                index.candidates(fingerprint(paragraphs))
                wall["lookup"].append((time.perf_counter() - t0) * 1000)
                cpu["lookup"].append((time.process_time() - c0) * 1000)
    size = filler + len(keys)
    print(
        f"\n## Added cost per analysed page ({backend.name}, {len(keys)} copies, "
        f"index of {size:,}; {found} of them got their text-origin notice)\n"
    )
    print(
        "| ms, median | analysis without the index | with it | added | "
        "fingerprint + lookup alone | its share |"
    )
    print("|---|---|---|---|---|---|")
    for label, figures in (("wall", wall), ("CPU", cpu)):
        a, b, c = (statistics.median(figures[k]) for k in ("plain", "looked", "lookup"))
        print(f"| {label} | {a:.1f} | {b:.1f} | {b - a:+.1f} | {c:.2f} | {c / b:.1%} |")
    store.close()
    shutil.rmtree(data, ignore_errors=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--lookups", type=int, default=200)
    parser.add_argument("--origins", type=int, default=30, help="real articles indexed for P/R")
    parser.add_argument(
        "--backends", default="sqlite", help="sqlite, postgresql or both, comma-separated"
    )
    parser.add_argument("--filler", type=int, default=100_000, help="index size for the cost")
    parser.add_argument("--no-quality", action="store_true")
    parser.add_argument("--no-sweep", action="store_true")
    parser.add_argument("--no-cost", action="store_true")
    args = parser.parse_args()
    if not args.no_quality:
        quality(args.origins)
    for name in args.backends.split(","):
        backend = Backend(name.strip())
        try:
            if not args.no_sweep:
                sweep([int(s) for s in args.sizes.split(",")], args.lookups, backend)
            if not args.no_cost:
                cost(20, args.filler, backend)
        finally:
            backend.close()


if __name__ == "__main__":
    main()

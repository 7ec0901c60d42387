"""The promo plugin beside the filter lists and trafilatura, in one run.

    .venv/bin/python bench/promo.py [--pages 181] [--no-memory]

Prints four tables:
1. seed-page promo recall per category: EasyList alone and all four lists (run through this
   plugin's own matcher, which finds what the rules say), then the plugin without and with lists;
2. the filter matcher alone on the Article Extraction Benchmark pages, ms per page, with EasyList
   and with all four lists;
3. the whole plugin (page parse, article region, promo detection, all four lists loaded) beside
   trafilatura's `extract(include_comments=False)` on the same pages, as a ratio;
4. resident memory of a real `masthead serve` process, without lists and with all four loaded.
"""

from __future__ import annotations

import argparse
import re
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import trafilatura

from masthead.plugins import promo
from masthead.plugins.promo import filters
from masthead.plugins.promo.matcher import RuleIndex
from masthead.sdk import Page, Settings
from masthead.server.host import PluginHost
from support import DATA, aeb_pages, seed

LISTS = DATA / "filter-lists"
EASYLIST = [LISTS / "easylist_general_hide.txt", LISTS / "easylist_allowlist_general_hide.txt"]
ALL_LISTS = [LISTS]


def labelled_elements(page: Page, label: dict) -> list:
    if "selector" in label:
        return [page._from_soup(tag) for tag in page.soup.select(label["selector"])]
    want = re.sub(r"\s+", " ", label["text"])
    return [el for el in page.body.iter() if isinstance(el.tag, str) and page.text_of(el) == want]


def overlaps(a, b) -> bool:
    """One element holds the other: hiding either hides the labelled promo (or all of it)."""
    return a is b or a in b.iterancestors() or b in a.iterancestors()


def recall_table() -> None:
    html, expected = seed()
    page = Page(html, expected["url"])
    labels = expected["promos"]
    columns: dict[str, list[tuple[object, str | None]]] = {}
    for name, paths in (("EasyList", EASYLIST), ("EasyList+Fanboy", ALL_LISTS)):
        index = RuleIndex(filters.load(paths))
        columns[name] = [(el, None) for el, _ in index.matches(page.root, page.hostname)]
    for name, paths in (("Masthead", []), ("Masthead+lists", [str(p) for p in ALL_LISTS])):
        host = PluginHost(enabled=["promo"], settings=Settings({"promo": {"filter_lists": paths}}))
        result = host.start().analyze(Page(html, expected["url"]))
        found = []
        for annotation in result.annotations:
            if annotation.kind == "promo":
                css = annotation.target.selectors[0]["value"]
                (tag,) = page.soup.select(css)
                found.append((page._from_soup(tag), annotation.data["category"]))
        columns[name] = found
    totals = Counter(label["category"] for label in labels)
    hits: dict[str, Counter[str]] = {name: Counter() for name in columns}
    for label in labels:
        targets = labelled_elements(page, label)
        for name, found in columns.items():
            if any(
                overlaps(el, target) and category in (None, label["category"])
                for el, category in found
                for target in targets
            ):
                hits[name][label["category"]] += 1
    print("\n1. Seed page: labelled promos found (right category for Masthead)\n")
    header = f"{'category':<18}" + "".join(f"{name:>17}" for name in columns)
    print(header)
    print("-" * len(header))
    for category in sorted(totals):
        row = "".join(f"{hits[n][category]:>13}/{totals[category]:<3}" for n in columns)
        print(f"{category:<18}{row}")
    total = sum(totals.values())
    print("-" * len(header))
    print(f"{'all':<18}" + "".join(f"{sum(hits[n].values()):>13}/{total:<3}" for n in columns))


def ms(samples: list[float]) -> tuple[float, float]:
    ordered = sorted(samples)
    return statistics.median(ordered), ordered[min(len(ordered) - 1, int(len(ordered) * 0.95))]


def speed_tables(limit: int) -> None:
    pages = list(aeb_pages())[:limit]
    easylist = RuleIndex(filters.load(EASYLIST))
    everything = filters.load(ALL_LISTS)
    every = RuleIndex(everything)
    host = PluginHost(
        enabled=["promo"], settings=Settings({"promo": {"filter_lists": [str(LISTS)]}})
    ).start()
    times: dict[str, list[float]] = {
        k: []
        for k in ("easylist", "all", "parse", "views", "hooks", "plugin", "host", "trafilatura")
    }
    for _, url, html, _ in pages:
        url = url or "https://example.com/article"
        page = Page(html, url)
        for key, index in (("easylist", easylist), ("all", every)):
            start = time.perf_counter()
            index.matches(page.root, page.hostname)
            times[key].append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        _ = page.text_index, page.blocks, page.links
        views = time.perf_counter()
        plugin = promo.PromoPlugin()  # no filter lists: the heuristics alone, as before
        page.use_article_provider(plugin.masthead_article)
        _ = page.article
        plugin.masthead_detect(page)
        times["views"].append((views - start) * 1000)
        times["hooks"].append((time.perf_counter() - views) * 1000)
        start = time.perf_counter()
        fresh = Page(html, url)
        parsed = time.perf_counter()
        times["parse"].append((parsed - start) * 1000)
        analysis = host.analyze(fresh)
        done = time.perf_counter()
        run = analysis.runs["promo"]
        assert run.status == "ok", run.error
        times["plugin"].append((parsed - start) * 1000 + run.ms)
        times["host"].append((done - start) * 1000)
        start = time.perf_counter()
        trafilatura.extract(html, url=url, include_comments=False)
        times["trafilatura"].append((time.perf_counter() - start) * 1000)
    print(f"\n2. Filter matcher alone, {len(pages)} AEB pages (ms per page)\n")
    print(f"{'lists':<34}{'rules':>8}{'median':>9}{'p95':>9}")
    for key, label, index in (
        ("easylist", "EasyList (+allowlist)", easylist),
        ("all", "EasyList, Fanboy social/annoyance, cookie", every),
    ):
        median, p95 = ms(times[key])
        print(f"{label:<34}{len(index):>8}{median:>9.1f}{p95:>9.1f}")
    counts = everything.counts
    print(
        f"(all four: {counts['rule']} rules, {counts['exception']} exceptions, "
        f"{counts['unsupported']} unsupported, {counts['skipped']} non-hiding lines)"
    )
    print(f"\n3. Whole plugin vs trafilatura, same {len(pages)} pages (ms per page)\n")
    print(f"{'':<52}{'median':>9}{'p95':>9}{'ratio':>8}")
    t_median = ms(times["trafilatura"])[0]
    for key, label in (
        ("parse", "  Page parse (lxml, shared by all plugins)"),
        ("views", "  Page views: text index, blocks, links (shared)"),
        ("hooks", "  promo hooks on those views"),
        ("plugin", "Masthead promo: parse + its hooks, host-timed"),
        ("host", "Masthead host.analyze, promo only, incl. parse"),
        ("trafilatura", "trafilatura extract"),
    ):
        median, p95 = ms(times[key])
        print(f"{label:<52}{median:>9.1f}{p95:>9.1f}{median / t_median:>8.2f}")
    print(
        "(hooks: article region, promo detection with all four lists, annotations; the host row"
        " adds its threads, mutation checks and annotation validation)"
    )


def rss_kib(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def serve_rss(config: str) -> int:
    with tempfile.NamedTemporaryFile("w", suffix=".toml", delete=False) as handle:
        handle.write(config)
    masthead = Path(sys.executable).with_name("masthead")
    process = subprocess.Popen(
        [str(masthead), "serve", "--port", "0", "--config", handle.name],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    try:
        assert process.stdout is not None
        for line in process.stdout:
            if "listening on " in line:
                break
        time.sleep(0.5)
        return rss_kib(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=10)
        Path(handle.name).unlink()


def memory_table() -> None:
    bare = serve_rss("[plugins.promo]\nfilter_lists = []\n")
    loaded = serve_rss(f'[plugins.promo]\nfilter_lists = ["{LISTS}"]\n')
    print("\n4. Resident memory of `masthead serve` after start-up\n")
    print(f"{'no filter lists':<34}{bare / 1024:>8.1f} MiB")
    print(f"{'all four lists loaded':<34}{loaded / 1024:>8.1f} MiB")
    print(f"{'difference':<34}{(loaded - bare) / 1024:>8.1f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=181)
    parser.add_argument("--no-memory", action="store_true")
    args = parser.parse_args()
    recall_table()
    speed_tables(args.pages)
    if not args.no_memory:
        memory_table()


if __name__ == "__main__":
    main()

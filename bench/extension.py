"""How soon the reader sees Masthead's banner, against what the page itself takes, in real Chromium;
and, on real corpus pages, how calm the page stays.

    .venv/bin/python bench/extension.py [--runs 10]
    .venv/bin/python bench/extension.py --corpus 20   # 20 pages of each corpus + the seed page
    .venv/bin/python bench/extension.py --corpus 20 --only DiePresse   # of those, these pages

`--corpus N` takes N pages of each corpus in ../shared/corpus (AEB, fundus, republication; spread
over each) and the seed page, served at their own paths on a loopback site. It loads each page
twice, with the site on the never-list (the reference: the extension does nothing) and with the
extension on, in alternating order, and prints per page: how it was analysed (automatically, after
a click, or refused on its own, e.g. for a password field in use), the layout shift (CLS, from
PerformanceObserver `layout-shift`) added, the strips drawn, the strips whose folded elements
take no space or are hidden once shown again (checked in the page, apart from the renderer), and
the page's own load event with the extension minus the reference (ms), the requests the page
made and the errors its scripts threw or logged until 4 s after its load event (with / without),
what the popup's "who published this" line knows (s site, a authors, d date), and the badge. A
page that does not look like an article is analysed as on a toolbar click, so every page gets its
strips. Pages the extension made fetch more are listed with what they fetched. Then the
issue's table for each corpus and over all: pages analysed and refused (and refused for a password
field no reader can see), strips and strips for invisible elements, CLS added, the load event's
delay, more page errors, more requests, who published it, the badge.

The real extension (`extension/src`) in Debian's Chromium, as the end-to-end tests load it, reads
the seed page from a loopback site and sends it to a real `masthead serve` with its result cache
off, so every load includes the analysis. Each round loads the page twice, interleaved so both see
the same machine (in alternating order, since the first load of a round is the slower one): once
with the extension on (auto mode), once with the site on its "never on this site" list. From
DOMContentLoaded (DCL) the table times the banner becoming visible (the frame it is drawn in) and,
as the reference a reader feels, the page's own `load` event and first contentful paint, each as a
ratio to the banner's median. A first round of each warms up the server and the browser and is not
counted. Third-party hosts are unresolvable, as in the tests, so the page's `load` is its loopback
HTML and images failing fast: a real network makes `load` later.
"""

from __future__ import annotations

import argparse
import collections
import contextlib
import math
import statistics
import tempfile
import time
from pathlib import Path
from urllib.parse import urlsplit

from playwright.sync_api import TimeoutError as PlaywrightTimeout

from harness import CHROMIUM, Browser, Site, launch_browser
from support import SEED_HTML, start_masthead

PATH = "/2023/05/12/can-china-rebuff-natos-courtship-of-japan/"

# Runs in every page before its own scripts: the frame the banner is first drawn in, and paints.
TIMING = """
(() => {
    const timing = (window.__masthead_timing = {});
    new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) timing[entry.name] = entry.startTime;
    }).observe({type: "paint", buffered: true});
    new MutationObserver((changes, observer) => {
        const host = document.querySelector("masthead-ui");
        if (host && host.shadowRoot && host.shadowRoot.querySelector(".banner")) {
            observer.disconnect();
            requestAnimationFrame(() => { timing.banner = performance.now(); });
        }
    }).observe(document, {childList: true, subtree: true});
})();
"""

# Milliseconds from DOMContentLoaded, from the page's own navigation and paint timing.
SINCE_DCL = """() => {
    const nav = performance.getEntriesByType("navigation")[0];
    const t = window.__masthead_timing;
    const dcl = nav.domContentLoadedEventStart;
    return {
        banner: t.banner === undefined ? null : t.banner - dcl,
        load: nav.loadEventStart - dcl,
        fcp: t["first-contentful-paint"] === undefined ? null : t["first-contentful-paint"] - dcl,
    };
}"""


def load(browser: Browser, url: str, server: str, *, on: bool) -> dict[str, float | None]:
    """One fresh load of `url`: the extension forgets earlier answers, so this one is analysed."""
    browser.configure(serverUrl=server, neverSites=[] if on else ["127.0.0.1"])
    page = browser.open(url)
    try:
        # The page's own load first: a wait_for_function polls in the page every animation frame,
        # work the never-listed load would not have, which made the load event ~20 ms later.
        page.wait_for_load_state("load")
        if on:
            page.wait_for_function("window.__masthead_timing.banner", timeout=15000)
        page.wait_for_function("window.__masthead_timing['first-contentful-paint'] !== undefined")
        timing = page.evaluate(SINCE_DCL)
        state = browser.tab_state(url)
    finally:
        page.close()
    if on:  # the banner came from a request the server analysed, not from the extension's cache
        assert state["status"] == "done" and not state["sent"].get("cachedLocally"), state
    else:
        assert state["status"] == "skipped" and state["reason"] == "never", state
    return timing


def p95(samples: list[float]) -> float:
    """Nearest rank: with 10 samples, the slowest."""
    ordered = sorted(samples)
    return ordered[math.ceil(0.95 * len(ordered)) - 1]


CALM = """
(() => {
    window.__masthead_cls = 0;
    new PerformanceObserver((list) => {
        for (const e of list.getEntries()) if (!e.hadRecentInput) window.__masthead_cls += e.value;
    }).observe({type: "layout-shift", buffered: true});
})();
"""

# Each strip's folded elements, shown again: do they take space? Walks the strip's next
# `data-count` siblings, skipping what the renderer skips between promos of one run.
INVISIBLE_STRIPS = """() => {
    const skip = new Set(["script", "style", "template", "link", "meta", "noscript"]);
    let invisible = 0;
    for (const host of document.querySelectorAll("masthead-strip")) {
        let left = Number(host.dataset.count || 1);
        let seen = false;
        for (let n = host.nextElementSibling; n && left; n = n.nextElementSibling) {
            if (skip.has(n.localName) || n.localName === "masthead-strip") continue;
            left -= 1;
            const box = n.getBoundingClientRect();
            const shown = n.checkVisibility({checkOpacity: true, checkVisibilityCSS: true});
            if (shown && box.width >= 2 && box.height >= 2) seen = true;
        }
        if (!seen) invisible += 1;
    }
    return invisible;
}"""

COUNTED_S = 4.0  # requests and errors counted until this long after the page's load event

# The icons the browser fetches for the tab by itself (once per page, then from its cache, so
# the first of two loads would count them and the second not).
ICONS = """() => [
    new URL("/favicon.ico", location.href).href,
    ...[...document.querySelectorAll("link[rel~=icon i], link[rel~=apple-touch-icon i]")]
        .map((l) => l.href),
]"""


class LeftThePage(Exception):
    """The page navigated away from its loopback address (to its real site, which is not
    reachable here): there is nothing left to measure."""


LOAD_MS = """() => {
    const nav = performance.getEntriesByType("navigation")[0];
    return nav.loadEventStart;
}"""


def corpus_pages(per_corpus: int) -> list[tuple[str, str, str]]:
    """(name, path, html): the seed page, and `per_corpus` pages of each labelled corpus in
    ../shared/corpus (AEB, fundus, republication), spread over it. The name starts with the
    corpus, for the summaries."""
    from support import aeb_pages, fundus_pages, republication_pages

    def spread(items: list) -> list:
        return items[:: max(1, len(items) // per_corpus)][:per_corpus]

    pages = [("seed", PATH, SEED_HTML.read_text(encoding="utf-8"))]
    for page_id, url, html, _ in spread(list(aeb_pages())):
        pages.append((f"aeb/{page_id[:8]}", urlsplit(url).path or f"/{page_id}", html))
    for label, html in spread(list(fundus_pages())):
        name = label["file"].split("/")[-1].removesuffix(".html.gz")
        pages.append((f"fundus/{name[:24]}", urlsplit(label["url"]).path or f"/{name}", html))
    for file, html, label in spread(list(republication_pages())):
        name = Path(file).name.removesuffix(".html")[-24:]
        path = urlsplit(label.get("url_if_known") or "").path or f"/republication/{name}"
        pages.append((f"republication/{name}", path, html))
    return pages


# The page's password fields, and how many of them a reader could see.
PASSWORDS = """() => {
    const fields = [...document.querySelectorAll('input[type="password" i]')];
    const seen = fields.filter((f) => {
        const box = f.getBoundingClientRect();
        return f.checkVisibility({checkOpacity: true, checkVisibilityCSS: true})
            && box.width > 1 && box.height > 1;
    });
    return [fields.length, seen.length];
}"""


def calm_load(browser: Browser, url: str, server: str, *, on: bool) -> dict[str, float]:
    browser.configure(serverUrl=server, neverSites=[] if on else ["127.0.0.1"])
    page = browser.context.new_page()
    # When each request was made and each error thrown or logged by the page's own scripts,
    # counted up to the same moment after the load event in both loads (a page keeps fetching).
    requests: list[tuple[float, str]] = []
    errors: list[tuple[float, str]] = []
    loaded: list[float] = []
    page.on("request", lambda r: requests.append((time.monotonic(), r.url)))
    page.on("pageerror", lambda e: errors.append((time.monotonic(), "")))
    page.on(
        "console",
        lambda m: (
            errors.append((time.monotonic(), m.location.get("url", "")))
            if m.type == "error"
            else None
        ),
    )
    page.on("load", lambda _: loaded.append(time.monotonic()))
    page.goto(url, wait_until="domcontentloaded")
    try:
        tab = newest_tab(browser)  # this page's: its own address may change as it loads
        with contextlib.suppress(PlaywrightTimeout):  # a page whose load never comes is still read
            page.wait_for_load_state("load", timeout=20000)
        if urlsplit(page.url).netloc != urlsplit(url).netloc:
            raise LeftThePage(page.url)
        state = browser.tab_state(tab, wait=3 if on else 0.3)
        mode = "auto"
        if on and state["status"] == "skipped":  # refused on its own (a password field in use)
            mode = f"no:{state.get('reason', '?')}"[:8]
        elif on and state["status"] == "idle":  # not an article: as on a toolbar click
            mode = "click"
            browser.worker.evaluate(
                "(tab) => chrome.tabs.sendMessage(tab, {type: 'analyze-now'})", tab
            )
            state = browser.tab_state(tab, wait=20)
        # Both loads are read at the same moment after their load event: the page's own late
        # shifts (fonts, lazy blocks) must not count as Masthead's because one run waited longer.
        page.wait_for_function(
            "performance.now() > (performance.getEntriesByType('navigation')[0].loadEventEnd"
            " || performance.now() - 1) + 4000",
            timeout=30000,
        )
        row = {"cls": page.evaluate("window.__masthead_cls"), "load": page.evaluate(LOAD_MS)}
        row["load"] = row["load"] or float("nan")  # 0: the load event has not come
        until = (loaded[0] if loaded else time.monotonic()) + COUNTED_S
        icons = set(page.evaluate(ICONS))  # the browser's fetches for its tab strip, not the page's
        row["urls"] = sorted(url for t, url in requests if t <= until and url not in icons)
        row["requests"] = len(row["urls"])
        row["errors"] = sum(t <= until and url not in icons for t, url in errors)
        if on:
            row["badge"] = state.get("badge", 0)
            row["who"] = who_published(state)
            show = "(a) => chrome.tabs.sendMessage(a[0], {type: 'show-collapsed', show: a[1]})"
            row["status"] = state["status"]
            row["mode"] = mode
            row["passwords"], row["passwords_seen"] = page.evaluate(PASSWORDS)
            row["strips"] = page.locator("masthead-strip").count()
            browser.worker.evaluate(show, [tab, True])
            row["invisible"] = page.evaluate(INVISIBLE_STRIPS)
            browser.worker.evaluate(show, [tab, False])
        return row
    finally:
        page.close()


def newest_tab(browser: Browser) -> int:
    """The tab opened last: each page here is opened in a new tab, and the last one closed."""
    return int(
        browser.worker.evaluate(
            "async () => Math.max(...(await chrome.tabs.query({})).map((t) => t.id))"
        )
    )


def extra_requests(on: dict, off: dict) -> list[str]:
    """What the page fetched with the extension on that it did not without, shortened."""
    extra = collections.Counter(on["urls"]) - collections.Counter(off["urls"])
    return [url.split("?")[0][-60:] for url in sorted(extra.elements())]


def who_published(state: dict) -> str:
    """What the popup's provenance line can say: s(ite), a(uthors), d(ate), "-" for nothing."""
    annotations = (state.get("result") or {}).get("annotations") or []

    def data(kind: str) -> dict:
        found = [a.get("data") for a in annotations if a.get("kind") == kind]
        return next((d for d in found if isinstance(d, dict)), {})

    site, byline = data("site"), data("byline")
    facts = {
        "s": site.get("name") or site.get("domain"),
        "a": byline.get("authors"),
        "d": site.get("published") or byline.get("published") or data("date").get("published"),
    }
    return "".join(k for k, v in facts.items() if v) or "-"


def corpus(per_corpus: int, only: list[str]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        masthead = start_masthead(data_dir=Path(folder) / "data")
        site = Site()
        rows = []
        skipped: list[str] = []
        try:
            with launch_browser(Path(folder) / "profile") as browser:
                browser.context.add_init_script(CALM)
                print(LEGEND.format(chromium=CHROMIUM))
                print(HEAD, flush=True)
                pages = corpus_pages(per_corpus)
                pages = [p for p in pages if not only or any(o in p[0] for o in only)]
                for number, (name, path, html) in enumerate(pages):
                    url = site.add(path, html)
                    try:
                        # Alternate which load comes first: the first of a pair is the slower.
                        if number % 2:
                            on = calm_load(browser, url, masthead.url, on=True)
                            off = calm_load(browser, url, masthead.url, on=False)
                        else:
                            off = calm_load(browser, url, masthead.url, on=False)
                            on = calm_load(browser, url, masthead.url, on=True)
                    except LeftThePage as left:
                        print(f"{name}: not measured (the page navigated away, to {left})")
                        skipped.append(name)
                        continue
                    except Exception as err:  # one odd page is reported, not the end of the run
                        print(f"{name}: not measured ({type(err).__name__}: {str(err)[:80]})")
                        skipped.append(name)
                        continue
                    rows.append((name, on, off))
                    print(row_line(name, on, off), flush=True)
        finally:
            site.close()
            masthead.stop()
    report_corpus(rows)
    if skipped:
        print(f"\nnot measured: {len(skipped)} {skipped}")


LEGEND = """Corpus pages, real extension in {chromium}, beside the same page on the never-list.
mode: auto, click (not an article: as on a toolbar click), no:REASON (refused on its own);
who: s(ite) a(uthors) d(ate), what the popup's line knows"""
HEAD = (
    f"{'page':<38} {'mode':>8} {'CLS added':>9} {'strips':>6} {'invisible':>9} {'load ms':>7}"
    f" {'requests':>9} {'errors':>7} {'who':>4} {'badge':>5}"
)


def row_line(name: str, on: dict, off: dict) -> str:
    added = on["cls"] - off["cls"]
    return (
        f"{name:<38} {on['mode']:>8} {added:>9.3f} {on['strips']:>6} {on['invisible']:>9}"
        f" {on['load'] - off['load']:>+7.0f} {on['requests']:>4}/{off['requests']:<4}"
        f" {on['errors']:>3}/{off['errors']:<3} {on['who']:>4} {on['badge']:>5}"
    )


def report_corpus(rows: list[tuple[str, dict, dict]]) -> None:
    """The issue's table, for each corpus and over all of them."""
    corpora = sorted({name.split("/")[0] for name, _, _ in rows})
    for corpus_name in [*corpora, "all"]:
        chosen = [r for r in rows if corpus_name == "all" or r[0].split("/")[0] == corpus_name]
        print(f"\n== {corpus_name} ({len(chosen)} pages)")
        for line in summary(chosen):
            print(f"  {line}")


def summary(rows: list[tuple[str, dict, dict]]) -> list[str]:
    """One line per row of the issue's table."""
    if not rows:
        return ["no page measured"]
    ons = [on for _, on, _ in rows]
    modes = [on["mode"] for on in ons]
    refused = [on for on in ons if on["mode"].startswith("no:")]
    with_password = [on for on in ons if on["passwords"]]
    hidden_only = [on for on in with_password if not on["passwords_seen"]]
    strips = [on["strips"] for on in ons]
    invisible = sum(on["invisible"] for on in ons)
    added = [on["cls"] - off["cls"] for _, on, off in rows]
    timed = [(on, off) for _, on, off in rows if math.isfinite(on["load"] + off["load"])]
    delays = sorted(on["load"] - off["load"] for on, off in timed)
    ratios = [on["load"] / off["load"] for on, off in timed if off["load"]]
    more = [
        f"{name} {extra_requests(on, off)[:2]}"
        for name, on, off in rows
        if on["requests"] > off["requests"]
    ]
    noisier = [
        f"{name} (+{on['errors'] - off['errors']})"
        for name, on, off in rows
        if on["errors"] > off["errors"]
    ]
    told = sum(on["who"] != "-" for on in ons)
    authors = sum("a" in on["who"] for on in ons)
    badges = [on["badge"] for on in ons]
    lines = [
        f"pages analysed: {len(rows) - len(refused)}/{len(rows)}: {modes.count('auto')}"
        f" automatically, {modes.count('click')} only after a click, {len(refused)} refused"
        f" ({', '.join(sorted({m for m in modes if m.startswith('no:')})) or '-'})",
        f"pages with a password field: {len(with_password)}, {len(hidden_only)} of them with none"
        f" a reader can see; of those refused: {sum(on in refused for on in hidden_only)}",
        f"strips: {sum(strips)} (per page median {statistics.median(strips)}, max {max(strips)});"
        f" for elements that take no space or are hidden: {invisible}"
        f" ({invisible / max(1, sum(strips)):.0%}); pages with >= 5 such: "
        f"{sum(on['invisible'] >= 5 for on in ons)}",
        f"layout shift added (CLS): max {max(added):.3f}; > 0.05 on {sum(a > 0.05 for a in added)},"
        f" > 0.1 on {sum(a > 0.1 for a in added)}",
        f"the page's load event, extension on minus never-listed: median"
        f" {statistics.median(delays):+.1f} ms, max {delays[-1]:+.0f} ms"
        f" (x{statistics.median(ratios):.2f})"
        if delays
        else "the page's load event: never came",
        f"pages whose scripts threw or logged more errors with the extension: {len(noisier)}"
        f" {noisier}",
        f"pages that made more requests with the extension: {len(more)} {more}",
        f"who published it (site, author or date) in the popup's line: {told}/{len(rows)};"
        f" with the author(s): {authors}",
        f"badge: median {statistics.median(badges)}, max {max(badges)}",
    ]
    return lines


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--corpus", type=int, default=0, metavar="N")
    parser.add_argument("--only", nargs="*", default=[], help="with --corpus: pages named so")
    args = parser.parse_args()
    if args.corpus:
        corpus(args.corpus, args.only)
        return
    runs = args.runs
    rows: dict[str, list[float]] = {
        "extension on: DCL -> banner visible": [],
        "extension on: DCL -> page load event": [],
        "extension on: DCL -> first contentful paint": [],
        "never on this site: DCL -> page load event": [],
        "never on this site: DCL -> first contentful paint": [],
    }
    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder) / "masthead.toml"
        config.write_text("[server]\ncache_entries = 0\n")
        masthead = start_masthead("--config", str(config), data_dir=Path(folder) / "data")
        server = masthead.url
        site = Site()
        try:
            url = site.add(PATH, SEED_HTML.read_text(encoding="utf-8"))
            with launch_browser(Path(folder) / "profile") as browser:
                browser.context.add_init_script(TIMING)
                for run in range(runs + 1):  # the first round warms up and is not counted
                    # Whichever load comes first in a round was measured slower (+13 ms with the
                    # extension doing the same on both): alternate the order so it cancels.
                    if run % 2:
                        on = load(browser, url, server, on=True)
                        off = load(browser, url, server, on=False)
                    else:
                        off = load(browser, url, server, on=False)
                        on = load(browser, url, server, on=True)
                    if not run:
                        continue
                    samples = [on["banner"], on["load"], on["fcp"], off["load"], off["fcp"]]
                    for row, sample in zip(rows.values(), samples, strict=True):
                        row.append(sample)
        finally:
            site.close()
            masthead.stop()
    report(rows, runs)


def report(rows: dict[str, list[float]], runs: int) -> None:
    banner = statistics.median(next(iter(rows.values())))
    print(f"Seed page, real extension in {CHROMIUM}, N={runs} after a warm-up round")
    print(f"{'from DOMContentLoaded':<50} {'median ms':>10} {'p95 ms':>8} {'x banner':>9}")
    for name, samples in rows.items():
        median = statistics.median(samples)
        print(f"{name:<50} {median:>10.1f} {p95(samples):>8.1f} {median / banner:>9.2f}")
    on, off = (
        rows["extension on: DCL -> page load event"],
        rows["never on this site: DCL -> page load event"],
    )
    later = [a - b for a, b in zip(on, off, strict=True)]
    print(
        "the page's own load event, extension on minus never on this site:"
        f" median {statistics.median(later):+.1f} ms"
    )


if __name__ == "__main__":
    main()

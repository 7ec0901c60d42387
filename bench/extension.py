"""How soon the reader sees Masthead's banner, against what the page itself takes, in real Chromium.

    .venv/bin/python bench/extension.py [--runs 10]

The real extension (`extension/src`) in Debian's Chromium, as the end-to-end tests load it, reads
the seed page from a loopback site and sends it to a real `masthead serve` with its result cache
off, so every load includes the analysis. Each round loads the page twice, interleaved so both see
the same machine: once with the extension on (auto mode), once with the site on its "never on this
site" list. From DOMContentLoaded (DCL) the table times the banner becoming visible (the frame it
is drawn in) and, as the reference a reader feels, the page's own `load` event and first
contentful paint, each as a ratio to the banner's median. A first round of each warms up the server
and the browser and is not counted. Third-party hosts are unresolvable, as in the tests, so the
page's `load` is its loopback HTML and images failing fast: a real network makes `load` later.
"""

from __future__ import annotations

import argparse
import math
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests" / "extension"))

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
        if on:
            page.wait_for_function("window.__masthead_timing.banner", timeout=15000)
        page.wait_for_load_state("load")
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


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs
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
                    on = load(browser, url, server, on=True)
                    off = load(browser, url, server, on=False)
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


if __name__ == "__main__":
    main()

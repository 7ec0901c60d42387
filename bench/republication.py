"""The republication notice over the labelled corpus and the seed page, and registry speed.

    .venv/bin/python bench/republication.py [--with-matrix]

Runs every installed plugin the way `masthead analyze` does (attribution finds the signals,
republication builds the notice from them and the registry). Prints one row per page of
`../shared/corpus/republication/`, then the goals:
- a notice on every page labelled republished, and on none labelled not;
- the notice's outlet matches the label;
- the registry resolves the outlet for >= 90% of positives;
then the seed page's banner, then lookup speed: the registry's indexes beside the obvious peer,
a scan of the records per lookup, as a ratio. `--with-matrix` also imports the State Media
Matrix from ../shared into a temporary data folder first. Pages are analysed at the URL they
were saved from (`support.saved_url`, the rule bench/attribution.py uses too).
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time
from pathlib import Path

from masthead.sdk import Outlet, OutletRegistry, Page, normalize_name
from masthead.server.app import build_host
from masthead.server.config import Config
from masthead.server.outlet_import import read_file
from masthead.server.store import OutletStore
from support import DATA, republication_pages, saved_url, seed


def label_names(label: str) -> list[str]:
    """`The Conversation (Africa)` → `The Conversation`; `APA/SDA/dpa` → each agency."""
    bare = re.sub(r"\s*\([^)]*\)", "", label).strip()
    return [p for p in re.split(r"\s*/\s*", bare) if p]


def outlet_matches(notice_outlet: str, label: str, registry: OutletRegistry) -> bool:
    names = label_names(label)
    record = registry.by_name(notice_outlet)
    for name in names:
        if normalize_name(name) == normalize_name(notice_outlet):
            return True
        if record is not None and registry.by_name(name) is record:
            return True
    return False


def run_corpus(host) -> tuple[list[list[str]], dict[str, float]]:
    rows, counts = [], dict(pos=0, neg=0, hit=0, false=0, outlet=0, known=0, ms=[])
    for file, html, label in republication_pages():
        analysis = host.analyze(Page(html, saved_url(file, label)))
        run = analysis.runs.get("republication")
        counts["ms"].append(run.ms if run else 0.0)
        notices = [a for a in analysis.annotations if a.kind == "republication"]
        notice = notices[0] if notices else None
        positive = label["republished"]
        counts["pos" if positive else "neg"] += 1
        outlet_ok = known = False
        if notice and positive:
            counts["hit"] += 1
            outlet_ok = outlet_matches(
                notice.data["outlet"], label["original_outlet"], host.outlets
            )
            known = notice.data["known"]
            counts["outlet"] += outlet_ok
            counts["known"] += known
        if notice and not positive:
            counts["false"] += 1
        ok = (bool(notice) == positive) and (not positive or outlet_ok)
        rows.append(
            [
                short(file),
                "yes" if positive else "no",
                label["original_outlet"] or label["kind"],
                notice.data["outlet"] if notice else "-",
                notice.data["kind"] if notice else "-",
                ("yes" if known else "no") if notice else "-",
                "ok" if ok else "MISS",
            ]
        )
    return rows, counts


def short(file: str) -> str:
    name = file.split("__")[-1].removesuffix(".html")
    return name[:28]


def table(rows: list[list[str]], header: list[str]) -> None:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, ["-" * w for w in widths], *rows]:
        print("  ".join(str(c).ljust(w) for c, w in zip(row, widths, strict=True)).rstrip())


def seed_check(host) -> list[str]:
    html, expected = seed()
    analysis = host.analyze(Page(html, expected["url"]))
    notices = [a for a in analysis.annotations if a.kind == "republication"]
    if not notices:
        return ["seed: NO BANNER"]
    notice = notices[0]
    hrefs = [link.href for link in notice.links]
    typology = next((f for f in notice.data["facts"] if f["fact"] == "typology"), {})
    checks = {
        "names RT International": "RT International" in notice.title,
        "links rt.com": any("rt.com" in h for h in hrefs[:1]),
        "states state-controlled": "state-controlled" in notice.text,
        "with its source link": typology.get("source", {}).get("url") in hrefs,
    }
    lines = [f"seed banner: {notice.title}", f"             {notice.text}"]
    lines += [f"             link: {link.label} <{link.href}>" for link in notice.links]
    lines += [f"  {'ok  ' if v else 'FAIL'} {k}" for k, v in checks.items()]
    return lines


def lookup_speed(registry: OutletRegistry) -> None:
    records = list(registry)
    domains = [d for o in records for d in o.domains][:2000]
    names = [o.name for o in records][:2000]
    hosts = [f"www.news.{d}" for d in domains]

    def scan_domain(host: str) -> Outlet | None:  # the peer: look through every record
        for outlet in records:
            for domain in outlet.domains:
                if host == domain or host.endswith("." + domain):
                    return outlet
        return None

    def scan_name(name: str) -> Outlet | None:
        key = normalize_name(name)
        for outlet in records:
            if any(normalize_name(n) == key for n in (outlet.name, *outlet.aliases)):
                return outlet
        return None

    def per_call(fn, items, repeat=3) -> float:
        best = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            for item in items:
                fn(item)
            best = min(best, (time.perf_counter() - start) / len(items))
        return best * 1e6

    rows = []
    for label, fast, slow, items in [
        ("by domain (subdomain host)", registry.by_domain, scan_domain, hosts),
        ("by name", registry.by_name, scan_name, names),
    ]:
        indexed = per_call(fast, items)
        scanned = per_call(slow, items[:200], repeat=1)
        rows.append([label, f"{indexed:.2f}", f"{scanned:.1f}", f"{scanned / indexed:.0f}x"])
    print(f"\nlookup speed over {len(records)} records (µs per lookup, best of 3)")
    table(rows, ["lookup", "Masthead index", "peer: scan per request", "ratio"])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--with-matrix", action="store_true", help="import the State Media Matrix")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as data_dir:
        if args.with_matrix:
            path = str(DATA / "state-media" / "State_Media_Matrix.csv")
            result = read_file(path, "state-media-matrix")
            OutletStore.in_dir(Path(data_dir)).replace(
                "imported:state-media-matrix", result.outlets, path, len(result.skipped)
            )
        host = build_host(Config(data_dir=Path(data_dir)))
        loaded = {r.name: r.status for r in host.records.values()}
        print(f"plugins: {loaded}; registry: {len(host.outlets)} outlets")
        rows, c = run_corpus(host)
        print()
        table(rows, ["page", "republished", "label", "notice outlet", "kind", "known", ""])
        pos, neg = c["pos"], c["neg"]
        print()
        print(f"notice on positives:        {c['hit']}/{pos} = {c['hit'] / pos:.2f}  (goal 1.00)")
        print(f"notice on negatives:        {c['false']}/{neg}  (goal 0)")
        hit = max(c["hit"], 1)
        print(f"outlet matches the label:   {c['outlet']}/{c['hit']} = {c['outlet'] / hit:.2f}")
        print(
            f"registry resolves outlet:   {c['known']}/{pos} = {c['known'] / pos:.2f}  (goal 0.90)"
        )
        ms = sorted(c["ms"])
        print(
            f"republication plugin time:  median {statistics.median(ms):.2f} ms, "
            f"max {ms[-1]:.2f} ms per page (annotate only; detection is attribution's)"
        )
        print()
        print("\n".join(seed_check(host)))
        lookup_speed(host.outlets)


if __name__ == "__main__":
    main()

"""Accuracy on every labelled corpus: Masthead beside trafilatura, htmldate and readability-lxml.

    .venv/bin/python bench/quality.py [--corpus fundus aeb ...] [--limit N] [--misses KIND]

Each page goes through a real `masthead serve` (`POST /api/v1/analyze`, as the extension sends
it) and, in the same run, through the peers in process. One table per corpus in
`../shared/corpus` (seed, aeb, republication, fundus), a row per measure the corpus has labels
for, and the ratio of Masthead to the best peer on that row:

- byline: author names compared as sets (tests/quality_metric.py: case, "By" and spacing
  ignored); "same set" is the share of pages whose set is exactly right, P/R are per name;
- date: the publication date on the same calendar day;
- title and site name;
- article text: the AEB metric (tests/aeb_metric.py) on AEB, paragraph P/R on fundus;
- credit line: republished-or-not as the attribution plugin's credit-line, wire-dateline and
  metadata-origin findings say; notice: as the republication plugin's banner says;
- false collapses: promo blocks (collapsed for the reader) whose text lies inside the labelled
  article body.

`--misses byline|date|title|site|text` lists, after the tables, the pages where Masthead got
that measure wrong, to study kinds of mistakes (never to fit a page).
"""

from __future__ import annotations

import argparse
import gzip
import json
import sys
import tempfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aeb_metric import overall, page_score
from attribution_labels import outlet_matches
from quality_metric import (
    byline_scores,
    inside_body,
    mean_pr,
    paragraph_scores,
    same_day,
    same_site_name,
    same_title,
)
from support import (
    UNKNOWN_URL,
    aeb_pages,
    fundus_pages,
    http,
    republication_pages,
    saved_url,
    seed,
    start_masthead,
)

ROOT = Path(__file__).resolve().parents[1]

CORPORA = ("seed", "aeb", "republication", "fundus")
PEERS = ("trafilatura", "htmldate", "readability")
PROVENANCE = ("credit-line", "wire-dateline", "metadata-origin")


@dataclass
class Labelled:
    """One corpus page and what its labels say (None where the corpus does not label it)."""

    corpus: str
    name: str
    url: str
    html: str
    authors: list[str] | None = None
    date: str | None = None
    title: str | None = None
    site: str | None = None
    body: str | None = None
    paragraphs: list[str] | None = None
    republished: bool | None = None
    outlet: str | None = None
    must_include: list[str] = field(default_factory=list)
    must_exclude: list[str] = field(default_factory=list)


@dataclass
class Found:
    """What one extractor reported for a page (None: the extractor does not report it)."""

    authors: list[str] | None = None
    date: str | None = None
    title: str | None = None
    site: str | None = None
    text: str | None = None
    republished: bool | None = None
    outlet: str | None = None
    notice: bool | None = None
    collapsed: list[str] | None = None


# -- corpora ----------------------------------------------------------------------------------


def load(corpus: str) -> Iterator[Labelled]:
    if corpus == "seed":
        html, expected = seed()
        yield Labelled(
            "seed",
            "seed-article.html",
            expected["url"],
            html,
            authors=[expected["byline"]],
            site=expected["site"]["name"],
            republished=expected["republished"],
            outlet=expected["origin"]["outlet"],
            must_include=expected["article_text"]["must_include"],
            must_exclude=expected["article_text"]["must_exclude"],
        )
    elif corpus == "aeb":
        for page_id, url, html, body in aeb_pages():
            yield Labelled("aeb", page_id[:16], url or UNKNOWN_URL, html, body=body)
    elif corpus == "republication":
        for name, html, label in republication_pages():
            yield Labelled(
                "republication",
                name.split("__")[-1][:48],
                saved_url(name, label),
                html,
                republished=bool(label["republished"]),
                outlet=label["original_outlet"] or "",
            )
    elif corpus == "fundus":
        for label, html in fundus_pages():
            yield Labelled(
                "fundus",
                label["file"].removeprefix("html/").removesuffix(".html.gz"),
                label["url"],
                html,
                authors=label["authors"] or None,
                date=label["publishing_date"] or None,
                title=label["title"] or None,
                site=label["publisher"],
                body="\n".join(label["paragraphs"]),
                paragraphs=label["paragraphs"],
            )


# -- Masthead, through a real server -----------------------------------------------------------


def masthead_found(doc: dict[str, Any]) -> Found:
    """Read the analysis document the way a client would."""
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for a in doc.get("annotations", []):
        by_kind.setdefault(a["kind"], []).append(a)

    def first(kind: str) -> dict[str, Any]:
        return by_kind.get(kind, [{}])[0].get("data", {})

    published = first("published").get("date") or first("site").get("published")
    provenance = [a for kind in PROVENANCE for a in by_kind.get(kind, [])]
    best = max(provenance, key=lambda a: a.get("confidence", 0), default=None)
    page = doc.get("page", {})
    collapsed = []
    for promo in by_kind.get("promo", []):
        for selector in promo["target"]["selectors"]:
            if selector["type"] == "TextQuoteSelector":
                collapsed.append(selector["exact"])
    return Found(
        authors=first("byline").get("credited", first("byline").get("authors", [])),
        date=published or first("byline").get("published"),
        title=(page.get("og") or {}).get("og:title") or page.get("title"),
        site=first("site").get("name"),
        text=first("article").get("text", ""),
        republished=bool(provenance),
        outlet=best["data"].get("outlet", "") if best else "",
        notice=bool(by_kind.get("republication")),
        collapsed=collapsed,
    )


def analyse(base: str, page: Labelled) -> Found:
    body = gzip.compress(json.dumps({"url": page.url, "html": page.html}).encode("utf-8"))
    headers = {"Content-Type": "application/json", "Content-Encoding": "gzip"}
    status, doc, _ = http("POST", base + "/api/v1/analyze", body, headers, timeout=120)
    if status != 200:
        print(f"masthead: {page.corpus}/{page.name}: HTTP {status} {doc}", file=sys.stderr)
        return Found(authors=[], text="", republished=False, notice=False, collapsed=[])
    return masthead_found(doc)


# -- peers, in process ---------------------------------------------------------------------------


def trafilatura_found(page: Labelled) -> Found:
    import lxml.html
    import trafilatura
    from trafilatura.metadata import extract_metadata

    meta = extract_metadata(lxml.html.fromstring(page.html), default_url=page.url)
    authors = [a.strip() for a in (meta.author or "").split(";") if a.strip()]
    text = trafilatura.extract(page.html, url=page.url, include_comments=False) or ""
    return Found(authors=authors, date=meta.date, title=meta.title, site=meta.sitename, text=text)


def htmldate_found(page: Labelled) -> Found:
    from htmldate import find_date

    return Found(date=find_date(page.html, url=page.url, original_date=True))


def readability_found(page: Labelled) -> Found:
    import lxml.html
    from readability import Document

    from masthead.sdk.text import read_blocks

    document = Document(page.html, url=page.url)
    summary = document.summary(html_partial=True)
    lines = [b.text for b in read_blocks(lxml.html.fromstring(summary))] if summary.strip() else []
    return Found(title=document.short_title(), text="\n".join(lines))


PEER_FOUND: dict[str, Callable[[Labelled], Found]] = {
    "trafilatura": trafilatura_found,
    "htmldate": htmldate_found,
    "readability": readability_found,
}


def peer(name: str, page: Labelled) -> Found:
    try:
        return PEER_FOUND[name](page)
    except Exception as error:  # a peer that crashes on a page reports nothing for it
        print(f"{name}: {page.corpus}/{page.name}: {error!r}", file=sys.stderr)
        return Found()


# -- scoring ---------------------------------------------------------------------------------------


@dataclass
class Row:
    """One measure on one corpus: a cell per extractor, None where it does not report it."""

    label: str
    cells: dict[str, str | None]
    values: dict[str, float | None]
    higher_is_better: bool = True


def score(pages: list[Labelled], found: dict[str, list[Found]]) -> list[Row]:
    rows: list[Row] = []
    names = ["masthead", *PEERS]

    def add(label: str, fn: Callable[[list[Labelled], list[Found]], Any], fmt: Callable[[Any], str],
            value: Callable[[Any], float], kind: str, wanted: Callable[[Labelled], bool],
            higher: bool = True) -> None:  # fmt: skip
        cells: dict[str, str | None] = {}
        values: dict[str, float | None] = {}
        chosen = [i for i, p in enumerate(pages) if wanted(p)]
        if not chosen:
            return
        for name in names:
            results = found[name]
            if all(getattr(results[i], kind) is None for i in chosen):
                cells[name], values[name] = None, None
                continue
            outcome = fn([pages[i] for i in chosen], [results[i] for i in chosen])
            cells[name], values[name] = fmt(outcome), value(outcome)
        rows.append(Row(f"{label} (n={len(chosen)})", cells, values, higher))

    def bylines(ps: list[Labelled], fs: list[Found]) -> tuple[float, float, float, float]:
        scored = [
            byline_scores(p.authors or [], f.authors or []) for p, f in zip(ps, fs, strict=True)
        ]
        exact = sum(s[0] for s in scored) / len(scored)
        f, precision, recall = mean_pr([(s[1], s[2]) for s in scored])
        return exact, precision, recall, f

    add(
        "byline: same set · P/R",
        bylines,
        lambda o: f"{o[0]:.3f} · {o[1]:.2f}/{o[2]:.2f}",
        lambda o: o[0],
        "authors",
        lambda p: bool(p.authors),
    )

    def share(test: Callable[[Labelled, Found], bool]) -> Callable[..., float]:
        return lambda ps, fs: sum(test(p, f) for p, f in zip(ps, fs, strict=True)) / len(ps)

    add(
        "date: same day",
        share(lambda p, f: same_day(p.date, f.date)),
        lambda o: f"{o:.3f}",
        lambda o: o,
        "date",
        lambda p: bool(p.date),
    )
    add(
        "title",
        share(lambda p, f: same_title(p.title or "", f.title or "")),
        lambda o: f"{o:.3f}",
        lambda o: o,
        "title",
        lambda p: bool(p.title),
    )
    add(
        "site name",
        share(lambda p, f: same_site_name(p.site or "", f.site or "")),
        lambda o: f"{o:.3f}",
        lambda o: o,
        "site",
        lambda p: bool(p.site),
    )

    def aeb(ps: list[Labelled], fs: list[Found]) -> tuple[float, float, float]:
        return overall(
            [page_score(p.body or "", f.text or "") for p, f in zip(ps, fs, strict=True)]
        )

    add(
        "text, AEB metric: F1 · P/R",
        aeb,
        lambda o: f"{o[0]:.3f} · {o[1]:.2f}/{o[2]:.2f}",
        lambda o: o[0],
        "text",
        lambda p: p.corpus == "aeb",
    )

    def paragraphs(ps: list[Labelled], fs: list[Found]) -> tuple[float, float, float]:
        return mean_pr(
            [
                paragraph_scores(p.paragraphs or [], f.text or "")
                for p, f in zip(ps, fs, strict=True)
            ]
        )

    add(
        "text, paragraphs: F · P/R",
        paragraphs,
        lambda o: f"{o[0]:.3f} · {o[1]:.2f}/{o[2]:.2f}",
        lambda o: o[0],
        "text",
        lambda p: bool(p.paragraphs),
    )

    def seed_text(ps: list[Labelled], fs: list[Found]) -> float:
        checks = [
            (phrase in (f.text or "")) == keep
            for p, f in zip(ps, fs, strict=True)
            for keep, phrases in ((True, p.must_include), (False, p.must_exclude))
            for phrase in phrases
        ]
        return sum(checks) / len(checks)

    add(
        "text: must include/exclude",
        seed_text,
        lambda o: f"{o:.3f}",
        lambda o: o,
        "text",
        lambda p: bool(p.must_include),
    )

    def republished(attr: str) -> Callable[[list[Labelled], list[Found]], tuple[float, float]]:
        def pr(ps: list[Labelled], fs: list[Found]) -> tuple[float, float]:
            tp = sum(
                bool(getattr(f, attr)) and bool(p.republished) for p, f in zip(ps, fs, strict=True)
            )
            fp = sum(
                bool(getattr(f, attr)) and not p.republished for p, f in zip(ps, fs, strict=True)
            )
            fn = sum(
                not getattr(f, attr) and bool(p.republished) for p, f in zip(ps, fs, strict=True)
            )
            return (tp / (tp + fp) if tp + fp else 0.0), (tp / (tp + fn) if tp + fn else 0.0)

        return pr

    for label, attr in (
        ("credit line: P/R", "republished"),
        ("republication notice: P/R", "notice"),
    ):
        add(
            label,
            republished(attr),
            lambda o: f"{o[0]:.2f}/{o[1]:.2f}",
            lambda o: min(o),
            attr,
            lambda p: p.republished is not None,
        )

    def outlets(ps: list[Labelled], fs: list[Found]) -> float:
        positives = [(p, f) for p, f in zip(ps, fs, strict=True) if p.republished]
        right = sum(bool(f.republished) and outlet_matches(f.outlet or "", p.outlet or "")
                    for p, f in positives)  # fmt: skip
        return right / len(positives) if positives else 0.0

    add(
        "credit line: outlet right",
        outlets,
        lambda o: f"{o:.3f}",
        lambda o: o,
        "outlet",
        lambda p: bool(p.republished),
    )

    def collapses(ps: list[Labelled], fs: list[Found]) -> tuple[int, int]:
        per_page = [sum(inside_body(c, p.body or "") for c in f.collapsed or []) for p, f in
                    zip(ps, fs, strict=True)]  # fmt: skip
        return sum(per_page), sum(1 for n in per_page if n)

    add(
        "false collapses: blocks · pages",
        collapses,
        lambda o: f"{o[0]} · {o[1]}",
        lambda o: float(o[0]),
        "collapsed",
        lambda p: bool(p.body),
        higher=False,
    )
    return rows


def print_table(corpus: str, count: int, rows: list[Row]) -> None:
    names = ["masthead", *PEERS]
    print(f"\n{corpus} ({count} pages)")
    print(f"  {'':40}" + "".join(f"{n:>20}" for n in names) + f"{'M / best peer':>15}")
    for row in rows:
        line = f"  {row.label:40}" + "".join(f"{row.cells[n] or '—':>20}" for n in names)
        mine = row.values["masthead"]
        peers = [v for n, v in row.values.items() if n != "masthead" and v is not None]
        if mine is not None and peers:
            best = max(peers) if row.higher_is_better else min(peers)
            line += f"{mine / best:>15.2f}" if best else f"{'—':>15}"
        print(line)


def misses(kind: str, pages: list[Labelled], found: list[Found], traf: list[Found]) -> None:
    print(f"\nMasthead misses on {kind}:")
    for p, f, t in zip(pages, found, traf, strict=True):
        if kind == "byline" and p.authors:
            if not byline_scores(p.authors, f.authors or [])[0]:
                print(f"  {p.name}: label {p.authors} · masthead {f.authors} · traf {t.authors}")
        elif kind == "date" and p.date and not same_day(p.date, f.date):
            print(f"  {p.name}: label {p.date} · masthead {f.date} · traf {t.date}")
        elif kind == "title" and p.title and not same_title(p.title, f.title or ""):
            print(f"  {p.name}: label {p.title!r} · masthead {f.title!r}")
        elif kind == "site" and p.site and not same_site_name(p.site, f.site or ""):
            print(f"  {p.name}: label {p.site!r} · masthead {f.site!r} · traf {t.site!r}")
        elif kind == "text" and p.paragraphs:
            precision, recall = paragraph_scores(p.paragraphs, f.text or "")
            tp, tr = paragraph_scores(p.paragraphs, t.text or "")
            if recall < tr or precision < tp:
                mine, theirs = f"{precision:.2f}/{recall:.2f}", f"{tp:.2f}/{tr:.2f}"
                print(f"  {p.name}: masthead P/R {mine} · traf {theirs}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--corpus", nargs="+", choices=CORPORA, default=list(CORPORA))
    parser.add_argument("--limit", type=int, help="only the first N pages of each corpus")
    parser.add_argument("--misses", choices=("byline", "date", "title", "site", "text"))
    args = parser.parse_args()
    folder = tempfile.TemporaryDirectory()
    server = start_masthead(data_dir=Path(folder.name))
    try:
        for corpus in args.corpus:
            pages = list(load(corpus))[: args.limit]
            found: dict[str, list[Found]] = {"masthead": [], **{n: [] for n in PEERS}}
            for page in pages:
                found["masthead"].append(analyse(server.url, page))
                for name in PEERS:
                    found[name].append(peer(name, page))
            print_table(corpus, len(pages), score(pages, found))
            if args.misses:
                misses(args.misses, pages, found["masthead"], found["trafilatura"])
    finally:
        server.stop()
        folder.cleanup()


if __name__ == "__main__":
    main()

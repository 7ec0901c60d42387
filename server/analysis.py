"""Turning a validated request into the response document: parse once, run plugins, report."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from typing import Any

from masthead.sdk import ViewError
from masthead.sdk.metadata import Metadata, jsonld_name, jsonld_types
from masthead.sdk.page import Page

from .host import Analysis, PluginHost


def run_analysis(
    host: PluginHost,
    url: str,
    html: str,
    title: str | None = None,
    *,
    max_depth: int = 200,
    max_elements: int = 300_000,
    remember: Callable[[str, list[str]], None] | None = None,
    deadline_s: float | None = None,
    reader_language: str = "en",
) -> dict[str, Any]:
    """The response document for one page. Raises `PageTooComplex` before any plugin runs.

    `remember(url, paragraphs)` is called after the plugins ran, when the operator chose to keep
    analysed pages' fingerprints: looked up first, so a page never matches itself."""
    started = time.perf_counter()
    deadline = None if deadline_s is None else time.monotonic() + deadline_s
    page = Page(
        html,
        url,
        title,
        max_depth=max_depth,
        max_elements=max_elements,
        reader_language=reader_language,
    )
    analysis = host.analyze(page, deadline=deadline)
    if remember is not None:
        with contextlib.suppress(ViewError):  # no article view, nothing to remember
            remember(analysis.page.url, analysis.page.article.paragraphs)
    return response_document(analysis, (time.perf_counter() - started) * 1000)


def response_document(analysis: Analysis, ms: float) -> dict[str, Any]:
    return {
        "page": page_facts(analysis.page),
        "annotations": [a.to_dict() for a in analysis.annotations],
        "plugins": [run.to_dict() for run in analysis.report()],
        "language": analysis.page.reader_language,
        "cached": False,
        "ms": round(ms, 3),
    }


def page_facts(page: Page) -> dict[str, Any]:
    """What the response reports about the page itself (`PageFactsSchema`), and what its views
    had to cut.

    Never raises for the page's sake: a view that failed leaves its facts empty and is named in
    `cut`.
    """
    try:
        md = page.meta
        cut = [*page.parse_cut, *md.cut]
    except ViewError as exc:
        md, cut = Metadata(), [*page.parse_cut, str(exc)]
    publishers = [
        jsonld_name(obj.get("publisher")) for obj in md.jsonld if obj.get("publisher") is not None
    ]
    return {
        "url": page.url,
        "hostname": page.hostname,
        "domain": page.domain,
        "title": page.sent_title or md.title,
        "lang": md.lang,
        "canonical": md.canonical,
        "site_name": md.first("og:site_name"),
        "og": md.og,
        "jsonld_types": sorted({t for obj in md.jsonld for t in jsonld_types(obj)}),
        "publisher": next((p for p in publishers if p), ""),
        "cut": cut,
    }

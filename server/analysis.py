"""Turning a validated request into the response document: parse once, run plugins, report."""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from typing import Any

from masthead.sdk import ViewError
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
    return response_document(host, analysis, (time.perf_counter() - started) * 1000)


def response_document(host: PluginHost, analysis: Analysis, ms: float) -> dict[str, Any]:
    runs = [run.to_dict() for run in analysis.runs.values()]
    for record in host.records.values():
        if record.status in ("failed", "quarantined") and record.name not in analysis.runs:
            runs.append(
                {
                    "name": record.name,
                    "version": record.version,
                    "status": "skipped",
                    "error": record.error,
                    "ms": 0.0,
                }
            )
    return {
        "page": analysis.page.facts(),
        "annotations": [a.to_dict() for a in analysis.annotations],
        "plugins": sorted(runs, key=lambda r: r["name"]),
        "language": analysis.page.reader_language,
        "cached": False,
        "ms": round(ms, 3),
    }

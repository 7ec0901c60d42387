"""Republication notice: "first published by X", with neutral, sourced facts about X.

Runs in the annotate phase on the attribution plugin's provenance findings (`credit-line`,
`wire-dateline`, `metadata-origin`), the outlet registry and, when the server keeps one, the
origin index of article fingerprints (`text-origin`: the same text appeared earlier elsewhere,
whether or not the page says so); see docs/plugins/republication.md.
"""

from __future__ import annotations

from masthead.sdk import Annotation, Findings, OutletRegistry, Page, Settings, hookimpl
from masthead.sdk.origins import OriginIndex

from . import text_origin
from .notice import build

__version__ = "0.2.0"

_index: list[OriginIndex] = []


@hookimpl
def masthead_startup(settings: Settings) -> None:
    _index.clear()
    if settings.origins is not None:
        _index.append(settings.origins)


@hookimpl
def masthead_annotate(page: Page, findings: Findings, outlets: OutletRegistry) -> list[Annotation]:
    notice = build(page, findings, outlets)
    match = text_origin.find(page, findings, outlets, _index[0]) if _index else None
    if match is None:
        return [notice] if notice is not None else []
    if notice is not None and text_origin.same_outlet(match, notice):
        # One notice, both as evidence: the credit line and the text found at the outlet.
        notice.data["evidence"].append(text_origin.evidence(match))
        notice.data["text_origin"] = match.to_data()
        return [notice]
    found = text_origin.annotation(match, page.reader_language)
    return [notice, found] if notice is not None else [found]

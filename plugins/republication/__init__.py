"""Republication notice: "first published by X", with neutral, sourced facts about X.

Runs in the annotate phase on the attribution plugin's provenance findings (`credit-line`,
`wire-dateline`, `metadata-origin`) and the outlet registry; see docs/plugins/republication.md.
"""

from __future__ import annotations

from masthead.sdk import Annotation, Findings, OutletRegistry, Page, hookimpl

from .notice import build

__version__ = "0.1.0"


@hookimpl
def masthead_annotate(page: Page, findings: Findings, outlets: OutletRegistry) -> list[Annotation]:
    notice = build(page, findings, outlets)
    return [notice] if notice is not None else []

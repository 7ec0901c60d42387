"""Republication notice: "first published by X", with neutral, sourced facts about X.

Runs in the annotate phase on the attribution plugin's provenance findings (`credit-line`,
`wire-dateline`, `metadata-origin`), the outlet registry and, when the server keeps one, the
origin index of article fingerprints (`text-origin`: the same text appeared earlier elsewhere,
whether or not the page says so); see docs/plugins/republication.md. It also ships the curated
outlet registry (`outlets.toml`), which it offers as the `curated` layer of `masthead_outlets`.
"""

from __future__ import annotations

from masthead.sdk import Annotation, Findings, OutletRegistry, Page, Settings, hookimpl
from masthead.sdk.origins import OriginIndex
from masthead.sdk.outlets import OutletLayer

from . import text_origin
from .curated import curated_outlets
from .notice import build

__version__ = "0.2.0"


class RepublicationPlugin:
    """The republication plugin. The host makes one per host at start-up (the entry point names
    this class): the origin index it is handed is this host's, never another's."""

    def __init__(self) -> None:
        self.origins: OriginIndex | None = None
        self.curated = True

    @hookimpl
    def masthead_startup(self, settings: Settings) -> None:
        self.origins = settings.origins
        curated = settings.plugin("republication").get("curated", True)
        if not isinstance(curated, bool):
            raise ValueError("curated must be true or false")
        self.curated = curated

    @hookimpl
    def masthead_outlets(self) -> OutletLayer:
        """The curated registry, as the layer the operator's imports override; none when the
        operator set `curated = false` (only their own imports, then)."""
        return OutletLayer("curated", curated_outlets() if self.curated else ())

    @hookimpl
    def masthead_annotate(
        self, page: Page, findings: Findings, outlets: OutletRegistry
    ) -> list[Annotation]:
        notice = build(page, findings, outlets)
        match = (
            text_origin.find(page, findings, outlets, self.origins)
            if self.origins is not None
            else None
        )
        if match is None:
            return [notice] if notice is not None else []
        if notice is not None and text_origin.same_outlet(match, notice):
            # One notice, both as evidence: the credit line and the text found at the outlet.
            notice.data["evidence"].append(text_origin.evidence(match))
            notice.data["text_origin"] = match.to_data()
            return [notice]
        found = text_origin.annotation(match)
        return [notice, found] if notice is not None else [found]

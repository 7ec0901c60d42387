"""Ad/promo stripper: where the article is, and which blocks in and around it are not the
article.

Hooks (methods of `PromoPlugin`, one instance per host):
- `masthead_startup` loads the operator's filter lists once (`[plugins.promo] filter_lists`,
  files or folders of Adblock Plus element-hiding rules) and logs how many rules were usable.
- `masthead_article` provides `page.article`: the region from `masthead.extract.find_article`,
  minus the promo blocks inside it.
- `masthead_detect` reports one `article` annotation and one `promo` annotation per block.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from typing import Any

from lxml.html import HtmlElement

from masthead.extract import find_article
from masthead.sdk import Annotation, Article, Page, Settings, build_article, hookimpl, kinds

from . import filters
from .detect import Promo, find_promos
from .labels import LABELS, label_for
from .matcher import RuleIndex

log = logging.getLogger("masthead.plugins.promo")
# Annotation data is capped at 256 kB of JSON (sdk/schemas.py); leave room for the rest.
MAX_TEXT_JSON = 240_000

Found = tuple[list[HtmlElement], list[HtmlElement], list[Promo]]


class PromoPlugin:
    """The promo plugin. The host makes one per host at start-up (the entry point names this
    class), so each host's filter index is its own: two hosts in one process never share one."""

    def __init__(self) -> None:
        self.index: RuleIndex | None = None

    @hookimpl
    def masthead_startup(self, settings: Settings) -> None:
        self.index = load_index(settings.plugin("promo"))

    def analyse(self, page: Page) -> Found:
        """The article region, its boilerplate and the page's promo blocks, once per page and
        host (kept on the page, keyed by this instance)."""
        return page.memo(self, lambda: self._find(page))

    def _find(self, page: Page) -> Found:
        region, boilerplate = find_article(page)
        return region, boilerplate, find_promos(page, region, boilerplate, self.index)

    @hookimpl
    def masthead_article(self, page: Page) -> Article:
        region, boilerplate, promos = self.analyse(page)
        inside = [p.element for p in promos if _within(p.element, region)]
        return build_article(page, region, [*boilerplate, *inside], provider="promo")

    @hookimpl
    def masthead_detect(self, page: Page) -> list[Annotation]:
        """One `article` annotation (so clients get the clean text), then one `promo` per
        block."""
        article = page.article
        _, _, promos = self.analyse(page)
        found = []
        if article.elements:
            found.append(
                Annotation(
                    kind=kinds.ARTICLE,
                    title=LABELS.say(page.reader_language, "article"),
                    display="none",
                    presentation="region",
                    target=page.target(article.elements[0]),
                    data=_article_data(article),
                )
            )
        for promo in promos:
            data: dict[str, Any] = {"category": promo.category, "evidence": promo.evidence}
            if promo.rule:
                data["rule"] = promo.rule
            found.append(
                Annotation(
                    kind=kinds.PROMO,
                    title=label_for(page, promo),
                    display="collapse",
                    presentation="clutter",
                    confidence=promo.confidence,
                    target=page.target(promo.element),
                    data=data,
                )
            )
        return found


def load_index(section: Mapping[str, Any]) -> RuleIndex | None:
    """The index of the configured lists (`filter_lists`), or None when there are none."""
    specs = section.get("filter_lists", []) or []
    if isinstance(specs, str):
        specs = [specs]
    if not specs:
        return None
    loaded = filters.load(specs)
    index = RuleIndex(loaded)
    counts = loaded.counts
    log.info(
        "promo: %d hiding rules and %d exceptions loaded from %d files; "
        "%d unsupported and %d non-hiding lines skipped",
        counts["rule"],
        counts["exception"],
        counts["files"],
        counts["unsupported"],
        counts["skipped"],
    )
    return index


def _article_data(article: Article) -> dict[str, Any]:
    """The clean text, cut (and flagged) if a huge page would outgrow an annotation's data."""
    text, cut = article.text, False
    # JSON spends at most 12 characters on one (a surrogate pair of escapes): a text within
    # that bound needs no encoding to know it fits, which most articles are.
    while len(text) * 12 + 2 > MAX_TEXT_JSON and len(json.dumps(text)) > MAX_TEXT_JSON:
        text, cut = text[: int(len(text) * 0.8)], True
    data: dict[str, Any] = {"text": text, "paragraphs": len(article.blocks)}
    if cut:
        data["truncated"] = True
    return data


def _within(el: HtmlElement, region: list[HtmlElement]) -> bool:
    return any(el is r or r in el.iterancestors() for r in region)

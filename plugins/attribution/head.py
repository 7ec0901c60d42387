"""The `<head>` elements metadata findings point at, so that they too carry a target.

One pass over the page's `<meta>`, `<link>` and JSON-LD `<script>` elements, kept on the page
(`Page.memo`) for as long as it lives, answers every lookup the detectors make.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml.html import HtmlElement

from masthead.sdk import Page


@dataclass
class HeadIndex:
    meta: dict[str, HtmlElement] = field(default_factory=dict)
    links: dict[str, HtmlElement] = field(default_factory=dict)
    jsonld: HtmlElement | None = None


def _index(page: Page) -> HeadIndex:
    return page.memo(HeadIndex, lambda: _read_head(page))  # the class is this module's own key


def _read_head(page: Page) -> HeadIndex:
    index = HeadIndex()
    for el in page.root.iter("meta", "link", "script"):
        if el.tag == "meta":
            key = (el.get("property") or el.get("name") or "").strip().lower()
            if key:
                index.meta.setdefault(key, el)
        elif el.tag == "link":
            for rel in (el.get("rel") or "").lower().split():
                index.links.setdefault(rel, el)
        elif index.jsonld is None and el.get("type", "").strip() == "application/ld+json":
            index.jsonld = el
    return index


def meta_element(page: Page, key: str) -> HtmlElement | None:
    """The first `<meta name|property=key>`, matched without regard to case."""
    return _index(page).meta.get(key.lower())


def link_element(page: Page, rel: str) -> HtmlElement | None:
    return _index(page).links.get(rel)


def jsonld_script(page: Page) -> HtmlElement | None:
    return _index(page).jsonld

"""The `<head>` elements metadata findings point at, so that they too carry a target."""

from __future__ import annotations

from lxml.html import HtmlElement
from masthead.sdk import Page


def meta_element(page: Page, key: str) -> HtmlElement | None:
    """The first `<meta name|property=key>`, matched without regard to case."""
    key = key.lower()
    for el in page.root.iter("meta"):
        if (el.get("property") or el.get("name") or "").strip().lower() == key:
            return el
    return None


def link_element(page: Page, rel: str) -> HtmlElement | None:
    for el in page.root.iter("link"):
        if rel in (el.get("rel") or "").lower().split():
            return el
    return None


def jsonld_script(page: Page) -> HtmlElement | None:
    found = page.root.xpath("//script[@type='application/ld+json']")
    return found[0] if found else None

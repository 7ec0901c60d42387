"""The `<head>` elements metadata findings point at, so that they too carry a target."""

from __future__ import annotations

from lxml.html import HtmlElement
from masthead.sdk import Page

_LOWER = "translate({},'ABCDEFGHIJKLMNOPQRSTUVWXYZ','abcdefghijklmnopqrstuvwxyz')"
_META = f"//meta[{_LOWER.format('@property')}=$k or {_LOWER.format('@name')}=$k]"


def meta_element(page: Page, key: str) -> HtmlElement | None:
    """The first `<meta name|property=key>`, matched without regard to case."""
    found = page.root.xpath(_META, k=key.lower())
    return found[0] if found else None


def link_element(page: Page, rel: str) -> HtmlElement | None:
    for el in page.root.iter("link"):
        if rel in (el.get("rel") or "").lower().split():
            return el
    return None


def jsonld_script(page: Page) -> HtmlElement | None:
    found = page.root.xpath("//script[@type='application/ld+json']")
    return found[0] if found else None

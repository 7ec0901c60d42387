"""Targets that quote the exact words a finding is about, falling back gracefully."""

from __future__ import annotations

from lxml.html import HtmlElement

from masthead.sdk import Page, Target


def anchor(page: Page, el: HtmlElement, *quotes: str) -> Target:
    """A target for the first quote found in `el`; the element itself if none is.

    A block's text skips nested blocks and `<br>`, so a quote taken from it can straddle text
    the element holds in between; the shorter quotes are the fallback.
    """
    for quote in quotes:
        if quote:
            try:
                return page.target(el, quote=quote)
            except ValueError:
                continue
    return page.target(el)

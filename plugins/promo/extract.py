"""Where the article is. A placeholder until the extraction branch lands with the real one."""

from __future__ import annotations

from lxml.html import HtmlElement
from masthead.sdk import Page, default_article


def find_article(page: Page) -> tuple[list[HtmlElement], list[HtmlElement]]:
    """The region elements holding the article body, and boilerplate inside them to exclude."""
    return list(default_article(page).elements), []

"""Which blocks each detector reads.

The shared article view may be crude, and credit lines and bylines often sit just outside it
(a credit in the post footer, a byline in the header). So detectors read the article's blocks
plus a window of neighbours, never the whole page: related-article lists elsewhere carry other
stories' datelines and credits.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml.html import HtmlElement

from masthead.sdk import Block, Page

WINDOW_BEFORE = 40
WINDOW_AFTER = 40
LEAD_BEFORE = 10
NEAR_AFTER = 10
_NOT_PROSE = frozenset({"figure", "figcaption", "nav", "button", "select", "label"})


@dataclass(frozen=True)
class Regions:
    """`article`: the article's blocks; `window`: those plus neighbours, in page order;
    `lead`: the blocks just before the article and the article's own (datelines, bylines);
    `near`: the lead and a few blocks after, where a source line such as "Quelle: dpa" belongs
    to this story rather than to a teaser for another."""

    article: tuple[Block, ...]
    window: tuple[Block, ...]
    lead: tuple[Block, ...]
    in_article: frozenset[HtmlElement]
    near: frozenset[HtmlElement] = frozenset()


def read_regions(page: Page) -> Regions:
    blocks = page.blocks
    article = tuple(page.article.blocks)
    if not blocks:
        return Regions((), (), (), frozenset())
    members = frozenset(b.element for b in article)
    positions = [i for i, b in enumerate(blocks) if b.element in members]
    if not positions:
        return Regions(article, tuple(blocks[:WINDOW_AFTER]), (), members)
    first, last = positions[0], positions[-1]
    window = tuple(blocks[max(0, first - WINDOW_BEFORE) : last + 1 + WINDOW_AFTER])
    lead = tuple(blocks[max(0, first - LEAD_BEFORE) : first]) + article
    near = frozenset(b.element for b in blocks[max(0, first - LEAD_BEFORE) : last + 1 + NEAR_AFTER])
    return Regions(article, window, lead, members, near)


def in_caption(el: HtmlElement) -> bool:
    """Whether an element sits in a figure, caption or navigation (photo credits live there)."""
    node: HtmlElement | None = el
    depth = 0
    while node is not None and depth < 12:
        if node.tag in _NOT_PROSE:
            return True
        cls = node.get("class") or ""
        if "caption" in cls or ("credit" in cls and "photo" in cls):
            return True
        node = node.getparent()
        depth += 1
    return False


def in_navigation(el: HtmlElement) -> bool:
    """Whether an element sits in a menu or navigation bar ("By Any Means Necessary" there is
    a show's name, not a byline)."""
    node: HtmlElement | None = el
    for _ in range(10):
        if node is None:
            return False
        if node.tag == "nav":
            return True
        marks = f"{node.get('class') or ''} {node.get('id') or ''}".lower()
        if "nav" in marks or "menu" in marks:
            return True
        node = node.getparent()
    return False

"""The article region: one shared view of the page, computed once, the first time anyone asks.

A plugin that implements the `masthead_article` hook provides it (the built-in promo plugin
does, and owns its quality). Without one, `default_article` is a plain fallback: the element that
holds the most paragraph text.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Protocol

from lxml.html import HtmlElement

from .text import Block


class PageBlocks(Protocol):
    """What an article is built from: the part of `Page` this module reads. A protocol, so that
    `page.py` imports this module and not the other way round."""

    @property
    def body(self) -> HtmlElement: ...

    @property
    def blocks(self) -> list[Block]: ...


@dataclass(frozen=True)
class Article:
    """Where the article is, and its clean text.

    `elements` hold the body (usually one); `excluded` are blocks inside them that are not the
    article (promos, share bars). `blocks` are the article's own text blocks, in order, and `text`
    their text joined by newlines, which is what reader view shows.
    """

    elements: tuple[HtmlElement, ...]
    blocks: tuple[Block, ...] = ()
    excluded: tuple[HtmlElement, ...] = ()
    provider: str = ""

    @property
    def text(self) -> str:
        return "\n".join(b.text for b in self.blocks)

    @property
    def paragraphs(self) -> list[str]:
        return [b.text for b in self.blocks]

    def contains(self, el: HtmlElement) -> bool:
        """Whether `el` is inside the article and not inside an excluded block."""
        return self._place(el) == _INSIDE

    def _place(self, el: HtmlElement) -> int:
        """Where `el` is: an excluded ancestor-or-self decides, else an article element does.

        That depends only on the chain of ancestors, so each element's answer is kept: every
        plugin asks about every block, and the blocks of a page share their ancestors, so the
        climb stops at the first ancestor already answered instead of at the root.
        """
        places = self._places
        chain = []
        node: HtmlElement | None = el
        place = _OUTSIDE
        while node is not None:
            known = places.get(node)
            if known is not None:
                place = known
                break
            chain.append(node)
            node = node.getparent()
        excluded, elements = self._excluded_set, self._element_set
        for node in reversed(chain):  # from the top down
            if place != _EXCLUDED:
                if node in excluded:
                    place = _EXCLUDED
                elif node in elements:
                    place = _INSIDE
            places[node] = place
        return place

    # Sets, so that checking every block of a page against thousands of exclusions stays linear.
    @cached_property
    def _excluded_set(self) -> frozenset[HtmlElement]:
        return frozenset(self.excluded)

    @cached_property
    def _element_set(self) -> frozenset[HtmlElement]:
        return frozenset(self.elements)

    @cached_property
    def _places(self) -> dict[HtmlElement, int]:
        # Shared by the threads that read the article: each entry is the same whoever writes it.
        return {}


# Where an element is, for `Article.contains`.
_OUTSIDE, _INSIDE, _EXCLUDED = 0, 1, 2


def build_article(
    page: PageBlocks,
    elements: Iterable[HtmlElement],
    excluded: Iterable[HtmlElement] = (),
    provider: str = "",
) -> Article:
    """Make an Article from its region and exclusions, picking the page's blocks inside it."""
    elements, excluded = tuple(elements), tuple(excluded)
    probe = Article(elements, excluded=excluded)
    blocks = tuple(b for b in page.blocks if probe.contains(b.element))
    return Article(elements, blocks, excluded, provider)


def default_article(page: PageBlocks) -> Article:
    """The parent of the most paragraph text; the body when there is none."""
    scores: dict[HtmlElement, int] = {}
    for block in page.blocks:
        if block.tag != "p" or len(block.text) < 25:
            continue
        parent = block.element.getparent()
        if parent is not None:
            scores[parent] = scores.get(parent, 0) + len(block.text)
    best = max(scores, key=scores.__getitem__) if scores else page.body
    return build_article(page, [best], provider="default")

"""One page as the promo detector sees it: where the article is, what its links are, which
elements hold article prose and must never be collapsed.

Every measure here is computed once per page and read by `detect.py`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from functools import cached_property

from lxml.html import HtmlElement

from masthead.sdk import BLOCK_TAGS, Block, Page, PageLink, normalize_space

from . import links as linkkinds
from .lexicon import SUPPORTING_ONLY, calls_to_action

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# A region paragraph this long, with this few links and no call to action, is article prose.
PROSE_CHARS = 120
PROSE_LINK_DENSITY = 0.3


class Scene:
    def __init__(
        self,
        page: Page,
        region: Iterable[HtmlElement],
        boilerplate: Iterable[HtmlElement] = (),
    ) -> None:
        self.page = page
        self.region = tuple(region)
        self.boilerplate = frozenset(boilerplate)
        self._region_set = frozenset(self.region)
        self.region_ancestors: set[HtmlElement] = set()
        for el in self.region:
            self.region_ancestors.update(el.iterancestors())
            self.region_ancestors.add(el)
        self.guarded: set[HtmlElement] = set(self.region_ancestors)
        self.prose: set[HtmlElement] = set()
        self._texts: dict[HtmlElement, str] = {}
        # Growing a block asks the same wrappers' measures again and again (each step's
        # parent is the next step's node, and every promo is grown twice): each is kept.
        self._links_in: dict[HtmlElement, list[tuple[PageLink, str]]] = {}
        self._link_chars: dict[HtmlElement, int] = {}
        self._titled: dict[HtmlElement, int] = {}

    # -- links ------------------------------------------------------------------------------
    @cached_property
    def links(self) -> dict[HtmlElement, tuple[PageLink, str]]:
        """Each `<a>` element with its link and kind."""
        domain = self.page.domain
        return {link.element: (link, linkkinds.kind_of(link, domain)) for link in self.page.links}

    @cached_property
    def own_links(self) -> dict[HtmlElement, list[tuple[PageLink, str]]]:
        """Each block element's links, not counting those of blocks nested in it."""
        owned: dict[HtmlElement, list[tuple[PageLink, str]]] = {}
        for a, entry in self.links.items():
            for node in a.iterancestors():
                if node.tag in BLOCK_TAGS:
                    owned.setdefault(node, []).append(entry)
                    break
        return owned

    def links_in(self, el: HtmlElement) -> list[tuple[PageLink, str]]:
        """The links in `el` (itself, for an `<a>`), in document order. Kept: read only."""
        found = self._links_in.get(el)
        if found is None:
            known = self.links
            if el.tag == "a":
                found = [known[el]] if el in known else []
            else:
                found = [known[a] for a in el.iter("a") if a in known]
            self._links_in[el] = found
        return found

    def kinds_in(self, el: HtmlElement) -> Counter[str]:
        return Counter(kind for _, kind in self.links_in(el))

    # -- text -------------------------------------------------------------------------------
    def text(self, el: HtmlElement) -> str:
        """Visible text (no script or style), white space collapsed."""
        known = self._texts.get(el)
        if known is None:
            span = self.page.text_index.span(el)
            known = "" if span is None else normalize_space(self.page.text[span[0] : span[1]])
            self._texts[el] = known
        return known

    def raw_length(self, el: HtmlElement) -> int:
        span = self.page.text_index.span(el)
        return 0 if span is None else span[1] - span[0]

    def link_chars(self, el: HtmlElement) -> int:
        chars = self._link_chars.get(el)
        if chars is None:
            chars = self._link_chars[el] = sum(
                len(self.text(link.element)) for link, _ in self.links_in(el)
            )
        return chars

    # -- where things are -------------------------------------------------------------------
    def in_region(self, el: HtmlElement) -> bool:
        node: HtmlElement | None = el
        while node is not None:
            if node in self._region_set:
                return True
            node = node.getparent()
        return False

    @cached_property
    def region_blocks(self) -> list[Block]:
        """Blocks inside the region: their text lies within a region element's text span."""
        spans = self.page.text_index.spans
        regions = [spans[el] for el in self.region if el in spans]
        found = []
        for block in self.page.blocks:
            span = spans.get(block.element)
            if span is None or block.element in self.region_ancestors:
                continue
            if any(start <= span[0] and span[1] <= end for start, end in regions):
                found.append(block)
        return found

    @cached_property
    def prose_span(self) -> tuple[int, int]:
        """Document positions of the first and last prose paragraph of the article."""
        spans = self.page.text_index.spans

        def prose(block: Block) -> bool:
            return _is_prose(block) and block.element in spans

        # Blocks come in document order, so their start positions never decrease: the first
        # prose block has the least and the last the greatest. Only the paragraphs up to
        # each are read for calls to action, not every one in between.
        blocks = self.region_blocks
        first = next((b for b in blocks if prose(b)), None)
        if first is None:
            return (0, -1)
        last = next(b for b in reversed(blocks) if prose(b))
        return (spans[first.element][0], spans[last.element][0])

    def position(self, el: HtmlElement) -> str:
        """ "outside" the article, at its "edge" (before or after all prose), or "inside"."""
        if not self.in_region(el):
            return "outside"
        first, last = self.prose_span
        span = self.page.text_index.span(el)
        if span is None or last < first:
            return "edge"
        return "edge" if span[0] > last or span[1] <= first else "inside"

    def guard(self, promos: set[HtmlElement]) -> None:
        """Mark article prose (and every ancestor of it) as never to be collapsed.

        `promos` are region blocks already judged to be promos: they are not prose even when
        they are long enough to look like it.
        """
        guarded = self.guarded
        for block in self.region_blocks:
            el = block.element
            if promos and (el in promos or any(a in promos for a in el.iterancestors())):
                continue
            if (
                (len(block.text) >= 25 and block.link_density < 0.5)
                or (block.tag in HEADINGS and not block.link_chars)
            ) and el not in self.boilerplate:
                self.prose.add(el)
                # `guarded` holds every ancestor of what it holds (it starts as the region's
                # ancestors and grows by whole chains): the climb stops at the first known one.
                node: HtmlElement | None = el
                while node is not None and node not in guarded:
                    guarded.add(node)
                    node = node.getparent()

    def inside_prose(self, el: HtmlElement) -> bool:
        """Whether `el` lies within a paragraph of article prose."""
        if not self.prose:
            return False
        return any(node in self.prose for node in el.iterancestors())

    def holds_article(self, el: HtmlElement) -> bool:
        return el in self.guarded

    def titled_headings(self, el: HtmlElement) -> int:
        """How many `heading_texts` `el` has."""
        count = self._titled.get(el)
        if count is None:
            count = self._titled[el] = len(self.heading_texts(el))
        return count

    def heading_texts(self, el: HtmlElement) -> list[HtmlElement]:
        """Headings inside `el` that are titled in words, not just a linked headline."""
        found = []
        for tag in HEADINGS:
            for heading in el.iter(tag):
                if len(self.text(heading)) > self.link_chars(heading):
                    found.append(heading)
        return found


def _is_prose(block: Block) -> bool:
    return (
        len(block.text) >= PROSE_CHARS
        and block.link_density < PROSE_LINK_DENSITY
        and not calls_to_action(block.text) - SUPPORTING_ONLY
    )


def upper_share(text: str) -> float:
    letters = "".join(filter(str.isalpha, text))  # in C: a Python loop per character cost more
    if not letters:
        return 0.0
    return sum(map(str.isupper, letters)) / len(letters)

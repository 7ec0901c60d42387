"""Turning an element (or a quote inside it) into W3C selectors the extension can re-anchor."""

from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from lxml import etree
from lxml.html import HtmlElement

from .annotations import Target

if TYPE_CHECKING:
    from .text import TextIndex

QUOTE_CONTEXT = 32
MAX_QUOTE = 500
_CSS_IDENT = re.compile(r"^[A-Za-z_][A-Za-z0-9_-]*$")


def css_path(el: HtmlElement, id_counts: Counter[str]) -> str:
    """A CSS selector for `el`: `#id` where an id is unique, else `tag:nth-of-type(n)` steps.

    A tag CSS cannot name (`o:p`, `svg:path` from pasted Office or inline SVG) becomes
    `*:nth-child(n)`, counted among element children only, as browsers count.
    """
    steps: list[str] = []
    node: HtmlElement | None = el
    while node is not None:
        tag = node.tag
        if not isinstance(tag, str):
            break
        node_id = node.get("id")
        if node_id and id_counts[node_id] == 1 and _CSS_IDENT.match(node_id):
            steps.append(f"#{node_id}")
            break
        parent = node.getparent()
        if parent is None:
            steps.append(tag)
            break
        if _nameable(tag):
            # Only the siblings of the same tag are read, picked by lxml's tag filter in C;
            # listing every child at every step cost a quarter of the promo plugin's targets.
            before = len(list(node.itersiblings(tag, preceding=True)))
            if before or next(node.itersiblings(tag), None) is not None:
                steps.append(f"{tag}:nth-of-type({before + 1})")
            else:
                steps.append(tag)
        else:
            before = len(list(node.itersiblings(etree.Element, preceding=True)))
            steps.append(f"*:nth-child({before + 1})")
        node = parent
    return " > ".join(reversed(steps))


@lru_cache(maxsize=4096)  # bounded: an attacker's page may bring many tag names
def _nameable(tag: str) -> bool:
    """Whether CSS can name `tag` as a type selector; asked once per tag name, not per step
    (a page has a few dozen tag names)."""
    return _CSS_IDENT.match(tag) is not None


def find_quote(text: str, quote: str) -> tuple[int, int] | None:
    """Where `quote` occurs in `text`, tolerating differences in white space."""
    if not quote.strip():
        return None
    at = text.find(quote)
    if at >= 0:
        return at, at + len(quote)
    return _spaced(text, quote.split())


def _spaced(text: str, words: list[str]) -> tuple[int, int] | None:
    r"""The first place where `words` occur in `text` with white space of any kind and length
    between them: what `re.search(r"\s+".join(map(re.escape, words)), text)` finds, without
    compiling a pattern for every quote (each missed the regex cache and cost more than the
    search). No word holds white space (`str.split` and `\s` agree on what it is), so each gap
    is a whole run of white space and the next word must start right after it: nothing for a
    regex to backtrack into.
    """
    first, rest = words[0], words[1:]
    length = len(text)
    at = text.find(first)
    while at >= 0:
        end = at + len(first)
        for word in rest:
            gap = end
            while gap < length and text[gap].isspace():
                gap += 1
            if gap == end or not text.startswith(word, gap):
                break
            end = gap + len(word)
        else:
            return at, end
        at = text.find(first, at + 1)
    return None


def make_target(
    el: HtmlElement,
    index: TextIndex,
    id_counts: Counter[str],
    quote: str | None = None,
    quoted: bool = True,
) -> Target:
    selectors: list[dict[str, Any]] = []
    mid = el.get("data-masthead-id")
    if mid:
        selectors.append({"type": "MastheadIdSelector", "value": mid})
    selectors.append({"type": "CssSelector", "value": css_path(el, id_counts)})
    span = index.span(el)
    if span is not None:
        start, end = span
        if quote:
            found = find_quote(index.text[start:end], quote)
            if found is None:
                raise ValueError(f"quote not found in element: {quote[:60]!r}")
            start, end = start + found[0], start + found[1]
        if end > start and (quote or (quoted and end - start <= MAX_QUOTE)):
            text = index.text
            selectors.append(
                {
                    "type": "TextQuoteSelector",
                    "exact": text[start:end],
                    "prefix": text[max(0, start - QUOTE_CONTEXT) : start],
                    "suffix": text[end : end + QUOTE_CONTEXT],
                }
            )
        selectors.append({"type": "TextPositionSelector", "start": start, "end": end})
    return Target(tuple(selectors))

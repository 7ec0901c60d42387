"""The page's text as one string, with each element's span in it, and its text blocks.

Both come from one pass over the tree, shared by every plugin: TextPositionSelector and
TextQuoteSelector offsets come from here, and the extension rebuilds the same string in the
browser (text nodes under `<body>`, minus script/style/noscript/template contents).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml import etree
from lxml.html import HtmlElement

SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "head", "title", "svg", "math"})

BLOCK_TAGS = frozenset(
    {
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hgroup",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "table",
        "tbody",
        "thead",
        "tfoot",
        "tr",
        "td",
        "th",
        "ul",
        "caption",
        "summary",
        "legend",
        "center",
    }
)


def normalize_space(text: str) -> str:
    """White space runs collapsed to one space, ends trimmed.

    `str.split()` breaks on exactly the characters `re`'s `\\s` matches (`str.isspace`), so
    this equals `re.sub(r"\\s+", " ", text).strip()`, three times faster.
    """
    return " ".join(text.split())


class TextIndex:
    """Page text and each element's `[start, end)` span in it (built by `read_text`)."""

    def __init__(self, text: str, spans: dict[HtmlElement, tuple[int, int]]) -> None:
        self.text = text
        self.spans = spans

    def span(self, el: HtmlElement) -> tuple[int, int] | None:
        return self.spans.get(el)


@dataclass(frozen=True)
class Block:
    """A run of text owned by one block-level element (text in nested blocks is theirs).

    `link_chars` counts the characters inside `<a>`: link density is `link_chars / len(text)`.
    """

    element: HtmlElement
    text: str
    link_chars: int

    @property
    def tag(self) -> str:
        return str(self.element.tag)

    @property
    def link_density(self) -> float:
        return self.link_chars / len(self.text) if self.text else 0.0


# iterwalk reports comments and processing instructions once, as "comment"/"pi": only their
# tails are text.
_WALK_EVENTS = ("start", "end", "comment", "pi")


def read_text(root: HtmlElement) -> tuple[TextIndex, list[Block]]:
    """The text index and the blocks of the tree under `root`, from one walk.

    Every plugin needs both (targets need the index), so they share one iterwalk: the tree is
    walked in C, skip_subtree drops script/style contents, and each text or tail is handed to
    the page text and to the block that owns it in the same step.
    """
    parts: list[str] = []
    spans: dict[HtmlElement, tuple[int, int]] = {}
    starts: dict[HtmlElement, int] = {}
    pos = 0
    texts: dict[HtmlElement, list[str]] = {root: []}
    link_chars: dict[HtmlElement, int] = {root: 0}
    order = [root]
    # For each open element: where its text goes (its own block or the enclosing one) and
    # whether it sits inside a link. A tail belongs to the context enclosing its element.
    context: list[tuple[list[str], HtmlElement, bool]] = [(texts[root], root, False)]
    walker = etree.iterwalk(root, events=_WALK_EVENTS)
    for event, el in walker:
        if event == "start":
            starts[el] = pos
            tag = el.tag
            block_parts, owner, in_link = context[-1]
            if tag in BLOCK_TAGS and el is not root:
                owner, block_parts = el, []
                texts[el], link_chars[el] = block_parts, 0
                order.append(el)
            in_link = in_link or tag == "a"
            context.append((block_parts, owner, in_link))
            if tag in SKIP_TAGS:
                walker.skip_subtree()
                continue
            if tag == "br":  # a line break separates words in a block, not in the page text
                block_parts.append(" ")
            text = el.text
        else:
            if event == "end":
                spans[el] = (starts.pop(el), pos)
                context.pop()
                if el is root:
                    continue
            text = el.tail
            block_parts, owner, in_link = context[-1]
        if text:
            parts.append(text)
            pos += len(text)
            block_parts.append(text)
            if in_link:
                link_chars[owner] += len(text.strip())
    blocks = []
    for el in order:
        text = normalize_space("".join(texts[el]))
        if text:
            blocks.append(Block(el, text, min(link_chars[el], len(text))))
    return TextIndex("".join(parts), spans), blocks


def read_blocks(root: HtmlElement) -> list[Block]:
    """Every block-level element with text of its own, in document order."""
    return read_text(root)[1]


def lowercase_pattern(source: str) -> re.Pattern[str]:
    """Compile a pattern to run on lower-cased text, several times faster than `re.IGNORECASE`.

    Upper-case escapes (`\\S`, `\\W`, …) would change meaning when lower-cased, so they are refused.
    """
    if re.search(r"\\[SWDBAZ]", source):
        raise ValueError("upper-case escapes change meaning when lower-cased")
    return re.compile(source.lower())

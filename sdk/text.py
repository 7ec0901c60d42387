"""The page's text as one string, with each element's span in it, and its text blocks.

Both are single passes over the tree, shared by every plugin: TextPositionSelector and
TextQuoteSelector offsets come from here, and the extension rebuilds the same string in the
browser (text nodes under `<body>`, minus script/style/noscript/template contents).
"""

from __future__ import annotations

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


# iterwalk reports comments and processing instructions once, as "comment"/"pi": only their
# tails are page text.
_WALK_EVENTS = ("start", "end", "comment", "pi")


class TextIndex:
    """Page text and each element's `[start, end)` span in it."""

    def __init__(self, root: HtmlElement) -> None:
        # One iterwalk (the tree is walked in C; skip_subtree drops script/style contents)
        # instead of a Python stack: this index is built for every page.
        parts: list[str] = []
        spans: dict[HtmlElement, tuple[int, int]] = {}
        starts: dict[HtmlElement, int] = {}
        pos = 0
        walker = etree.iterwalk(root, events=_WALK_EVENTS)
        for event, el in walker:
            if event == "start":
                starts[el] = pos
                if el.tag in SKIP_TAGS:
                    walker.skip_subtree()
                elif text := el.text:
                    parts.append(text)
                    pos += len(text)
                continue
            if event == "end":
                spans[el] = (starts.pop(el), pos)
                if el is root:
                    continue
            if tail := el.tail:
                parts.append(tail)
                pos += len(tail)
        self.text: str = "".join(parts)
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
        return self.element.tag

    @property
    def link_density(self) -> float:
        return self.link_chars / len(self.text) if self.text else 0.0


def read_blocks(root: HtmlElement) -> list[Block]:
    """Every block-level element with text of its own, in document order."""
    texts: dict[HtmlElement, list[str]] = {root: []}
    link_chars: dict[HtmlElement, int] = {root: 0}
    order = [root]
    # For each open element: where its text goes (its own block or the enclosing one) and
    # whether it sits inside a link. A tail belongs to the context enclosing its element.
    context: list[tuple[list[str], HtmlElement, bool]] = [(texts[root], root, False)]
    walker = etree.iterwalk(root, events=_WALK_EVENTS)
    for event, el in walker:
        if event == "start":
            tag = el.tag
            parts, owner, in_link = context[-1]
            if tag in BLOCK_TAGS and el is not root:
                owner, parts = el, []
                texts[el], link_chars[el] = parts, 0
                order.append(el)
            in_link = in_link or tag == "a"
            context.append((parts, owner, in_link))
            if tag in SKIP_TAGS:
                walker.skip_subtree()
                continue
            if tag == "br":
                parts.append(" ")
            text = el.text
        else:
            if event == "end":
                context.pop()
                if el is root:
                    continue
            text = el.tail
            parts, owner, in_link = context[-1]
        if text:
            parts.append(text)
            if in_link:
                link_chars[owner] += len(text.strip())
    blocks = []
    for el in order:
        text = normalize_space("".join(texts[el]))
        if text:
            blocks.append(Block(el, text, min(link_chars[el], len(text))))
    return blocks

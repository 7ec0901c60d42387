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
    order: list[HtmlElement] = []
    texts: dict[HtmlElement, list[str]] = {}
    links: dict[HtmlElement, int] = {}

    def add(owner: HtmlElement, text: str | None, in_link: bool) -> None:
        if text:
            texts[owner].append(text)
            if in_link:
                links[owner] += len(text.strip())

    stack: list[tuple[HtmlElement, HtmlElement, bool, int]] = [(root, root, False, 0)]
    order.append(root)
    texts[root], links[root] = [], 0
    while stack:
        el, owner, in_link, state = stack.pop()
        if state == 1:  # leaving el: its tail belongs to the enclosing owner
            add(owner, el.tail, in_link)
            continue
        if not isinstance(el.tag, str):  # a comment: its tail is added when it is left
            continue
        me = owner
        if el.tag in BLOCK_TAGS and el is not root:
            me = el
            order.append(el)
            texts[el], links[el] = [], 0
        link_here = in_link or el.tag == "a"
        if el.tag not in SKIP_TAGS:
            if el.tag == "br":
                add(me, " ", link_here)
            add(me, el.text, link_here)
            # push: (child, owner=me), then on leaving child add its tail to me
            for child in reversed(el):
                stack.append((child, me, link_here, 1))
                stack.append((child, me, link_here, 0))
    blocks = []
    for el in order:
        text = normalize_space("".join(texts[el]))
        if text:
            blocks.append(Block(el, text, min(links[el], len(text))))
    return blocks

"""The page's text as one string, with each element's span in it, and its text blocks.

Both come from one pass over the tree, shared by every plugin: TextPositionSelector and
TextQuoteSelector offsets come from here, and the extension rebuilds the same string in the
browser (text nodes under `<body>`, minus script/style/noscript/template contents).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree
from lxml.html import HtmlElement

from .deadline import check_time

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


@dataclass(frozen=True, init=False)
class Block:
    """A run of text owned by one block-level element (text in nested blocks is theirs).

    `link_chars` counts the characters inside `<a>`: link density is `link_chars / len(text)`.
    `tag` and `link_density` are worked out once, when the block is made: every plugin reads
    them for every block.
    """

    element: HtmlElement
    text: str
    link_chars: int
    tag: str = field(init=False, compare=False, repr=False)
    link_density: float = field(init=False, compare=False, repr=False)

    def __init__(self, element: HtmlElement, text: str, link_chars: int) -> None:
        # Written straight into the instance dict: a frozen dataclass's own __init__ goes
        # through object.__setattr__ field by field, and a page makes hundreds of blocks.
        fields = self.__dict__
        fields["element"] = element
        fields["text"] = text
        fields["link_chars"] = link_chars
        fields["tag"] = str(element.tag)
        fields["link_density"] = link_chars / len(text) if text else 0.0


# iterwalk reports comments and processing instructions once, as "comment"/"pi": only their
# tails are text.
_WALK_EVENTS = ("start", "end", "comment", "pi")
# What read_text needs to know of a tag, looked up once per element.
_BLOCK, _LINK, _SKIP, _BREAK = 1, 2, 4, 8
_TAG_KINDS: dict[str, int] = {}
for _tags, _kind in ((BLOCK_TAGS, _BLOCK), (("a",), _LINK), (SKIP_TAGS, _SKIP), (("br",), _BREAK)):
    for _tag in _tags:
        _TAG_KINDS[_tag] = _TAG_KINDS.get(_tag, 0) | _kind


def read_text(root: HtmlElement) -> tuple[TextIndex, list[Block]]:
    """The text index and the blocks of the tree under `root`, from one walk.

    Every plugin needs both (targets need the index), so they share one iterwalk: the tree is
    walked in C, skip_subtree drops script/style contents, and each text or tail is handed to
    the page text and to the block that owns it in the same step.
    """
    parts: list[str] = []
    spans: dict[HtmlElement, tuple[int, int]] = {}
    pos = 0
    # Where text goes now: the owning block's pieces, its link pieces, and those link pieces
    # again while inside an <a> (None outside). Each open element saves the context enclosing
    # it and its start; its end restores that context, to which its tail belongs.
    own: list[str] = []
    linked: list[str] = []
    sink: list[str] | None = None
    order = [(root, own, linked)]
    stack: list[tuple[list[str], list[str], list[str] | None, int]] = []
    kinds = _TAG_KINDS.get
    walker = etree.iterwalk(root, events=_WALK_EVENTS)
    for event, el in walker:
        if event == "start":
            stack.append((own, linked, sink, pos))
            kind = kinds(el.tag)
            if kind:
                if kind & _BLOCK and el is not root:
                    own, linked = [], []
                    if sink is not None:  # a block inside a link: all its text is linked
                        sink = linked
                    order.append((el, own, linked))
                    if not len(order) & 1023:  # a huge page stops at its reader's budget
                        check_time()
                if kind & _LINK:
                    sink = linked
                if kind & _SKIP:
                    walker.skip_subtree()
                    continue
                if kind & _BREAK:  # a line break separates words in a block, not in the page
                    own.append(" ")
            text = el.text
        else:
            if event == "end":
                own, linked, sink, start = stack.pop()
                spans[el] = (start, pos)
                if el is root:
                    continue
            text = el.tail
        if text:
            parts.append(text)
            pos += len(text)
            own.append(text)
            if sink is not None:
                sink.append(text)
    blocks: list[Block] = []
    append = blocks.append
    for el, pieces, links in order:
        if not pieces:  # most blocks' text is all in their nested blocks
            continue
        # many blocks are of one piece, which needs no join
        text = normalize_space(pieces[0] if len(pieces) == 1 else "".join(pieces))
        if text:
            if links:
                chars = sum(map(len, map(str.strip, links)))
                append(Block(el, text, min(chars, len(text))))
            else:
                append(Block(el, text, 0))
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

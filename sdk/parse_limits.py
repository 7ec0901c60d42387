"""Bounds on what the HTML parser is handed, checked before it runs.

libxml2 builds an element's attributes as a linked list it walks to the end for each one, so one
start tag with n distinct attributes costs n²: 10,000 took 0.13 s, 30,000 took 1.4 s and 100,000
took 37 s of CPU, all inside one C call that no deadline can interrupt. The tag has to be found
before the parse, and cheaply, because every page pays for the search:

1. Only a tag of at least `RUN_CHARS` characters can hold enough attributes to cost real time,
   and (unless `>` hides in its quoted values) it lies in a stretch of the HTML with no `>`.
   Such a stretch contains a whole aligned block of `RUN_CHARS / 2` characters without `>`;
   `str.find` looks at each block once: microseconds, and most pages stop here.
2. Each such stretch (typically an inline script or a data: URL) is tokenised on its own by
   libxml2's tokenizer, with no tree built, which is linear; a start tag in it with more than
   `MAX_ATTRIBUTES` attributes is a candidate.
3. A stretch read out of context can look like a tag (`a<b` in a script), so a candidate is
   confirmed by tokenising the whole page the same way: the parser's own tokenizer, its own
   notion of scripts and comments. Only then is the page refused (`PageTooComplex`).
"""

from __future__ import annotations

from typing import Any

from lxml import etree

MAX_ATTRIBUTES = 1_000  # per element, for a tag long enough to be checked
MAX_ATTRIBUTE_CHARS = 65_536  # an attribute value is cut to this (a 7 MB href cost seconds)
RUN_CHARS = 16_384  # a stretch without `>` this long (or longer) is tokenised


class _Tags:
    """A parser target that only notes the most attributes any start tag had, and the longest
    attribute value."""

    def __init__(self) -> None:
        self.widest = self.longest = 0

    def start(self, tag: str, attrib: dict[str, str]) -> None:
        self.widest = max(self.widest, len(attrib))
        if attrib:
            self.longest = max(self.longest, max(map(len, attrib.values())))

    def close(self) -> _Tags:
        return self


def read_tags(html: str) -> tuple[int, int]:
    """(most attributes on one start tag, longest attribute value) of `html`, by libxml2's
    tokenizer, with no tree built."""
    try:
        found: _Tags = etree.fromstring(html, etree.HTMLParser(target=_Tags()))
    except ValueError:  # a str with an XML encoding declaration: the bytes, as `Page` parses it
        parser = etree.HTMLParser(target=_Tags(), encoding="utf-8")
        try:
            found = etree.fromstring(html.encode("utf-8", "replace"), parser)
        except (etree.LxmlError, ValueError):
            return 0, 0
    except etree.LxmlError:  # nothing the parser could read
        return 0, 0
    return found.widest, found.longest


def widest_tag(html: str) -> int:
    """The most attributes on one start tag of `html`."""
    return read_tags(html)[0]


def scan_long_tags(html: str) -> tuple[bool, bool]:
    """(whether a start tag `RUN_CHARS` or longer has over `MAX_ATTRIBUTES` attributes, whether
    an attribute value in such a stretch is over `MAX_ATTRIBUTE_CHARS`); see the module's note."""
    half = RUN_CHARS // 2
    find, end, checked, long_value = html.find, len(html), -1, False
    for block in range(0, end - half + 1, half):
        if block < checked or find(">", block, block + half) >= 0:
            continue
        start = html.rfind(">", 0, block) + 1
        stop = find(">", block + half)
        checked = end if stop < 0 else stop + 1
        run = html[start:checked]
        if len(run) <= MAX_ATTRIBUTE_CHARS and _separators(run) <= MAX_ATTRIBUTES:
            continue  # too short for a long value, too few separators for that many attributes
        widest, longest = read_tags(run)
        long_value = long_value or longest > MAX_ATTRIBUTE_CHARS
        if widest > MAX_ATTRIBUTES and widest_tag(html) > MAX_ATTRIBUTES:
            return True, long_value
    return False, long_value


def _separators(run: str) -> int:
    """An upper bound on the attributes a stretch can hold, less one: each attribute after the
    first follows white space, a `/`, or the closing quote of a value opened by `="` or `='`."""
    count = run.count
    return (
        count(" ")
        + count("\n")
        + count("\t")
        + count("\r")
        + count("\f")
        + count("/")
        + count('="')
        + count("='")
    )


def too_many_attributes(html: str) -> bool:
    return scan_long_tags(html)[0]


_LONG_VALUES = etree.XPath(f"//@*[string-length() > {MAX_ATTRIBUTE_CHARS}]")


def cut_long_values(root: Any) -> list[str]:
    """Cut every attribute value of the parsed tree to `MAX_ATTRIBUTE_CHARS`, saying what was
    cut. Run only when `scan_long_tags` saw one: the search costs a pass over all attributes."""
    cut = []
    for value in _LONG_VALUES(root):
        element, name = value.getparent(), value.attrname
        element.set(name, str(value)[:MAX_ATTRIBUTE_CHARS])
        cut.append(
            f"<{element.tag}> {name}: {len(value):,} characters, cut to {MAX_ATTRIBUTE_CHARS:,}"
        )
    return cut

"""The CSS selector subset that element-hiding rules use, parsed once and matched on lxml trees.

Filter lists are written for browsers, so every rule is a CSS selector. lxml's own CSS support
goes through XPath, which costs a compile per rule and a whole-tree query per rule; here a rule
is parsed into compounds and tested on one element at a time, right to left, the way a browser
does. That is what lets `matcher.py` test only the candidates its index picks.

Supported: type, `*`, `#id`, `.class`, `[attr]`, `[attr=|~=|^=|$=|*=||= "v" i]`, `:not(...)`,
`:empty`, and the four combinators. Anything else raises `SelectorError`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from lxml.html import HtmlElement

_IDENT_CHAR = re.compile(r"[A-Za-z0-9_\-\u00a0-\U0010ffff]")
_HEX_ESCAPE = re.compile(r"[0-9A-Fa-f]{1,6}\s?")


class SelectorError(ValueError):
    """A selector this engine does not understand (or that is not valid CSS)."""


@dataclass(frozen=True, slots=True)
class AttrTest:
    name: str
    op: str  # "" for presence
    value: str = ""
    ignore_case: bool = False

    def test(self, el: HtmlElement) -> bool:
        actual = el.get(self.name)
        if actual is None:
            return False
        return self.test_value(actual)

    def test_value(self, actual: str) -> bool:
        op, value = self.op, self.value
        if not op:
            return True
        if self.ignore_case:
            actual, value = actual.lower(), value.lower()
        if op == "=":
            return actual == value
        if op == "*=":
            return bool(value) and value in actual
        if op == "^=":
            return bool(value) and actual.startswith(value)
        if op == "$=":
            return bool(value) and actual.endswith(value)
        if op == "~=":
            return bool(value) and value in actual.split()
        return actual == value or actual.startswith(value + "-")  # |=


@dataclass(frozen=True, slots=True)
class Compound:
    """One element's conditions: `tag#id.class[attr]:not(...)`."""

    tag: str | None = None
    ids: tuple[str, ...] = ()
    classes: tuple[str, ...] = ()
    attrs: tuple[AttrTest, ...] = ()
    negations: tuple[Complex, ...] = ()
    empty: bool = False

    def test(self, el: HtmlElement) -> bool:
        if self.tag is not None and el.tag != self.tag:
            return False
        for ident in self.ids:
            if el.get("id") != ident:
                return False
        if self.classes:
            have = (el.get("class") or "").split()
            for name in self.classes:
                if name not in have:
                    return False
        for attr in self.attrs:
            if not attr.test(el):
                return False
        if self.empty and not _is_empty(el):
            return False
        return not any(neg.test(el) for neg in self.negations)


@dataclass(frozen=True, slots=True)
class Complex:
    """Compounds joined by combinators; `combinators[i]` sits between compound i and i+1."""

    compounds: tuple[Compound, ...]
    combinators: tuple[str, ...] = ()

    @property
    def subject(self) -> Compound:
        """The rightmost compound: the one the element itself must match."""
        return self.compounds[-1]

    def test(self, el: HtmlElement) -> bool:
        return self.compounds[-1].test(el) and self._left_of(el, len(self.compounds) - 1)

    def _left_of(self, el: HtmlElement, index: int) -> bool:
        """Whether the compounds left of `index` hold, given `el` matched compound `index`."""
        if index == 0:
            return True
        compound, combinator = self.compounds[index - 1], self.combinators[index - 1]
        for other in _related(el, combinator):
            if compound.test(other) and self._left_of(other, index - 1):
                return True
        return False


def _related(el: HtmlElement, combinator: str) -> Iterator[HtmlElement]:
    if combinator in (" ", ">"):
        node = el.getparent()
        while node is not None:
            yield node
            if combinator == ">":
                return
            node = node.getparent()
        return
    node = el.getprevious()
    while node is not None:
        if isinstance(node.tag, str):
            yield node
            if combinator == "+":
                return
        node = node.getprevious()


def _is_empty(el: HtmlElement) -> bool:
    if el.text:
        return False
    return all(not isinstance(child.tag, str) and not child.tail for child in el)


def parse(text: str) -> tuple[Complex, ...]:
    """A selector list, e.g. `div.ad > a[href^="https://x/"], #banner`."""
    parser = _Parser(text)
    result = parser.selector_list()
    if not parser.at_end():
        raise SelectorError(f"unexpected {parser.peek()!r} at {parser.pos}")
    return result


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text.strip()
        self.pos = 0

    def at_end(self) -> bool:
        return self.pos >= len(self.text)

    def peek(self) -> str:
        return self.text[self.pos] if self.pos < len(self.text) else ""

    def skip_space(self) -> bool:
        start = self.pos
        while self.peek() and self.peek() in " \t\n\r\f":
            self.pos += 1
        return self.pos > start

    def selector_list(self) -> tuple[Complex, ...]:
        items = [self.complex()]
        while True:
            self.skip_space()
            if self.peek() != ",":
                return tuple(items)
            self.pos += 1
            self.skip_space()
            items.append(self.complex())

    def complex(self) -> Complex:
        compounds = [self.compound()]
        combinators: list[str] = []
        while True:
            spaced = self.skip_space()
            char = self.peek()
            if char in (">", "+", "~"):
                self.pos += 1
                self.skip_space()
                combinators.append(char)
            elif spaced and char and char not in ",)":
                combinators.append(" ")
            else:
                return Complex(tuple(compounds), tuple(combinators))
            compounds.append(self.compound())

    def compound(self) -> Compound:
        tag: str | None = None
        ids: list[str] = []
        classes: list[str] = []
        attrs: list[AttrTest] = []
        negations: list[Complex] = []
        empty = False
        start = self.pos
        if self.peek() == "*":
            self.pos += 1
        elif self._ident_starts():
            tag = self.ident().lower()
        while True:
            char = self.peek()
            if char == "#":
                self.pos += 1
                ids.append(self.ident())
            elif char == ".":
                self.pos += 1
                classes.append(self.ident())
            elif char == "[":
                attrs.append(self.attribute())
            elif char == ":":
                self.pos += 1
                name = self.ident().lower()
                if name == "not" and self.peek() == "(":
                    self.pos += 1
                    self.skip_space()
                    negations.extend(self.selector_list())
                    self.skip_space()
                    self.expect(")")
                elif name == "empty":
                    empty = True
                else:
                    raise SelectorError(f"unsupported pseudo-class :{name}")
            else:
                break
        if self.pos == start:
            raise SelectorError(f"expected a selector at {self.pos}")
        return Compound(tag, tuple(ids), tuple(classes), tuple(attrs), tuple(negations), empty)

    def attribute(self) -> AttrTest:
        self.expect("[")
        self.skip_space()
        name = self.ident().lower()
        self.skip_space()
        op = ""
        for candidate in ("~=", "^=", "$=", "*=", "|=", "="):
            if self.text.startswith(candidate, self.pos):
                op = candidate
                self.pos += len(candidate)
                break
        value, ignore_case = "", False
        if op:
            self.skip_space()
            value = self.string() if self.peek() in "\"'" else self.ident()
            self.skip_space()
            if self.peek() in ("i", "I") and self.text[self.pos + 1 : self.pos + 2] in (
                "]",
                " ",
            ):
                ignore_case = True
                self.pos += 1
                self.skip_space()
            elif self.peek() in ("s", "S") and self.text[self.pos + 1 : self.pos + 2] == "]":
                self.pos += 1
        self.expect("]")
        return AttrTest(name, op, value, ignore_case)

    def expect(self, char: str) -> None:
        if self.peek() != char:
            raise SelectorError(f"expected {char!r} at {self.pos}")
        self.pos += 1

    def _ident_starts(self) -> bool:
        char = self.peek()
        return (
            bool(char) and (char == "\\" or bool(_IDENT_CHAR.match(char))) and not (char.isdigit())
        )

    def ident(self) -> str:
        out: list[str] = []
        while self.pos < len(self.text):
            char = self.text[self.pos]
            if char == "\\":
                out.append(self._escape())
            elif _IDENT_CHAR.match(char):
                out.append(char)
                self.pos += 1
            else:
                break
        if not out:
            raise SelectorError(f"expected a name at {self.pos}")
        return "".join(out)

    def _escape(self) -> str:
        self.pos += 1  # the backslash
        if self.pos >= len(self.text):
            raise SelectorError("dangling escape")
        hex_digits = _HEX_ESCAPE.match(self.text, self.pos)
        if hex_digits:
            self.pos = hex_digits.end()
            code = int(hex_digits.group().strip(), 16)
            return chr(code) if 0 < code <= 0x10FFFF else "\ufffd"
        char = self.text[self.pos]
        self.pos += 1
        return char

    def string(self) -> str:
        quote = self.peek()
        self.pos += 1
        out: list[str] = []
        while self.pos < len(self.text):
            char = self.text[self.pos]
            if char == quote:
                self.pos += 1
                return "".join(out)
            if char == "\\":
                out.append(self._escape())
            else:
                out.append(char)
                self.pos += 1
        raise SelectorError("unterminated string")

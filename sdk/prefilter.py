"""Cheap tests that rule a regex out before it runs, derived from the regex itself.

A pattern such as `(?P<src>NAME)\\s+(?:said|told|…)\\b` is tried at every position of a
paragraph, and most paragraphs hold none of its verbs. Any match must contain one of the words
`said`, `told`, …; searching a text for a handful of fixed words costs a fraction of trying the
whole pattern. The words are read from the parsed pattern, never kept by hand, so the test
cannot drift from what it guards: `Prefiltered.search` and `finditer` answer exactly what the
pattern alone would.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import cached_property
from re import _constants as sre  # type: ignore[attr-defined]
from re import _parser as sre_parse  # type: ignore[attr-defined]
from typing import Any

# A required set: one of these strings occurs in every match, compared with these flags.
Required = tuple[frozenset[str], int]

# How many required sets a pattern's texts are tested for, most selective first: the second
# and third often narrow a common verb to a rarer noun that must come with it.
MAX_GATES = 3
MIN_LENGTH = 3  # a set with a one- or two-letter string ("a", "by") rules almost nothing out
_ZERO_WIDTH = frozenset({sre.AT, sre.ASSERT, sre.ASSERT_NOT})
_REPEATS = frozenset({sre.MAX_REPEAT, sre.MIN_REPEAT, sre.POSSESSIVE_REPEAT})


def required(pattern: re.Pattern[str]) -> list[Required]:
    """Sets of literal strings, one of each of which occurs in every match of `pattern`."""
    parsed = sre_parse.parse(pattern.pattern, pattern.flags)
    return _sequence(parsed.data, parsed.state.flags)


def _sequence(items: list[tuple[Any, Any]], flags: int) -> list[Required]:
    """What a sequence of parsed items requires: each literal run, and what each item that
    must match at least once requires. Zero-width items (`\\b`, `^`, lookarounds) join runs."""
    found: list[Required] = []
    run: list[str] = []

    def flush() -> None:
        if run:
            found.append((frozenset({"".join(run)}), flags & re.IGNORECASE))
            run.clear()

    for op, argument in items:
        if op is sre.LITERAL:
            run.append(chr(argument))
            continue
        if op in _ZERO_WIDTH:
            continue
        flush()
        if op is sre.SUBPATTERN:
            _, add, remove, sub = argument
            found += _sequence(sub.data, (flags | add) & ~remove)
        elif op is sre.ATOMIC_GROUP:
            found += _sequence(argument.data, flags)
        elif op in _REPEATS and argument[0] >= 1:
            found += _sequence(argument[2].data, flags)
        elif op is sre.BRANCH:
            options = [_best(_sequence(branch.data, flags)) for branch in argument[1]]
            if all(option is not None for option in options):
                found += _joined([o for o in options if o is not None])
        # anything else (a class, `.`, a back-reference, a conditional) requires nothing
    flush()
    return found


def _joined(options: list[Required]) -> list[Required]:
    """One of the branches matches, so one of their strings occurs; case-insensitive if any
    branch's strings are (a case-insensitive test only admits more)."""
    strings = frozenset().union(*(s for s, _ in options))
    return [(strings, max(f for _, f in options))]


def _selectivity(found: Required) -> tuple[int, int]:
    strings = found[0]
    return min(map(len, strings)), -len(strings)


def _best(found: list[Required]) -> Required | None:
    return max(found, key=_selectivity) if found else None


def alternation(strings: Iterable[str], after_first: str = "") -> str:
    """A regex matching any of `strings`, the longest where several start at one place, as a
    trie (`sa(?:id|ys?)`): the regex engine then skips ahead to the strings' first letters in
    C, where a flat `said|says|say` is tried branch by branch at every position.

    `after_first` goes after each first character: a lookbehind placed there (`(?<!\\w.)`, "no
    letter before this one") keeps that fast skip, which a lookbehind in front turns off.
    """
    words = sorted(set(strings))
    if not words or not all(words):
        raise ValueError("alternation needs non-empty strings")
    return literal_trie([(word, "") for word in words], after_first)


def literal_trie(items: Iterable[tuple[str, str]], after_first: str = "") -> str:
    """A regex for any `literal` followed by its `tail` (a regex), for (literal, tail) in `items`,
    with common prefixes shared (`ab|ac` → `a(?:b|c)`): each character is read once per branch.
    The promo matcher's attribute gates (`[href^="https://…"]`, tail `\\Z` for `=`) and
    `alternation` (empty tails) both build theirs here. Deep enough to exhaust the regex
    compiler's recursion on a long shared prefix: callers that build from untrusted lists catch
    `RecursionError`."""
    return _trie(sorted(set(items)), after_first)


def _trie(items: list[tuple[str, str]], after_first: str) -> str:
    ends = sorted({tail for literal, tail in items if not literal})
    heads: dict[str, list[tuple[str, str]]] = {}
    for literal, tail in items:
        if literal:
            heads.setdefault(literal[0], []).append((literal[1:], tail))
    options = [re.escape(head) + after_first + _trie(rest, "") for head, rest in heads.items()]
    optional = "" in ends  # an item may end here with nothing after it
    options += [tail for tail in ends if tail]
    if not options:
        return ""
    if len(options) == 1 and not optional:
        return options[0]
    return "(?:" + "|".join(options) + ")" + ("?" if optional else "")


# Latin-1 and the general punctuation block (’ “ – …): between two of these characters,
# `re.IGNORECASE` equality is exactly equality of `str.lower()`, one character each (the test
# suite checks every pair). Beyond it, `ſ` matches `s` and `K` (Kelvin) matches `k`.
_FOLDS_PLAINLY = "\x00-\xff\u2000-\u206f"
_FOLDS_OTHERWISE = re.compile(f"[^{_FOLDS_PLAINLY}]")


# Up to this many strings, a gate asks `in` of each: Python's substring search skips ahead in C
# and, for a few strings, costs a third of one alternation, which the regex engine tries at
# every position holding one of its first letters. Past ~25 strings the alternation is cheaper.
MAX_NEEDLES = 24


class Gate:
    """One required set as a test: does some string of it occur in a text?

    A case-insensitive set is tested on the lower-cased text, a plain search several times
    faster than `re.IGNORECASE`, when the text and the strings fold plainly (above); otherwise
    the case-insensitive regex itself is used. A small set is tested string by string with `in`
    (`needles`), a large one with its alternation: the same answer either way.
    """

    def __init__(self, strings: frozenset[str], ignorecase: bool) -> None:
        self.strings, self.ignorecase = strings, ignorecase
        self.exact = re.compile(alternation(strings), re.IGNORECASE if ignorecase else 0)
        plain = not any(_FOLDS_OTHERWISE.search(s) for s in strings)
        folded = {s.lower() for s in strings} if ignorecase and plain else None
        self.folded = re.compile(alternation(folded)) if folded is not None else None
        few = len(strings) <= MAX_NEEDLES
        # what `in` is asked of: the text's own strings, or the lower-cased text's
        self.needles = tuple(sorted(strings)) if few and not ignorecase else None
        self.folded_needles = tuple(sorted(folded)) if few and folded is not None else None

    def test(self, screen: Screen) -> bool:
        if self.needles is not None:
            text = screen.text
            return any(needle in text for needle in self.needles)
        if self.folded is not None and screen.folds_plainly:
            if self.folded_needles is not None:
                lowered = screen.lowered
                return any(needle in lowered for needle in self.folded_needles)
            return self.folded.search(screen.lowered) is not None
        return self.exact.search(screen.text) is not None


_GATES: dict[tuple[frozenset[str], bool], Gate] = {}


def _gate(found: Required) -> Gate:
    """One `Gate` per distinct set, so that patterns needing the same words share its answer."""
    key = (found[0], bool(found[1]))
    if key not in _GATES:
        _GATES[key] = Gate(*key)
    return _GATES[key]


class Prefiltered:
    """A compiled pattern with the gates every text must pass for it to match there."""

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        useful = [r for r in required(pattern) if min(map(len, r[0])) >= MIN_LENGTH]
        ranked = sorted(useful, key=_selectivity, reverse=True)
        self.gates = tuple(_gate(found) for found in ranked[:MAX_GATES])


class Screen:
    """The gates' answers for one text, each gate tested at most once however many patterns
    share it."""

    def __init__(self, text: str, lowered: str | None = None) -> None:
        self.text = text
        self._lowered = lowered  # `text.lower()`, made only if a case-insensitive gate asks
        self._answers: dict[Gate, bool] = {}

    @property
    def lowered(self) -> str:
        if self._lowered is None:
            self._lowered = self.text.lower()
        return self._lowered

    @cached_property
    def folds_plainly(self) -> bool:
        return _FOLDS_OTHERWISE.search(self.text) is None

    def allows(self, prefiltered: Prefiltered) -> bool:
        """False only when the pattern cannot match anywhere in the text."""
        answers = self._answers
        for gate in prefiltered.gates:
            answer = answers.get(gate)
            if answer is None:
                answer = answers[gate] = gate.test(self)
            if not answer:
                return False
        return True

    def finditer(self, prefiltered: Prefiltered) -> Iterator[re.Match[str]]:
        """`pattern.finditer(text)`, or nothing at once when a gate rules it out."""
        if not self.allows(prefiltered):
            return iter(())
        return prefiltered.pattern.finditer(self.text)

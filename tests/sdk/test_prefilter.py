"""The prefilter may skip a pattern only where it cannot match: its gates are read from the
pattern, so they are checked here against texts the pattern itself generates."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from masthead.plugins.attribution import sourcing
from masthead.plugins.promo import lexicon
from masthead.sdk.prefilter import (
    _FOLDS_PLAINLY,
    Gate,
    Prefiltered,
    Screen,
    alternation,
    required,
)


def _sets(source: str, flags: int = 0) -> list[frozenset[str]]:
    return [strings for strings, _ in required(re.compile(source, flags))]


def test_required_reads_literal_runs_and_alternatives() -> None:
    assert _sets(r"\b(?:said|told) by the\b") == [
        frozenset({"said", "told"}),
        frozenset({" by the"}),
    ]


def test_optional_and_open_parts_require_nothing() -> None:
    assert _sets(r"(?:foo)?bar") == [frozenset({"bar"})]
    assert _sets(r"\w+|said") == []  # one branch needs no literal, so the whole does not
    assert _sets(r"(?:ab){0,2}") == []


def test_required_keeps_the_case_flag_of_its_part() -> None:
    found = required(re.compile(r"(?i:said)X"))
    assert found == [(frozenset({"said"}), re.IGNORECASE), (frozenset({"X"}), 0)]


def test_alternation_is_a_trie_matching_the_longest() -> None:
    pattern = re.compile(alternation(["say", "says", "said", "sa"]))
    assert pattern.pattern == "sa(?:id|y(?:s)?)?"
    assert [m.group() for m in pattern.finditer("says said sa say")] == [
        "says",
        "said",
        "sa",
        "say",
    ]


def test_plain_folding_is_what_ignorecase_compares() -> None:
    """Between characters of the plain range, `re.IGNORECASE` equality is `lower()` equality."""
    plain = [chr(c) for c in range(0x10000) if re.fullmatch(f"[{_FOLDS_PLAINLY}]", chr(c))]
    for letter in plain:
        pattern = re.compile(re.escape(letter), re.IGNORECASE)
        for char in plain:
            assert bool(pattern.fullmatch(char)) == (char.lower() == letter.lower()), (letter, char)


def test_a_long_s_is_not_ruled_out() -> None:
    """`ſ` matches `s` under IGNORECASE but does not lower-case to it: the exact regex decides."""
    screened = Prefiltered(re.compile(r"\bsaid\b", re.IGNORECASE))
    assert Screen("she ſaid so").allows(screened)
    assert not Screen("she told us").allows(screened)


PATTERNS = [
    *sourcing.NAMED,
    sourcing.VAGUE,
    sourcing.BARE,
    *lexicon.LEXICON.values(),
]


def _variants(text: str, flags: int) -> list[str]:
    if not flags & re.IGNORECASE:
        return [text]
    return [text, text.upper(), text.swapcase(), text.replace("s", "ſ").replace("k", "\u212a")]


@pytest.mark.parametrize("pattern", PATTERNS, ids=lambda p: p.pattern[:40])
def test_gates_never_rule_out_a_match(pattern: re.Pattern[str]) -> None:
    screened = Prefiltered(pattern)

    @settings(max_examples=60, deadline=None, suppress_health_check=list(HealthCheck))
    @given(st.from_regex(pattern))
    def check(text: str) -> None:
        for variant in _variants(text, pattern.flags):
            if pattern.search(variant):
                assert Screen(variant).allows(screened), variant
                assert list(Screen(variant).finditer(screened))

    check()


def test_the_plugins_patterns_are_gated() -> None:
    """Each pattern the plugins run most has at least one gate, or the screen saves nothing."""
    assert all(Prefiltered(p).gates for p in (sourcing.VAGUE, sourcing.BARE, *sourcing.NAMED))


@settings(max_examples=300, deadline=None)
@given(
    st.frozensets(st.text(alphabet="abcAB é’", min_size=1, max_size=4), min_size=1, max_size=30),
    st.booleans(),
    st.text(alphabet="abcAB é’ſ", max_size=40),
)
def test_a_gate_answers_as_its_alternation(
    strings: frozenset[str], ignorecase: bool, text: str
) -> None:
    """Small sets are asked with `in`, big ones with the alternation: one answer either way."""
    gate = Gate(strings, ignorecase)
    expected = gate.exact.search(text) is not None
    assert gate.test(Screen(text)) == expected

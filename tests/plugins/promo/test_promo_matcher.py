"""The indexed matcher finds exactly what running every rule on every element finds, and the
selector engine agrees with soupsieve (an independent CSS implementation) on real list rules."""

from __future__ import annotations

from functools import cache

import pytest
import soupsieve
from bs4 import BeautifulSoup

from masthead.plugins.promo import filters
from masthead.plugins.promo.matcher import RuleIndex, naive_matches
from masthead.sdk import Page
from support import DATA, seed

LISTS = DATA / "filter-lists"

# Written for this test: markup that real rules of each shape (id, class, attribute prefix and
# substring, child and sibling combinators, :not) hit, next to markup they must miss.
SAMPLE = """<!DOCTYPE html><html><body>
<div id="AD_300">x</div><div id="ad_300">case differs</div>
<div class="adsbygoogle">slot</div><ins class="adsbygoogle" data-ad-client="ca-1"></ins>
<a href="https://track.fiverr.com/visit/?id=1"><img src="b.png"></a>
<a href="https://track.fiverr.com.evil.example/visit/"><img src="c.png"></a>
<p><a href="https://www.facebook.com/sharer.php?u=x">Share</a>
<a href="https://twitter.com/intent/tweet?text=x">Tweet</a></p>
<div class="td-post-sharing-top"><span class="share-count">3</span></div>
<div class="sponsored-post"><div class="sponsored-post-inner">Promoted</div></div>
<section class="cookie-notice alert"><button>OK</button></section>
<div class="cookies-accepted">not body</div>
<div data-ad-region="top"></div><div data-testid="cookie-banner-app-standalone"></div>
<ul><li class="related-posts">one</li><li class="newsletter-signup">two</li></ul>
<div style="position: fixed; bottom: 0; z-index: 999">sticky</div>
</body></html>"""


def _filter_set(*names: str) -> filters.FilterSet:
    return filters.load([LISTS / name for name in names])


@cache
def _two_lists() -> filters.FilterSet:
    return _filter_set(
        "easylist_general_hide.txt",
        "easylist_allowlist_general_hide.txt",
        "fanboy_social_general_hide.txt",
        "fanboy_social_allowlist_general_hide.txt",
    )


def _pages() -> list[Page]:
    html, expected = seed()
    return [Page(html, expected["url"]), Page(SAMPLE, "https://news.example.org/story")]


@pytest.mark.parametrize("which", [0, 1], ids=["seed", "sample"])
def test_indexed_matches_equal_naive_matches(which: int) -> None:
    loaded = _two_lists()
    page = _pages()[which]
    indexed = RuleIndex(loaded).matches(page.root, page.hostname)
    naive = naive_matches(loaded, page.root, page.hostname)
    assert indexed, "the sample pages are meant to be hit"
    assert set(indexed) == set(naive)
    assert len(indexed) == len(naive)


def test_exceptions_are_honoured_by_both() -> None:
    loaded = filters.FilterSet()
    for line in ["##.adsbygoogle", "news.example.org#@#.adsbygoogle", "##.sponsored-post"]:
        loaded.add_line(line, "test")
    page = _pages()[1]
    for found in (
        RuleIndex(loaded).matches(page.root, page.hostname),
        naive_matches(loaded, page.root, page.hostname),
    ):
        assert {rule.text for _, rule in found} == {".sponsored-post"}


def _lxml_path(el) -> tuple[int, ...]:
    """An element's position from the root, comparable across lxml and BeautifulSoup trees."""
    steps = []
    while el.getparent() is not None:
        parent = el.getparent()
        steps.append([c for c in parent if isinstance(c.tag, str)].index(el))
        el = parent
    return tuple(reversed(steps))


def _soup_path(tag) -> tuple[int, ...]:
    steps = []
    while tag.parent is not None and tag.parent.name != "[document]":
        steps.append(tag.parent.find_all(True, recursive=False).index(tag))
        tag = tag.parent
    return tuple(reversed(steps))


def test_the_selector_engine_agrees_with_soupsieve_on_complex_rules() -> None:
    """Rules with attributes, combinators or pseudo-classes, from all four lists."""
    loaded = _filter_set(
        "easylist_general_hide.txt",
        "fanboy_social_general_hide.txt",
        "fanboy-annoyance.generic_hide.txt",
        "easylist-cookie.generic_hide.txt",
    )
    tricky = [
        (rule, selectors)
        for rule, selectors in loaded.rules
        if any(c in rule.text for c in "[ >+~:")
    ]
    assert len(tricky) > 1000
    for page in _pages():
        soup = BeautifulSoup(page.html, "lxml")
        ours, theirs = set(), set()
        for rule, selectors in tricky:
            for el in page.root.iter():
                if isinstance(el.tag, str) and any(s.test(el) for s in selectors):
                    ours.add((rule.text, _lxml_path(el)))
            try:
                compiled = soupsieve.compile(rule.text)
            except Exception:  # a rule soupsieve cannot parse is not compared
                continue
            theirs.update((rule.text, _soup_path(tag)) for tag in compiled.select(soup))
        assert ours == theirs
        assert ours or page.url.startswith("https://21st")


def test_the_prefix_tree_gate_admits_what_one_alternative_per_rule_admits() -> None:
    """Each attribute bucket's gate, factored into a prefix tree, accepts exactly the values the
    plain alternation of its rules' regexes accepts, for the attribute values of every bucket of
    the real lists and near misses of each (cut short, one character changed, case changed)."""
    import re

    index = RuleIndex(filters.load([LISTS]))
    buckets = [*index.by_attr.values(), *index.by_context.values()]
    checked = 0
    for bucket in buckets:
        if bucket.always:
            continue
        plain = _plain_gate(bucket, re)
        probes = {""}
        for test, _ in bucket.entries:
            value = test.value
            probes |= {value, value[:-1], value + "-x", "x" + value, value.upper(), value + " y"}
            probes |= {value[:i] + "#" + value[i + 1 :] for i in range(0, len(value), 7)}
        for probe in probes:
            assert bucket.admits(probe) == plain(probe), (probe, bucket.entries[0][0])
            checked += 1
    assert checked > 3000


def _plain_gate(bucket, re):  # type: ignore[no-untyped-def]
    """The gate as one alternative per rule: the reference the tree must agree with."""
    starts, anywhere = [], []
    for test, _ in bucket.entries:
        value = re.escape(test.value)
        piece, at_start = {
            "=": (f"{value}\\Z", True),
            "^=": (value, True),
            "|=": (f"{value}(?:-|\\Z)", True),
            "$=": (f"{value}\\Z", False),
            "*=": (value, False),
            "~=": (rf"(?:^|\s){value}(?:\s|$)", False),
        }[test.op]
        piece = f"(?i:{piece})" if test.ignore_case else piece
        (starts if at_start else anywhere).append(piece)
    anchored = re.compile("|".join(starts)) if starts else None
    floating = re.compile("|".join(anywhere)) if anywhere else None
    return lambda v: bool(
        (anchored is not None and anchored.match(v))
        or (floating is not None and floating.search(v))
    )

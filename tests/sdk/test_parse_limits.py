"""The pre-parse attribute check: it refuses exactly the pages whose tree would have an element
with too many attributes in a long tag, whatever separates them, and nothing else."""

from __future__ import annotations

import time

import lxml.html
import pytest

from masthead.sdk import Page, PageTooComplex
from masthead.sdk.parse_limits import (
    MAX_ATTRIBUTE_CHARS,
    MAX_ATTRIBUTES,
    too_many_attributes,
    widest_tag,
)
from support import seed

N = 3 * MAX_ATTRIBUTES  # a tag well past RUN_CHARS with any of the separators below


def page_with(tag: str) -> str:
    return f"<html><head><title>t</title></head><body><p>before</p>{tag}<p>after</p></body></html>"


BOMBS = {
    "spaces": "<div " + " ".join(f"a{i}=x" for i in range(N)) + ">x</div>",
    "slashes": "<div " + "/".join(f"a{i}" for i in range(N)) + ">x</div>",
    "quoted, no spaces": "<div " + "".join(f'a{i}="v"' for i in range(N)) + ">x</div>",
    "single-quoted, newlines": "<img\n" + "\n".join(f"b{i}='1'" for i in range(N)) + ">",
    "unterminated at the end": "<div " + " ".join(f"a{i}" for i in range(N)),
}


@pytest.mark.parametrize("case", sorted(BOMBS))
def test_a_long_tag_with_too_many_attributes_is_refused(case):
    html = page_with(BOMBS[case])
    assert too_many_attributes(html)
    with pytest.raises(PageTooComplex, match="more than 1,000 attributes"):
        Page(html, "https://example.com/")


def test_the_check_agrees_with_the_parsed_tree():
    html = page_with(BOMBS["spaces"])
    widest = max(len(el.attrib) for el in lxml.html.document_fromstring(html).iter("div"))
    assert widest_tag(html) == widest == N


def test_an_xml_declaration_does_not_hide_a_bomb():
    html = '<?xml version="1.0" encoding="utf-8"?>' + page_with(BOMBS["spaces"])
    assert too_many_attributes(html)


NOT_TAGS = {
    "in a script": "<script>var s = '" + BOMBS["spaces"].replace(">", "") + "';</script>",
    "in a comment": "<!-- " + BOMBS["spaces"].replace(">", "") + " -->",
    "in a quoted value": '<img alt="' + BOMBS["spaces"].replace(">", "") + '">',
    "repeated names": "<div " + " ".join("a=x" for _ in range(N)) + ">x</div>",
}


@pytest.mark.parametrize("case", sorted(NOT_TAGS))
def test_what_the_parser_does_not_make_attributes_is_not_refused(case):
    html = page_with(NOT_TAGS[case])
    assert not too_many_attributes(html)
    Page(html, "https://example.com/")


def test_a_short_wide_tag_is_left_to_the_parser():
    # Below RUN_CHARS a tag cannot hold enough distinct attributes to cost the parser anything.
    html = page_with("<div " + " ".join(f"a{i}" for i in range(1500)) + ">x</div>")
    assert not too_many_attributes(html)


def test_100k_attributes_are_refused_in_well_under_a_second_of_cpu():
    html = page_with("<div " + " ".join(f"a{i}=x" for i in range(100_000)) + ">x</div>")
    started = time.process_time()
    with pytest.raises(PageTooComplex):
        Page(html, "https://example.com/")
    assert time.process_time() - started < 3  # the parse alone took 37 s


def test_an_ordinary_page_passes():
    html, _ = seed()
    assert not too_many_attributes(html)


def test_a_long_attribute_value_is_cut_and_reported():
    html = page_with('<a href="https://example.com/' + "x" * 200_000 + '">more</a>')
    page = Page(html, "https://example.com/")
    assert len(page.root.find(".//a").get("href")) == MAX_ATTRIBUTE_CHARS
    assert page.parse_cut == ("<a> href: 200,020 characters, cut to 65,536",)
    assert page.copy().parse_cut == page.parse_cut
    assert Page(page_with("<a href='/x'>x</a>"), "https://example.com/").parse_cut == ()

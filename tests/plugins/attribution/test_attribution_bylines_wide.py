"""Bylines and dates as pages in many languages write them, with the look-alikes that must not
count: phrasings written for these tests, none taken from a corpus page."""

from __future__ import annotations

import json

import pytest
from attribution_pages import FILLER, page, run


def credited(body: str = "", head: str = "", **kw: str) -> list[str]:
    found = run(page(body, head=head, **kw)).of_kind("byline")
    return found[0].data["credited"] if found else []


def jsonld(obj: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("By Jane Roe, Staff Writer", ["Jane Roe"]),
        ("Analysis by Jane Roe", ["Jane Roe"]),
        ("Ein Kommentar von Anna Müller", ["Anna Müller"]),
        ("Von: Jonas Weber", ["Jonas Weber"]),
        ("Por María García y Luis Pérez", ["María García", "Luis Pérez"]),
        ("Par Claire Dubois et Marc Petit", ["Claire Dubois", "Marc Petit"]),
        ("Di Marco Rossi e Giulia Bianchi", ["Marco Rossi", "Giulia Bianchi"]),
        ("Af Lars Hansen og Mette Holm", ["Lars Hansen", "Mette Holm"]),
        ("Door Pieter Bakker en Sanne Visser", ["Pieter Bakker", "Sanne Visser"]),
        ("By Jane Roe14 Mar 2021", ["Jane Roe"]),
        ("By Jane Roe | Reuters", ["Jane Roe", "Reuters"]),
        ("By Omar Haddad, Correspondent in Paris", ["Omar Haddad"]),
        ("By Jane Roe (jro)", ["Jane Roe"]),
        ("Jane Roe Follow", ["Jane Roe"]),
    ],
)
def test_visible_bylines_in_many_languages(line: str, names: list[str]) -> None:
    assert credited(f"<p class='byline'>{line}</p>") == names


@pytest.mark.parametrize(
    ("line", "names"),
    [
        ("Associated Press", ["Associated Press"]),
        ("By The Associated Press", ["The Associated Press"]),
        ("Von dpa", ["dpa"]),
        ("Associated Press in Valencia", ["Associated Press"]),
    ],
)
def test_a_wire_credit_is_the_byline(line: str, names: list[str]) -> None:
    assert credited(f"<p class='byline'>{line}</p>") == names


@pytest.mark.parametrize(
    ("head", "names"),
    [
        ('<meta name="author" content="Jane Roe">', ["Jane Roe"]),
        ('<meta property="article:author" content="Jane Roe">', ["Jane Roe"]),
        ('<meta name="dc.creator" content="Jane Roe">', ["Jane Roe"]),
        (jsonld({"@type": "NewsArticle", "author": "Ana Lima, Rui Costa"}),
         ["Ana Lima", "Rui Costa"]),
        (jsonld({"@type": "BlogPosting", "creator": {"@type": "Person", "name": "Ana Lima"}}),
         ["Ana Lima"]),
        (
            jsonld({"@graph": [
                {"@type": "NewsArticle", "author": {"@id": "#p1"}},
                {"@type": "Person", "@id": "#p1", "name": "Ana Lima"},
            ]}),
            ["Ana Lima"],
        ),
        (
            jsonld({"@type": "WebPage", "mainEntity": {"@type": "NewsArticle",
                    "author": [{"name": "Карина Гасимова"}, {"name": "Антон Зелинский"}]}}),
            ["Карина Гасимова", "Антон Зелинский"],
        ),
        (jsonld({"@type": "NewsArticle", "author": {"name": "松岡大地"}}), ["松岡大地"]),
        ('<meta name="author" content="신현주 기자">', ["신현주"]),
        ('<meta name="citation_author" content="Brazil, Rachel">', ["Rachel Brazil"]),
        ('<meta name="twitter:label1" content="Written by">'
         '<meta name="twitter:data1" content="Jane Roe">', ["Jane Roe"]),
    ],
)  # fmt: skip
def test_author_metadata_without_a_visible_byline(head: str, names: list[str]) -> None:
    assert credited(head=head) == names


def test_teaser_and_comment_bylines_do_not_join_the_authors() -> None:
    html = page("<p class='byline'>By Jane Roe</p>").replace(
        "</main>",
        "<aside class='related'><h3>More stories</h3><div class='teaser'><a href='/b'>Bridge "
        "closes</a><p class='byline'>By Otto Other</p></div></aside>"
        "<section class='comments'><div class='comment'><span class='author'>Carl Commenter"
        "</span><p>Nice piece.</p></div></section></main>",
    )
    assert run(html).of_kind("byline")[0].data["credited"] == ["Jane Roe"]


def test_metadata_and_visible_byline_agree_and_others_are_left_out() -> None:
    head = '<meta name="author" content="Jane Roe">'
    html = page(f"<p>{FILLER}</p><p class='author'>Max Muster</p>", head=head).replace(
        "<h1>A story</h1>", "<h1>A story</h1><p class='byline'>By Jane Roe</p>"
    )
    found = run(html).of_kind("byline")[0]
    assert found.data["credited"] == ["Jane Roe"]
    assert found.confidence == 0.95


@pytest.mark.parametrize(
    "line",
    [
        "Twitter Facebook",
        "Foto: Max Muster",
        "By 2030, the city plans to plant ten thousand trees.",
        "Jane Roe is a reporter who covers the city council.",
    ],
)
def test_look_alikes_are_no_byline(line: str) -> None:
    assert credited(f"<p class='byline'>{line}</p>") == []


@pytest.mark.parametrize(
    "head",
    [
        '<meta name="author" content="https://example.com/people/jane">',
        '<meta name="author" content="jane@example.com">',
        '<meta name="author" content="Quelle: dpa/sid">',
        '<meta name="author" content="(Image: Getty Images)">',
        '<meta name="author" content="4:45pm">',
        jsonld({"@type": "ItemList", "itemListElement": [{"author": "Otto Other"}]}),
    ],
)
def test_metadata_that_is_no_author(head: str) -> None:
    assert credited(head=head) == []


def test_a_sentence_opening_with_by_names_no_one() -> None:
    found = run(page("<p>By comparison, Haniyeh kept a lower profile.</p>")).of_kind("byline")
    assert found == []

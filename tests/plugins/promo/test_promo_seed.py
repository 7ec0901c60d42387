"""The seed page: all nine labelled promos found with their categories, no article sentence
collapsed, and the clean text what a reader wants, with and without filter lists."""

from __future__ import annotations

import re
from functools import cache

import pytest

from masthead.sdk import Page
from masthead.sdk.testing import Result, analyze
from support import DATA, seed

LISTS = str(DATA / "filter-lists")


@cache
def _run(with_lists: bool) -> Result:
    html, expected = seed()
    settings = {"promo": {"filter_lists": [LISTS]}} if with_lists else {"promo": {}}
    return analyze(html, expected["url"], plugins=["promo"], settings=settings)


def _element(page: Page, annotation):
    """The element an annotation's CssSelector names, found in the page as the client would."""
    css = next(s["value"] for s in annotation.target.selectors if s["type"] == "CssSelector")
    tags = page.soup.select(css)
    assert len(tags) == 1, css
    return page._from_soup(tags[0])


def _labelled(page: Page, label: dict):
    if "selector" in label:
        return [page._from_soup(tag) for tag in page.soup.select(label["selector"])]
    want = re.sub(r"\s+", " ", label["text"])
    return [el for el in page.body.iter() if isinstance(el.tag, str) and page.text_of(el) == want]


def _sentences(text: str) -> list[str]:
    return [s for s in re.split(r"(?<=[.?!])\s+", text) if len(s) > 30]


@pytest.mark.parametrize("with_lists", [False, True], ids=["no-lists", "all-lists"])
def test_every_labelled_promo_is_found_with_its_category(with_lists: bool) -> None:
    result = _run(with_lists)
    assert not result.errors
    page = result.page
    promos = [(a, _element(page, a)) for a in result.of_kind("promo")]
    _, expected = seed()
    strips = set()
    for label in expected["promos"]:
        labelled = _labelled(page, label)
        assert labelled, label
        hits = [
            (a, el)
            for a, el in promos
            if a.data["category"] == label["category"]
            and any(el is x or el in x.iterancestors() or x in el.iterancestors() for x in labelled)
        ]
        assert hits, f"not found with its category: {label}"
        strips.add(min(hits, key=lambda hit: len(page.text_of(hit[1])))[1])
    # one strip per labelled block: a promo swallowing the whole sidebar would match them all
    assert len(strips) == len(expected["promos"])


@pytest.mark.parametrize("with_lists", [False, True], ids=["no-lists", "all-lists"])
def test_no_article_sentence_is_collapsed(with_lists: bool) -> None:
    result = _run(with_lists)
    page = result.page
    _, expected = seed()
    article = result.of_kind("article")[0].data["text"]
    for must in expected["article_text"]["must_include"]:
        assert must in article
    for must_not in expected["article_text"]["must_exclude"]:
        assert must_not not in article
    body = [s for p in page.article.paragraphs for s in _sentences(p)]
    assert len(body) > 20
    for annotation in result.of_kind("promo"):
        collapsed = page.text_of(_element(page, annotation))
        assert not [s for s in body if s in collapsed], annotation.title


def test_promos_carry_labels_confidence_and_rules() -> None:
    result = _run(True)
    promos = result.of_kind("promo")
    assert all(a.display == "collapse" and 0.5 <= a.confidence <= 1 for a in promos)
    titles = {a.title for a in promos}
    assert {"Affiliate deal", "Membership appeal", "Share buttons"} <= titles
    assert any(a.data.get("rule") == ".td-post-sharing-top" for a in promos)
    assert not any("rule" in a.data for a in _run(False).of_kind("promo"))


def test_the_article_annotation_points_at_the_region() -> None:
    result = _run(False)
    (article,) = result.of_kind("article")
    assert article.display == "none"
    assert _element(result.page, article) is result.page.article.elements[0]
    assert article.data["text"] == result.page.article.text
    assert result.page.article.provider == "promo"

"""The plugin on real pages: the seed page, the labelled republication corpus, and whether every
annotation's target resolves in the page it came from."""

from __future__ import annotations

import pytest
from attribution_pages import PROVENANCE
from lxml.cssselect import CSSSelector

from attribution_labels import outlet_matches
from masthead.sdk.testing import analyze
from support import republication_pages, saved_url, seed

SEED_HTML, SEED = seed()


@pytest.fixture(scope="module")
def seed_result():
    return analyze(SEED_HTML, SEED["url"], plugins=["attribution"])


def test_seed_site_and_byline(seed_result):
    assert seed_result.errors == {}
    assert seed_result.of_kind("site")[0].data["name"] == SEED["site"]["name"]
    byline = seed_result.of_kind("byline")[0].data
    assert byline["authors"] == [SEED["byline"]]
    assert byline["accounts"] == ["21wire"]


def test_seed_credit_line(seed_result):
    (line,) = seed_result.of_kind("credit-line")
    assert line.data["outlet"] == SEED["origin"]["outlet"]
    assert line.data["domain"] == SEED["origin"]["domain"]
    assert line.data["url"] == "https://www.rt.com/"
    assert line.display == "highlight"
    assert line.target.exact == SEED["origin"]["credit_text"]


def test_seed_vague_attributions_and_no_invented_named_source(seed_result):
    flagged = seed_result.of_kind("vague-attribution", "unattributed-assertion")
    for expected in SEED["sourcing"]["vague"]:
        assert any(expected in a.data["sentence"] and a.data["phrase"] in expected for a in flagged)
    assert len(flagged) == 3
    quotes = sorted(" ".join(a.target.exact.split()) for a in flagged)
    assert quotes == [
        "It is no secret that",
        "Japan is reportedly planning to open a NATO liaison office in Tokyo.",
        "called for by many senior Western figures",
    ]
    assert seed_result.of_kind("named-source") == []
    summary = seed_result.of_kind("sourcing-summary")[0].data
    assert summary["named_sources"] == SEED["sourcing"]["named_sources"]


CORPUS = list(republication_pages())


@pytest.mark.parametrize(
    ("name", "html", "label"), CORPUS, ids=[n.split("__")[-1][:40] for n, _, _ in CORPUS]
)
def test_republication_corpus_page(name, html, label):
    result = analyze(html, saved_url(name, label), plugins=["attribution"])
    assert result.errors == {}
    signals = result.of_kind(*PROVENANCE)
    assert bool(signals) == label["republished"], [s.data for s in signals]
    if label["republished"]:
        strongest = max(signals, key=lambda s: s.confidence)
        assert outlet_matches(strongest.data["outlet"], label["original_outlet"]), strongest.data


@pytest.mark.parametrize(
    ("name", "html", "label"),
    [CORPUS[0], CORPUS[2], CORPUS[10], CORPUS[16]],
    ids=["sciencealert", "ctpost", "stern", "livescience"],
)
def test_every_target_resolves_in_the_page(name, html, label):
    result = analyze(html, saved_url(name, label), plugins=["attribution"])
    page = result.page
    assert result.annotations
    for note in result.annotations:
        assert note.target is not None, note.kind
        css = note.target.selector("CssSelector")["value"]
        assert CSSSelector(css)(page.root), (note.kind, css)
        position = note.target.selector("TextPositionSelector")
        if position:
            exact = note.target.exact
            assert exact is None or page.text[position["start"] : position["end"]] == exact

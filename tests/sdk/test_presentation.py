"""Every finding says what it is for the reader (`presentation`), so clients need no kind list."""

from __future__ import annotations

from typing import Any

import pytest

from masthead.sdk import PRESENTATIONS, Annotation, hookimpl, kinds
from masthead.sdk.testing import analyze
from support import seed

# The contract (docs/plugins.md, "Presentation"): what each built-in kind is for the reader.
CONTRACT = {
    kinds.REPUBLICATION: "notice",
    kinds.TEXT_ORIGIN: "notice",
    kinds.SITE: "provenance",
    kinds.BYLINE: "provenance",
    kinds.PUBLISHED: "provenance",
    kinds.CREDIT_LINE: "provenance",
    kinds.WIRE_DATELINE: "provenance",
    kinds.METADATA_ORIGIN: "provenance",
    kinds.NAMED_SOURCE: "source",
    kinds.VAGUE_ATTRIBUTION: "claim",
    kinds.UNATTRIBUTED_ASSERTION: "claim",
    kinds.SOURCING_SUMMARY: "claim",
    kinds.PROMO: "clutter",
    kinds.ARTICLE: "region",
}

# A page of our own that makes every attribution and promo detector speak.
OWN_PAGE = """<html lang="en"><head><title>Ferry fares rise - The Harbour Post</title>
<meta property="og:site_name" content="The Harbour Post">
<meta property="article:published_time" content="2024-03-02T08:00:00Z">
<link rel="canonical" href="https://www.gazette-example.org/2024/ferry-fares">
</head><body><article><h1>Ferry fares rise</h1>
<p class="byline">By Ada Lindqvist</p>
<p>LONDON (Reuters) - Ferry fares will reportedly rise by a fifth in spring, the operator
said on Tuesday, in a move that islanders have long feared would come.</p>
<p>Officials said the increase was unavoidable, according to the port authority, which runs
the terminal and sets the landing charges that operators pass on to passengers.</p>
<p>It is widely known that the crossing has lost money for a decade, and the council has
been asked to cover part of the shortfall from next year. The council said the ferry would keep
running through the winter.</p>
<div class="newsletter-signup"><p>Get our newsletter every morning</p>
<form><input type="email"><button>Subscribe</button></form></div>
<p><em>This story was originally published by The Example Gazette.</em></p>
</article></body></html>"""


def kinds_and_presentations(result: Any) -> dict[str, set[str]]:
    found: dict[str, set[str]] = {}
    for annotation in result.annotations:
        found.setdefault(annotation.kind, set()).add(annotation.presentation)
    return found


def test_every_built_in_finding_carries_the_contracts_presentation() -> None:
    html, labels = seed()
    found = kinds_and_presentations(analyze(html, labels["url"]))
    found |= kinds_and_presentations(analyze(OWN_PAGE, "https://www.harbour-post.example/ferry"))
    produced = set(found)
    assert {kinds.SITE, kinds.BYLINE, kinds.CREDIT_LINE, kinds.REPUBLICATION} <= produced
    assert {kinds.VAGUE_ATTRIBUTION, kinds.NAMED_SOURCE, kinds.PROMO, kinds.ARTICLE} <= produced
    # text-origin needs an origin index: tests/origins checks its presentation.
    assert set(CONTRACT) - produced == {kinds.TEXT_ORIGIN}
    for kind, presentations in found.items():
        assert presentations == {CONTRACT[kind]}, kind


def test_presentation_defaults_to_info_and_an_unknown_one_is_refused() -> None:
    class Plugin:
        @hookimpl
        def masthead_detect(self, page: Any) -> list[Any]:
            return [
                Annotation(kind="plain"),
                {"kind": "loud", "presentation": "shout"},
                {"kind": "claimed", "presentation": "claim"},
            ]

    result = analyze("<p>Hi</p>", plugins=[Plugin()])
    assert [(a.kind, a.presentation) for a in result.annotations] == [
        ("plain", "info"),
        ("claimed", "claim"),
    ]
    assert "presentation" in result.errors["Plugin"]
    assert result.annotations[0].to_dict()["presentation"] == "info"


@pytest.mark.parametrize("presentation", PRESENTATIONS)
def test_each_presentation_passes_the_schema(presentation: str) -> None:
    class Plugin:
        @hookimpl
        def masthead_detect(self, page: Any) -> list[dict[str, str]]:
            return [{"kind": "any", "presentation": presentation}]

    (found,) = analyze("<p>Hi</p>", plugins=[Plugin()]).annotations
    assert found.presentation == presentation

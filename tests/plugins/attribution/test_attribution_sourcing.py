"""How claims are sourced: named, vague and bare attributions, cited links, and the summary."""

from __future__ import annotations

import pytest
from attribution_pages import page, run


def claims(paragraph: str) -> dict[str, list]:
    result = run(page(f"<p>{paragraph}</p>"))
    return {
        "named": [a.data["source"] for a in result.of_kind("named-source")],
        "vague": [a.data["phrase"] for a in result.of_kind("vague-attribution")],
        "bare": [a.data["phrase"] for a in result.of_kind("unattributed-assertion")],
    }


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        ("Prices rose by four percent last year, according to Reuters.", "Reuters"),
        (
            "According to the World Health Organization, cases fell in May.",
            "the World Health Organization",
        ),
        ("The ministry said the talks would resume in the autumn.", "The ministry"),
        ("Maria Santos told reporters that the plant would close in June.", "Maria Santos"),
        ("“We will rebuild the bridge,” said Mayor Tom Baker on Friday.", "Mayor Tom Baker"),
        ("The company confirmed that it had cut two hundred jobs.", "The company"),
        ("The Interior Ministry announced new border checks on Monday.", "The Interior Ministry"),
        ("Laut Polizei wurde niemand verletzt.", "Polizei"),
        ("Según el Ministerio de Salud, los casos bajaron.", "el Ministerio de Salud"),
        ("Selon l'Insee, le chômage a baissé.", "l'Insee"),
        ("Secondo l'Istat la produzione è cresciuta.", "l'Istat"),
    ],
)
def test_named_attribution(sentence, source):
    found = claims(sentence)
    assert found["named"] == [source]
    assert found["vague"] == [] and found["bare"] == []


@pytest.mark.parametrize(
    "sentence",
    [
        "She said the plan was not ready.",
        "They told the council that the road would reopen.",
        "It said in March that profits had fallen.",
        "Laut Berichten ist die Lage ruhig.",
        "Scientists say the comet will pass close to Earth in 2031.",
        "Authorities said the road would stay closed until Friday.",
    ],
)
def test_pronouns_and_groups_are_not_named_sources(sentence):
    assert claims(sentence)["named"] == []


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("The minister is reportedly planning to resign next week.", "reportedly"),
        ("Sources say the merger will be announced on Monday.", "Sources say"),
        ("It is believed that the fire started in the kitchen.", "It is believed"),
        ("Many experts doubt that the target can be met.", "Many experts doubt"),
        ("Several diplomats told the paper the talks had stalled.", "Several diplomats told"),
        ("Anonymous officials confirmed the plan on Monday.", "Anonymous officials"),
        ("Critics argue that the law goes too far.", "Critics argue"),
        (
            "The idea has been called for by many senior Western figures.",
            "called for by many senior Western figures",
        ),
        ("People familiar with the matter said the deal was close.", "People familiar with"),
        ("The singer allegedly refused to pay the bill.", "allegedly"),
        ("Some say the reform came too late.", "Some say"),
        ("The company is said to be considering a sale.", "is said to"),
        ("Der Minister soll angeblich zurücktreten.", "angeblich"),
    ],
)
def test_vague_attribution(sentence, phrase):
    found = claims(sentence)
    assert found["vague"] == [phrase]
    assert found["named"] == []


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("It is no secret that the board wants a new chief.", "It is no secret that"),
        ("Everyone knows the bridge is unsafe.", "Everyone knows"),
        ("As we all know, the election was close.", "As we all know"),
        ("There is no doubt that the plan will fail.", "There is no doubt that"),
        ("It goes without saying that prices will rise.", "It goes without saying"),
    ],
)
def test_bare_assertion(sentence, phrase):
    assert claims(sentence)["bare"] == [phrase]


@pytest.mark.parametrize(
    "sentence",
    [
        "The residents want some say in how the park is run.",
        "Many people attended the concert on Saturday night.",
        "Several officials arrived in the capital on Monday.",
        "Some experts will testify before the committee on Monday.",
        "Many analysts have studied the data and published their results.",
        "The council voted to approve the budget.",
    ],
)
def test_plain_statements_are_not_vague(sentence):
    found = claims(sentence)
    assert found["vague"] == [] and found["bare"] == []


def test_vague_and_bare_are_highlights_and_named_ones_are_data():
    result = run(
        page(
            "<p>The mayor is reportedly unwell. It is no secret that the budget is late. "
            "The city said the library would reopen.</p>"
        )
    )
    vague = result.of_kind("vague-attribution")[0]
    bare = result.of_kind("unattributed-assertion")[0]
    named = result.of_kind("named-source")[0]
    assert vague.display == bare.display == "highlight"
    assert named.display == "none"
    assert vague.target.exact == "The mayor is reportedly unwell."
    assert bare.target.exact == "It is no secret that the budget is late."
    for note in (vague, bare):
        assert note.text and "true" not in note.text.lower() and "false" not in note.text.lower()


def test_summary_counts_and_cited_links():
    result = run(
        page(
            "<p>The plan is reportedly delayed, according to "
            '<a href="https://www.reuters.com/x">Reuters</a>.</p>'
            "<p>The ministry said it would respond. Smith told the BBC the plan was sound. "
            'See <a href="https://data.example.org/table">the data</a> and '
            '<a href="/news/other">our earlier story</a>.</p>'
        )
    )
    summary = result.of_kind("sourcing-summary")[0]
    assert summary.data["counts"] == {"named": 2, "vague": 1, "unattributed": 0, "links": 2}
    assert summary.data["named_sources"] == ["The ministry", "Smith"]
    assert summary.data["link_domains"] == ["example.org", "reuters.com"]


def test_summary_repeating_the_description_is_not_counted_twice():
    lead = "The mayor is reportedly planning to step down this spring."
    html = page(
        f"<p class='lead'>{lead}</p><p>The mayor is reportedly planning to step down.</p>",
        head=f'<meta property="og:description" content="{lead}">',
    )
    assert len(run(html).of_kind("vague-attribution")) == 1

"""Named sources and vague claims in the forms the first rules missed, written here, both ways.

Found: apposition ("X, a spokesperson for Y, said"), people named by their office, studies and
data ("a study published in", "figures released by"), posts ("according to a post on"), "as
first reported by", "research has shown", "critics have long argued", "few would dispute" (in
five languages). Not found: idioms ("as we know it"), definitions ("is said to be durable
when"), a hedge inside a named source's claim, a writer mocking "anonymous sources", studies
cited by number, look-alikes of the study and apposition forms.
"""

from __future__ import annotations

import pytest
from test_attribution_sourcing import claims


@pytest.mark.parametrize(
    ("sentence", "source"),
    [
        # apposition, name first or role first
        ("Tom Reyes, a spokesperson for the port authority, said the ship had left.", "Tom Reyes"),
        ("Lena Vogt, who chairs the committee, told reporters the vote would wait.", "Lena Vogt"),
        ("The agency's director, Anna Berg, said the checks would continue.", "Anna Berg"),
        ("Its chief economist, Priya Nair, warned that rates would stay high.", "Priya Nair"),
        # a person or body named by its office
        ("The minister wrote on social media that the border would reopen.", "The minister"),
        ("In a post on X, the mayor said the road would be closed.", "the mayor"),
        ("The regulator announced a review of the merger.", "The regulator"),
        # studies and data
        ("A study published in The Lancet found that the drug halved stays.", "The Lancet"),
        ("Research published in Nature shows that the glacier is shrinking.", "Nature"),
        (
            "Figures released by the Office for National Statistics indicate that wages rose.",
            "the Office for National Statistics",
        ),
        (
            "Figures released by the health ministry indicate that lists fell.",
            "the health ministry",
        ),
        ("Data from the World Bank show that growth slowed in the region.", "the World Bank"),
        (
            "A survey by the Harbour Institute found that most fishers back the wall.",
            "the Harbour Institute",
        ),
        # posts and first reports
        ("According to a post on the council's website, the pool reopens in May.", "the council"),
        ("The plan was first reported by The Riverside Herald on Sunday.", "The Riverside Herald"),
        ("As first reported by the Daily Ledger, the factory will close.", "the Daily Ledger"),
    ],
)
def test_named_sources_in_more_forms(sentence: str, source: str) -> None:
    found = claims(sentence)
    assert found["named"] == [source]
    assert found["vague"] == [] and found["bare"] == []


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("Research has shown that children who read at home do better.", "Research has shown"),
        ("Studies show that the policy reduced crime.", "Studies show"),
        ("Evidence suggests that the new lanes made the road safer.", "Evidence suggests"),
        ("Critics have long argued that the tax is unfair.", "Critics have long argued"),
        ("Experts have repeatedly warned that the dam is weak.", "Experts have repeatedly warned"),
        ("It is rumoured that the coach will leave at the end of the season.", "It is rumoured"),
    ],
)
def test_vague_claims_in_more_forms(sentence: str, phrase: str) -> None:
    found = claims(sentence)
    assert found["vague"] == [phrase]
    assert found["named"] == []


@pytest.mark.parametrize(
    ("sentence", "phrase"),
    [
        ("Few would dispute that the bridge needs repair.", "Few would dispute"),
        ("Niemand bestreitet, dass die Brücke marode ist.", "Niemand bestreitet"),
        ("Nadie duda de que el puente necesita obras.", "Nadie duda de que"),
        ("Personne ne conteste que le pont doit être réparé.", "Personne ne conteste"),
        ("Nessuno dubita che il ponte vada riparato.", "Nessuno dubita"),
    ],
)
def test_consensus_without_a_source(sentence: str, phrase: str) -> None:
    assert claims(sentence)["bare"] == [phrase]


@pytest.mark.parametrize(
    "sentence",
    [
        # idioms and definitions
        "The browser changed the web as we know it for a generation of users.",
        "The old port as we knew it is gone, replaced by flats and a marina.",
        "A write is said to be durable when it survives a crash of the machine.",
        "A graph is said to be connected if every pair of nodes is joined by a path.",
        # a writer mocking the words rather than citing them
        "The columnist mocked the story as yet another tale built on “anonymous sources”.",
        "He dismissed so-called anonymous sources as the refuge of lazy reporters.",
        # studies cited by number, and studies named earlier
        "Other studies indicate that drinking more water can help (10, 11).",
        "The study shows that the wall will hold for fifty years.",
        "Her own research indicates that most of the fleet is over thirty years old.",
    ],
)
def test_look_alikes_attribute_nothing_vaguely(sentence: str) -> None:
    found = claims(sentence)
    assert found["vague"] == [] and found["bare"] == []


def test_a_hedge_inside_a_named_sources_claim_is_theirs() -> None:
    found = claims("Officers said the pills were thought to contain a synthetic opioid.")
    assert found["vague"] == []
    assert found["named"] == ["Officers"]


@pytest.mark.parametrize(
    "sentence",
    [
        "Research in Africa shows that the rains are arriving later.",  # a place, not a journal
        "Reports from Kyiv said the power was back on.",
        "A report by the end of the year will set out the options.",
        "In Paris, the capital, crowds gathered on Sunday.",
        "Data from the sensors show the river is rising.",
    ],
)
def test_look_alikes_of_studies_and_apposition_name_no_source(sentence: str) -> None:
    assert claims(sentence)["named"] == []

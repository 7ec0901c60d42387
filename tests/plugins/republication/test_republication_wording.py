"""The facts line names each source after its run of facts, also when a fact has no source."""

from __future__ import annotations

from masthead.plugins.republication.wording import facts_line
from masthead.sdk import Outlet
from masthead.sdk.outlets import Fact, Source

REGISTRY = Source("https://registry.example/harbour-post", name="Harbour Registry")


def test_a_sourced_fact_followed_by_an_unsourced_owner_names_its_source() -> None:
    # A sister-title notice adds the owner fact without the banner's source filter: the facts
    # line used to read `.label` of that fact's missing source and crash.
    outlet = Outlet(name="The Harbour Post", country="Norway")
    facts = [Fact("country", "Norway", REGISTRY), Fact("owner", "Harbour Group", None)]
    line = facts_line(outlet, facts, "en")
    assert "Norway (Harbour Registry)" in line
    assert "owned by Harbour Group" in line
    assert line.count("Harbour Registry") == 1


def test_one_source_for_a_run_of_facts_is_named_once_after_it() -> None:
    outlet = Outlet(name="The Harbour Post", country="Norway", owner="Harbour Group")
    facts = [Fact("country", "Norway", REGISTRY), Fact("owner", "Harbour Group", REGISTRY)]
    line = facts_line(outlet, facts, "en")
    assert line.count("Harbour Registry") == 1
    assert line.index("Norway") < line.index("owned by Harbour Group") < line.index("Harbour")

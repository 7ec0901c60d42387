"""The outlet registry: curated data, lookups, layers and their precedence."""

from __future__ import annotations

import csv
import re

import pytest

import support
from masthead.plugins.republication.curated import curated_outlets
from masthead.sdk import Outlet, OutletRegistry, hookimpl
from masthead.sdk.outlets import FACT_FIELDS, Source, clean_domain, outlets_from_toml
from masthead.server.host import PluginHost

MATRIX = support.DATA / "state-media" / "State_Media_Matrix.csv"


@pytest.fixture(scope="module")
def curated() -> OutletRegistry:
    return OutletRegistry(curated_outlets())


# -- the curated file ----------------------------------------------------------------------
def test_curated_file_covers_at_least_150_outlets():
    assert len(curated_outlets()) >= 150


def test_every_curated_fact_has_a_source_url_and_a_checked_date():
    for outlet in curated_outlets():
        assert outlet.domains, outlet.name
        for fact in outlet.facts():
            assert fact.source is not None, (outlet.name, fact.field)
            assert re.match(r"^https?://[^/\s]+\.[a-z]{2,}/", fact.source.url), fact.source.url
            assert re.match(r"^\d{4}-\d{2}-\d{2}$", fact.source.checked), outlet.name
            assert fact.source.origin == "curated"


@pytest.mark.parametrize(
    "name",
    [
        # wire services
        "AP", "Reuters", "AFP", "dpa", "UPI", "EFE", "ANSA", "Kyodo", "Yonhap", "PA", "APA",
        "Xinhua", "TASS", "RIA Novosti", "Anadolu",
        # syndicators
        "The Conversation", "ProPublica", "KFF Health News", "Project Syndicate", "Global Voices",
        "Inter Press Service",
        # state-affiliated and public international outlets
        "RT", "Sputnik", "CGTN", "China Daily", "Global Times", "PressTV", "TRT World",
        "Al Jazeera", "VOA", "RFE/RL", "BBC", "DW", "France 24", "NHK World", "ABC Australia",
        "CBC",
        # large English-language papers and broadcasters
        "The New York Times", "The Guardian", "The Washington Post", "CNN", "Times of India",
    ],
)  # fmt: skip
def test_the_outlets_the_issue_lists_are_curated(curated, name):
    outlet = curated.by_name(name)
    assert outlet is not None, name
    assert outlet.country and outlet.source("country")


def test_curated_typology_agrees_with_the_state_media_monitor():
    """Where the curated file cites the State Media Monitor, its code is the monitor's."""
    codes: dict[str, set[str]] = {}
    with MATRIX.open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle):
            if row["URL"].strip():
                codes.setdefault(clean_domain(row["URL"]), set()).add(row["Typology"])
    checked = 0
    for outlet in curated_outlets():
        if not outlet.typology:
            continue
        assert outlet.source("typology").label == "State Media Monitor"
        found = set().union(*(codes.get(d, set()) for d in outlet.domains))
        if found:
            checked += 1
            assert found == {outlet.typology}, (outlet.name, outlet.typology, found)
    assert checked >= 30


# -- lookups ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("The Associated Press", "Associated Press"),
        ("Associated Press", "Associated Press"),
        ("AP", "Associated Press"),
        ("the associated press.", "Associated Press"),
        ("Russia Today", "RT International"),
        ("Deutsche Welle", "Deutsche Welle"),
        ("Agence France Presse", "Agence France-Presse"),
    ],
)
def test_by_name_and_alias(curated, query, expected):
    assert curated.by_name(query).name == expected


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("apnews.com", "Associated Press"),
        ("https://www.rt.com/news/123-story/", "RT International"),
        ("de.rt.com", "RT International"),
        ("edition.cnn.com", "CNN"),
        ("WWW.BBC.CO.UK", "BBC"),
        ("https://english.news.cn/2031/x.htm", "Xinhua News Agency"),
        ("http://uk.reuters.com:80/article", "Reuters"),
    ],
)
def test_by_domain_includes_subdomains(curated, query, expected):
    assert curated.by_domain(query).name == expected


def test_a_subdomain_record_beats_its_parent():
    registry = OutletRegistry(
        [Outlet("Parent", domains=("rt.com",)), Outlet("Child", domains=("russian.rt.com",))]
    )
    assert registry.by_domain("https://russian.rt.com/x").name == "Child"
    assert registry.by_domain("https://www.rt.com/x").name == "Parent"


def test_lookups_do_not_climb_past_the_registrable_domain():
    registry = OutletRegistry([Outlet("Suffix", domains=("co.uk",))])
    assert registry.by_domain("unknown.co.uk") is None


@pytest.mark.parametrize("query", ["", "   ", "nonexistent.example", "no such outlet", "[::1"])
def test_misses_are_none(curated, query):
    assert curated.find(name=query, domain=query) is None


# -- layers ----------------------------------------------------------------------------------
def test_a_later_layer_overrides_facts_and_keeps_the_rest():
    registry = OutletRegistry()
    registry.add(
        Outlet("Example News", domains=("example.com",), country="Norway", owner="A",
               sources={"country": "https://a.example/1", "owner": "https://a.example/2"}),
        origin="curated",
    )  # fmt: skip
    merged = registry.add(
        Outlet("Example News Online", domains=("example.com", "example.net"), owner="B",
               sources={"owner": "https://b.example/"}),
        origin="imported",
    )  # fmt: skip
    assert merged.name == "Example News"  # readers' name for it stays
    assert "Example News Online" in merged.aliases
    assert (merged.country, merged.owner) == ("Norway", "B")
    assert merged.source("country").origin == "curated"
    assert merged.source("owner").origin == "imported"
    assert registry.by_domain("example.net") is merged
    assert registry.by_name("Example News Online") is merged
    assert merged.origin == "curated+imported"
    assert len(registry) == 1


def test_an_alias_does_not_take_another_outlets_name():
    registry = OutletRegistry(
        [Outlet("ABC News", domains=("abcnews.go.com",)), Outlet("X", aliases=("ABC News",))]
    )
    assert registry.by_name("ABC News").name == "ABC News"


def test_same_name_in_different_countries_stays_two_outlets():
    registry = OutletRegistry(
        [
            Outlet("RTS", domains=("rts.rs",), country="Serbia"),
            Outlet("RTS", domains=("rts.sn",), country="Senegal"),
        ]
    )
    assert len(registry) == 2
    assert registry.by_domain("rts.rs").country == "Serbia"


class PluginRecords:
    @hookimpl
    def masthead_outlets(self):
        yield {"name": "Example News", "domains": ["example.com"], "typology": "IP",
               "sources": {"typology": "https://plugin.example/"}}  # fmt: skip


def test_precedence_is_curated_then_imported_then_plugin():
    host = PluginHost(enabled=[])
    host.register(PluginRecords(), "records")
    host.add_outlets(
        "curated",
        [Outlet("Example News", domains=("example.com",), country="Norway", typology="SC",
                owner="Owner A", sources={"country": "https://c.example/", "typology":
                "https://c.example/", "owner": "https://c.example/"})],
    )  # fmt: skip
    host.add_outlets(
        "imported",
        [Outlet("Example News", domains=("example.com",), typology="ISF", owner="Owner B",
                sources={"typology": "https://i.example/", "owner": "https://i.example/"})],
    )  # fmt: skip
    outlet = host.start().outlets.by_domain("example.com")
    assert outlet.typology == "IP" and outlet.source("typology").origin == "plugin:records"
    assert outlet.owner == "Owner B" and outlet.source("owner").origin == "imported"
    assert outlet.country == "Norway" and outlet.source("country").origin == "curated"


def test_plugin_records_from_dicts_get_sources_and_domains_normalised():
    outlet = Outlet(
        name="  Some   Outlet ",
        domains=["https://WWW.Some.example/path", "some.example", ""],
        sources={"country": "https://src.example/"},
        country="Chile",
        checked="2031-01-02",
    )
    assert outlet.name == "Some Outlet" and outlet.domains == ("some.example",)
    assert outlet.source("country") == Source("https://src.example/", "", "2031-01-02", "")
    assert outlet.source("country").label == "src.example"


# -- the loader refuses facts without sources -------------------------------------------------
@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ({"name": "A", "domains": ["a.example"], "country": "Peru"}, "country has no source"),
        (
            {"name": "A", "country": "Peru", "source": "https://x.example/", "checked": "May"},
            "not YYYY-MM-DD",
        ),
        ({"name": "A", "owner": "B", "owner_source": "nokey"}, "owner has no source"),
        ({"domains": ["a.example"]}, "no name"),
    ],
)
def test_loader_rejects_unsourced_or_undated_facts(entry, problem):
    with pytest.raises(ValueError, match=problem):
        outlets_from_toml({"defaults": {"checked": "2031-01-01"}, "outlet": [entry]})


def test_fact_fields_are_what_the_notice_can_cite():
    assert set(FACT_FIELDS) == {"country", "owner", "typology", "category", "licence"}


def test_a_single_domain_given_as_a_string_is_one_domain():
    outlet = Outlet(name="X", domains="x.example", aliases="Ex")
    assert (outlet.domains, outlet.aliases) == (("x.example",), ("Ex",))

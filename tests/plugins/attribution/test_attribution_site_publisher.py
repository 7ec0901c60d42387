"""The site's name as a reader should read it, and its publisher when that is another name: the
popup's "Who published this" line is built from these. Pages and names written for these tests."""

from __future__ import annotations

import json

import pytest
from attribution_pages import page, run


def ld_publisher(name: str) -> str:
    data = {"@type": "NewsArticle", "publisher": {"@type": "Organization", "name": name}}
    return f'<script type="application/ld+json">{json.dumps(data)}</script>'


def site_of(site_name: str, head: str = "", title: str = "A story") -> dict:
    (site,) = run(page("", head=head, site_name=site_name, title=title)).of_kind("site")
    return site.data


@pytest.mark.parametrize(
    ("site_name", "head", "title", "expected"),
    [
        # a name run together in lower case, when the publisher writes it properly
        ("harbourpost", ld_publisher("Harbour Post"), "A story", "Harbour Post"),
        # an address is not a name: the next candidate, else the domain
        (
            "https://www.harbour-post.example",
            ld_publisher("Harbour Post"),
            "A story",
            "Harbour Post",
        ),
        ("https://www.harbour-post.example", "", "A story", "example.com"),
        # a tagline is not a name; the title's suffix is
        (
            "Breaking Coastal and World News Headlines and Weather - Harbour 9",
            "",
            "A story | Harbour 9",
            "Harbour 9",
        ),
    ],
)
def test_a_readable_site_name(site_name, head, title, expected) -> None:
    assert site_of(site_name, head, title)["name"] == expected


@pytest.mark.parametrize(
    ("site_name", "expected"),
    [
        ("harbour", "harbour"),  # lower case, but nothing writes it otherwise: kept
        ("Harbour Post", "Harbour Post"),
        ("HARBOUR POST", "HARBOUR POST"),  # the site's own capitals stay
        ("Le Petit Port", "Le Petit Port"),
    ],
)
def test_names_that_are_already_names_stay(site_name, expected) -> None:
    assert site_of(site_name, ld_publisher("Harbour Post Media Group"))["name"] == expected


def test_the_publisher_when_it_is_another_name() -> None:
    data = site_of("Valley Herald", ld_publisher("Northgate Media AG"))
    assert data["name"] == "Valley Herald" and data["publisher"] == "Northgate Media AG"
    html = page("", head=ld_publisher("Northgate Media AG"), site_name="Valley Herald")
    (site,) = run(html).of_kind("site")
    assert site.text == "This page belongs to Valley Herald (example.com). " + (
        "Its publisher is Northgate Media AG."
    )


@pytest.mark.parametrize(
    ("site_name", "publisher"),
    [
        ("Valley Herald", "Valley Herald"),
        ("Valley Herald", "VALLEY HERALD"),
        ("news.valleyherald", "valleyherald"),  # the same name with more around it
        ("Valley Herald", "The Valley Herald"),
        ("Valley Herald", "valleyherald.example"),  # a domain is not a publisher's name
        ("Valley Herald", "https://valleyherald.example/"),
        ("Valley Herald", "Associated Press"),  # an agency in a feed's JSON-LD is an origin
    ],
)
def test_no_publisher_when_it_is_the_site_again(site_name, publisher) -> None:
    assert "publisher" not in site_of(site_name, ld_publisher(publisher))


def test_no_publisher_without_json_ld() -> None:
    assert "publisher" not in site_of("Valley Herald")

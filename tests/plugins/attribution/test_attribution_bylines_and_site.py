"""Site names, bylines with their role labels, site accounts and dates."""

from __future__ import annotations

import json

import pytest
from attribution_pages import page, run


def byline_of(body: str = "", head: str = "", **kw) -> dict:
    found = run(page(body, head=head, **kw)).of_kind("byline")
    assert len(found) == 1
    return found[0].data


@pytest.mark.parametrize(
    ("head", "expected"),
    [
        ('<meta property="og:site_name" content="The Daily Example">', "The Daily Example"),
        ('<meta name="application-name" content="Example Weekly">', "Example Weekly"),
        (
            '<script type="application/ld+json">{"@type": "NewsArticle", "publisher": '
            '{"@type": "Organization", "name": "Example Post"}}</script>',
            "Example Post",
        ),
    ],
)
def test_site_name_from_metadata(head, expected):
    site = run(page("", head=head, site_name="")).of_kind("site")
    assert site[0].data["name"] == expected
    assert site[0].data["domain"] == "example.com"


def test_site_name_from_the_title_suffix():
    site = run(page("", site_name="", title="Budget passes after long night | Valley Herald"))
    assert site.of_kind("site")[0].data["name"] == "Valley Herald"


@pytest.mark.parametrize(
    ("line", "authors", "roles"),
    [
        ("By Jane Doe", ["Jane Doe"], []),
        ("By Jane Doe and John Roe", ["Jane Doe", "John Roe"], []),
        (
            "By MEG KINNARD and ERRIN HAINES, Associated Press",
            ["Meg Kinnard", "Errin Haines"],
            ["Associated Press"],
        ),
        ("Jane Doe, AP Entertainment Writer", ["Jane Doe"], ["AP Entertainment Writer"]),
        ("By Jane Doe, Staff Writer", ["Jane Doe"], ["Staff Writer"]),
        ("By Jane Doe | Senior Correspondent", ["Jane Doe"], ["Senior Correspondent"]),
        ("Von Anna Müller und Jonas Weber", ["Anna Müller", "Jonas Weber"], []),
        ("Por María José García", ["María José García"], []),
    ],
)
def test_byline_names_and_roles(line, authors, roles):
    data = byline_of(f"<p class='byline'>{line}</p>")
    assert data["authors"] == authors
    assert data["roles"] == roles


@pytest.mark.parametrize("account", ["admin", "21wire", "staff", "webdesk", "editor_2"])
def test_site_accounts_are_told_apart_from_authors(account):
    data = byline_of(
        "<p><strong>By Timur Fomenko</strong></p>", head=f'<meta name="author" content="{account}">'
    )
    assert data["authors"] == ["Timur Fomenko"]
    assert data["accounts"] == [account]


def test_site_name_as_author_is_an_account():
    data = byline_of("", head='<meta name="author" content="Example Gazette">')
    assert data["authors"] == []
    assert data["accounts"] == ["Example Gazette"]


def test_rel_author_and_jsonld_authors():
    ld = {
        "@type": "NewsArticle",
        "author": [{"@type": "Person", "name": "Ana Lima"}, {"name": "Rui Costa"}],
    }
    head = f'<script type="application/ld+json">{json.dumps(ld)}</script>'
    data = byline_of('<p>Words: <a rel="author" href="/by/ana">Ana Lima</a></p>', head=head)
    assert data["authors"] == ["Ana Lima", "Rui Costa"]


def test_a_sentence_starting_with_by_is_not_a_byline():
    found = run(page("<p>By 2030, the city plans to plant ten thousand trees.</p>")).of_kind(
        "byline"
    )
    assert found == []


def test_menu_items_starting_with_by_are_not_bylines():
    html = page("<p class='byline'>By Jane Doe</p>").replace(
        "<nav>", "<nav><ul class='mainmenu'><li>By Any Means Necessary</li></ul>"
    )
    assert byline_of_html(html)["authors"] == ["Jane Doe"]


def byline_of_html(html: str) -> dict:
    return run(html).of_kind("byline")[0].data


def test_published_and_modified_dates():
    head = (
        '<meta property="article:published_time" content="2024-03-01T08:00:00Z">'
        '<meta property="article:modified_time" content="2024-03-02T09:30:00Z">'
    )
    data = byline_of("<p class='byline'>By Jane Doe</p>", head=head)
    assert data["published"] == "2024-03-01T08:00:00Z"
    assert data["modified"] == "2024-03-02T09:30:00Z"
    site = run(page("", head=head)).of_kind("site")[0]
    assert site.data["published"] == "2024-03-01T08:00:00Z"


def test_a_page_that_names_itself_nowhere_is_known_by_its_domain():
    site = run(page("", site_name="", title="Budget passes")).of_kind("site")[0]
    assert (site.data["name"], site.data["source"]) == ("example.com", "domain")

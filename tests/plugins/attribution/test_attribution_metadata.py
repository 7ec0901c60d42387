"""Metadata that points to another publisher, and metadata that only looks like it does."""

from __future__ import annotations

import json

import pytest
from attribution_pages import page, run

URL = "https://www.gazette.example.com/news/story"


def origins(head: str = "", body: str = "", url: str = URL) -> list:
    return run(page(body, head=head), url).of_kind("metadata-origin")


def jsonld(obj: dict) -> str:
    return f'<script type="application/ld+json">{json.dumps(obj)}</script>'


def test_canonical_on_another_site():
    found = origins('<link rel="canonical" href="https://www.capital.de/geld/story-1.html">')
    assert found[0].data == {
        "outlet": "capital.de",
        "via": "canonical",
        "url": "https://www.capital.de/geld/story-1.html",
        "domain": "capital.de",
    }
    assert "link" in found[0].target.selector("CssSelector")["value"]


@pytest.mark.parametrize(
    "canonical",
    [
        "https://gazette.example.com/news/story",
        "https://amp.gazette.example.com/news/story",
        "/news/story",
    ],
)
def test_canonical_on_the_same_site_is_nothing(canonical):
    assert origins(f'<link rel="canonical" href="{canonical}">') == []


def test_same_outlet_on_another_country_domain_is_nothing():
    head = '<link rel="canonical" href="https://www.bbc.co.uk/news/x">'
    assert origins(head, url="https://www.bbc.com/news/x") == []


@pytest.mark.parametrize(
    ("head", "via"),
    [
        (
            '<meta name="original-source" content="https://www.wired.com/story/x">',
            "meta original-source",
        ),
        (
            '<meta name="syndication-source" content="https://www.wired.com/story/x">',
            "meta syndication-source",
        ),
        (
            '<link rel="syndication-source" href="https://www.wired.com/story/x">',
            "link rel=syndication-source",
        ),
        (
            '<link rel="original-source" href="https://www.wired.com/story/x">',
            "link rel=original-source",
        ),
    ],
)
def test_original_and_syndication_source(head, via):
    found = origins(head)
    assert [(o.data["domain"], o.data["via"]) for o in found] == [("wired.com", via)]


def test_jsonld_is_based_on():
    head = jsonld(
        {
            "@type": "NewsArticle",
            "isBasedOn": {
                "@type": "NewsArticle",
                "url": "https://grist.org/climate/x/",
                "publisher": {"name": "Grist"},
            },
        }
    )
    found = origins(head)
    assert [(o.data["outlet"], o.data["domain"]) for o in found] == [("Grist", "grist.org")]


def test_jsonld_source_organization():
    head = jsonld(
        {
            "@type": "Article",
            "sourceOrganization": {
                "@type": "Organization",
                "name": "ProPublica",
                "url": "https://www.propublica.org/",
            },
        }
    )
    found = origins(head)
    assert [(o.data["outlet"], o.data["domain"]) for o in found] == [
        ("ProPublica", "propublica.org")
    ]


def test_copyright_holder_counts_only_when_it_is_an_agency():
    photo = {"@type": "ImageObject", "copyrightHolder": {"name": "Reuters"}}
    parent = {"@type": "NewsArticle", "copyrightHolder": {"name": "Gazette Media Group Ltd"}}
    assert origins(jsonld(photo) + jsonld(parent)) == []
    agency = {"@type": "NewsArticle", "copyrightHolder": {"name": "The Associated Press"}}
    assert [o.data["outlet"] for o in origins(jsonld(agency))] == ["Associated Press"]


def test_agency_named_as_publisher_on_a_newspaper_page():
    head = jsonld(
        {
            "@type": "NewsArticle",
            "publisher": {"@type": "NewsMediaOrganization", "name": "Associated Press"},
        }
    )
    found = origins(head)
    assert [(o.data["outlet"], o.data["via"]) for o in found] == [
        ("Associated Press", "json-ld publisher")
    ]
    site = run(page("", head=head)).of_kind("site")[0]
    assert site.data["name"] == "Example Gazette"


PARA = (
    "The county's water board said on Monday that the reservoir, which was drained in spring for "
    "repairs, would be full again before the summer, according to its latest figures."
)


def test_republication_pixel():
    """Whichever outlet serves it, the pixel's address says it counts republished copies."""
    pixels = [
        # an outlet's own counter, named by the image's alt text
        (
            '<img src="https://counter.quarterly.example/content/12345/count.gif?distributor='
            'republish-lightbox-basic" alt="The Quarterly" width="1" height="1">',
            "The Quarterly",
            "quarterly.example",
        ),
        # the tracker a newsroom's CMS plugin adds; no alt, so the domain, which the registry names
        (
            '<img id="republication-tracker-tool-source" src="https://www.nonprofit-news.example/'
            'wp-content/plugins/republication-tracker-tool/includes/pixel.php?post=7">',
            "nonprofit-news.example",
            "nonprofit-news.example",
        ),
        (
            '<img src="https://health.example/?republication-pixel=true&amp;post=7" alt="">',
            "health.example",
            "health.example",
        ),
        (
            '<img src="https://www.gazette.example/SYNDICATION/px.gif" alt="tracking pixel">',
            "gazette.example",
            "gazette.example",
        ),
    ]
    for img, outlet, domain in pixels:
        found = origins(body=f"<p>{PARA}</p><p>{img}</p>")
        assert [(o.data["outlet"], o.data["domain"]) for o in found] == [(outlet, domain)], img
        assert found[0].target is not None


def test_analytics_and_collecting_society_pixels_are_not_republication():
    """ "pixel" and "counter" are what every tracker calls itself: none names a republication."""
    body = f"<p>{PARA}</p>" + "".join(
        f'<img src="{src}" width="1" height="1" alt="">'
        for src in (
            "https://pixel.analytics.example/pixel/p-123.gif",
            "https://counter.portal.example:8000/c.gif?id=4022",
            "https://sz.met.rights-society.example/na/vgzm.2901058-1",
            "https://feeds.daily.example/komcounter/readcounter?TypeID=1",
            "https://www.payments.example/en_US/i/scr/pixel.gif",
        )
    )
    assert origins(body=body) == []


def test_pixel_of_the_site_itself_is_nothing():
    body = '<p><img src="https://counter.theconversation.com/x.gif?distributor=republish"></p>'
    html = page(body, site_name="The Conversation")
    assert run(html, "https://theconversation.com/some-piece-1").of_kind("metadata-origin") == []


def test_is_based_on_names_the_publisher_not_the_headline():
    head = jsonld(
        {
            "@type": "NewsArticle",
            "isBasedOn": {
                "@type": "NewsArticle",
                "name": "Ten ways to cut bills",
                "url": "https://www.which.co.uk/x",
            },
        }
    )
    found = origins(head)
    assert [(o.data["outlet"], o.data["url"]) for o in found] == [
        ("which.co.uk", "https://www.which.co.uk/x")
    ]

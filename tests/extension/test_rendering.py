"""Drawing findings into a page of our own: banner, highlights with tooltips, collapsed promos.

The answers are built with the real SDK on the copy the extension sent (see `scripted.py`), so
these tests also prove that the server's targets map back onto the live page.
"""

from __future__ import annotations

import pytest
from scripted import answer_with, answered, harbour, harbour_findings

from harness import Upstream, shadow

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def upstream(browser):
    server = Upstream(answer_with(harbour_findings))
    browser.configure(serverUrl=server.url)
    yield server
    server.close()


@pytest.fixture
def pointed(browser, upstream):
    """For tests after one that pointed the extension elsewhere."""
    browser.configure(serverUrl=upstream.url)


@pytest.fixture(scope="module")
def harbour_page(browser, site, upstream):
    url = site.add("/harbour", harbour()) + "#where-the-reader-is"
    page = browser.open(url)
    state = browser.tab_state(url)
    assert state["status"] == "done", state
    return page, url, state


def highlighted(page, name: str) -> list[str]:
    """The text of each range in the page's highlight `name` (the registry is the document's)."""
    return page.evaluate(
        "(name) => CSS.highlights.has(name) ? [...CSS.highlights.get(name)].map(String) : []",
        name,
    )


def test_banner_says_who_published_first_without_pushing_the_page(harbour_page):
    page, _, _ = harbour_page
    banner = shadow(page, "masthead-ui", ".banner")
    banner.wait_for(state="visible")
    assert "Republished — first published by The Example Gazette" in banner.inner_text()
    link = banner.locator("a")
    assert link.get_attribute("href") == "https://example.org/harbour"
    assert link.get_attribute("rel") == "noopener noreferrer"
    assert "2 promos collapsed · 2 passages highlighted" in banner.inner_text()
    # The article's top is on screen: drawn there, the banner would push the page down. It
    # floats in a corner of the window instead, and stays there as the reader scrolls.
    assert page.locator("masthead-ui").get_attribute("data-floating") == ""
    box = banner.bounding_box()
    assert box["x"] > 1100 / 2 and box["y"] + box["height"] <= 900, box
    page.mouse.wheel(0, 1200)
    page.wait_for_function("scrollY > 0")
    assert banner.bounding_box() == box
    page.evaluate("scrollTo(0, 0)")


def test_banner_below_the_fold_sits_above_the_article(browser, site):
    """Where the article starts below the first screen, the banner goes in the page, above the
    article, below the site's header: nothing the reader sees moves."""
    tall = harbour().replace(
        '<header class="site">', '<header class="site" style="height: 1100px">'
    )
    with answered(browser, site, "/harbour-tall-header", harbour_findings, html=tall) as (page, _):
        banner = shadow(page, "masthead-ui", ".banner")
        banner.wait_for(state="attached")
        assert page.locator("masthead-ui").get_attribute("data-floating") is None
        box, heading = banner.bounding_box(), page.locator("article h1").bounding_box()
        header = page.locator("header.site").bounding_box()
        assert header["y"] + header["height"] <= box["y"] < heading["y"], "below the site's header"


def test_credit_line_and_vague_phrase_are_highlighted_not_rewritten(harbour_page):
    page, _, _ = harbour_page
    assert highlighted(page, "masthead-source") == [
        "This story was originally published by The Example Gazette"
    ]
    assert highlighted(page, "masthead-claim") == ["reportedly"]
    assert page.locator("article p em").inner_html() == (
        "This story was originally published by The Example Gazette."
    )


def test_highlights_follow_the_presentation_not_the_kind(browser, site):
    """A third party's kinds are drawn by their `presentation`; a built-in kind name without one
    gets no special colour, so the renderer knows no plugin's kinds."""

    def findings(page):
        out = []
        for p in page.root.iter("p"):
            text = page.text_of(p)
            for quote, kind, presentation in (
                ("reopened on Monday", "harbour-notice", "provenance"),
                ("record traffic", "boast", "claim"),
                ("Trade unions", "credit-line", "info"),
            ):
                if quote in text:
                    out.append(
                        {
                            "id": f"third/{kind}/0",
                            "plugin": "third",
                            "kind": kind,
                            "display": "highlight",
                            "severity": "info",
                            "presentation": presentation,
                            "title": kind,
                            "text": "",
                            "confidence": 0.9,
                            "links": [],
                            "target": page.target(p, quote).to_dict(),
                            "data": {},
                        }
                    )
        return out

    with answered(browser, site, "/harbour-presented", findings) as (page, _):
        page.locator("masthead-ui").wait_for(state="attached")
        assert highlighted(page, "masthead-source") == ["reopened on Monday"]
        assert highlighted(page, "masthead-claim") == ["record traffic"]
        assert highlighted(page, "masthead-other") == ["Trade unions"]


def test_hovering_a_highlight_explains_it_in_one_sentence(harbour_page):
    page, _, _ = harbour_page
    box = page.evaluate(
        """() => {
            const r = [...CSS.highlights.get('masthead-claim')][0].getBoundingClientRect();
            return {x: r.x + r.width / 2, y: r.y + r.height / 2};
        }"""
    )
    page.mouse.move(box["x"], box["y"])
    tip = shadow(page, "masthead-ui", ".tip")
    tip.wait_for(state="visible")
    assert tip.inner_text().splitlines() == [
        "Vague attribution",
        "“Reportedly” does not say who reported it.",
    ]
    page.mouse.move(5, 5)
    tip.wait_for(state="hidden")


def test_promos_collapse_to_a_labelled_strip_and_come_back(harbour_page):
    page, _, _ = harbour_page
    deal = page.locator("aside.deal")
    assert deal.is_hidden()
    strip = page.locator("masthead-strip").first
    assert strip.locator(".strip").inner_text() == "Affiliate deal · show"
    strip.get_by_role("button", name="show").click()
    assert deal.is_visible()
    assert deal.get_attribute("style") is None, "the page's own inline style is left as it was"
    strip.get_by_role("button", name="hide again").click()
    assert deal.is_hidden()
    newsletter = page.locator("masthead-strip").nth(1).locator(".strip")
    assert newsletter.inner_text() == "Newsletter sign-up · show"


def test_the_badge_counts_notices_and_flagged_claims_not_promos(browser, harbour_page):
    _, url, state = harbour_page
    tab = browser.tab_id(url)
    badge = browser.worker.evaluate("(tabId) => chrome.action.getBadgeText({tabId})", tab)
    # the republication notice and "reportedly"; not the credit line (a fact about the
    # publisher, highlighted) nor the two promos
    assert badge == str(state["badge"]) == "2"
    assert state["count"] == 5


def test_the_provenance_line_when_the_reader_chooses_it(browser, site, upstream, output):
    def with_provenance(page):
        findings = harbour_findings(page)
        site_fact = {**findings[0], "id": "scripted/site/9", "kind": "site", "display": "none"}
        site_fact["data"] = {"name": "The Harbour Post", "published": "2024-03-01T08:00:00Z"}
        byline = {**site_fact, "id": "scripted/byline/10", "kind": "byline"}
        byline["data"] = {"authors": ["Ada Lindqvist"]}
        findings[0]["data"] = {"outlet": "The Example Gazette"}
        return [*findings, site_fact, byline]

    path = "/harbour-provenance"
    with answered(browser, site, path, with_provenance, provenanceBanner=True) as (page, _):
        line = shadow(page, "masthead-ui", ".provenance")
        line.wait_for(state="visible")
        assert line.inner_text() == (
            "The Harbour Post · By Ada Lindqvist · March 1, 2024"
            " · First published by The Example Gazette"
        )
        shadow(page, "masthead-ui", ".banner").screenshot(path=str(output / "provenance.png"))
    browser.configure(serverUrl=upstream.url)


def test_one_request_carried_the_page_and_the_live_page_was_not_stamped(harbour_page, upstream):
    page, url, _ = harbour_page
    (sent,) = upstream.analyses()
    assert sent.body["url"] == url.split("#")[0], "the fragment stays in the browser"
    assert sent.body["title"] == "Harbour reopens after the storm"
    assert "It is reportedly set to handle" in sent.body["html"]
    assert 'data-masthead-id="0"' in sent.body["html"]
    assert page.locator("[data-masthead-id]").count() == 0


def test_popup_lists_findings_by_meaning_and_what_could_not_be_placed(browser, site, output):
    def findings(page):
        lost = {
            "id": "scripted/vague-attribution/9",
            "plugin": "scripted",
            "kind": "vague-attribution",
            "display": "highlight",
            "severity": "info",
            "title": "Vague attribution",
            "text": "“Experts say” does not say which experts.",
            "confidence": 0.8,
            "links": [],
            "target": {
                "selectors": [
                    {"type": "CssSelector", "value": "p.gone"},
                    {"type": "TextQuoteSelector", "exact": "experts say"},
                ]
            },
            "data": {},
        }
        return [*harbour_findings(page), lost]

    with answered(browser, site, "/harbour-lost", findings) as (page, url):
        popup = browser.popup(url)
        popup.locator(".finding").first.wait_for()
        assert popup.locator("#findings h2").all_inner_texts() == [
            "WHO PUBLISHED THIS",
            "HOW CLAIMS ARE SOURCED",
            "HIDDEN CLUTTER (2)",
        ]
        lost = popup.locator('[data-annotation="scripted/vague-attribution/9"]')
        assert "Not found on the page." in lost.inner_text()
        assert "Server: http://127.0.0.1:" in popup.locator("body").inner_text()
        popup.screenshot(path=str(output / "popup-harbour.png"), full_page=True)
        page.screenshot(path=str(output / "harbour-after.png"))


def test_show_collapsed_items_from_the_popup(browser, harbour_page, pointed):
    page, url, _ = harbour_page
    popup = browser.popup(url)
    popup.get_by_text("5 findings.").wait_for()
    popup.get_by_role("button", name="Show collapsed items").click()
    page.locator("aside.deal").wait_for(state="visible")
    assert page.locator("div.newsletter").is_visible()
    popup.get_by_role("button", name="Collapse them again").click()
    page.locator("aside.deal").wait_for(state="hidden")
    popup.close()


def test_a_page_that_is_not_an_article_waits_for_the_toolbar(browser, site, upstream, pointed):
    before = len(upstream.analyses())
    url = site.add("/front", "<html><head><title>Front</title></head><body><p>Hello</p></body>")
    page = browser.open(url)
    page.wait_for_load_state("load")
    assert browser.tab_state(url, wait=0.5)["status"] == "idle"
    assert len(upstream.analyses()) == before
    browser.popup(url).get_by_text("1 finding. The server answered").wait_for()
    assert len(upstream.analyses()) == before + 1


def test_analysing_again_sends_the_page_as_it_was_not_as_drawn(browser, harbour_page, upstream):
    page, url, _ = harbour_page
    browser.configure(serverUrl=upstream.url)  # forgets the cached answer, so it is sent again
    first = [r for r in upstream.analyses() if r.body["url"] in url]
    popup = browser.popup(url)
    popup.get_by_text("5 findings.").wait_for()  # an idle tab is analysed as the popup opens
    popup.get_by_role("button", name="Analyse this page").click()
    popup.get_by_text("5 findings.").wait_for()
    again = [r for r in upstream.analyses() if r.body["url"] in url]
    assert len(again) == len(first) + 1
    assert again[-1].body["html"] == first[0].body["html"]
    assert page.locator("masthead-ui").count() == 1
    assert page.locator("masthead-strip").count() == 2

"""The popup in real Chromium with the real extension and a real `masthead serve`: findings grouped
by what they mean for the reader, the provenance line, scroll-to, per-site controls, and "This is
wrong" reaching the reader's own server (read back with `masthead feedback export`)."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

import support
from harness import Upstream, forward_to

pytestmark = pytest.mark.browser

PARAGRAPHS = "".join(
    f"<p>Paragraph {n}: the crossing to the outer islands takes forty minutes, and the boats "
    "run every hour from six in the morning.</p>\n"
    for n in range(40)
)

# A page we wrote: a site name, an author, a date, a credit line, a vague and a named source, two
# promos; the vague claim sits far below the fold, so that showing it must scroll.
HARBOUR = f"""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Ferry fares to rise by a fifth in spring | Harbour Gazette</title>
<meta property="og:type" content="article">
<meta property="og:site_name" content="Harbour Gazette">
<meta name="author" content="Mara Lind">
<meta property="article:published_time" content="2024-03-14T08:30:00+01:00">
</head><body>
<main><article>
<h1>Ferry fares to rise by a fifth in spring</h1>
<p class="byline">By Mara Lind</p>
<p>Ferry fares on the island routes will rise by a fifth in spring, the operator said.</p>
<div class="newsletter-signup"><p>Subscribe to our newsletter for the day's top stories.</p>
<a href="/newsletter">Sign up now</a></div>
{PARAGRAPHS}
<p>Fuel costs have reportedly doubled since the autumn, according to people familiar with it.</p>
<p>"We have no other choice," said Jonas Berg, the harbour master.</p>
<p><em>This article was originally published by The Coastal Review.</em></p>
<aside class="related"><h3>Related articles</h3><ul><li><a href="/a">Island school to close</a>
</li><li><a href="/b">New pier opens</a></li></ul></aside>
</article></main></body></html>"""


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return tmp_path_factory.mktemp("popup-data")


@pytest.fixture(scope="module")
def upstream(data):
    server = support.start_masthead(data_dir=data)
    up = Upstream(forward_to(server.url))
    yield up
    up.close()
    server.stop()


@pytest.fixture(scope="module")
def harbour(browser, site, upstream):
    url = site.add("/2024/03/ferry-fares", HARBOUR)
    browser.configure(serverUrl=upstream.url)
    page = browser.open(url)
    state = browser.tab_state(url)
    assert state["status"] == "done", state
    yield page, url, state
    page.close()


def group_headings(popup):
    return popup.locator("#findings h2").all_inner_texts()


def test_findings_are_grouped_by_what_they_mean_with_a_provenance_line(browser, harbour, output):
    _page, url, state = harbour
    popup = browser.popup(url)
    popup.locator("#findings h2").first.wait_for()
    headings = group_headings(popup)
    assert [h.split(" (")[0].upper() for h in headings] == [
        "WHO PUBLISHED THIS",
        "HOW CLAIMS ARE SOURCED",
        "HIDDEN CLUTTER",
    ], headings
    promos = [a for a in state["result"]["annotations"] if a["display"] == "collapse"]
    assert headings[2].endswith(f"({len(promos)})")
    clutter = popup.locator(".group-clutter li.finding .title").all_inner_texts()
    assert clutter == [a["title"] for a in promos]  # a list, one promo a line

    published = popup.locator(".group-published").inner_text()
    assert "Credit line" in published and "Republished" in published
    assert "This article was originally published by The Coastal Review." in published
    sourcing = popup.locator(".group-sourcing").inner_text()
    assert "Fuel costs have reportedly doubled" in sourcing and "Jonas Berg" in sourcing
    assert "Article text" not in popup.locator("#findings").inner_text(), "regions are not listed"

    line = popup.locator("#provenance").inner_text()
    assert (
        line
        == "Harbour Gazette · By Mara Lind · March 14, 2024 · First published by The Coastal Review"
    )
    popup.screenshot(path=str(output / "popup-grouped.png"), full_page=True)
    popup.close()


def test_a_click_on_a_finding_scrolls_the_page_to_it_and_flashes_it(browser, harbour):
    page, url, _state = harbour
    page.evaluate("window.scrollTo(0, 0)")
    popup = browser.popup(url)
    claim = popup.locator(".group-sourcing li.finding", has_text="reportedly").locator(".jump")
    claim.click()
    page.bring_to_front()
    page.wait_for_function("CSS.highlights.has('masthead-flash')", timeout=5000)
    flashed = page.evaluate("[...CSS.highlights.get('masthead-flash')].map(String)")
    assert flashed == [
        "Fuel costs have reportedly doubled since the autumn, according to people familiar with it."
    ]
    page.wait_for_function(
        """() => { const r = [...CSS.highlights.get('masthead-flash') || []][0];
                   if (!r) return false; const b = r.getBoundingClientRect();
                   return b.top >= 0 && b.bottom <= innerHeight; }""",
        timeout=5000,
    )
    assert page.evaluate("scrollY") > 500
    page.wait_for_function("!CSS.highlights.has('masthead-flash')", timeout=5000)  # gone again

    # a collapsed promo: the page scrolls to the strip that stands for it
    promo = popup.locator(".group-clutter li.finding", has_text="Related articles").locator(".jump")
    promo.click()
    page.wait_for_function(
        """() => [...document.querySelectorAll('masthead-strip')].some(
                 (s) => s.style.outline && s.getBoundingClientRect().top < innerHeight)""",
        timeout=5000,
    )
    popup.close()


def test_this_is_wrong_reaches_the_readers_own_server_without_page_text(
    browser, harbour, upstream, data
):
    _page, url, _state = harbour
    popup = browser.popup(url)
    item = popup.locator(".group-published li.finding", has_text="Credit line")
    item.get_by_role("button", name="This is wrong").click()
    item.locator("textarea").fill("The Coastal Review is our own print edition.")
    item.get_by_role("button", name="Send").click()
    item.get_by_text("Thank you").wait_for()
    (sent,) = [r for r in upstream.requests if r.path == "/api/v1/feedback"]
    assert set(sent.body) == {"url", "finding", "note"}
    assert sent.body["url"] == url
    assert sent.body["finding"]["kind"] == "credit-line"
    assert "originally published" not in json.dumps(sent.body), "no page text"
    exported = subprocess.run(
        [str(support.MASTHEAD), "feedback", "export"],
        capture_output=True,
        text=True,
        env={**os.environ, "XDG_DATA_HOME": str(data)},
        timeout=60,
    )
    (kept,) = [json.loads(line) for line in exported.stdout.splitlines()]
    assert kept["url"] == url and kept["note"] == "The Coastal Review is our own print edition."
    assert kept["finding"]["plugin"] == "attribution"
    popup.close()


def site_lists(browser):
    return browser.worker.evaluate(
        "async () => chrome.storage.local.get(['pausedSites', 'noCollapseSites', 'neverSites'])"
    )


def reload(browser, page, url):
    """Load the page again and return its new state (not the one left from before)."""
    key = f"tab:{browser.tab_id(url)}"
    browser.worker.evaluate("async (k) => chrome.storage.session.remove(k)", key)
    page.reload()
    return browser.tab_state(url)


def test_per_site_controls_each_work_and_each_undo(browser, site, upstream):
    url = site.add("/2024/03/ferry-fares-again", HARBOUR)
    browser.configure(serverUrl=upstream.url)
    page = browser.open(url)
    assert browser.tab_state(url)["status"] == "done"
    popup = browser.popup(url)
    pause = popup.locator("#pausedSites")
    pause.click()
    popup.locator("#pausedSites[aria-pressed=true]").wait_for()
    assert site_lists(browser)["pausedSites"] == ["127.0.0.1"]
    before = len(upstream.analyses())
    state = reload(browser, page, url)
    assert state["status"] == "skipped" and state["reason"] == "paused"
    assert len(upstream.analyses()) == before, "a paused site is not sent by itself"
    popup.reload()
    popup.locator("#pausedSites").click()  # resume
    popup.locator("#pausedSites[aria-pressed=false]").wait_for()
    assert site_lists(browser)["pausedSites"] == []

    popup.locator("#noCollapseSites").click()
    popup.locator("#noCollapseSites[aria-pressed=true]").wait_for()
    assert reload(browser, page, url)["status"] == "done"
    assert page.locator("masthead-strip").count() == 0
    assert page.get_by_text("Subscribe to our newsletter").is_visible()
    popup.reload()
    assert "Not collapsed on this site" in popup.locator(".group-clutter").inner_text()
    popup.locator("#noCollapseSites").click()
    popup.locator("#noCollapseSites[aria-pressed=false]").wait_for()
    assert reload(browser, page, url)["status"] == "done"
    assert page.locator("masthead-strip").count() >= 1

    popup.reload()
    popup.locator("#neverSites").click()
    popup.locator("#neverSites[aria-pressed=true]").wait_for()
    assert page.locator("masthead-strip").count() == 0, "never clears what was drawn"
    assert site_lists(browser)["neverSites"] == ["127.0.0.1"]
    popup.locator("#neverSites").click()
    popup.locator("#neverSites[aria-pressed=false]").wait_for()
    assert site_lists(browser)["neverSites"] == []
    popup.close()
    page.close()

"""Collapse only what a reader sees, never what says who and when, and never under their eyes.

Pages of our own with promos the reader cannot see (hidden, 0x0, invisible), a run of ad slots,
promos that hold a date or sit in the site's menu, and one in the first screen. The answers come
from the real SDK's targets on the copy the extension sent (see `scripted.py`).
"""

from __future__ import annotations

from typing import Any

import pytest
from scripted import answered, harbour_findings

from masthead.sdk.page import Page

pytestmark = pytest.mark.browser

LAYOUT_SHIFT = """
window.__shift = 0;
new PerformanceObserver((list) => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) window.__shift += e.value;
}).observe({type: "layout-shift", buffered: true});
"""

PAGE = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Ferry timetable</title>
<meta property="og:type" content="article"></head><body>
<nav><a href="/">Home</a> <a class="promo" href="/advertise">Advertise with us</a></nav>
<main><article>
<h1>Winter ferry timetable published</h1>
<div class="share">Share · Email · <time datetime="2024-03-01">1 March 2024</time></div>
<p>The operator published its winter timetable on Friday, with fewer crossings at night.</p>
<div class="lead" style="height: 1000px">The quay at night</div>
<div class="promo" style="display: none">Advertisement (hidden slot)</div>
<div class="promo" style="width: 0; height: 0; overflow: hidden">Advertisement (empty slot)</div>
<div class="promo" style="visibility: hidden; height: 90px">Advertisement (invisible slot)</div>
<p>Night crossings drop from six to four.</p>
<div class="promo" style="height: 90px">Advertisement one</div>
<div class="promo" style="height: 90px">Advertisement two</div>
<!-- ad slot three -->
<script>/* the site's ad loader */</script>
<div class="promo" style="height: 90px">Advertisement three</div>
<p>Fares stay as they are until spring.</p>
</article></main></body></html>"""

IN_VIEW = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Quay works</title>
<meta property="og:type" content="article"></head><body><main><article>
<h1>Quay works begin</h1>
<p>Works on the north quay began on Monday and will last a month.</p>
<div class="promo" style="height: 250px; background: #eee">Advertisement in the first screen</div>
{paragraphs}
</article></main></body></html>""".format(
    paragraphs="".join(
        f"<p class='para'>Paragraph {n}: the crews work in shifts through the night.</p>"
        for n in range(60)
    )
)


def promos(page: Page) -> list[dict[str, Any]]:
    """Every element with class "promo" is called an advertisement, as a careless plugin might."""
    out = []
    for n, element in enumerate(page.root.xpath("//*[contains(@class, 'promo')]")):
        out.append(
            {
                "id": f"scripted/promo/{n}",
                "plugin": "promo",
                "kind": "promo",
                "display": "collapse",
                "presentation": "clutter",
                "severity": "info",
                "title": "Advertisement",
                "text": "",
                "confidence": 0.9,
                "links": [],
                "target": page.target(element).to_dict(),
                "data": {"category": "advertisement"},
            }
        )
    for share in page.root.xpath("//div[@class='share']"):
        out.append({**out[0], "id": "scripted/promo/share", "title": "Share buttons"})
        out[-1]["target"] = page.target(share).to_dict()
    return out


def strips(page: Any) -> list[str]:
    return page.evaluate(
        "[...document.querySelectorAll('masthead-strip')]"
        ".map((h) => h.shadowRoot.querySelector('.strip').textContent)"
    )


def test_no_strip_for_what_the_reader_cannot_see_and_a_run_of_slots_shares_one(
    browser, site, output
):
    with answered(browser, site, "/timetable", promos, html=PAGE) as (page, url):
        state = browser.tab_state(url)
        assert strips(page) == ["Advertisement (3) · show"]
        assert state["strips"] == 1 and state["invisible"] == 3
        strip = page.locator("masthead-strip")
        strip.get_by_role("button", name="show").click()
        for n in ("one", "two", "three"):
            assert page.get_by_text(f"Advertisement {n}").is_visible()
        strip.get_by_role("button", name="hide again").click()
        assert page.get_by_text("Advertisement two").is_hidden()
        strip.screenshot(path=str(output / "merged-strip.png"))


def test_dates_and_menus_are_never_folded(browser, site):
    with answered(browser, site, "/timetable-guard", promos, html=PAGE) as (page, url):
        state = browser.tab_state(url)
        assert page.locator("div.share").is_visible(), "it holds the date"
        assert page.locator("nav a.promo").is_visible(), "a menu item is not an advertisement"
        assert set(state["guarded"]) == {"scripted/promo/0", "scripted/promo/share"}


def test_a_promo_in_view_waits_and_the_reading_position_is_kept(browser, site):
    browser.context.add_init_script(LAYOUT_SHIFT)
    with answered(browser, site, "/quay", promos, html=IN_VIEW) as (page, url):
        assert browser.tab_state(url)["strips"] == 0
        ad = page.get_by_text("Advertisement in the first screen")
        assert ad.is_visible(), "not folded under the reader's eyes"
        assert page.evaluate("window.__shift") <= 0.05
        # the reader scrolls on; once the promo is out of view it folds, and the text stays put
        reading = page.evaluate(
            """() => {
                scrollTo(0, 700);
                const p = [...document.querySelectorAll('p.para')]
                    .find((e) => e.getBoundingClientRect().top >= 0);
                return [p.textContent, p.getBoundingClientRect().top];
            }"""
        )
        page.wait_for_function("document.querySelector('masthead-strip')")
        now = page.evaluate(
            "(text) => [...document.querySelectorAll('p.para')]"
            ".find((e) => e.textContent === text).getBoundingClientRect().top",
            reading[0],
        )
        assert ad.is_hidden()
        assert abs(now - reading[1]) < 1, (now, reading)
        assert page.evaluate("window.__shift") <= 0.05


OWL = """<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Tide tables</title>
<meta property="og:type" content="article">
<style>article > * + * { margin-top: 2em } article > :first-child { margin-top: 0 }</style>
</head><body><main><article>
<h1>Tide tables for the spring</h1>
<p class="para">High water comes an hour later each week through April.</p>
<p class="para">Harbour staff will post the tables at the quay.</p>
</article></main></body></html>"""


def test_with_nothing_to_say_above_the_article_the_page_does_not_move(browser, site):
    browser.context.add_init_script(LAYOUT_SHIFT)
    with answered(browser, site, "/tides", lambda page: [], html=OWL) as (page, _):
        page.wait_for_timeout(200)
        assert page.evaluate("window.__shift") == 0
        first = page.evaluate("document.querySelector('article').firstElementChild.localName")
        assert first == "h1", "nothing was put where the page's own rules would see it"


def test_a_notice_never_pushes_the_page(browser, site):
    """The banner arrives after the first paint: drawn above the article's top while that is on
    screen it would move the whole page. It floats instead, and the page never moves."""
    browser.context.add_init_script(LAYOUT_SHIFT)
    html = IN_VIEW.replace('<div class="promo"', '<div class="aside"')
    with answered(browser, site, "/quay-notice", harbour_findings, html=html) as (page, _):
        host = page.locator("masthead-ui")
        host.locator(".banner").wait_for(state="visible")
        assert host.get_attribute("data-floating") == ""
        page.mouse.wheel(0, 1200)
        page.wait_for_function("scrollY > 0")
        page.wait_for_timeout(300)
        assert page.evaluate("window.__shift") == 0
        host.locator(".close").click()
        assert host.locator(".banner").count() == 0
        assert page.evaluate("window.__shift") == 0

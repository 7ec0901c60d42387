"""The extension in the reader's language and colour scheme, in real Chromium with the real
extension and a real `masthead serve`: a German page read in a German browser, and the popup, the
options, the banner and the strips in dark mode (screenshots in test-output/ to look at)."""

from __future__ import annotations

import pytest

import support
from harness import Upstream, forward_to, launch_browser, shadow

pytestmark = pytest.mark.browser

# A German page we wrote: site, author, date, a German credit line, a newsletter box.
KUESTE = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8">
<title>Fährpreise steigen im Frühjahr | Inselblatt</title>
<meta property="og:type" content="article">
<meta property="og:site_name" content="Inselblatt">
<meta name="author" content="Mara Lind">
<meta property="article:published_time" content="2024-03-14T08:30:00+01:00">
</head><body><main><article>
<h1>Fährpreise steigen im Frühjahr um ein Fünftel</h1>
<p class="byline">Von Mara Lind</p>
<p>Die Fahrpreise auf den Inselrouten steigen im Frühjahr um ein Fünftel, teilte die Reederei
am Dienstag mit. Die Überfahrt zu den äußeren Inseln dauert vierzig Minuten.</p>
<div class="newsletter-signup"><p>Abonnieren Sie unseren Newsletter mit den wichtigsten
Nachrichten des Tages.</p><a href="/newsletter">Jetzt anmelden</a></div>
<p>Die Treibstoffkosten haben sich seit dem Herbst verdoppelt, sagte Hafenmeister Jonas Berg.</p>
<p><em>Dieser Artikel ist zuerst im Küstenboten erschienen.</em></p>
</article></main></body></html>"""


@pytest.fixture(scope="module")
def upstream(tmp_path_factory):
    server = support.start_masthead(data_dir=tmp_path_factory.mktemp("lang-data"))
    up = Upstream(forward_to(server.url))
    yield up
    up.close()
    server.stop()


# The same with the newsletter box far below the fold: a promo in view waits to be folded until
# the reader has scrolled past it (no jump), one below the fold is folded at once.
FILLER = "<p>Die Fähren fahren jede Stunde ab sechs Uhr morgens, auch an Feiertagen.</p>" * 40
KUESTE_LONG = KUESTE.replace(
    '<div class="newsletter-signup">', FILLER + '<div class="newsletter-signup">'
)


def open_analysed(browser, site, upstream, path, html=KUESTE, **settings):
    url = site.add(path, html)
    browser.configure(serverUrl=upstream.url, **settings)
    page = browser.open(url)
    state = browser.tab_state(url)
    assert state["status"] == "done", state
    return page, url


def state_language(browser, url) -> str:
    return browser.tab_state(url)["result"]["language"]


def test_a_german_page_in_a_german_browser_reads_in_german(
    tmp_path_factory, site, upstream, output
):
    with launch_browser(tmp_path_factory.mktemp("profile-de"), locale="de") as browser:
        # The long page: its newsletter box is below the first screen, so it is folded at once.
        page, url = open_analysed(
            browser, site, upstream, "/de/faehrpreise", KUESTE_LONG, provenanceBanner=True
        )
        popup = browser.popup(url)
        popup.locator("#findings h2").first.wait_for()
        assert popup.locator("html").get_attribute("lang").startswith("de")
        headings = popup.locator("#findings h2").all_inner_texts()
        assert headings[0] == "WER DAS VERÖFFENTLICHT HAT", headings
        assert headings[-1].startswith("AUSGEBLENDETER BALLAST (")
        line = popup.locator("#provenance").inner_text()
        assert line.startswith("Inselblatt · Von Mara Lind · 14. März 2024"), line
        assert popup.get_by_role("button", name="Diese Seite analysieren").is_visible()
        assert popup.get_by_role("button", name="Das ist falsch").count() >= 3
        assert popup.get_by_role("button", name="Auf dieser Website pausieren").is_visible()
        assert "This is wrong" not in popup.locator("body").inner_text()
        # The server's words too: the browser asked for German (Accept-Language), so the
        # findings' titles and the notice in the page are German, not German chrome around
        # English findings.
        titles = popup.locator("#findings .finding .title").all_inner_texts()
        assert "Wiederveröffentlicht – zuerst veröffentlicht von Küstenboten" in titles, titles
        assert {"Autorenzeile", "Quellenangabe", "Newsletter-Anmeldung"} <= set(titles), titles
        assert not {"Byline", "Credit line", "Newsletter sign-up"} & set(titles), titles
        banner = shadow(page, "masthead-ui", ".banner .notice .title").first
        assert banner.inner_text() == "Wiederveröffentlicht – zuerst veröffentlicht von Küstenboten"
        # And the banner's and strips' own words (the extension's _locales, not the server's).
        in_page = shadow(page, "masthead-ui", ".provenance").inner_text()
        assert in_page == line, (in_page, line)  # one piece of code words both
        assert in_page.endswith("Zuerst erschienen bei Küstenboten"), in_page
        summary = shadow(page, "masthead-ui", ".summary").inner_text()
        assert summary.startswith("1 Werbeblock eingeklappt · "), summary
        assert summary.endswith(" hervorgehoben"), summary
        close = shadow(page, "masthead-ui", ".close")
        assert close.get_attribute("aria-label") == close.get_attribute("title")
        assert close.get_attribute("title") == "Diesen Hinweis ausblenden"
        strip = page.locator("masthead-strip").first
        assert strip.locator(".strip").inner_text() == "Newsletter-Anmeldung · anzeigen"
        strip.get_by_role("button", name="anzeigen").click()
        assert strip.get_by_role("button").inner_text() == "wieder ausblenden"
        strip.scroll_into_view_if_needed()
        page.screenshot(path=str(output / "page-german-strip-open.png"))
        strip.get_by_role("button", name="wieder ausblenden").click()
        words = shadow(page, "masthead-ui", ".banner").inner_text() + strip.inner_text()
        for english in ("By ", "First published", "show", "hide again", "collapsed", "highlighted"):
            assert english not in words, (english, words)
        assert state_language(browser, url) == "de"
        assert popup.locator("#findings ul.list").first.get_attribute("lang") == "de"
        popup.screenshot(path=str(output / "popup-german.png"), full_page=True)
        page.evaluate("window.scrollTo(0, 0)")
        page.screenshot(path=str(output / "page-german.png"))

        options = browser.context.new_page()
        options.goto(f"chrome-extension://{browser.extension_id}/options/options.html")
        options.get_by_text("Wann analysiert wird").wait_for()
        options.get_by_text("Verbunden (Masthead").wait_for()
        assert options.get_by_text("Wer das zuerst veröffentlicht hat").is_visible()
        assert options.title() == "Masthead-Einstellungen"
        options.screenshot(path=str(output / "options-german.png"), full_page=True)


def test_dark_mode_for_the_popup_options_banner_and_strips(
    tmp_path_factory, site, upstream, output
):
    profile = tmp_path_factory.mktemp("profile-dark")
    with launch_browser(profile, color_scheme="dark") as browser:
        page, url = open_analysed(browser, site, upstream, "/dark/faehrpreise", KUESTE_LONG)
        page.screenshot(path=str(output / "page-dark.png"))
        banner = shadow(page, "masthead-ui", ".banner").first
        assert banner.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(31, 39, 49)"
        strip = shadow(page, "masthead-strip", ".strip").first
        assert strip.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(31, 39, 49)"
        strip.scroll_into_view_if_needed()
        page.screenshot(path=str(output / "page-dark-strip.png"))

        popup = browser.popup(url)
        popup.locator("#findings h2").first.wait_for()
        assert (
            popup.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(27, 33, 41)"
        )
        popup.screenshot(path=str(output / "popup-dark.png"), full_page=True)
        options = browser.context.new_page()
        options.goto(f"chrome-extension://{browser.extension_id}/options/options.html")
        options.locator("h1").wait_for()
        assert (
            options.evaluate("getComputedStyle(document.body).backgroundColor") == "rgb(27, 33, 41)"
        )
        options.screenshot(path=str(output / "options-dark.png"), full_page=True)

    with launch_browser(tmp_path_factory.mktemp("profile-light"), color_scheme="light") as browser:
        page, url = open_analysed(browser, site, upstream, "/light/faehrpreise")
        banner = shadow(page, "masthead-ui", ".banner").first
        assert banner.evaluate("e => getComputedStyle(e).backgroundColor") == "rgb(245, 247, 250)"

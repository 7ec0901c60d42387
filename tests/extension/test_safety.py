"""What a hostile page or a hostile answer cannot do: restyle the notice, run code, add links."""

from __future__ import annotations

import json

import pytest
from scripted import answer_with, answered, harbour, harbour_findings

from harness import Upstream, shadow

pytestmark = pytest.mark.browser

HOSTILE_CSS = """<style>
* { all: unset !important; color: #f0f !important; font: 40px/3 cursive !important;
    display: inline !important; background: lime !important; letter-spacing: 9px !important; }
masthead-ui, masthead-strip { display: none !important; opacity: 0 !important;
    visibility: hidden !important; transform: scale(0) !important; }
section, p, div, a, button { border: 6px dotted red !important; color: red !important; }
:host, ::slotted(*) { display: none !important; }
</style>"""

INJECTION = "<img src=x onerror=\"document.title='pwned'\">"


@pytest.fixture(scope="module")
def upstream():
    server = Upstream(answer_with(harbour_findings))
    yield server
    server.close()


@pytest.fixture(autouse=True)
def point_at_upstream(browser, upstream):
    browser.configure(serverUrl=upstream.url)


BANNER_LOOK = """(el) => {
    const s = getComputedStyle(el);
    const r = el.getBoundingClientRect();
    return [s.fontSize, s.fontFamily, s.color, s.backgroundColor, s.letterSpacing, s.display,
            s.borderLeftColor, r.height > 40];
}"""


def test_a_hostile_page_stylesheet_does_not_change_the_banner(browser, site, upstream, output):
    calm = browser.open(site.add("/calm", harbour()))
    hostile = browser.open(site.add("/hostile", harbour(head=HOSTILE_CSS)))
    looks = []
    for page in (calm, hostile):
        banner = shadow(page, "masthead-ui", ".banner")
        banner.wait_for(state="visible")
        looks.append(banner.evaluate(BANNER_LOOK))
        title = shadow(page, "masthead-ui", ".title")
        looks.append(title.evaluate(BANNER_LOOK)[:5])
    assert looks[0] == looks[2] and looks[1] == looks[3]
    strip = shadow(hostile, "masthead-strip", ".strip").first
    assert strip.is_visible() and strip.evaluate("e => getComputedStyle(e).fontSize") == "12px"
    shadow(hostile, "masthead-ui", ".banner").screenshot(path=str(output / "hostile-banner.png"))


def _hostile_findings(page):
    findings = harbour_findings(page)
    banner = findings[0]
    (credit,) = [f for f in findings if f["kind"] == "credit-line"]
    banner["title"] = INJECTION
    banner["text"] = "<b>bold?</b> <script>document.title='pwned'</script>"
    banner["links"] = [
        {"href": "javascript:document.title='pwned'", "label": "Run me"},
        {"href": " JAVASCRIPT:alert(1)", "label": "Shout"},
        {"href": "data:text/html,<script>alert(1)</script>", "label": "Data"},
        {"href": "https://example.org/original", "label": INJECTION},
    ]
    credit["title"] = INJECTION
    credit["text"] = INJECTION
    return findings


def test_annotation_text_is_text_and_only_http_links_are_links(browser, site):
    with answered(browser, site, "/hostile-answer", _hostile_findings) as (page, _):
        banner = shadow(page, "masthead-ui", ".banner")
        banner.wait_for(state="visible")
        assert INJECTION in banner.locator(".title").inner_text()
        assert "<b>bold?</b> <script>" in banner.locator(".text").inner_text()
        root = page.locator("masthead-ui")
        assert root.evaluate("h => h.shadowRoot.querySelectorAll('img, b, script').length") == 0
        links = banner.locator("a")
        assert links.count() == 1
        assert links.get_attribute("href") == "https://example.org/original"
        assert links.inner_text() == INJECTION
        plain = banner.locator(".links span").all_inner_texts()
        assert plain == ["Run me", "Shout", "Data"]
        # the tooltip of the credit line is text too
        page.locator("article p em").scroll_into_view_if_needed()
        spot = page.evaluate(
            """() => {
                const r = [...CSS.highlights.get('masthead-source')][0].getBoundingClientRect();
                return {x: r.x + 4, y: r.y + r.height / 2};
            }"""
        )
        page.mouse.move(spot["x"], spot["y"])
        tip = shadow(page, "masthead-ui", ".tip")
        tip.wait_for(state="visible")
        assert tip.inner_text().count(INJECTION) == 2
        assert root.evaluate("h => h.shadowRoot.querySelectorAll('img').length") == 0
        page.wait_for_timeout(100)
        assert page.title() == "Harbour reopens after the storm"


# Password fields a reader cannot see and has not touched: a login modal not open, a 0x0 field.
HIDDEN_LOGIN = (
    '<div class="login-modal" style="display: none"><form>'
    '<input name="user"><input type="password" name="pw"></form></div>',
    '<form style="position: absolute; width: 0; height: 0; overflow: hidden">'
    '<input type="password" name="pw" style="width: 0; height: 0; padding: 0; border: 0"></form>',
)
# A login in progress: a field in view, one holding a value, one with the focus.
LOGIN_IN_USE = (
    '<form><label>Password <input type="password" name="pw"></label></form>',
    '<form style="display: none"><input type="password" name="pw" value="hunter2"></form>',
    '<form><input type="password" id="pw" style="opacity: 0"></form>'
    "<script>document.getElementById('pw').focus()</script>",
)


@pytest.mark.parametrize("form", HIDDEN_LOGIN, ids=["login-modal", "zero-size"])
def test_a_hidden_empty_password_field_does_not_stop_an_article(browser, site, upstream, form):
    before = len(upstream.analyses())
    url = site.add(f"/harbour-modal-{len(site.pages)}", harbour(body=form))
    page = browser.open(url)
    assert browser.tab_state(url)["status"] == "done"
    assert len(upstream.analyses()) == before + 1
    shadow(page, "masthead-ui", ".banner").wait_for(state="visible")


@pytest.mark.parametrize("form", LOGIN_IN_USE, ids=["visible", "has-value", "focused"])
def test_a_password_field_in_use_is_not_sent_automatically(browser, site, upstream, form):
    before = len(upstream.analyses())
    url = site.add(f"/harbour-login-{len(site.pages)}", harbour(body=form))
    page = browser.open(url)
    state = browser.tab_state(url)
    assert state == {**state, "status": "skipped", "reason": "password"}
    assert len(upstream.analyses()) == before
    assert page.locator("masthead-ui").count() == 0


def test_on_a_click_a_login_page_is_sent_without_what_was_typed(browser, site, upstream):
    before = len(upstream.analyses())
    url = site.add("/harbour-login-click", harbour(body=LOGIN_IN_USE[0]))
    page = browser.open(url)
    page.locator("input[type=password]").fill("hunter2")
    assert browser.tab_state(url)["reason"] == "password"
    popup = browser.popup(url)
    popup.get_by_text("Not sent automatically: this page has a password field in use.").wait_for()
    popup.get_by_role("button", name="Analyse this page").click()
    popup.get_by_text("its text and layout were sent, nothing typed in its forms").wait_for()
    (sent,) = upstream.analyses()[before:]
    assert "hunter2" not in json.dumps(sent.body) and 'type="password"' in sent.body["html"]
    shadow(page, "masthead-ui", ".banner").wait_for(state="visible")


def test_never_on_this_site_clears_the_page_and_stops_sending(browser, site, upstream):
    url = site.add("/harbour-never", harbour())
    page = browser.open(url)
    assert browser.tab_state(url)["status"] == "done"
    shadow(page, "masthead-ui", ".banner").wait_for(state="visible")
    popup = browser.popup(url)
    popup.get_by_role("button", name="Never on this site").click()
    popup.get_by_text("Masthead will never send pages from 127.0.0.1.").wait_for()
    assert page.locator("masthead-ui, masthead-strip").count() == 0
    assert page.locator("aside.deal").get_attribute("style") is None
    sent = len(upstream.analyses())
    again = site.add("/harbour-never-again", harbour())
    browser.open(again)
    assert browser.tab_state(again)["reason"] == "never"
    assert len(upstream.analyses()) == sent

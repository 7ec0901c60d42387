"""Permissions that don't frighten: by default Masthead reads only the page the reader clicks it
on (activeTab), and reads pages as they open only once the reader has granted all sites for it.

The shipped extension is loaded as it is to check the default: no all-sites permission, no
content script anywhere, a page left alone. Headless Chromium has no toolbar to click and no
permission prompt to answer, so the click and the "yes" are stood for by the test build
(`harness.extension_build`: the optional all-sites permission granted at install); what happens
after them, the content script put into the tab or registered for every page, is the shipped
code's own.
"""

from __future__ import annotations

import json

import pytest
from scripted import answer_with, harbour, harbour_findings

from harness import EXTENSION, Upstream, launch_browser, shadow

pytestmark = pytest.mark.browser

ALL_SITES = ["http://*/*", "https://*/*"]
REGISTERED = "async () => (await chrome.scripting.getRegisteredContentScripts()).map((s) => s.id)"


def test_the_shipped_manifest_asks_for_no_site_up_front():
    manifest = json.loads((EXTENSION / "manifest.json").read_text(encoding="utf-8"))
    assert "content_scripts" not in manifest
    assert {"activeTab", "scripting", "storage"} == set(manifest["permissions"])
    assert manifest["host_permissions"] == ["http://127.0.0.1/*", "http://localhost/*"]
    assert manifest["optional_host_permissions"] == ALL_SITES


@pytest.fixture
def upstream():
    server = Upstream(answer_with(harbour_findings))
    yield server
    server.close()


def test_by_default_no_page_is_read_until_the_reader_asks(tmp_path, site, upstream):
    with launch_browser(tmp_path / "profile", shipped=True) as browser:
        worker = browser.worker
        granted = "(origins) => chrome.permissions.contains({origins})"
        assert worker.evaluate(granted, ALL_SITES) is False
        assert worker.evaluate("async () => (await Masthead.settings.load()).mode") == "click"
        worker.evaluate("(url) => chrome.storage.local.set({serverUrl: url})", upstream.url)
        assert worker.evaluate(REGISTERED) == []
        url = site.add("/harbour-default", harbour())
        page = browser.open(url)
        page.wait_for_load_state("load")
        page.wait_for_timeout(500)
        assert page.locator("masthead-ui, masthead-strip").count() == 0
        assert upstream.analyses() == []
        # The reader clicks Masthead: its popup analyses the tab. (The page is on loopback, which
        # the extension may reach for the server anyway: that stands in for activeTab here.)
        browser.popup(url).get_by_text("5 findings").first.wait_for()
        assert [r.body["url"] for r in upstream.analyses()] == [url]
        shadow(page, "masthead-ui", ".banner").wait_for(state="attached")
        options = browser.context.new_page()
        options.goto(f"chrome-extension://{browser.extension_id}/options/options.html")
        options.get_by_label("Article pages as they open").check()
        # The browser now asks the reader (headless, nobody answers): until they say yes,
        # automatic mode is not saved and nothing is registered.
        options.wait_for_timeout(1000)
        assert worker.evaluate("async () => (await Masthead.settings.load()).mode") == "click"
        assert worker.evaluate(REGISTERED) == []


def test_a_click_puts_the_script_into_that_tab_only(browser, site, upstream):
    browser.configure(serverUrl=upstream.url, mode="click")
    assert browser.worker.evaluate(REGISTERED) == []
    url = site.add("/harbour-click", harbour())
    page = browser.open(url)
    page.wait_for_load_state("load")
    other = browser.open(site.add("/harbour-other", harbour()))
    page.wait_for_timeout(300)
    assert upstream.analyses() == [], "nothing read on load"
    popup = browser.popup(url)  # opening the popup analyses the tab it belongs to
    shadow(page, "masthead-ui", ".banner").wait_for(state="attached")
    popup.get_by_text("5 findings").first.wait_for()
    assert [r.body["url"] for r in upstream.analyses()] == [url]
    assert other.locator("masthead-ui").count() == 0
    popup.get_by_role("button", name="Analyse this page").click()  # the script is there once
    popup.wait_for_timeout(500)
    assert page.evaluate("document.querySelectorAll('masthead-ui').length") == 1
    assert browser.tab_state(url)["status"] == "done"


def test_automatic_mode_registers_the_script_and_turning_it_off_unregisters_it(
    browser, site, upstream
):
    """(Taking the permission back is not tried: the test build holds it as required, which a
    browser does not let an extension give up. The worker checks it on every start.)"""
    browser.configure(serverUrl=upstream.url, mode="auto")
    assert browser.worker.evaluate(REGISTERED) == ["masthead-automatic"]
    url = site.add("/harbour-auto", harbour())
    browser.open(url)
    assert browser.tab_state(url)["status"] == "done"
    browser.configure(serverUrl=upstream.url, mode="click")
    assert browser.worker.evaluate(REGISTERED) == []
    sent = len(upstream.analyses())
    page = browser.open(site.add("/harbour-after", harbour()))
    page.wait_for_load_state("load")
    page.wait_for_timeout(500)
    assert len(upstream.analyses()) == sent and page.locator("masthead-ui").count() == 0

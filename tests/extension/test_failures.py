"""When the server is down, refuses the token, says the page is too large or answers nonsense:
the page stays exactly as it was, nothing reaches its console, and the popup says what happened."""

from __future__ import annotations

import socket

import pytest
from scripted import harbour

from harness import Upstream, forward_to

pytestmark = pytest.mark.browser

BROKEN = b'{"page": {}, "annotations": [{"id": "x", "kind": "promo", "display": "coll'


def closed_port_url() -> str:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{probe.getsockname()[1]}"


@pytest.fixture(scope="module")
def untouched(browser, site):
    """The harbour page's DOM as it is with Masthead switched to "only on click"."""
    browser.configure(mode="click")
    url = site.add("/untouched", harbour())
    page = browser.open(url)
    page.wait_for_load_state("load")
    html = page.evaluate("document.documentElement.outerHTML")
    page.close()
    return html


def fails(browser, site, path: str, untouched: str) -> tuple[dict, object]:
    """Open the harbour page at `path`, wait for the failure, check the page was left alone."""
    seen = len(browser.console)
    url = site.add(path, harbour())
    page = browser.open(url)
    state = browser.tab_state(url)
    assert state["status"] == "error", state
    page.wait_for_load_state("load")
    after = page.evaluate("document.documentElement.outerHTML")
    assert after == untouched.replace("/untouched", path)
    noise = [m for m in browser.console[seen:] if "favicon" not in m and "404" not in m]
    assert noise == []
    assert (
        browser.worker.evaluate(
            "(tabId) => chrome.action.getBadgeText({tabId})", browser.tab_id(url)
        )
        == "!"
    )
    return state, browser.popup(url)


def test_server_down(browser, site, untouched):
    down = closed_port_url()
    browser.configure(serverUrl=down)
    state, popup = fails(browser, site, "/down", untouched)
    assert state["error"]["code"] == "server-down"
    status = popup.locator("#status")
    status.get_by_text(f"No answer from the Masthead server at {down}. Is it running?").wait_for()
    # What to do about it, in plain words: start the server, or point the options at it.
    said = status.inner_text()
    assert "Start it with ./run in the Masthead folder (or masthead serve)." in said, said
    assert "If it runs at another address, put that address in the options." in said, said


def test_wrong_token_then_the_right_one(browser, site, untouched, masthead_serve):
    server = masthead_serve("--token", "s3cret-token")
    browser.configure(serverUrl=server, token="not-the-token")
    state, popup = fails(browser, site, "/token", untouched)
    assert state["error"]["code"] == "wrong-token"
    popup.get_by_text("The server refused the token. Check the token in the options.").wait_for()
    browser.configure(serverUrl=server, token="s3cret-token")
    url = site.add("/token-ok", harbour())
    browser.open(url)
    assert browser.tab_state(url)["status"] == "done"


def test_page_too_large(browser, site, untouched, masthead_serve, tmp_path):
    config = tmp_path / "small.toml"
    config.write_text("[server]\nmax_body_bytes = 1500\n")
    upstream = Upstream(forward_to(masthead_serve("--config", str(config))))
    browser.configure(serverUrl=upstream.url)
    try:
        state, popup = fails(browser, site, "/large", untouched)
        assert [r.path for r in upstream.requests] == ["/api/v1/analyze"]
        assert state["error"]["code"] == "too-large"
        popup.get_by_text("This page is too large for the server to analyse.").wait_for()
    finally:
        upstream.close()


def test_broken_json_answer(browser, site, untouched):
    upstream = Upstream(lambda seen: (200, BROKEN, "application/json"))
    browser.configure(serverUrl=upstream.url)
    try:
        state, popup = fails(browser, site, "/broken", untouched)
        assert state["error"]["code"] == "bad-response"
        popup.get_by_text("sent an answer that is not valid JSON").wait_for()
    finally:
        upstream.close()


def test_a_tab_no_extension_may_read_says_why_and_what_to_do(browser):
    """The browser's own pages keep every extension out: the popup says so in plain words."""
    browser.configure(mode="click")
    page = browser.context.new_page()
    page.goto("chrome://version/")
    popup = browser.popup("chrome://version/")
    status = popup.locator("#status")
    status.get_by_text("Masthead cannot read this tab.").wait_for()
    said = status.inner_text()
    assert "Browsers keep extensions out of their own pages" in said, said
    assert "reload it and open Masthead again" in said, said
    assert "before Masthead was installed" not in said, said  # the click puts it in any web page
    popup.close()
    page.close()

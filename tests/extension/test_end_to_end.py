"""The seed page, served from loopback, read by the real extension and a real `masthead serve`.

The server runs the three built-in plugins, so the seed page must come back with its
republication banner, its promos and its credit line; a plugin that stops finding them fails here.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import pytest

import support
from harness import Upstream, forward_to, shadow

pytestmark = pytest.mark.browser

SEED_PATH = "/2023/05/12/can-china-rebuff-natos-courtship-of-japan/"


@dataclass
class SeedRun:
    page: Any
    url: str
    state: dict
    upstream: Upstream

    def of(self, **match: str) -> list[dict]:
        return [
            a
            for a in self.state["result"]["annotations"]
            if all(a.get(k) == v for k, v in match.items())
        ]


@pytest.fixture(scope="module")
def server(masthead_serve, tmp_path_factory) -> str:
    config = tmp_path_factory.mktemp("seed") / "masthead.toml"
    config.write_text("[server]\ncache_entries = 0\n")  # every load below is analysed anew
    return masthead_serve("--config", str(config))


@pytest.fixture(scope="module")
def seed(browser, site, server, output):
    url = site.add(SEED_PATH, support.SEED_HTML.read_text(encoding="utf-8"))
    upstream = Upstream(forward_to(server))
    browser.configure(serverUrl=upstream.url, mode="click")
    before = browser.open(url)
    before.wait_for_load_state("load")
    before.screenshot(path=str(output / "seed-before.png"))
    before.close()
    browser.configure(serverUrl=upstream.url)
    page = browser.open(url)
    state = browser.tab_state(url)
    assert state["status"] == "done", state
    page.wait_for_load_state("load")
    page.screenshot(path=str(output / "seed-after.png"))
    yield SeedRun(page, url, state, upstream)
    upstream.close()


def test_exactly_one_request_with_the_article_and_none_of_our_ui(seed):
    (sent,) = seed.upstream.analyses()
    assert sent.headers["Content-Type"] == "application/json"
    assert set(sent.body) == {"url", "html", "title"}
    assert sent.body["url"] == seed.url
    assert sent.body["title"] == seed.page.title()
    html = sent.body["html"]
    assert "Japan is reportedly planning to open a" in html
    assert "This story was originally published at" in html
    assert '"@type":"Article"' in html, "JSON-LD is kept"
    assert "adsbygoogle = window.adsbygoogle" not in html, "script bodies are not"
    assert "masthead-ui" not in html and "masthead-strip" not in html
    assert 'data-masthead-id="0"' in html
    assert seed.page.locator("[data-masthead-id]").count() == 0


def test_everything_the_server_placed_is_found_on_the_page(seed):
    shown = [a for a in seed.state["result"]["annotations"] if a["display"] != "none"]
    with_target = {a["id"] for a in shown if a["target"]}
    assert not with_target & set(seed.state["unanchored"]), "stamped ids map back exactly"
    assert seed.state["count"] == len(shown)


def test_banner_names_the_original_publisher(seed):
    assert seed.of(kind="republication", display="banner")
    banner = shadow(seed.page, "masthead-ui", ".banner")
    assert banner.is_visible()
    assert "RT International" in banner.inner_text()


READ_TO_THE_END = """async () => {
    const frame = () => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    for (let y = 0; y < document.documentElement.scrollHeight; y += innerHeight / 2) {
        scrollTo(0, y);
        await frame();
    }
}"""


def test_every_promo_is_folded_once_the_reader_has_scrolled_past_it(seed):
    promos = [p for p in seed.of(kind="promo", display="collapse") if p["target"]]
    assert len(promos) >= len(support.seed()[1]["promos"])
    page = seed.page
    page.evaluate(READ_TO_THE_END)  # promos in the first screen wait until they leave it
    page.wait_for_timeout(200)
    spared = set(seed.state["guarded"])
    for promo in promos:
        css = next(s["value"] for s in promo["target"]["selectors"] if s["type"] == "CssSelector")
        if promo["id"] not in spared:
            assert page.locator(css).first.is_hidden(), promo
    page.evaluate("scrollTo(0, 0)")
    strips = page.locator("masthead-strip")
    assert 1 <= strips.count() <= len(promos)
    for n in range(strips.count()):
        strip = strips.nth(n)
        folded = strip.evaluate_handle("s => s.nextElementSibling").as_element()
        strip.get_by_role("button", name="show").click()
        assert folded.evaluate("e => getComputedStyle(e).display") != "none"
        strip.get_by_role("button", name="hide again").click()
        assert folded.is_hidden()


def test_the_credit_line_is_highlighted(seed):
    assert seed.of(kind="credit-line")
    ranges = seed.page.evaluate("[...CSS.highlights.get('masthead-source')].map(String)")
    assert any("originally published at" in r for r in ranges)


def test_popup_shows_the_findings_and_the_server(browser, seed, output):
    popup = browser.popup(seed.url)
    popup.get_by_text("The server answered").wait_for()
    assert f"Server: {seed.upstream.url}" in popup.locator("body").inner_text()
    popup.screenshot(path=str(output / "seed-popup.png"), full_page=True)


def test_revisiting_the_unchanged_page_does_not_send_it_again(browser, seed):
    again = browser.open(seed.url)
    state = browser.tab_state(seed.url)
    assert state["status"] == "done" and state["sent"] == {"cachedLocally": True}
    assert len(seed.upstream.analyses()) == 1
    again.close()


def test_a_large_page_is_sent_compressed_and_the_server_reads_it(browser, site, server):
    upstream = Upstream(forward_to(server))
    browser.configure(serverUrl=upstream.url)
    paragraphs = "".join(
        f"<p>Paragraph {n} of a long report on the harbour, its ferries and its crews.</p>"
        for n in range(600)
    )
    html = f'<html><head><meta property="og:type" content="article"></head><body>{paragraphs}'
    url = site.add("/long-report", html)
    try:
        browser.open(url)
        state = browser.tab_state(url)
        (sent,) = upstream.analyses()
    finally:
        upstream.close()
    assert sent.headers["Content-Encoding"] == "gzip"
    assert len(sent.raw) < len(json.dumps(sent.body)) / 5
    assert "Paragraph 599 of a long report" in sent.body["html"]
    assert state["status"] == "done" and state["sent"]["gzip"] is True


def test_options_test_the_connection_and_choose_plugins(browser, server, output):
    browser.configure()
    options = browser.context.new_page()
    options.goto(f"chrome-extension://{browser.extension_id}/options/options.html")
    options.get_by_label("Server URL").fill(server)
    options.get_by_role("button", name="Save and test connection").click()
    options.get_by_text("Connected (Masthead").wait_for()
    plugins = options.locator("#plugins label")
    names = [t.split()[0] for t in plugins.all_inner_texts()]
    assert {"attribution", "promo", "republication"} <= set(names)
    plugins.filter(has_text="promo").get_by_role("checkbox").uncheck()
    options.get_by_text("Saved.").wait_for()
    stored = browser.worker.evaluate("chrome.storage.local.get(null)")
    assert stored["serverUrl"] == server and stored["hiddenPlugins"] == ["promo"]
    options.screenshot(path=str(output / "options.png"), full_page=True)
    options.close()


def test_the_banner_appears_on_every_load_the_server_analyses(browser, site, server):
    upstream = Upstream(forward_to(server))
    url = site.add("/again" + SEED_PATH, support.SEED_HTML.read_text(encoding="utf-8"))
    try:
        for _ in range(11):
            browser.configure(serverUrl=upstream.url)  # forget cached answers: each load is sent
            page = browser.open(url)
            banner = shadow(page, "masthead-ui", ".banner")
            banner.wait_for(timeout=15000)
            assert "RT International" in banner.inner_text()
            page.close()
    finally:
        upstream.close()
    assert len(upstream.analyses()) == 11

"""An unmarked copy of a followed outlet's article, read by the real extension: the banner says
where the text appeared earlier, with the outlet's facts, and the popup links the origin."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from harness import shadow
from masthead.server.cli import main
from origin_copies import article, excerpt, template

pytestmark = pytest.mark.browser

ORIGIN = "ca__CBCNews_2024_08_08"


@pytest.fixture(scope="module")
def server(masthead_serve, tmp_path_factory) -> str:
    folder = tmp_path_factory.mktemp("origins")
    config = folder / "masthead.toml"
    config.write_text(f'[server]\ndata_dir = "{folder / "data"}"\ncache_entries = 0\n')
    origin = article(ORIGIN)
    page = folder / "origin.html"
    page.write_text(origin.html, encoding="utf-8")
    added = CliRunner().invoke(
        main, ["origins", "add", str(page), "--url", origin.url, "--config", str(config)]
    )
    assert added.exit_code == 0, added.output
    return masthead_serve("--config", str(config))


def test_unmarked_copy_gets_the_notice_and_the_popup_links_the_origin(
    browser, site, server, output
):
    origin = article(ORIGIN)
    copy = template("Daily Echo", "Talks to resume", excerpt(origin.paragraphs, 0.6))
    url = site.add("/2024/08/09/talks-to-resume", copy)
    browser.configure(serverUrl=server)
    page = browser.open(url)
    state = browser.tab_state(url)
    assert state["status"] == "done", state
    banner = shadow(page, "masthead-ui", ".banner")
    banner.wait_for(timeout=15000)
    shown = banner.inner_text()
    assert "The text of this article appeared earlier on cbc.ca" in shown
    assert "Crown corporation" in shown  # the outlet's sourced facts
    link = banner.get_by_role("link", name="Where it appeared earlier")
    assert link.get_attribute("href") == origin.url
    page.screenshot(path=str(output / "text-origin.png"))

    popup = browser.popup(url)
    also = popup.locator(".also")
    also.wait_for()
    assert also.inner_text() == "Also appeared on cbc.ca"
    assert also.get_by_role("link").get_attribute("href") == origin.url
    popup.close()
    page.close()

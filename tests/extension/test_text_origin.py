"""An unmarked copy of a followed outlet's article, read by the real extension: the banner says
where the text appeared earlier, with the outlet's facts, and the popup links the origin.

The outlet is followed the way an operator does it: `masthead origins follow` of its RSS feed
and `masthead origins sync`, from a real feed server on loopback. Only DNS is faked, so that the
feed's host has the outlet's name (and the registry's facts attach to it by domain)."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from feed_server import feed_server, resolving
from harness import shadow
from masthead.server.cli import main
from origin_copies import article, excerpt, template

pytestmark = pytest.mark.browser

ORIGIN = "ca__CBCNews_2024_08_08"


@pytest.fixture(scope="module")
def server(masthead_serve, tmp_path_factory) -> tuple[str, str]:
    """The served URL, and the URL the followed feed gave the origin article."""
    folder = tmp_path_factory.mktemp("origins")
    config = folder / "masthead.toml"
    config.write_text(
        f'[server]\ndata_dir = "{folder / "data"}"\ncache_entries = 0\n'
        '[origins]\nallow_private_networks = ["127.0.0.1/32"]\nhost_interval = 0\n'
    )
    with feed_server() as (base, _), resolving({"www.cbc.ca": "127.0.0.1"}):
        feed = base.replace("127.0.0.1", "www.cbc.ca") + "/rss.xml"
        runner = CliRunner()
        followed = runner.invoke(
            main, ["origins", "follow", feed, "--outlet", "CBC News", "--config", str(config)]
        )
        assert followed.exit_code == 0, followed.output
        synced = runner.invoke(main, ["origins", "sync", "--config", str(config)])
        assert synced.exit_code == 0 and ": 3 new," in synced.output, synced.output
    origin_url = feed.replace("/rss.xml", f"/articles/{ORIGIN}.html")
    return masthead_serve("--config", str(config)), origin_url


def test_unmarked_copy_gets_the_notice_and_the_popup_links_the_origin(
    browser, site, server, output
):
    origin = article(ORIGIN)
    copy = template("Daily Echo", "Talks to resume", excerpt(origin.paragraphs, 0.6))
    url = site.add("/2024/08/09/talks-to-resume", copy)
    served, origin_url = server
    browser.configure(serverUrl=served)
    page = browser.open(url)
    state = browser.tab_state(url)
    assert state["status"] == "done", state
    banner = shadow(page, "masthead-ui", ".banner")
    banner.wait_for(timeout=15000)
    shown = banner.inner_text()
    assert "The text of this article appeared earlier on cbc.ca" in shown
    assert "Crown corporation" in shown  # the outlet's sourced facts
    link = banner.get_by_role("link", name="Where it appeared earlier")
    assert link.get_attribute("href") == origin_url
    page.screenshot(path=str(output / "text-origin.png"))

    popup = browser.popup(url)
    also = popup.locator(".also")
    also.wait_for()
    assert also.inner_text() == "Also appeared on cbc.ca"
    assert also.get_by_role("link").get_attribute("href") == origin_url
    popup.close()
    page.close()

"""Single-page sites: a new view by pushState or popstate, or an article mostly rewritten in place,
is analysed again and drawn anew; a small edit is not."""

from __future__ import annotations

import pytest
from scripted import answer_with, harbour, harbour_findings

from harness import Upstream, shadow

pytestmark = pytest.mark.browser

NEXT_STORY = """
document.querySelector("article").innerHTML = `<h1>Ferries return to the islands</h1>
<p>The first ferry of the season left at dawn, carrying islanders home after the winter storms.</p>
<p>Crews said the crossing was calm and the new quay worked well for loading cars and freight.</p>
<p><em>This story was originally published by The Example Gazette.</em></p>`;
"""


@pytest.fixture(scope="module")
def upstream():
    server = Upstream(answer_with(harbour_findings))
    yield server
    server.close()


def sent_urls(upstream):
    return [r.body["url"] for r in upstream.analyses()]


def test_push_state_to_a_new_story_is_analysed_again_and_a_small_edit_is_not(
    browser, site, upstream
):
    browser.configure(serverUrl=upstream.url)
    url = site.add("/spa/harbour", harbour())
    page = browser.open(url)
    assert browser.tab_state(url)["status"] == "done"
    before = len(upstream.analyses())
    page.evaluate("history.pushState({}, '', '/spa/ferries')" + ";" + NEXT_STORY)
    for _ in range(100):  # up to 10 s
        if len(upstream.analyses()) > before:
            break
        page.wait_for_timeout(100)
    assert sent_urls(upstream)[before:] == [site.base + "/spa/ferries"]
    assert "Ferries return to the islands" in upstream.analyses()[-1].body["html"]
    shadow(page, "masthead-ui", ".banner").wait_for(state="visible")
    # a one-word edit is not a new article
    page.evaluate("document.querySelector('article p').append(' Today.')")
    page.wait_for_timeout(1500)
    assert len(upstream.analyses()) == before + 1

"""The page cannot tell Masthead read it: the same requests and the same console errors, with the
extension analysing it (automatically, then again on a click) as with the site on the never-list.

The page is our own: images that fail (a missing loopback file, a host that does not resolve) with
inline `onerror` handlers that log and count, a custom element whose constructor counts. A copy made
in the live document would fetch the images again, fire the handlers and construct the element.
"""

from __future__ import annotations

import pytest
from scripted import answer_with, harbour, harbour_findings

from harness import Upstream, shadow

pytestmark = pytest.mark.browser

NOISY = """
<script>
  window.failed = 0;
  window.built = 0;
  function broke(what) { console.error(what + " failed"); window.failed += 1; }
  customElements.define("count-me", class extends HTMLElement {
    constructor() { super(); window.built += 1; }
  });
</script>
<img src="/missing/photo.jpg" alt="" onerror="broke('photo')">
<img src="http://images.invalid/wire.jpg" alt="" onerror="broke('wire photo')">
<picture><source srcset="/missing/hero.webp"><img src="/missing/hero.jpg" alt=""></picture>
<video poster="/missing/poster.jpg"></video>
<count-me></count-me>
"""


@pytest.fixture(scope="module")
def upstream():
    server = Upstream(answer_with(harbour_findings))
    yield server
    server.close()


def what_the_page_did(browser, site, page):
    """Paths the page fetched, its console errors, and its own counters, once it has settled."""
    page.wait_for_load_state("load")
    page.wait_for_timeout(300)  # late image errors
    fetched = sorted(h for h in site.hits if not h.startswith("/noisy-"))
    errors = [m for m in browser.console if m.startswith(("error", "pageerror"))]
    counters = page.evaluate("[window.failed, window.built]")
    return fetched, len(errors), counters


def test_same_requests_and_errors_with_and_without_masthead(browser, site, upstream):
    browser.configure(mode="click")
    warm = browser.open(site.add("/warm-up", "<p>The browser asks for the site's icon once.</p>"))
    warm.wait_for_load_state("load")
    warm.wait_for_timeout(200)
    runs = {}
    for name, never in (("without", ["127.0.0.1"]), ("with", [])):
        browser.configure(serverUrl=upstream.url, neverSites=never)
        site.hits.clear()
        browser.console.clear()
        path = f"/noisy-{name}"
        url = site.add(path, harbour(body=NOISY))
        page = browser.open(url)
        if name == "with":
            assert browser.tab_state(url)["status"] == "done"
            shadow(page, "masthead-ui", ".banner").wait_for(state="visible")
        runs[name] = what_the_page_did(browser, site, page)
        if name == "with":  # and again, on the reader's click
            popup = browser.popup(url)
            popup.get_by_role("button", name="Analyse this page").click()
            popup.get_by_text("5 findings.").wait_for()
            runs["click"] = what_the_page_did(browser, site, page)
    without = runs["without"]
    assert without[0] and without[1] >= 1 and without[2] == [2, 1], without
    assert runs["with"] == without
    assert runs["click"][2] == without[2], "no handler ran again and no element was built again"
    assert runs["click"][0] == without[0]

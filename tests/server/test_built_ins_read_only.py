"""Masthead's own plugins leave every corpus page as it was sent.

The host compares a third-party plugin's page before and after each call; it does not check
the built-in ones at run time (a node count after each of their calls cost 0.1 ms, 0.4 ms a
page). This is where they are checked instead, over every page of the corpora and
with the filter lists on, by the page's whole fingerprint: tags, attributes and text.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from masthead.sdk import Page, Settings
from masthead.server import PluginHost
from support import DATA, aeb_pages, fundus_pages, republication_pages, seed


def _pages(lists: bool) -> Iterator[tuple[str, str]]:
    html, expected = seed()
    yield expected.get("url", "https://example.org/"), html
    for _, url, html, _ in aeb_pages():
        yield url, html
    if lists:  # the filter lists change which code promo runs, not which pages exist
        return
    for label, html in fundus_pages():
        yield label["url"], html
    for _, html, label in republication_pages():
        yield label.get("url_if_known") or "http://localhost/", html


@pytest.mark.parametrize("lists", [False, True], ids=["no lists", "filter lists"])
def test_the_built_ins_do_not_modify_any_corpus_page(lists: bool) -> None:
    filter_lists = [str(DATA / "filter-lists")] if lists else []
    host = PluginHost(settings=Settings({"promo": {"filter_lists": filter_lists}}), timeout=600)
    host.start()
    assert {"attribution", "promo", "republication"} <= {r.name for r in host.active}
    changed = []
    for url, html in _pages(lists):
        page = Page(html, url)
        before = page.fingerprint()
        result = host.analyze(page)
        assert result.page is page  # no call was caught modifying it, either
        if page.fingerprint() != before:
            changed.append(url)
    assert changed == []

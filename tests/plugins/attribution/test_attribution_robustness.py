"""Bad input never crashes the plugin: empty, broken, hostile and huge pages."""

from __future__ import annotations

import time

import pytest
from attribution_pages import FILLER, page, run

from masthead.plugins import attribution
from masthead.sdk import Page


@pytest.mark.parametrize(
    "html",
    [
        "",
        "   ",
        "<html>",
        "<p>unclosed <b>bold <i>italic",
        "<html><head><title></title></head><body></body></html>",
        "<body><p>By</p><p>(AP) —</p><p>Originally published by</p><p>Quelle:</p></body>",
        "<body><p>©</p><p>© ©</p><p>Copyright: , 2025</p></body>",
        '<head><script type="application/ld+json">{"@type": "NewsArticle", "author": 5, '
        '"publisher": [null, {"name": 7}], "isBasedOn": [{"url": 3}], "sourceOrganization": '
        '"x", "copyrightHolder": {"name": ["AP"]}}</script></head><body><p>Hi</p></body>',
        '<head><script type="application/ld+json">{not json</script>'
        '<link rel="canonical" href="javascript:alert(1)"><meta property="og:url" content="::">'
        '<link rel="canonical" href="http://[::1">'
        "</head><body><p>x</p></body>",
        "<body>" + "<div>" * 150 + "By Jane Doe" + "</div>" * 150 + "</body>",
        "<body><p>\x00\ufffd\u202e By Jane Doe \U0001f600 (Reuters) - x</p></body>",
        "<body><p>This article was originally published by <a href='javascript:void(0)'>X</a>"
        "</p></body>",
        "<body><svg><text>This article was originally published by Grist.</text></svg></body>",
    ],
    ids=range(13),
)
def test_bad_input_does_not_crash(html):
    result = run(html)
    assert result.runs["attribution"].status == "ok"


def test_empty_url_and_odd_url():
    for url in ("", "not a url", "https://xn--nxasmq6b.example/", "http://192.168.0.1/a"):
        result = run(page("<p>Originally published by Grist.</p>"), url)
        assert result.runs["attribution"].status == "ok"


def test_huge_page_stays_fast():
    body = "".join(
        f"<p>{FILLER} Officials said on day {i} that it is believed the plan is reportedly late, "
        f"according to Reuters.</p>"
        for i in range(3000)
    )
    html = page(body)
    parsed = Page(html, "https://www.gazette.example.com/news/story")
    _ = parsed.meta, parsed.blocks, parsed.article, parsed.target(parsed.body)
    started = time.perf_counter()
    found = list(attribution.masthead_detect(parsed))
    elapsed = time.perf_counter() - started
    assert elapsed < 4.0
    assert len(found) <= 1000  # the host's cap per call
    summary = next(a for a in found if a.kind == "sourcing-summary")
    assert summary.data["counts"]["vague"] == 3000


def test_plugin_does_not_modify_the_page():
    html = page("<p>This article was originally published by Grist.</p>")
    parsed = Page(html, "https://www.gazette.example.com/news/story")
    before = parsed.html, parsed.element_count
    list(attribution.masthead_detect(parsed))
    import lxml.html

    assert (lxml.html.tostring(parsed.root), parsed.element_count) == (
        lxml.html.tostring(Page(before[0], parsed.url).root),
        before[1],
    )

"""Bad input never crashes the plugin: empty, broken, hostile and huge pages."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from attribution_pages import page, run

from masthead.plugins import attribution
from masthead.sdk import Annotation, Page
from scaling import LINEAR_LIMIT, attributed_page, growth


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


def test_huge_page_grows_linearly():
    """1200 attributed paragraphs: CPU time grows with the page, not its square (the time
    itself is `bench/scaling.py`'s)."""

    def prepare(paragraphs: int) -> Callable[[], list[Annotation]]:
        parsed = Page(attributed_page(paragraphs), "https://www.gazette.example.com/news/story")
        _ = parsed.meta, parsed.blocks, parsed.article, parsed.target(parsed.body)
        return lambda: list(attribution.masthead_detect(parsed))

    measured = growth(prepare, 1200)
    assert measured.ratio < LINEAR_LIMIT, measured
    assert measured.large < 2.0, measured  # CPU seconds: about ten times what it takes today
    found = measured.result
    assert len(found) <= 1000  # the host's cap per call
    summary = next(a for a in found if a.kind == "sourcing-summary")
    assert summary.data["counts"]["vague"] == 1200


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

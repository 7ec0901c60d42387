"""An article provider runs in a worker thread and reads other lazy views of the same page."""

from __future__ import annotations

from masthead.sdk import build_article, hookimpl
from masthead.sdk.testing import analyze

PAGE = """<html><head><meta name="description" content="Ferry news"></head><body>
<div id="story"><p>The ferry will run for another year, the council said.</p></div>
<section><p>A reader comment that is much longer than the article it sits under.</p>
<p>And another long reader comment, also longer than the whole article above.</p></section>
</body></html>"""


class StoryProvider:
    @hookimpl
    def masthead_article(self, page):
        assert page.meta.first("description") == "Ferry news"  # another lazy view
        return build_article(page, page.root.xpath('//*[@id="story"]'), provider="story")


def test_provider_may_read_other_views_without_deadlock():
    result = analyze(PAGE, plugins=[StoryProvider()], timeout=2)
    assert result.errors == {}
    assert result.page.article.provider == "story"
    assert result.page.article.text == "The ferry will run for another year, the council said."

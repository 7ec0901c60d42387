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


def test_a_page_receives_its_provider_and_its_copy_keeps_it():
    from masthead.sdk import Page

    def story(page: Page):
        return build_article(page, page.root.xpath('//*[@id="story"]'), provider="story")

    page = Page(PAGE, "https://example.org/ferry", " Ferry ", max_depth=50, max_elements=500)
    assert page.article.provider == "default"  # no provider: the plain fallback
    fresh = Page(PAGE, "https://example.org/ferry")
    fresh.use_article_provider(story)
    assert fresh.article.provider == "story"

    sent = page.element_count
    page.root.find("body").clear()  # a plugin's modification, which the copy does not see
    copy = page.copy()
    assert copy is not page and copy.root is not page.root
    assert (copy.url, copy.sent_title, copy.element_count) == (page.url, "Ferry", sent)
    assert "The ferry will run" in copy.text
    assert copy.article.provider == "default"
    assert Page(PAGE, "https://example.org/", article_provider=story).copy().article.provider == (
        "story"
    )

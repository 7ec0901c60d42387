"""The host calls implementations in pluggy's order and refuses hook wrappers, by name.

The third-party plugins here are plugin objects registered as an author's test would
(`masthead.sdk.testing.analyze`), run beside the installed built-ins.
"""

from __future__ import annotations

from typing import Any

from masthead.sdk import Annotation, Article, Page, build_article, hookimpl
from masthead.sdk.testing import analyze
from masthead.server.host import PluginHost

PAGE = """<html><body><article><h1>Ferry fares rise</h1>
<p>Ferry fares will rise by a fifth in spring, the operator said on Tuesday, in a move that
islanders have long feared would come after two years of losses on the crossing.</p>
<aside><p>Read more about the harbour and its history of storms and repairs.</p></aside>
</article></body></html>"""


class Provider:
    """Claims the article region for the page's <aside>: a choice no built-in would make."""

    def __init__(self, name: str) -> None:
        self.name = name

    def region(self, page: Page) -> Article:
        return build_article(page, page.root.xpath("//aside"), provider=self.name)


class EagerProvider(Provider):
    @hookimpl(tryfirst=True)
    def masthead_article(self, page: Page) -> Article:
        return self.region(page)


class ShyProvider(Provider):
    @hookimpl(trylast=True)
    def masthead_article(self, page: Page) -> Article:
        return self.region(page)


class Note:
    def __init__(self, kind: str) -> None:
        self.kind = kind

    def note(self) -> list[Annotation]:
        return [Annotation(kind=self.kind)]


class First(Note):
    @hookimpl(tryfirst=True)
    def masthead_detect(self, page: Page) -> list[Annotation]:
        return self.note()


class Last(Note):
    @hookimpl(trylast=True)
    def masthead_detect(self, page: Page) -> list[Annotation]:
        return self.note()


class Plain(Note):
    @hookimpl
    def masthead_detect(self, page: Page) -> list[Annotation]:
        return self.note()


class Early(Plain):
    pass


class Late(Plain):
    pass


class Wrapper:
    @hookimpl(wrapper=True)
    def masthead_detect(self, page: Page) -> Any:
        found = yield
        return [*found, Annotation(kind="wrapped")]


class OldStyleWrapper:
    @hookimpl(hookwrapper=True)
    def masthead_detect(self, page: Page) -> Any:
        yield


def test_a_tryfirst_article_provider_wins_over_the_built_in_one() -> None:
    result = analyze(PAGE, plugins=["promo", EagerProvider("eager")])
    assert result.page.article.provider == "eager"
    assert result.page.article.text.startswith("Read more about the harbour")
    assert result.errors == {}


def test_a_trylast_article_provider_is_only_a_fallback() -> None:
    result = analyze(PAGE, plugins=["promo", ShyProvider("shy")])
    assert result.page.article.provider == "promo"
    assert result.page.article.text.startswith("Ferry fares will rise")
    alone = analyze(PAGE, plugins=[ShyProvider("shy")])
    assert alone.page.article.provider == "shy"


def test_detect_runs_tryfirst_then_latest_registered_then_trylast() -> None:
    plugins = [Last("last"), Early("early"), First("first"), Late("late")]
    result = analyze("<p>Hi</p>", plugins=plugins)
    assert [a.kind for a in result.annotations] == ["first", "late", "early", "last"]


def test_installed_plugins_run_in_name_order() -> None:
    url = "https://www.harbour-post.example/ferry"
    result = analyze(PAGE, url, plugins=["promo", "attribution"])
    order = [a.plugin for a in result.annotations]
    assert order == sorted(order) and set(order) == {"attribution", "promo"}


def test_a_wrapper_is_refused_at_registration_with_a_clear_status() -> None:
    result = analyze(PAGE, plugins=["promo", Wrapper(), OldStyleWrapper()])
    for name in ("Wrapper", "OldStyleWrapper"):
        assert "hook wrappers are not supported" in result.errors[name]
        assert "masthead_detect" in result.errors[name]
    assert not result.of_kind("wrapped")
    assert result.of_kind("article"), "the other plugins still run"


def test_a_refused_wrapper_is_listed_as_failed() -> None:
    host = PluginHost(discover=False)
    wrapper = Wrapper()
    record = host.register(wrapper, "wrapper")
    assert record.status == "failed"
    assert record.error is not None and "wrapper" in record.error
    assert not host.pm.is_registered(wrapper)
    assert host.start().analyze(Page(PAGE, "https://example.org/a")).annotations == []

"""One request with a raising, a hanging, a garbage-returning and a page-mutating plugin beside
a healthy one, over a real HTTP server: the healthy one's results arrive, the others are named."""

from __future__ import annotations

import json
import time

import pytest

from masthead.sdk import Annotation, hookimpl
from masthead.server import Config, PluginHost, create_app
from support import analyze_with_deadline, http


class Healthy:
    @hookimpl
    def masthead_detect(self, page):
        first = page.body.find(".//p")
        yield Annotation(
            kind="first-paragraph",
            title="First paragraph",
            display="highlight",
            target=page.target(first),
            data={"words": len(page.text_of(first).split())},
        )

    @hookimpl
    def masthead_annotate(self, findings):
        yield {"kind": "count", "data": {"seen": len(findings)}}


class Raising:
    @hookimpl
    def masthead_detect(self, page):
        raise RuntimeError("detector exploded")


class Hanging:
    @hookimpl
    def masthead_detect(self, page):
        time.sleep(60)


class HangingGenerator:
    @hookimpl
    def masthead_detect(self, page):
        yield {"kind": "partial"}
        time.sleep(60)


class RaisingGenerator:
    @hookimpl
    def masthead_detect(self, page):
        yield {"kind": "partial"}
        raise KeyError("late failure")


class Garbage:
    @hookimpl
    def masthead_detect(self, page):
        return 42


class HalfGarbage:
    @hookimpl
    def masthead_detect(self, page):
        return [
            {"kind": "fine"},
            {"kind": "Not A Kind"},
            {"kind": "link", "links": [{"href": "javascript:alert(1)"}]},
        ]


class Mutating:
    @hookimpl
    def masthead_detect(self, page):
        for p in page.body.iter("p"):
            p.getparent().remove(p)
            break
        return [{"kind": "after-mutation"}]


@pytest.fixture
def host() -> PluginHost:
    host = PluginHost(enabled=[], timeout=0.5, max_timeouts=2)
    for name, plugin in [
        ("healthy", Healthy()),
        ("raising", Raising()),
        ("hanging", Hanging()),
        ("garbage", Garbage()),
        ("half", HalfGarbage()),
        ("a-mutating", Mutating()),
        ("hanging-gen", HangingGenerator()),
        ("raising-gen", RaisingGenerator()),
    ]:
        host.register(plugin, name)
    return host.start()


HTML = "<html><body><article><p>One two three four.</p><p>Five six.</p></article></body></html>"


def test_failing_plugins_are_reported_and_healthy_results_arrive(host, serve_app):
    server = serve_app(create_app(Config(cache_entries=0), host=host))
    status, doc, _ = http(
        "POST", server.url + "/api/v1/analyze", {"url": "https://example.org/story", "html": HTML}
    )
    assert status == 200, doc
    runs = {p["name"]: p for p in doc["plugins"]}
    assert runs["healthy"]["status"] == "ok" and runs["healthy"]["error"] is None
    assert runs["raising"]["status"] == "error"
    assert "detector exploded" in runs["raising"]["error"]
    assert runs["hanging"]["status"] == "timeout"
    assert runs["garbage"]["status"] == "invalid" and "int" in runs["garbage"]["error"]
    assert runs["half"]["status"] == "invalid"
    assert "kind" in runs["half"]["error"]
    # one bad link costs the link, not the annotation
    assert "annotation 2 kept, but link 0 dropped" in runs["half"]["error"]
    assert runs["a-mutating"]["status"] == "error" and "modified" in runs["a-mutating"]["error"]
    # Generators do their work when consumed: the budget and the guard cover that too.
    assert runs["hanging-gen"]["status"] == "timeout"
    assert (
        runs["raising-gen"]["status"] == "error" and "late failure" in runs["raising-gen"]["error"]
    )
    assert all(isinstance(r["ms"], float) for r in runs.values())

    kinds = {a["kind"]: a for a in doc["annotations"]}
    assert set(kinds) == {"first-paragraph", "fine", "link", "count"}
    assert kinds["link"]["links"] == []
    first = kinds["first-paragraph"]
    assert first["id"] == "healthy/first-paragraph/0" and first["plugin"] == "healthy"
    assert first["data"] == {"words": 4}
    quote = next(s for s in first["target"]["selectors"] if s["type"] == "TextQuoteSelector")
    assert quote["exact"] == "One two three four."
    # "a-mutating" ran first and removed a paragraph; "healthy" still saw the page intact.
    assert kinds["count"]["data"]["seen"] == 3


def test_a_plugin_that_keeps_hanging_is_quarantined(host):
    from masthead.sdk import Page

    for _ in range(2):
        host.analyze(Page(HTML, "https://example.org/"))
    assert host.records["hanging"].status == "quarantined"
    started = time.perf_counter()
    result = host.analyze(Page(HTML, "https://example.org/"))
    assert time.perf_counter() - started < 0.4  # no longer waited for
    assert result.runs.get("hanging") is None
    assert any(a.kind == "first-paragraph" for a in result.annotations)


def test_allow_list_chooses_plugins():
    assert PluginHost(enabled=[]).start().active == []
    only = PluginHost(enabled=["attribution"]).start()
    assert [r.name for r in only.active] == ["attribution"]
    assert only.records["promo"].status == "disabled"


class ReadsMeta:
    @hookimpl
    def masthead_detect(self, page):
        return [{"kind": "site-name", "text": page.meta.first("og:site_name")}]


class ReadsText:
    @hookimpl
    def masthead_detect(self, page):
        return [{"kind": "words", "data": {"n": len(page.text.split())}}]


def test_a_failing_view_costs_its_readers_not_the_request(serve_app, monkeypatch):
    """page.meta raising (any error, once) fails the plugins that read it and leaves the page
    facts empty but named; a plugin that never reads it is untouched."""
    import masthead.sdk.page as page_module

    calls = []

    def broken(root, url, resolve=None):
        calls.append(url)
        raise RecursionError("maximum recursion depth exceeded")

    monkeypatch.setattr(page_module, "read_metadata", broken)
    host = PluginHost(enabled=[])
    host.register(ReadsMeta(), "reads-meta")
    host.register(ReadsText(), "reads-text")
    server = serve_app(create_app(Config(cache_entries=0), host=host.start()))
    status, doc, _ = http(
        "POST", server.url + "/api/v1/analyze", {"url": "https://example.org/", "html": HTML}
    )
    assert status == 200, doc
    runs = {p["name"]: p for p in doc["plugins"]}
    assert runs["reads-meta"]["status"] == "error"
    assert "page.meta could not be computed (RecursionError)" in runs["reads-meta"]["error"]
    assert runs["reads-text"]["status"] == "ok"
    assert [a["kind"] for a in doc["annotations"]] == ["words"]
    assert doc["page"]["cut"] == ["page.meta could not be computed (RecursionError)"]
    assert doc["page"]["domain"] == "example.org"
    assert len(calls) == 1  # computed once, the failure cached for every reader


class SlowIterable:
    """Iterable but not an iterator: its work happens when the host consumes it."""

    @hookimpl
    def masthead_detect(self, page):
        class Lazy:
            def __iter__(self):
                time.sleep(60)
                yield {"kind": "never"}

        return Lazy()


def test_a_lazy_iterable_is_consumed_inside_the_budget():
    host = PluginHost(enabled=[], timeout=0.3)
    host.register(SlowIterable(), "lazy")
    host.register(Healthy(), "healthy")
    host.start()
    from masthead.sdk import Page

    started = time.perf_counter()
    result = host.analyze(Page(HTML, "https://example.org/"))
    assert time.perf_counter() - started < 2
    assert result.runs["lazy"].status == "timeout"
    assert any(a.kind == "first-paragraph" for a in result.annotations)


class SometimesSlow:
    """Slow only on pages that say so: a heavy page, not a broken plugin."""

    @hookimpl
    def masthead_detect(self, page):
        if "heavy" in page.text:
            time.sleep(0.5)
        return [{"kind": "seen"}]


def test_heavy_pages_pause_a_plugin_for_a_while_not_for_good():
    from masthead.sdk import Page

    host = PluginHost(enabled=[], timeout=0.2, max_timeouts=2, timeout_window=30, cooldown=0.5)
    host.register(SometimesSlow(), "slow")
    host.start()
    heavy, light = "<p>heavy</p>", "<p>light</p>"
    host.analyze(Page(heavy, "https://example.org/"))
    assert host.records["slow"].status == "loaded"  # one timeout in the window: still on
    host.analyze(Page(heavy, "https://example.org/"))
    assert host.records["slow"].status == "quarantined"
    assert host.analyze(Page(light, "https://example.org/")).runs.get("slow") is None
    time.sleep(0.8)  # cool-down passed and the overrunning calls have ended: a trial call
    result = host.analyze(Page(light, "https://example.org/"))
    assert result.runs["slow"].status == "ok"
    assert host.records["slow"].status == "loaded"
    assert host.records["slow"].breaker.state == "closed"


class Sleeps:
    def __init__(self, seconds: float) -> None:
        self.seconds = seconds

    @hookimpl
    def masthead_detect(self, page):
        time.sleep(self.seconds)
        return [{"kind": "slept"}]


def test_the_request_deadline_bounds_every_plugin_and_names_what_did_not_finish(serve_app):
    host = PluginHost(enabled=[], timeout=5)
    # pluggy calls the most recently registered first: a-slow, b-slow, c-healthy
    host.register(Healthy(), "c-healthy")
    host.register(Sleeps(0.6), "b-slow")
    host.register(Sleeps(0.6), "a-slow")
    seconds, doc, runs = analyze_with_deadline(serve_app, host, 1.0, HTML)
    assert seconds < 1.8
    assert runs["a-slow"]["status"] == "ok"  # finished in time: returned
    assert runs["b-slow"]["status"] == "timeout"
    assert "request deadline" in runs["b-slow"]["error"]
    assert runs["c-healthy"]["status"] == "timeout"
    assert "not run: the request deadline had passed" in runs["c-healthy"]["error"]
    assert [a["kind"] for a in doc["annotations"]] == ["slept"]
    # the request's deadline, not the plugin, ran out: nothing counts against its breaker
    assert host.records["b-slow"].timeouts == 0
    assert host.records["b-slow"].status == "loaded"


TAMPER_HTML = (
    "<html><head><meta property='og:site_name' content='Honest Herald'>"
    "<link rel='canonical' href='https://honest.example/story'></head>"
    "<body><article><p>By Jane Roe</p><p>One two three four.</p></article></body></html>"
)


class RetitlesText:
    """Keeps the tree's shape (the old node-count check passed it) and changes its text."""

    @hookimpl
    def masthead_detect(self, page):
        page.body.find(".//p").text = "By Tampered News"
        return [{"kind": "retitled"}]


class RewritesAttributes:
    @hookimpl
    def masthead_detect(self, page):
        for el in page.root.iter("meta", "link"):
            el.set("content" if el.tag == "meta" else "href", "https://tampered.example/")
        return [{"kind": "rewritten"}]


class SetsUrl:
    @hookimpl
    def masthead_detect(self, page):
        page.url = "https://tampered.example/story"
        return [{"kind": "moved"}]


class ReplacesView:
    @hookimpl
    def masthead_detect(self, page):
        page.meta = None
        return [{"kind": "replaced"}]


class Reader:
    @hookimpl
    def masthead_detect(self, page):
        yield {
            "kind": "seen",
            "data": {
                "domain": page.domain,
                "site": page.meta.first("og:site_name"),
                "canonical": page.meta.canonical,
                "first": page.text_of(page.body.find(".//p")),
            },
        }


@pytest.mark.parametrize(
    ("plugin", "error"),
    [
        (RetitlesText(), "masthead_detect modified the shared page; its output was discarded"),
        (
            RewritesAttributes(),
            "masthead_detect modified the shared page; its output was discarded",
        ),
        (SetsUrl(), "Page.url is read-only"),
        (ReplacesView(), "Page.meta is read-only"),
    ],
)
def test_a_plugin_cannot_change_what_later_plugins_see(plugin, error, serve_app):
    host = PluginHost(enabled=[])
    host.register(Reader(), "reader")  # registered first: pluggy calls it last
    host.register(plugin, "tamperer")
    server = serve_app(create_app(Config(cache_entries=0), host=host.start()))
    status, doc, _ = http(
        "POST",
        server.url + "/api/v1/analyze",
        {"url": "https://honest.example/story", "html": TAMPER_HTML},
    )
    assert status == 200, doc
    runs = {p["name"]: p for p in doc["plugins"]}
    assert runs["tamperer"]["status"] == "error" and error in runs["tamperer"]["error"]
    assert runs["reader"]["status"] == "ok"
    seen = next(a for a in doc["annotations"] if a["kind"] == "seen")["data"]
    assert seen == {
        "domain": "honest.example",
        "site": "Honest Herald",
        "canonical": "https://honest.example/story",
        "first": "By Jane Roe",
    }
    assert [a["kind"] for a in doc["annotations"]] == ["seen"]
    assert doc["page"]["domain"] == "honest.example" and doc["page"]["site_name"] == "Honest Herald"
    assert "tampered" not in json.dumps(doc).lower().replace("tamperer", "")

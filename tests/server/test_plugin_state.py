"""Plugins keep no module-level state: each host has its own plugin instances, and what a plugin
works out about a page lives on the page (`Page.memo`)."""

from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

from masthead.sdk import Page, Settings, hookimpl
from masthead.server.host import PluginHost

PAGE = """<html><body><article><h1>Ferry extended</h1>
<p>The council voted on Tuesday to extend the harbour ferry for another year of service.</p>
<p>Passenger numbers rose for the third year running, the operator said on Wednesday.</p>
</article>
<div class="house-box"><a href="/newsletter">Our morning newsletter</a></div>
</body></html>"""


def _promo_host(tmp_path, rules: str | None) -> PluginHost:
    lists = []
    if rules is not None:
        path = tmp_path / f"list-{abs(hash(rules))}.txt"
        path.write_text(rules)
        lists = [{"path": str(path), "category": "self-promotion"}]
    settings = Settings({"promo": {"filter_lists": lists}})
    return PluginHost(enabled=["promo"], settings=settings)


def _rules(analysis) -> list[str]:
    return [a.data.get("rule", "") for a in analysis.annotations if a.kind == "promo"]


def test_two_hosts_in_one_process_keep_their_own_filter_lists(tmp_path):
    """Both started before either analyses: with one module-wide index the last start-up won."""
    listed = _promo_host(tmp_path, "##.house-box\n").start()
    bare = _promo_host(tmp_path, None).start()
    assert any(
        ".house-box" in r for r in _rules(listed.analyze(Page(PAGE, "https://example.org/")))
    )
    assert not any(_rules(bare.analyze(Page(PAGE, "https://example.org/"))))
    assert listed.records["promo"].module is not bare.records["promo"].module


def test_one_page_analysed_by_two_hosts_gets_each_hosts_answer(tmp_path):
    """The per-page memo is keyed by the plugin instance, so a page shared by two hosts does not
    hand one host's promo blocks to the other."""
    listed = _promo_host(tmp_path, "##.house-box\n").start()
    bare = _promo_host(tmp_path, None).start()
    page = Page(PAGE, "https://example.org/")
    assert any(".house-box" in r for r in _rules(listed.analyze(page)))
    assert not any(_rules(bare.analyze(page)))


class Counting:
    """Asks for the same per-page value from two hooks and several threads."""

    def __init__(self) -> None:
        self.computed = 0
        self.lock = threading.Lock()

    def paragraphs(self, page: Page) -> int:
        def compute() -> int:
            with self.lock:
                self.computed += 1
            time.sleep(0.05)  # long enough for the other threads to ask meanwhile
            return sum(1 for b in page.blocks if b.tag == "p")

        return page.memo(self, compute)

    @hookimpl
    def masthead_detect(self, page):
        return [{"kind": "paragraphs", "data": {"n": self.paragraphs(page)}}]

    @hookimpl
    def masthead_annotate(self, page):
        return [{"kind": "paragraphs-again", "data": {"n": self.paragraphs(page)}}]


def test_a_memo_is_computed_once_per_page_across_hooks_and_threads():
    plugin = Counting()
    host = PluginHost(enabled=[])
    host.register(plugin, "counting")
    host.start()
    result = host.analyze(Page(PAGE, "https://example.org/"))
    assert [a.data["n"] for a in result.annotations] == [2, 2]
    assert plugin.computed == 1  # detect computed it, annotate read it
    page = Page(PAGE, "https://example.org/")  # another page: its own value, asked at once
    with ThreadPoolExecutor(8) as pool:
        assert set(pool.map(lambda _: plugin.paragraphs(page), range(32))) == {2}
    assert plugin.computed == 2


def test_a_failed_memo_is_not_kept():
    page, calls = Page(PAGE, "https://example.org/"), []

    def flaky() -> str:
        calls.append(1)
        if len(calls) == 1:
            raise RuntimeError("first try fails")
        return "second"

    key = object()
    with pytest.raises(RuntimeError):
        page.memo(key, flaky)
    assert page.memo(key, flaky) == "second" and len(calls) == 2


class NeedsArgument:
    def __init__(self, required: str) -> None:
        self.required = required


def test_a_plugin_class_is_instantiated_per_host_and_a_broken_one_is_reported():
    host = PluginHost(enabled=[])
    record = host.register(Counting, "counting")
    other = PluginHost(enabled=[])
    assert isinstance(record.module, Counting)
    assert record.module is not other.register(Counting, "counting").module
    broken = host.register(NeedsArgument, "needs-argument")
    assert broken.status == "failed"
    assert broken.error.startswith("failed to load: TypeError")

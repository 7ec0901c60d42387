"""Reading Adblock Plus element-hiding lists: what is kept, what is counted and skipped."""

from __future__ import annotations

import lxml.html
import pytest

from masthead.plugins.promo import filters
from masthead.plugins.promo.matcher import RuleIndex
from masthead.plugins.promo.selectors import SelectorError, parse
from masthead.sdk.testing import analyze
from support import DATA

LISTS = DATA / "filter-lists"


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("##.ad-banner", "rule"),
        ("###sidebar-ad", "rule"),
        ('##a[href^="https://track.example/"] > img', "rule"),
        ("example.com,~shop.example.com##.promo", "rule"),
        ("example.com#@#.ad-banner", "exception"),
        ("! a comment", "comment"),
        ("[Adblock Plus 2.0]", "comment"),
        ("", "comment"),
        ("||ads.example.com^$third-party", "skipped"),
        ("example.com##+js(set-constant, foo, true)", "unsupported"),
        ("example.com#?#div:-abp-has(> .sponsored)", "unsupported"),
        ("example.com#$#body { overflow: auto !important; }", "unsupported"),
        ("example.com#%#window.x = 1;", "unsupported"),
        ("example.com##^script:has-text(ads)", "unsupported"),
        ("bad domain!##.x", "unsupported"),
        ("example.com##", "unsupported"),
    ],
)
def test_each_line_is_classified(line: str, kind: str) -> None:
    assert filters.parse_line(line)[0] == kind


def test_malformed_selectors_are_counted_not_raised() -> None:
    loaded = filters.FilterSet()
    for line in [
        "##.ok",
        "##div[unclosed",
        "##:has-text(Sponsored)",
        "##div:nth-child(2)",
        '##a[href="unterminated]',
        "##\\",
        "##>>>",
        "##\x00\ufffd",
        "##.also-ok",
    ]:
        loaded.add_line(line, "test")
    assert [rule.text for rule, _ in loaded.rules] == [".ok", ".also-ok"]
    assert loaded.counts["unsupported"] == 7
    assert loaded.counts["rule"] == 2


@pytest.mark.parametrize(
    "selector",
    [
        ".a.b",
        "#x > .y ~ p + span",
        'a[href^="https://x/" i]',
        "div:not(.keep):empty",
        ".\\[\\&_\\.x\\]\\:y",
        "[data-ad], .b , #c",
    ],
)
def test_selectors_in_lists_parse(selector: str) -> None:
    assert parse(selector)


@pytest.mark.parametrize("selector", ["div:hover", "a[", ":has(.x)", "", "div >"])
def test_unsupported_selectors_raise_selector_error(selector: str) -> None:
    with pytest.raises(SelectorError):
        parse(selector)


def test_loading_a_binary_file_does_not_crash(tmp_path) -> None:
    (tmp_path / "garbage.txt").write_bytes(bytes(range(256)) * 40 + b"\n##.fine\n")
    loaded = filters.load([tmp_path])
    assert loaded.counts["files"] == 1
    assert [rule.text for rule, _ in loaded.rules] == [".fine"]


def test_missing_paths_are_reported_and_skipped(tmp_path, caplog) -> None:
    loaded = filters.load([tmp_path / "nope.txt"])
    assert not loaded.rules
    assert "not found" in caplog.text


def test_the_shared_lists_load_with_counts() -> None:
    loaded = filters.load([LISTS / "easylist_general_hide.txt"])
    assert loaded.counts["rule"] > 13_000
    assert loaded.counts["unsupported"] < 50
    assert {rule.category for rule, _ in loaded.rules} == {"advertisement"}


def test_list_categories_come_from_the_file_name_or_the_operator(tmp_path) -> None:
    (tmp_path / "my-cookie-list.txt").write_text("##.consent-box\n")
    (tmp_path / "house.txt").write_text("##.house-promo\n")
    assert filters.load([tmp_path / "my-cookie-list.txt"]).rules[0][0].category == "cookie-notice"
    custom = filters.load([{"path": str(tmp_path / "house.txt"), "category": "self-promotion"}])
    assert custom.rules[0][0].category == "self-promotion"


def _hidden(lines: list[str], html: str, host: str) -> set[str]:
    loaded = filters.FilterSet()
    for line in lines:
        loaded.add_line(line, "test")
    root = lxml.html.document_fromstring(html)
    return {el.get("id") for el, _ in RuleIndex(loaded).matches(root, host)}


PAGE = """<html><body>
<div id="one" class="ad-box"></div><div id="two" class="promo"></div>
<div id="three" class="site-ad"></div></body></html>"""


def test_site_rules_apply_on_their_domains_and_subdomains_only() -> None:
    lines = ["example.com,~shop.example.com##.promo"]
    assert _hidden(lines, PAGE, "www.example.com") == {"two"}
    assert _hidden(lines, PAGE, "shop.example.com") == set()
    assert _hidden(lines, PAGE, "example.org") == set()


def test_exceptions_lift_a_generic_rule_on_their_site() -> None:
    lines = ["##.ad-box", "##.site-ad", "example.com#@#.ad-box"]
    assert _hidden(lines, PAGE, "news.example.com") == {"three"}
    assert _hidden(lines, PAGE, "example.net") == {"one", "three"}


def test_a_generic_exception_lifts_the_rule_everywhere() -> None:
    assert _hidden(["##.ad-box", "#@#.ad-box"], PAGE, "example.net") == set()


def test_startup_logs_what_it_loaded(tmp_path, caplog) -> None:
    (tmp_path / "mine.txt").write_text("##.ok\nexample.com#@#.ok\n##+js(noop)\n||ads.example^\n")
    caplog.set_level("INFO", logger="masthead.plugins.promo")
    settings = {"promo": {"filter_lists": [str(tmp_path)]}}
    result = analyze("<html><body><p>x</p></body></html>", plugins=["promo"], settings=settings)
    assert not result.errors
    assert "1 hiding rules and 1 exceptions loaded from 1 files" in caplog.text
    assert "1 unsupported and 1 non-hiding lines skipped" in caplog.text

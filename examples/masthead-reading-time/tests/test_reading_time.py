"""The reading-time plugin on pages written for these tests, run the way the server runs it."""

import pytest
from masthead_reading_time import ReadingTime, count_words

from masthead.sdk.testing import analyze

URL = "https://news.example.org/2024/harbour-ferry"
SENTENCE = "The council voted on Tuesday to extend the harbour ferry. "  # ten words


def page(paragraphs: int, sentences: int = 6, lang: str = "en", sentence: str = SENTENCE) -> str:
    body = "".join(f"<p>{sentence * sentences}</p>" for _ in range(paragraphs))
    menu = "".join(f'<li><a href="/s{i}">Section number {i} news</a></li>' for i in range(40))
    return f"""<!doctype html><html lang="{lang}"><head><title>Ferry</title></head><body>
      <nav><ul>{menu}</ul></nav>
      <header><h1>Council extends the harbour ferry for another year</h1></header>
      <article id="story">{body}</article>
      <aside><h2>Most read</h2><p>A completely different story about the weather this week.</p>
      </aside><footer><p>Copyright Example News. All rights reserved, everywhere, always.</p>
      </footer></body></html>"""


def badge(result):
    assert not result.errors, result.errors
    badges = result.of_kind("reading-time")
    assert len(badges) <= 1
    return badges[0] if badges else None


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("Don't panic: the well-known U.S. figure rose 3,000 times.", 9),
        ("  one\ttwo\nthree  ", 3),
        ("— … !!! ---", 0),
        ("東京は晴れ。", 5),
        ("Masthead は便利です", 6),
    ],
)
def test_counts_words_and_cjk_characters(text, words):
    assert count_words(text).total == words


def test_badge_counts_the_article_not_the_menu_or_footer():
    found = badge(analyze(page(5), URL, plugins=[ReadingTime]))
    assert found.display == "badge"
    assert found.data == {"words": 300, "minutes": 2}  # 300 / 238 words a minute, rounded up
    assert found.title == "2 min read"
    assert found.target.selector("CssSelector")["value"] == "#story"


def test_operator_sets_the_reading_speed():
    settings = {"reading-time": {"words_per_minute": 100}}
    found = badge(analyze(page(5), URL, plugins=[ReadingTime], settings=settings))
    assert found.data["minutes"] == 3


def test_a_bad_setting_stops_the_plugin_at_startup_with_a_reason():
    settings = {"reading-time": {"words_per_minute": "fast"}}
    result = analyze(page(5), URL, plugins=[ReadingTime], settings=settings)
    assert not result.annotations
    (error,) = result.errors.values()
    assert "words_per_minute must be a positive number" in error


def test_no_badge_on_a_short_page():
    assert badge(analyze(page(1, sentences=2), URL, plugins=[ReadingTime])) is None


def test_japanese_article_counts_characters():
    sentence = "東京は晴れ。港のフェリーは来年も運航する。"  # 19 characters that count
    html = page(10, sentences=2, lang="ja", sentence=sentence)
    found = badge(analyze(html, URL, plugins=[ReadingTime]))
    assert found.data == {"words": 380, "minutes": 2}  # 380 / 300 characters a minute


@pytest.mark.parametrize(
    "html",
    ["", "   ", "<<<>>>", "<p>unclosed <b>bold <i>italic", "<html><body></body></html>"],
)
def test_bad_or_empty_pages_are_quietly_skipped(html):
    assert badge(analyze(html, URL, plugins=[ReadingTime])) is None


def test_fixture_registers_the_plugin_for_one_test(masthead_plugin):
    masthead_plugin(ReadingTime)
    assert badge(analyze(page(5), URL, plugins=[])) is not None


def test_installed_entry_point_is_found_by_name():
    found = badge(analyze(page(5), URL, plugins=["reading-time"]))
    assert found is not None, "not installed? run: pip install -e '.[test]'"
    assert found.plugin == "reading-time"


def test_a_huge_article_is_counted_within_the_time_budget():
    found = badge(analyze(page(2000), URL, plugins=[ReadingTime], timeout=5))
    assert found.data == {"words": 120_000, "minutes": 505}  # 120,000 / 238, rounded up

"""Copies of indexed corpus articles are linked to their origin; look-alikes are not."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from masthead.sdk.page import Page
from masthead.server.origins import OriginRecord
from origin_copies import (
    BOILERPLATE,
    COPIES,
    ORIGINS,
    REPORT_A,
    REPORT_B,
    Origins,
    article,
    corpus,
    excerpt,
    quoting,
    template,
)


@pytest.mark.parametrize("key", ORIGINS)
@pytest.mark.parametrize("variant", COPIES)
def test_copy_is_linked_to_its_origin(origins: Origins, key: str, variant: str) -> None:
    origin = article(key)
    title, paragraphs = COPIES[variant](origin)
    found = origins.text_origin(
        template("Daily Echo", title, paragraphs), f"https://daily-echo.example/{variant}/{key}"
    )
    if found is None:  # a wire story's dateline makes it one republication notice instead
        (notice,) = origins.notices(template("Daily Echo", title, paragraphs), "https://e.example/")
        data = notice["data"]["text_origin"]
    else:
        data = found["data"]
        assert found["links"][0]["href"] == origin.url
    assert data["origin_url"] == origin.url
    assert data["containment"] >= 0.5
    if variant == "excerpt":
        assert data["variant"] == "excerpt" and data["reverse_containment"] < 0.6
    if variant in ("full", "reordered"):
        assert data["variant"] in ("full", "excerpt") and data["containment"] >= 0.9


def test_a_page_one_third_its_own_is_a_partial_copy(origins: Origins) -> None:
    """Two thirds of the page from the origin, a third running text of its own (another
    article, not indexed): still linked, with the variant and both shares saying so."""
    origin = article("uk__BBC_2024_08_01")
    taken = excerpt(origin.paragraphs, 0.7)
    own_text = article("uk__DailyStar_2026_04_20").paragraphs
    words = sum(len(p.split()) for p in taken)
    own = excerpt(own_text, min(1.0, 0.5 * words / sum(len(p.split()) for p in own_text)))
    page = template("Daily Echo", "A headline of our own", [*taken[:2], *own, *taken[2:]])
    found = origins.text_origin(page, "https://daily-echo.example/partial")
    assert found is not None and found["data"]["origin_url"] == origin.url
    data = found["data"]
    assert data["variant"] == "partial", data
    assert 0.5 <= data["containment"] < 0.8 and data["reverse_containment"] < 0.9
    assert f"{round(100 * data['containment'])}% of its text matches" in found["title"]


def test_notice_data_and_wording(origins: Origins) -> None:
    origin = article("ca__CBCNews_2024_08_08")
    copy = template("Daily Echo", "Talks resume", origin.paragraphs, "2024-08-09T10:00:00+00:00")
    found = origins.text_origin(copy, "https://daily-echo.example/talks")
    assert found is not None
    data = found["data"]
    assert found["display"] == "banner" and found["severity"] == "notice"
    assert data["origin_domain"] == "cbc.ca" and data["origin_outlet"] == "CBC"
    assert data["origin_published"].startswith("2024-08-08")
    assert data["page_published"].startswith("2024-08-09")
    assert 0 < data["seconds_between"] < 2 * 86400
    assert found["title"].startswith(
        "The text of this article appeared earlier on cbc.ca (8 August 2024, one day before): "
    )
    assert found["title"].endswith("% of its text matches.")
    assert "Crown corporation" in found["text"]  # the registry's sourced facts
    assert [f["fact"] for f in data["facts"]]


def test_a_page_published_before_the_indexed_article_is_not_its_copy(origins: Origins) -> None:
    origin = article("ca__CBCNews_2024_08_08")
    earlier = template("Daily Echo", origin.title, origin.paragraphs, "2024-08-01T10:00:00+00:00")
    assert origins.text_origin(earlier, "https://daily-echo.example/earlier") is None


def test_the_same_site_is_never_its_own_origin(origins: Origins) -> None:
    origin = article("uk__BBC_2024_08_01")
    assert origins.text_origin(origin.html, origin.url.replace("www.bbc", "news.bbc")) is None


def test_wire_origin_is_called_wire_copy(origins: Origins) -> None:
    origin = article("us__APNews_2024_09_03")
    # Without the dateline a copying site usually drops, nothing on the page names AP.
    paragraphs = [p.split("(AP) — ", 1)[-1] for p in origin.paragraphs]
    notices = origins.notices(template("Daily Echo", "News", paragraphs), "https://e.example/ap")
    texts = [n for n in notices if n["kind"] == "text-origin"]
    assert len(texts) == 1 and texts[0]["title"].startswith(
        "Wire copy: this text appeared earlier from Associated Press"
    )
    assert texts[0]["data"]["relation"] == "wire"
    assert texts[0]["presentation"] == "notice"


def test_sister_title_is_named_as_such(origins: Origins) -> None:
    source = article("uk__Metro_2024_11_29")
    origins.add("uk__Metro_2024_11_29", "https://www.livescience.com/planet-earth/an-article")
    try:
        copy = template("Space.com", source.title, source.paragraphs)
        found = origins.text_origin(copy, "https://www.space.com/an-article")
        assert found is not None
        assert found["title"].startswith(
            "From a sister title: this text appeared earlier on livescience.com"
        )
        assert "also owned by Future plc" in found["title"]
        assert found["data"]["relation"] == "sister-title"
    finally:
        origins.index.store.forget(url="https://www.livescience.com/planet-earth/an-article")


def test_credit_line_and_text_match_are_one_notice(origins: Origins, seed_html: str) -> None:
    paragraphs = origins.host.article(Page(seed_html, "https://21stcenturywire.com/x")).paragraphs
    rt_url = "https://www.rt.com/news/576000-china-nato-japan/"
    origins.index.add(
        OriginRecord(
            rt_url,
            "RT",
            "Can China rebuff NATO",
            datetime(2023, 5, 11, 8, tzinfo=UTC),
        ),
        paragraphs,
    )
    try:
        notices = origins.notices(seed_html, "https://21stcenturywire.com/2023/05/12/can-china/")
        assert [n["kind"] for n in notices] == ["republication"]
        (notice,) = notices
        kinds = [e["kind"] for e in notice["data"]["evidence"]]
        assert "credit-line" in kinds and "text-origin" in kinds
        assert notice["data"]["text_origin"]["origin_url"] == rt_url
    finally:
        origins.index.store.forget(url=rt_url)


# -- hard negatives ---------------------------------------------------------------------------
def test_another_article_of_the_same_site_shares_only_boilerplate(origins: Origins) -> None:
    """Two Daily Star articles share the site's whole template; only the article text counts."""
    other = article("uk__DailyStar_2026_04_20")
    assert other.publisher == article("uk__DailyStar_2024_04_23").publisher
    assert origins.text_origin(other.html, "https://mirror.example.net/daily-star") is None


@pytest.mark.parametrize("key", ORIGINS[:4])
def test_an_article_quoting_two_paragraphs_is_not_a_copy(origins: Origins, key: str) -> None:
    own = next(
        a
        for k, a in corpus().items()
        if k.startswith("us__") and k not in ORIGINS and a.words > 500
    )
    page = template("Daily Echo", own.title, quoting(own.paragraphs, article(key).paragraphs))
    assert origins.text_origin(page, "https://daily-echo.example/quoting") is None


def test_independent_reports_of_one_event_are_not_copies(origins: Origins) -> None:
    url = "https://marlow-gazette.example/flood"
    origins.index.add(OriginRecord(url, "Marlow Gazette"), list(REPORT_A))
    try:
        report = template("Valley News", "Floods in Marlow Vale", REPORT_B)
        assert origins.text_origin(report, "https://valley-news.example/floods") is None
        same = template("Valley News", "Floods in Marlow Vale", REPORT_A)  # and the control
        assert (
            origins.text_origin(same, "https://valley-news.example/copied")["data"]["origin_url"]
            == url
        )
    finally:
        origins.index.store.forget(url=url)


def test_shared_boilerplate_sentences_do_not_count(origins: Origins) -> None:
    url = "https://site-a.example/report"
    origins.index.add(OriginRecord(url), [*REPORT_A[:2], *BOILERPLATE * 3])
    try:
        other = template("Site B", "Notes", [REPORT_B[0], *BOILERPLATE, *BOILERPLATE])
        assert origins.text_origin(other, "https://site-b.example/notes") is None
    finally:
        origins.index.store.forget(url=url)

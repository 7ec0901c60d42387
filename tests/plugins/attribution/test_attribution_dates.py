"""Publication dates: ISO 8601 with the page's time zone, whatever format the page wrote, and
where the date came from; relative phrasings in several languages are no date."""

from __future__ import annotations

import json

import pytest
from attribution_pages import page, run

from masthead.plugins.attribution.dates import parse_date


@pytest.mark.parametrize(
    ("written", "iso"),
    [
        ("2024-03-01T08:00:00+01:00", "2024-03-01T08:00:00+01:00"),
        ("2024-03-01T08:00:00Z", "2024-03-01T08:00:00Z"),
        ("2024-04-25 14:07", "2024-04-25T14:07:00"),
        ("2024-04-25T14:07:00+0200", "2024-04-25T14:07:00+02:00"),
        ("2024-04-25", "2024-04-25"),
        ("1750680000000", "2025-06-23T12:00:00+00:00"),
        ("Fri, 28 Apr 2023 19:20:36 +0200", "2023-04-28T19:20:36+02:00"),
        ("Fri Apr 28 19:20:36 CEST 2023", "2023-04-28T19:20:36+02:00"),
        ("28.04.2023 19:20", "2023-04-28T19:20:00"),
    ],
)
def test_dates_in_the_formats_pages_write(written: str, iso: str) -> None:
    assert parse_date(written) == iso


@pytest.mark.parametrize(
    "written",
    ["yesterday", "vor 2 Stunden", "hace 3 horas", "il y a 2 heures", "2 ore fa", "3日前",
     "0301234567", "2999-01-01T00:00:00Z", "", "Updated"],
)  # fmt: skip
def test_relative_or_impossible_dates_are_none(written: str) -> None:
    assert parse_date(written) is None


def published(html: str, url: str = "https://www.gazette.example.com/news/story") -> dict:
    found = run(html, url).of_kind("published")
    assert len(found) == 1
    return found[0].data


def test_the_articles_json_ld_date_comes_first_and_says_so() -> None:
    ld = {"@type": "WebPage", "mainEntity": {"@type": "NewsArticle",
          "datePublished": "2024-05-03T15:47:42+02:00"}}  # fmt: skip
    head = (
        f'<script type="application/ld+json">{json.dumps(ld)}</script>'
        '<meta property="article:published_time" content="2024-05-04T09:00:00+02:00">'
    )
    assert published(page("", head=head)) == {
        "date": "2024-05-03T15:47:42+02:00",
        "source": "json-ld datePublished",
    }


def test_a_time_element_when_the_head_says_nothing() -> None:
    body = '<p class="meta"><time datetime="2023-11-02T07:30:00-05:00">Nov 2</time></p>'
    assert published(page(body)) == {"date": "2023-11-02T07:30:00-05:00", "source": "time element"}


def test_without_metadata_the_date_is_read_by_htmldate() -> None:
    data = published(page(""), "https://www.gazette.example.com/2021/07/14/story/")
    assert data == {"date": "2021-07-14", "source": "htmldate"}


def test_a_page_with_no_date_anywhere_has_none() -> None:
    assert run(page("<p>Undated notes.</p>")).of_kind("published") == []

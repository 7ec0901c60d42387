"""The comparisons bench/quality.py scores with, pinned down both ways."""

from __future__ import annotations

from quality_metric import (
    byline_scores,
    inside_body,
    paragraph_scores,
    same_day,
    same_site_name,
    same_title,
)


def test_names_compare_as_sets_ignoring_case_by_and_spacing() -> None:
    assert byline_scores(["Jane Roe", "Ali Veli"], ["By  JANE ROE", "ali veli"]) == (True, 1, 1)
    assert byline_scores(["Jane Roe"], ["Von Jane Roe"])[0]
    exact, precision, recall = byline_scores(["Jane Roe", "Ali Veli"], ["Jane Roe", "Bo Li"])
    assert not exact and precision == 0.5 and recall == 0.5
    assert byline_scores(["Jane Roe"], []) == (False, 0.0, 0.0)
    # a name that starts with the letters of "by" is not a "By" prefix
    assert not byline_scores(["Byron Tau"], ["Tau"])[0]


def test_dates_match_by_day_as_written_or_in_utc() -> None:
    assert same_day("2024-05-03 15:47:42+00:00", "2024-05-03T17:47:42+02:00")
    assert same_day("2024-05-03 23:30:00+00:00", "2024-05-04T01:30:00+02:00")
    assert same_day("2024-05-03", "2024-05-03T09:00:00Z")
    assert not same_day("2024-05-03 12:00:00+00:00", "2024-05-04T12:00:00+00:00")
    assert not same_day("2024-05-03", None)
    assert not same_day("2024-05-03", "yesterday")


def test_paragraphs_found_by_their_words_in_order() -> None:
    body = ["First paragraph, with words.", "Second one here."]
    assert paragraph_scores(body, "First paragraph with words\nSecond one — here") == (1.0, 1.0)
    precision, recall = paragraph_scores(body, "First paragraph, with words.\nSubscribe now")
    assert (precision, recall) == (0.5, 0.5)
    assert paragraph_scores(body, "") == (0.0, 0.0)
    # words out of order are not the paragraph
    assert paragraph_scores(["one two three"], "three two one")[1] == 0.0


def test_collapsed_block_inside_the_body() -> None:
    body = "The council voted on Tuesday to close the old bridge for repairs."
    assert inside_body("voted on Tuesday to close the old bridge", body)
    assert not inside_body("Subscribe to our newsletter for daily news", body)
    assert not inside_body("the old bridge", body)  # too short to say


def test_site_names_and_titles() -> None:
    assert same_site_name("DerStandard", "derStandard.at")
    assert same_site_name("The Guardian", "Guardian")
    assert not same_site_name("Welt", "Die Zeit")
    assert not same_site_name("AP", "")
    assert same_title(
        "Nach Kalifat-Rufen: Sind wir zu sanft?", "Nach Kalifat Rufen — sind wir zu sanft"
    )
    assert not same_title("Headline", "Headline | Site")

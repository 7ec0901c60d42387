"""Wire datelines and bylines naming a news agency, and the pages where they mean nothing."""

from __future__ import annotations

import pytest
from attribution_pages import FILLER, page, provenance, run

STORY = (
    "officials said on Monday that the new rules would take effect next month across the region."
)

DATELINES = [
    (f"BERLIN (Reuters) - {STORY}", ["Reuters"]),
    (f"(Reuters) - {STORY}", ["Reuters"]),
    (f"PARIS (AFP) – {STORY}", ["Agence France-Presse"]),
    (f"Berlin (dpa) - {STORY}", ["dpa"]),
    (f"MADRID, 5 may (EFE).- {STORY}", ["EFE"]),
    (f"WASHINGTON, Nov. 3 (UPI) -- {STORY}", ["United Press International"]),
    (f"TOKYO (Kyodo) -- {STORY}", ["Kyodo News"]),
    (f"ROMA (ANSA) - {STORY}", ["ANSA"]),
    (f"Wien (APA) - {STORY}", ["APA"]),
    (f"LITTLE ROCK, Ark. (AP) — {STORY}", ["Associated Press"]),
    (f"LONDON (AP/Reuters) — {STORY}", ["Associated Press", "Reuters"]),
    (f"ANKARA (AA) - {STORY}", ["Anadolu Agency"]),
    (f"Genf (sda/dpa) - {STORY}", ["Keystone-SDA", "dpa"]),
]


@pytest.mark.parametrize(("paragraph", "outlets"), DATELINES, ids=lambda v: str(v)[:30])
def test_dateline_names_the_agency(paragraph, outlets):
    found = run(page(f"<p>{paragraph}</p>")).of_kind("wire-dateline")
    assert len(found) == 1
    assert found[0].data["outlets"] == outlets
    assert found[0].data["outlet"] == outlets[0]
    assert found[0].data["via"] == "dateline"
    assert found[0].data["domain"]
    assert paragraph.startswith(found[0].target.exact)


@pytest.mark.parametrize(
    "paragraph",
    [
        f"(AP Photo/Evan Vucci) {STORY}",
        f"The president told the Associated Press (AP) - in an interview - that {STORY}",
        f"(Watch the video) - {STORY}",
        f"NEW YORK (CNBC) - {STORY}",
        f"SEATTLE (KOMO) — {STORY}",
        f"In a statement (AP) the agency said {STORY}",
    ],
)
def test_not_a_wire_dateline(paragraph):
    assert run(page(f"<p>{paragraph}</p>")).of_kind("wire-dateline") == []


def test_agency_on_its_own_site_is_not_a_republication():
    html = page(f"<p>WASHINGTON (AP) — {STORY}</p>", site_name="AP News")
    assert provenance(run(html, "https://apnews.com/article/some-story-123")) == []
    html = page(f"<p>(Reuters) - {STORY}</p>", site_name="Reuters")
    assert provenance(run(html, "https://www.reuters.com/world/some-story/")) == []


def test_datelines_of_other_stories_elsewhere_on_the_page_do_not_count():
    teasers = "".join(
        f"<li><a href='/other/{i}'>BIRMINGHAM, Ala. (AP) -- Another story number {i} ...</a></li>"
        for i in range(3)
    )
    body = "".join(f"<p>{FILLER} Paragraph {i}.</p>" for i in range(60))
    html = page(body).replace("<footer>", f"<aside><ul>{teasers}</ul></aside><footer>")
    assert run(html).of_kind("wire-dateline") == []


@pytest.mark.parametrize(
    ("byline", "outlet"),
    [
        ("By Jane Doe, Associated Press", "Associated Press"),
        ("By JANE DOE and JOHN ROE Associated Press", "Associated Press"),
        ("Jane Doe, AP Sports Writer", "Associated Press"),
        ("By Jane Doe - Reuters - Friday, April 28, 2023", "Reuters"),
        ("By REUTERS", "Reuters"),
        ("Von Jane Doe, dpa", "dpa"),
    ],
)
def test_byline_naming_an_agency(byline, outlet):
    html = page(f"<p class='byline'>{byline}</p>")
    found = run(html).of_kind("wire-dateline")
    assert [w.data["outlet"] for w in found] == [outlet]
    assert found[0].data["via"] == "byline"


def test_meta_author_naming_an_agency():
    html = page("", head='<meta name="author" content="AP">')
    found = run(html).of_kind("wire-dateline")
    assert [w.data["outlet"] for w in found] == ["Associated Press"]
    assert "head > meta" in found[0].target.selector("CssSelector")["value"]


def test_person_whose_name_contains_an_agency_code_is_not_an_agency():
    html = page("<p class='byline'>By Apu Nahasapeemapetilon and Aaron Paul</p>")
    assert run(html).of_kind("wire-dateline") == []


def test_author_biography_mentioning_an_agency_is_not_a_wire_byline():
    bio = "<div class='author-bio'>Jane Doe is a former AP reporter and the author of a book.</div>"
    assert run(page(f"<p class='byline'>By Jane Doe</p>{bio}")).of_kind("wire-dateline") == []


def test_source_line_of_a_teaser_far_below_the_article_does_not_count():
    teasers = "".join(
        f"<div class='teaser'><p>Another story {i}. Quelle: dpa</p></div>" for i in range(3)
    )
    body = "".join(f"<p>{FILLER} Paragraph {i}.</p>" for i in range(5))
    widgets = "".join(f"<div class='widget'>Widget {i}</div>" for i in range(15))
    html = page(body).replace("<footer>", f"{widgets}{teasers}<footer>")
    assert provenance(run(html)) == []

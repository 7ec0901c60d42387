"""The built-in plugins word their findings in the reader's language (`page.reader_language`),
with the server's own host and outlet registry; the page's own language does not decide it."""

from __future__ import annotations

import pytest

from masthead.plugins.attribution.phrases import PHRASES as ATTRIBUTION
from masthead.plugins.promo.labels import LABELS as PROMO
from masthead.plugins.republication.phrases import PHRASES as REPUBLICATION
from masthead.sdk import LANGUAGES, Annotation, Page
from masthead.server.app import build_host
from masthead.server.config import Config

URL = "https://coastline.example/2024/03/harbour-cranes"
ARTICLE = """<html lang="{lang}"><head><title>Harbour cranes return | Coastline Courier</title>
<meta property="og:site_name" content="Coastline Courier">
<meta property="article:published_time" content="2024-03-14T09:00:00Z"></head>
<body><article><h1>Harbour cranes return to the old port</h1>
<p class="byline">By Anna Berg</p>
<p>The cranes came back on Tuesday after a winter away, the harbour master said in a statement.
Workers unloaded the first ship within hours, and the port would stay open late all week.</p>
<p>Critics say the plan will cost more than it saves. It is well known that the port loses money
every winter.</p>
<div class="newsletter-signup"><p>Get the newsletter with the day's harbour news in your inbox
every morning.</p><a href="/newsletter">Sign up now</a></div>
<p>This story was originally published by RT International.</p>
</article></body></html>"""


@pytest.fixture(scope="module")
def host(tmp_path_factory):
    config = Config(
        data_dir=tmp_path_factory.mktemp("data"), plugins=("attribution", "promo", "republication")
    )
    return build_host(config)


def findings(host, language: str, page_lang: str = "en") -> dict[str, Annotation]:
    page = Page(ARTICLE.format(lang=page_lang), URL, reader_language=language)
    analysis = host.analyze(page)
    assert {n: r.status for n, r in analysis.runs.items()} == {
        "attribution": "ok",
        "promo": "ok",
        "republication": "ok",
    }
    return {a.kind: a for a in analysis.annotations}


@pytest.mark.parametrize(
    "words", [ATTRIBUTION, PROMO, REPUBLICATION], ids=["attribution", "promo", "republication"]
)
def test_every_phrase_is_translated(words) -> None:
    for language in LANGUAGES:
        assert words.missing(language) == [], language


def test_english_reader(host) -> None:
    found = findings(host, "en")
    notice = found["republication"]
    assert notice.title == "Republished — first published by RT International (rt.com)"
    assert notice.text == (
        "Russia · owned by ANO TV-Novosti (Wikipedia) · state-controlled media "
        "(State Media Monitor)."
    )
    assert notice.links[0].label == "RT International home page"
    assert found["byline"].title == "Byline" and found["byline"].text == "By Anna Berg."
    assert found["published"].text.startswith("Published 14 March 2024, as the page says")
    assert found["vague-attribution"].title == "Vague attribution"
    assert found["promo"].title == "Newsletter sign-up"
    assert found["sourcing-summary"].text == (
        "Attributions in the article: 0 named, 1 vague, 1 unattributed; 0 cited links."
    )


def test_german_reader(host) -> None:
    found = findings(host, "de")
    notice = found["republication"]
    assert notice.title == (
        "Wiederveröffentlicht – zuerst veröffentlicht von RT International (rt.com)"
    )
    # The registry's facts are values, as recorded; the words around them are German, and the
    # State Media Monitor is still named as the source of the typology.
    assert notice.text == (
        "Russia · im Besitz von ANO TV-Novosti (Wikipedia) · staatlich kontrollierte Medien "
        "(State Media Monitor)."
    )
    assert notice.links[0].label == "Startseite von RT International"
    typology = next(f for f in notice.data["facts"] if f["fact"] == "typology")
    assert (typology["value"], typology["text"]) == ("SC", "staatlich kontrollierte Medien")
    assert found["site"].title == "Website"
    assert found["byline"].title == "Autorenzeile" and found["byline"].text == "Von Anna Berg."
    assert found["published"].text.startswith("Veröffentlicht am 14. März 2024, laut der Seite")
    assert found["published"].data["date"] == "2024-03-14T09:00:00Z"  # the value stays exact
    assert found["credit-line"].title == "Quellenangabe"
    vague = found["vague-attribution"]
    assert vague.title == "Vage Quellenangabe" and "„Critics say“" in vague.text
    assert found["sourcing-summary"].title == "Wie Aussagen belegt sind"
    assert found["promo"].title == "Newsletter-Anmeldung"
    assert found["article"].title == "Artikeltext"


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("fr", "Republié — publié d'abord par RT International (rt.com)"),
        ("es", "Republicado — publicado primero por RT International (rt.com)"),
    ],
)
def test_french_and_spanish_readers(host, language: str, title: str) -> None:
    found = findings(host, language)
    assert found["republication"].title == title
    english = {ATTRIBUTION.say("en", f"{k}.title") for k in ("byline", "credit", "published")}
    assert not english & {a.title for a in found.values()}


def test_the_pages_own_language_does_not_decide(host) -> None:
    """A page marked German, read by an English reader, gets English findings; and the same
    findings, in the same places, as in any other language."""
    german_page = findings(host, "en", page_lang="de")
    english_page = findings(host, "en")
    assert {k: a.title for k, a in german_page.items()} == {
        k: a.title for k, a in english_page.items()
    }
    in_german = findings(host, "de")
    assert set(in_german) == set(english_page)
    for kind, annotation in in_german.items():
        assert annotation.target == english_page[kind].target, kind
        assert annotation.data.keys() == english_page[kind].data.keys(), kind


def test_the_sourcing_summary_quotes_no_words(host) -> None:
    """It is about the article as a whole: it points at the region, without quoting it."""
    summary = findings(host, "en")["sourcing-summary"]
    types = [s["type"] for s in summary.target.to_dict()["selectors"]]
    assert "CssSelector" in types and "TextQuoteSelector" not in types
    claim = findings(host, "en")["vague-attribution"]
    assert claim.target.exact.startswith("Critics say")

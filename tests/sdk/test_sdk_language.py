"""The reader's language: `best_language` on headers browsers send (and ones they do not), and
`Wording`, which refuses a translation a reader would see broken."""

from __future__ import annotations

import pytest

from masthead.sdk import LANGUAGES, Page, Wording, best_language


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("de-DE,de;q=0.9,en-US;q=0.8,en;q=0.7", "de"),  # Chromium in German
        ("de-AT", "de"),  # a region of a supported language
        ("fr-CH, fr;q=0.9, en;q=0.8, de;q=0.7, *;q=0.5", "fr"),  # the MDN example
        ("ES", "es"),  # case does not matter
        ("en-GB,en;q=0.9", "en"),
        ("pt-BR,pt;q=0.9,es;q=0.5", "es"),  # the first supported one, however far down
        ("es;q=0.5, fr;q=0.8", "fr"),  # quality first, not the order written
        ("fr, de", "fr"),  # equal quality: the order written
        ("de;q=0, fr", "fr"),  # q=0 means "not this one"
        ("*", "en"),
    ],
)
def test_picks_the_readers_supported_language(header: str, expected: str) -> None:
    assert best_language(header) == expected


@pytest.mark.parametrize(
    "header",
    [
        None,
        "",
        "pt-BR,pt;q=0.9",  # none supported
        "deu",  # a three-letter code is another language tag, not German by prefix
        "dev-x",  # a look-alike of `de`
        "frisian",
        "de;q=abc",  # an unreadable quality is not a preference
        "de;q=7",  # nor one out of range
        "de;q=0",
        ";;;,,,=",
        "\x00de",
        "x" * 10_000,
        ",".join(["pt"] * 40 + ["de"]),  # only the first items are read
    ],
)
def test_falls_back_to_english(header: str | None) -> None:
    assert best_language(header) == "en"


def test_page_carries_the_readers_language_not_its_own() -> None:
    html = '<html lang="de"><body><p>Ein Artikel.</p></body></html>'
    page = Page(html, "https://example.org/a")
    assert page.reader_language == "en" and page.meta.lang == "de"
    french = Page(html, "https://example.org/a", reader_language="fr")
    assert french.reader_language == "fr"
    assert french.copy().reader_language == "fr"  # the host's fresh parse keeps it
    for wrong in ("de-DE", "german", "", "EN"):
        with pytest.raises(ValueError, match="reader_language"):
            Page(html, "https://example.org/a", reader_language=wrong)


WORDS = {
    "en": {"title": "Reading time", "text": "About {minutes} minutes."},
    "de": {"title": "Lesezeit", "text": "Etwa {minutes} Minuten."},
    "fr": {"title": "Temps de lecture"},
}


def test_wording_says_each_language_and_falls_back_to_english() -> None:
    words = Wording(WORDS)
    assert words.say("de", "text", minutes=4) == "Etwa 4 Minuten."
    assert words.say("fr", "title") == "Temps de lecture"
    assert words.say("fr", "text", minutes=4) == "About 4 minutes."  # not translated yet
    assert words.say("es", "title") == "Reading time"
    assert words.missing("fr") == ["text"] and words.missing("de") == []
    assert words.keys == {"title", "text"}
    with pytest.raises(KeyError):
        words.say("de", "no-such-key")


@pytest.mark.parametrize(
    ("tables", "message"),
    [
        ({"de": {"title": "Lesezeit"}}, "complete 'en' table"),
        ({**WORDS, "de": {"titel": "Lesezeit"}}, "'titel' has no English template"),
        ({**WORDS, "de": {"text": "Etwa {minuten} Minuten."}}, "uses \\['minuten'\\]"),
        ({**WORDS, "de": {"text": "Etwa Minuten."}}, "uses \\[\\]"),
        ({**WORDS, "it": {"title": "Tempo di lettura"}}, "'it' is not one of"),
    ],
)
def test_wording_refuses_a_broken_translation(tables: dict, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        Wording(tables)


def test_the_four_languages_of_the_extension() -> None:
    from pathlib import Path

    locales = Path(__file__).parents[2] / "extension" / "src" / "_locales"
    assert set(LANGUAGES) <= {p.name for p in locales.iterdir()}

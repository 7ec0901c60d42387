"""Lines inside an article that are the page's chrome, not its text, as pages in several
languages write them, and the sentences that look like them but are text. Written for these
tests."""

from __future__ import annotations

import pytest

from masthead.extract.lines import is_control, is_date_stamp, is_reading_time


@pytest.mark.parametrize(
    "line",
    [
        "Stand: 17.06.2025 18:24 Uhr",
        "29. September 2024, 17:27 Uhr",
        "06.11.2025 | 20:15",
        "2025年1月13日 20時01分",
        "公開日：2025/01/31 11:30 更新日：2025/01/31 11:30",
        "입력 2025.05.15 10:00",
        "Publicado 12/03/2024 09:15",
        "Pubblicato il 3 maggio 2024 alle ore 10:05",
    ],
)
def test_date_stamps_in_many_languages(line: str) -> None:
    assert is_date_stamp(line)


@pytest.mark.parametrize(
    "line",
    [
        "Am 17.06.2025 stimmte der Rat über den Haushalt ab.",
        "The vote on 12/03/2024 was close.",
        "2025年1月13日、市議会は予算を可決した。",
        "El 12/03/2024 el consejo aprobó el presupuesto",
    ],
)
def test_sentences_with_dates_are_text(line: str) -> None:
    assert not is_date_stamp(line)


@pytest.mark.parametrize(
    "line",
    ["Lesezeit: 3 Min.", "5 min read", "Temps de lecture : 4 min", "Tiempo de lectura: 4 minutos",
     "3 Min", "Lesedauer: 2 Min."],
)  # fmt: skip
def test_reading_times(line: str) -> None:
    assert is_reading_time(line)


@pytest.mark.parametrize(
    "line",
    ["The meeting lasted 45 minutes.", "Er brauchte 3 Minuten für die Strecke",
     "Read 5 books", "Tardó 4 minutos en llegar a la estación de tren"],
)  # fmt: skip
def test_durations_in_prose_are_text(line: str) -> None:
    assert not is_reading_time(line)


@pytest.mark.parametrize(
    "line",
    ["Link kopieren", "Read more", "Vis mer Vis mindre", "Box aufklappen Box zuklappen",
     "Zur Merkliste hinzufügen", "Lire la suite", "Leer más", "Leggi tutto", "印刷する"],
)  # fmt: skip
def test_control_labels(line: str) -> None:
    assert is_control(line)


@pytest.mark.parametrize(
    "line",
    ["Read more books.", "Share the road", "Kopieren ist verboten, sagte sie.", "Mehr Geld",
     "Open letter to the council", "Leer más libros es bueno."],
)  # fmt: skip
def test_text_that_starts_like_a_control_is_text(line: str) -> None:
    assert not is_control(line)

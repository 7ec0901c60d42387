"""Credit lines that pages in several languages write, and their look-alikes: chart, graphic and
photo credits, data sources and a brand's own print edition are no republication. Phrasings
written for these tests."""

from __future__ import annotations

import pytest
from attribution_pages import credit, page, provenance, run


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("Quelle: Kleine Zeitung", "Kleine Zeitung"),
        ("Quelle: Oberland Nachrichten", "Oberland Nachrichten"),
        ("Fuente: Diario del Norte", "Diario del Norte"),
        ("Fonte: Corriere della Valle", "Corriere della Valle"),
        ("Source : Le Journal du Sud", "Le Journal du Sud"),
    ],
)
def test_a_source_line_naming_a_newspaper(line: str, outlet: str) -> None:
    found = credit(line)
    assert [c.data["outlet"] for c in found] == [outlet]


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("Excerpted from The Long Road by Jane Roe, published by Example Books.", "Example Books"),
        ("Adapted from Quiet Rivers by Ana Lima, published by Norte Press.", "Norte Press"),
        ("Auszug aus dem Buch „Stille Wasser“ von Anna Müller, erschienen im Nordlicht Verlag.",
         "Nordlicht Verlag"),
        ("Extrait de « La Route » de Claire Dubois, publié chez Éditions du Port.",
         "Éditions du Port"),
        ("Extracto del libro «El camino» de Luis Pérez, publicado por Editorial Sur.",
         "Editorial Sur"),
    ],
)  # fmt: skip
def test_a_book_excerpt_credits_its_publisher(line: str, outlet: str) -> None:
    assert [c.data["outlet"] for c in credit(line)] == [outlet]


@pytest.mark.parametrize(
    "line",
    [
        "By Jane Roe | Source: Reuters",
        "Chart: Jane Roe | Source: Reuters",
        "Graphic: Omar Haddad • Source: AP",
        "Grafik: Anna Müller | Quelle: dpa",
        "Gráfico: Luis Pérez | Fuente: EFE",
        "Infographie : Claire Dubois | Source : AFP",
        "Mappa: Marco Rossi | Fonte: ANSA",
        "Quelle: Statistisches Bundesamt",
        "Fuente: Instituto Nacional de Estadística",
    ],
)
def test_chart_photo_and_data_credits_are_no_republication(line: str) -> None:
    assert provenance(run(page(f"<p>{line}</p>"))) == []


@pytest.mark.parametrize(
    "line",
    [
        "This article appeared in the print issue of Example Gazette on 5 May.",
        "Dieser Artikel erschien in der gedruckten Ausgabe der Example Gazette.",
        "Este artículo se publicó en la edición impresa de Example Gazette.",
        "Cet article est paru dans l'édition papier de Example Gazette.",
        "Questo articolo è uscito nell'edizione cartacea di Example Gazette.",
    ],
)
def test_the_brands_own_print_edition_is_no_republication(line: str) -> None:
    assert provenance(run(page(f"<p>{line}</p>"))) == []

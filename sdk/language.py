"""The reader's language: which one a request asks for, and a plugin's wording in each.

The server reads the request's `Accept-Language` once, picks one of `LANGUAGES` with
`best_language`, and hands it to plugins as `page.reader_language`. A plugin keeps its notice
texts in a `Wording`: one table of templates per language, English complete, so a missing
translation falls back to English and a misspelt placeholder fails at import, not in a notice.

    from masthead.sdk.language import Wording

    WORDS = Wording({
        "en": {"title": "Reading time", "text": "About {minutes} minutes."},
        "de": {"title": "Lesezeit", "text": "Etwa {minutes} Minuten."},
    })
    WORDS.say(page.reader_language, "text", minutes=4)
"""

from __future__ import annotations

import string
from collections.abc import Mapping
from datetime import date

#: The languages the server can answer in; the extension's `_locales` has the same four.
LANGUAGES: tuple[str, ...] = ("en", "de", "fr", "es")
#: The fallback: no header, an unsupported language, or a key a translation lacks.
DEFAULT_LANGUAGE = "en"


_MONTHS = {
    "en": "January February March April May June July August September October November December",
    "de": "Januar Februar März April Mai Juni Juli August September Oktober November Dezember",
    "fr": "janvier février mars avril mai juin juillet août septembre octobre novembre décembre",
    "es": "enero febrero marzo abril mayo junio julio agosto septiembre octubre noviembre "
    "diciembre",
}
_LONG_DATE = {
    "en": "{day} {month} {year}",
    "de": "{day}. {month} {year}",
    "fr": "{day} {month} {year}",
    "es": "{day} de {month} de {year}",
}


def long_date(day: date, language: str) -> str:
    """`14 March 2024`, `14. März 2024`, `14 mars 2024`, `14 de marzo de 2024`."""
    if language not in _LONG_DATE:
        language = DEFAULT_LANGUAGE
    month = _MONTHS[language].split()[day.month - 1]
    return _LONG_DATE[language].format(day=day.day, month=month, year=day.year)


def best_language(accept_language: str | None) -> str:
    """The supported language the reader prefers most, from an `Accept-Language` value.

    `de-AT,de;q=0.9,en;q=0.5` → `de`: the region is dropped, higher `q` first, then the order
    given; an item with `q=0` (or an unreadable `q`) is skipped; `*` means English. A header
    naming none of `LANGUAGES`, or none at all, gives `DEFAULT_LANGUAGE`.
    """
    ranked: list[tuple[float, int, str]] = []
    for position, item in enumerate((accept_language or "").split(",")[:32]):
        tag, _, params = item.strip().partition(";")
        quality = _quality(params)
        primary = tag.strip().lower().split("-", 1)[0]
        if primary == "*":
            primary = DEFAULT_LANGUAGE
        if primary and quality > 0:
            ranked.append((-quality, position, primary))
    for _, _, primary in sorted(ranked):
        if primary in LANGUAGES:
            return primary
    return DEFAULT_LANGUAGE


def _quality(params: str) -> float:
    """The `q` of one `Accept-Language` item: 1 when absent, 0 when it cannot be read."""
    for param in params.split(";"):
        name, _, value = param.strip().partition("=")
        if name.strip().lower() == "q":
            try:
                quality = float(value.strip())
            except ValueError:
                return 0.0
            return quality if 0.0 <= quality <= 1.0 else 0.0
    return 1.0


class Wording:
    """A plugin's texts, one table of `str.format` templates per language.

    The English table names every key. Another language may leave keys out (they are said in
    English), but may not add keys or use placeholders its English template does not: both are
    mistakes a reader would see, so they raise ValueError when the plugin is imported.
    """

    def __init__(self, tables: Mapping[str, Mapping[str, str]]) -> None:
        if DEFAULT_LANGUAGE not in tables:
            raise ValueError(f"a Wording needs a complete {DEFAULT_LANGUAGE!r} table")
        english = tables[DEFAULT_LANGUAGE]
        for language, table in tables.items():
            if language not in LANGUAGES:
                raise ValueError(f"{language!r} is not one of {', '.join(LANGUAGES)}")
            for key, template in table.items():
                if key not in english:
                    raise ValueError(f"{language}: {key!r} has no English template")
                if _fields(template) != _fields(english[key]):
                    raise ValueError(
                        f"{language}: {key!r} uses {sorted(_fields(template))}, "
                        f"English uses {sorted(_fields(english[key]))}"
                    )
        self._tables = {language: dict(table) for language, table in tables.items()}

    @property
    def keys(self) -> frozenset[str]:
        return frozenset(self._tables[DEFAULT_LANGUAGE])

    def missing(self, language: str) -> list[str]:
        """The keys `language` says in English for want of a translation (for tests)."""
        table = self._tables.get(language, {})
        return sorted(k for k in self._tables[DEFAULT_LANGUAGE] if k not in table)

    def say(self, language: str, key: str, **fields: object) -> str:
        """The text for `key` in `language` (else English), with `fields` filled in."""
        table = self._tables.get(language, {})
        template = table.get(key)
        if template is None:
            template = self._tables[DEFAULT_LANGUAGE][key]  # KeyError: a key no table has
        return template.format(**fields)


def _fields(template: str) -> frozenset[str]:
    return frozenset(
        name for _, name, _, _ in string.Formatter().parse(template) if name is not None
    )

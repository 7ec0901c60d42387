"""Words the detectors share: wire services, role labels, site accounts, dates and times.

Wire services are the one place where a short code ("AP", "dpa") must map to an outlet: a
dateline or a byline names them by code. Everything else is recognised by phrasing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from masthead.sdk import normalize_name


@dataclass(frozen=True)
class Wire:
    """A news agency: the name shown to readers, the codes datelines use, its domains."""

    name: str
    codes: tuple[str, ...]
    domains: tuple[str, ...]


WIRES: tuple[Wire, ...] = (
    Wire("Associated Press", ("AP", "The Associated Press"), ("apnews.com", "ap.org")),
    Wire("Reuters", ("Reuters", "Thomson Reuters"), ("reuters.com",)),
    Wire("Agence France-Presse", ("AFP", "Agence France Presse"), ("afp.com",)),
    Wire("dpa", ("dpa", "Deutsche Presse-Agentur", "dpa-infocom"), ("dpa.com", "dpa.de")),
    Wire("United Press International", ("UPI",), ("upi.com",)),
    Wire("EFE", ("EFE", "Agencia EFE"), ("efe.com",)),
    Wire("ANSA", ("ANSA",), ("ansa.it",)),
    Wire("Kyodo News", ("Kyodo",), ("kyodonews.net", "kyodonews.jp")),
    Wire("Yonhap", ("Yonhap",), ("yna.co.kr",)),
    Wire("PA Media", ("PA", "Press Association", "PA Media"), ("pamediagroup.com",)),
    Wire("APA", ("APA", "Austria Presse Agentur"), ("apa.at",)),
    Wire("Keystone-SDA", ("SDA", "Keystone-SDA", "Keystone SDA"), ("keystone-sda.ch",)),
    Wire("Xinhua", ("Xinhua",), ("xinhuanet.com", "news.cn")),
    Wire("TASS", ("TASS",), ("tass.com", "tass.ru")),
    Wire("RIA Novosti", ("RIA", "RIA Novosti"), ("ria.ru",)),
    Wire("Anadolu Agency", ("AA", "Anadolu", "Anadolu Ajansi"), ("aa.com.tr",)),
    Wire("Bloomberg", ("Bloomberg",), ("bloomberg.com",)),
    Wire("The Canadian Press", ("CP", "Canadian Press"), ("thecanadianpress.com",)),
    Wire("Australian Associated Press", ("AAP",), ("aap.com.au",)),
    Wire("Press Trust of India", ("PTI",), ("ptinews.com",)),
    Wire("IANS", ("IANS",), ("ians.in",)),
    Wire("KNA", ("KNA", "Katholische Nachrichten-Agentur"), ("kna.de",)),
    Wire("epd", ("epd", "Evangelischer Pressedienst"), ("epd.de",)),
    Wire("Europa Press", ("Europa Press",), ("europapress.es",)),
    Wire("Belga", ("Belga",), ("belganewsagency.eu", "belga.be")),
    Wire("ANP", ("ANP",), ("anp.nl",)),
    Wire("Jiji Press", ("Jiji", "Jiji Press"), ("jiji.com",)),
    Wire("Bernama", ("Bernama",), ("bernama.com",)),
    Wire("Antara", ("Antara",), ("antaranews.com",)),
    Wire("AGI", ("AGI", "Agenzia Italia"), ("agi.it",)),
    Wire("Adnkronos", ("Adnkronos",), ("adnkronos.com",)),
    Wire("dpa-AFX", ("dpa-AFX",), ("dpa-afx.de",)),
)

_BY_CODE: dict[str, Wire] = {}
for _wire in WIRES:
    for _key in (_wire.name, *_wire.codes):
        _BY_CODE[normalize_name(_key)] = _wire


def wire_named(text: str) -> Wire | None:
    """The wire service a name or code stands for ("AP", "The Associated Press", "dpa")."""
    return _BY_CODE.get(normalize_name(text))


def wires_in(text: str) -> list[Wire]:
    """The wire services in a list such as "APA/sda/dpa" or "AFP, Reuters"; [] if any is not."""
    parts = [p for p in re.split(r"\s*(?:/|,|&|\+|\band\b|\bund\b|\by\b)\s*", text) if p]
    found = [wire_named(p) for p in parts]
    if not found or any(w is None for w in found):
        return []
    return list(dict.fromkeys(w for w in found if w is not None))


# A wire name anywhere inside a role label ("AP Sports Writer", "Associated Press").
_codes = sorted({c for w in WIRES for c in (w.name, *w.codes)}, key=len, reverse=True)
WIRE_IN_LABEL = re.compile(r"\b(" + "|".join(re.escape(c) for c in _codes) + r")\b", re.I)
_CANONICAL = {c.lower(): c for c in _codes}


def wire_in_label(label: str) -> Wire | None:
    """A wire named inside a role label ("AP Sports Writer", "Associated Press").

    Short codes count only as written ("AP", "dpa") or in capitals; a title-cased one ("Ap") only
    before a role word, so that the ordinary words "Ap" or "Aa" in a name do not.
    """
    for match in WIRE_IN_LABEL.finditer(label):
        code = match.group(1)
        as_written = code == _CANONICAL[code.lower()] or code.isupper()
        before_role = code.istitle() and ROLE_WORDS.search(label[match.end() :])
        if len(code) <= 3 and not as_written and not before_role:
            continue
        return wire_named(code)
    return None


ROLE_WORDS = re.compile(
    r"\b(?:writer|correspondent|editor|reporter|staff|contributor|columnist|journalist|"
    r"photographer|bureau|chief|desk|analyst|producer|intern|fellow|special to|"
    r"redakteur(?:in)?|korrespondent(?:in)?|redaktion|autor(?:in)?|corresponsal|redacci[oó]n|"
    r"r[ée]daction|correspondant|envoy[ée]|redazione|inviat[oa])\b",
    re.I,
)

SITE_ACCOUNTS = frozenset(
    {
        "admin",
        "administrator",
        "editor",
        "editors",
        "editorial",
        "staff",
        "webmaster",
        "newsdesk",
        "news desk",
        "web desk",
        "webdesk",
        "team",
        "redaktion",
        "redaccion",
        "redaction",
        "redazione",
        "guest",
        "contributor",
        "user",
    }
)

MONTHS = (
    "january|february|march|april|may|june|july|august|september|october|november|december|"
    "jan|feb|mar|apr|jun|jul|aug|sep|sept|oct|nov|dec|"
    "januar|jänner|februar|märz|mai|juni|juli|oktober|dezember|"
    "enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|"
    "janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|"
    "gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre"
)
WEEKDAYS = (
    "monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    "montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag|"
    "lunes|martes|miércoles|jueves|viernes|sábado|domingo|"
    "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|"
    "lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica"
)

# What follows "published on/at/in" when it is a moment, not a publisher.
NOT_AN_OUTLET = re.compile(
    r"^(?:\d{1,2}(?:[:./h]\d|\s*(?:a\.?m|p\.?m|uhr|h)\b|\s+(?:"
    + MONTHS
    + r")\b|$)|\d{3,}\b|(?:"
    + MONTHS
    + r"|"
    + WEEKDAYS
    + r")\b|(?:today|yesterday|tomorrow|noon|midnight|"
    r"print|paper|the print|our|this|these|that|its|their|his|her|my|your|here|there|a |an |"
    r"english|german|spanish|french|italian|"
    r"earlier|later|last|next|issue|edition|page|section|volume|vol\b|"
    r"(?:the )?(?:same|following|previous|original|above|below)\b))",
    re.I,
)

# A credit that names a print edition or issue is the outlet citing itself.
PRINT_EDITION = re.compile(
    r"\b(?:print edition|print issue|in print|printed edition|print version|"
    r"issue of|edition of|magazine issue|sunday edition|weekend edition|"
    r"druckausgabe|printausgabe|gedruckten ausgabe|heftausgabe|"
    r"edición impresa|édition papier|édition imprimée|edizione cartacea)\b",
    re.I,
)

"""Bylines: who wrote the piece, with role labels and site accounts told apart from names.

"By MEG KINNARD and ERRIN HAINES, Associated Press" gives two authors and the role label
"Associated Press"; "By 21wire" on 21stcenturywire.com is the site's own account, not a person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree
from lxml.html import HtmlElement

from masthead.sdk import Annotation, Page, jsonld_name, kinds

from .anchors import anchor
from .head import jsonld_script, meta_element
from .lexicon import MONTHS, ROLE_WORDS, SITE_ACCOUNTS, WEEKDAYS, Wire, wire_in_label, wire_named
from .regions import Regions, in_navigation
from .site import Site, squash

MAX_BYLINE = 160
_PREFIX = re.compile(
    r"^(?:(?:written|words|text|reporting|story)\s+by|by|von|por|par|di|door|"
    r"author(?:s)?(?:\s+of\s+the\s+article)?\s*:|autor(?:in|es)?\s*:|auteur\s*:)\s*",
    re.I,
)
_BY_LINE = re.compile(
    r"^(?:By|BY|Von|VON|Por|POR|Par|PAR|Di|Written by|Author of the article:)\s+\S"
)
_SEGMENTS = re.compile(r"\s+[-–—|•/]\s+|\s*\|\s*|,\s+|\s*;\s*|(?<=[a-z]{3})\.\s+(?=[A-Z])")
# "Howard BlumeStaff Writer": inline elements put side by side without a space.
_GLUED_ROLE = re.compile(
    r"(?<=[a-z])(?=(?:Staff|Senior|Chief|Special|Contributing|Associate|Writer|Reporter|"
    r"Correspondent|Editor|Columnist|Contributor)\b)"
)
_JOINERS = re.compile(r"\s+(?:and|&|und|y|et|e)\s+|\s*&\s*", re.I)
_DATE = re.compile(
    r"\b(?:\d{1,2}[:.]\d{2}|\d{4}|" + MONTHS + r"|" + WEEKDAYS + r"|updated|published|"
    r"aktualisiert|actualizado|publicado|mis à jour|aggiornato)\b",
    re.I,
)
_NAME_TOKEN = re.compile(
    r"^[A-ZÀ-Þ][\w'’.\-]*$|^(?:van|von|de|der|den|del|della|da|di|du|la|le|bin|al|ibn)$"
)
# An author box's biography, not a byline: "Jane Doe is a former AP reporter".
_BIO = re.compile(r"\s(?:is|was|has|writes|covers|lives|joined|ist|es|est|è)\s")
_BYLINES = etree.XPath(
    "//*[@rel='author' or @itemprop='author' or contains(@class,'byline') or "
    "(contains(@class,'author') and not(contains(@class,'comment')))]"
)
_TIMES = etree.XPath("//time[@datetime]")


@dataclass
class Byline:
    """One byline as found: its text, where, and what it says."""

    text: str
    element: HtmlElement | None
    visible: bool
    source: str
    authors: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    accounts: list[str] = field(default_factory=list)
    wires: list[Wire] = field(default_factory=list)


def parse_byline(text: str, site: Site) -> tuple[list[str], list[str], list[str], list[Wire]]:
    """(authors, role labels, site accounts, agencies) in a byline's text."""
    authors: list[str] = []
    roles: list[str] = []
    accounts: list[str] = []
    wires: list[Wire] = []
    body = _PREFIX.sub("", " ".join(text.split())).strip(" :,-")
    body = _GLUED_ROLE.sub(" ", body)
    segments = [s.strip() for s in _SEGMENTS.split(body) if s and s.strip()]
    for position, segment in enumerate(segments):
        if _DATE.search(segment):
            continue
        if " " not in segment and wire_named(segment) is None and is_account(segment, site):
            accounts.append(segment)
            continue
        wire = wire_named(segment) or wire_in_label(segment)
        if wire is not None and _is_label(segment, wire):
            wires.append(wire)
            roles.append(segment)
            continue
        if ROLE_WORDS.search(segment) and not _JOINERS.search(segment):
            name, role = _split_trailing_role(segment)
            if role and looks_like_person(name):
                authors.append(_tidy(name))
                roles.append(role)
            else:
                roles.append(segment)
            continue
        if position > 0 and len(segment.split()) == 1:
            roles.append(segment)  # "Victor Tangermann, Futurism": an affiliation
            continue
        for part in _JOINERS.split(segment):
            part = part.strip(" .,")
            if not part:
                continue
            name, trailing = _split_trailing_wire(part)
            if trailing is not None:
                wires.append(trailing[0])
                roles.append(trailing[1])
            name, role = _split_trailing_role(name)
            if role:
                roles.append(role)
            if not name:
                continue
            if is_account(name, site):
                accounts.append(name)
            elif looks_like_person(name):
                authors.append(_tidy(name))
            elif site.is_own(name):
                roles.append(name)
    return _unique(authors), _unique(roles), _unique(accounts), list(dict.fromkeys(wires))


def _is_label(segment: str, wire: Wire) -> bool:
    """A segment that is the agency or a role at it, not a person who happens to share a word."""
    if len(segment.split()) > 5:
        return False  # "a former AP reporter and the author of …" is a biography
    return (
        wire_named(segment) is not None
        or ROLE_WORDS.search(segment) is not None
        or (len(segment.split()) <= 3 and wire_in_label(segment) is wire)
    )


def _split_trailing_wire(part: str) -> tuple[str, tuple[Wire, str] | None]:
    """`LYNNE O'DONNELL Associated Press` → (`LYNNE O'DONNELL`, (AP, `Associated Press`))."""
    words = part.split()
    for n in (3, 2, 1):
        if len(words) > n + 1:
            tail = " ".join(words[-n:])
            wire = wire_named(tail)
            if wire is not None and (n > 1 or tail.isupper() or tail == wire.codes[0]):
                return " ".join(words[:-n]), (wire, tail)
    return part, None


def _split_trailing_role(part: str) -> tuple[str, str]:
    """`Howard Blume Staff Writer` → (`Howard Blume`, `Staff Writer`): a name, then its role."""
    words = part.split()
    for i, word in enumerate(words):
        if i >= 2 and ROLE_WORDS.fullmatch(word):
            cut = next((j for j in range(2, i) if wire_named(words[j])), i)
            return " ".join(words[:cut]), " ".join(words[cut:])
    return part, ""


def is_account(name: str, site: Site) -> bool:
    """A site's own account ("admin", "21wire", "staff"), not a person's name."""
    key = name.strip().lower()
    if key in SITE_ACCOUNTS or squash(name) in site.names:
        return True
    return " " not in key and (any(c.isdigit() for c in key) or key == name or "_" in key)


def looks_like_person(name: str) -> bool:
    tokens = name.split()
    if not 2 <= len(tokens) <= 5 or len(name) > 60:
        return False
    return all(_NAME_TOKEN.match(t) for t in tokens)


def _tidy(name: str) -> str:
    return name.title() if name.isupper() else name


def _unique(items: list[str]) -> list[str]:
    seen: dict[str, str] = {}
    for item in items:
        seen.setdefault(squash(item) or item, item)
    return list(seen.values())


def find_bylines(page: Page, regions: Regions, site: Site) -> list[Byline]:
    """Visible bylines first (byline classes, rel=author, "By …" lines), then metadata."""
    found: list[Byline] = []
    texts: set[str] = set()

    def add(text: str, element: HtmlElement | None, visible: bool, source: str) -> None:
        text = " ".join(text.split())
        if not text or len(text) > MAX_BYLINE or text.lower() in texts or _BIO.search(text):
            return
        if visible and any(text.lower() in t or t in text.lower() for t in texts if t):
            return
        texts.add(text.lower())
        authors, roles, accounts, wires = parse_byline(text, site)
        if authors or accounts or wires or roles:
            found.append(Byline(text, element, visible, source, authors, roles, accounts, wires))

    window = {b.element for b in regions.window}
    for el in _BYLINES(page.body)[:30]:
        if el.tag in ("body", "html", "article", "main") or not _near(el, window):
            continue
        if in_navigation(el):
            continue
        add(" ".join(el.itertext()), el, True, "byline element")
    for block in regions.window:
        if (
            len(block.text) <= MAX_BYLINE
            and _BY_LINE.match(block.text)
            and not in_navigation(block.element)
        ):
            add(block.text, block.element, True, "by-line")
    for key in ("author", "article:author", "byl", "dc.creator", "sailthru.author"):
        for value in page.meta.meta.get(key, ()):
            if value and not value.strip().startswith(("http://", "https://", "/")):
                add(value, meta_element(page, key), False, f"meta {key}")
    for obj in page.meta.jsonld:
        author = obj.get("author")
        for person in author if isinstance(author, list) else [author]:
            name = jsonld_name(person)
            if name:
                add(name, jsonld_script(page), False, "json-ld author")
    return found


def _near(el: HtmlElement, window: set[HtmlElement]) -> bool:
    """Whether the element is, holds, or sits in a block of the article's neighbourhood."""
    node: HtmlElement | None = el
    for _ in range(6):
        if node is None:
            return False
        if node in window:
            return True
        node = node.getparent()
    return any(child in window for child in el.iter())


def read_dates(page: Page) -> dict[str, str]:
    md = page.meta
    dates = {
        "published": md.first("article:published_time", "og:published_time", "date", "pubdate"),
        "modified": md.first("article:modified_time", "og:updated_time", "last-modified"),
    }
    for obj in md.jsonld:
        for key, field_name in (("published", "datePublished"), ("modified", "dateModified")):
            value = obj.get(field_name)
            if not dates[key] and isinstance(value, str):
                dates[key] = value.strip()
    if not dates["published"]:
        times = _TIMES(page.body)
        if times:
            dates["published"] = times[0].get("datetime", "").strip()
    return {k: v for k, v in dates.items() if v}


def byline_annotation(
    page: Page, bylines: list[Byline], dates: dict[str, str]
) -> Annotation | None:
    """One byline finding for the page: every author, role and account found, merged."""
    if not bylines:
        return None
    authors = _unique([a for b in bylines for a in b.authors])
    roles = _unique([r for b in bylines for r in b.roles])
    accounts = _unique([a for b in bylines for a in b.accounts])
    lead = next((b for b in bylines if b.authors and b.visible), None) or next(
        (b for b in bylines if b.authors), bylines[0]
    )
    if lead.element is None:
        return None
    names = ", ".join(authors) if authors else ", ".join(roles or accounts)
    text = f"By {names}." if names else "Byline found."
    if accounts and authors:
        text += f" Posted by the site account {', '.join(accounts)}."
    return Annotation(
        kind=kinds.BYLINE,
        title="Byline",
        text=text,
        display="none",
        presentation="provenance",
        confidence=0.9 if lead.visible else 0.7,
        target=anchor(page, lead.element, lead.text) if lead.visible else page.target(lead.element),
        data={
            "authors": authors,
            "roles": roles,
            "accounts": accounts,
            "sources": sorted({b.source for b in bylines}),
            **dates,
        },
    )

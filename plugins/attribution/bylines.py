"""Bylines: who wrote the piece, with role labels and site accounts told apart from names.

"By MEG KINNARD and ERRIN HAINES, Associated Press" gives two authors and the role label
"Associated Press"; "By 21wire" on 21stcenturywire.com is the site's own account, not a person.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree
from lxml.html import HtmlElement

from masthead.sdk import Annotation, Page, kinds

from .anchors import anchor
from .author_meta import metadata_authors
from .head import jsonld_script, meta_element
from .lexicon import MONTHS, ROLE_WORDS, SITE_ACCOUNTS, WEEKDAYS, Wire, wire_in_label, wire_named
from .phrases import PHRASES
from .regions import Regions, in_navigation
from .site import Site, squash

MAX_BYLINE = 160
_PREFIX = re.compile(
    r"^(?:(?:(?:an?|ein(?:e)?|un(?:e|a)?|uno)\s+)?"
    r"(?:written|words|text|texte?|reporting|story|analysis|commentary|comment|opinion|column|"
    r"review|interview|essay|report|kommentar|analyse|gastbeitrag|kolumne|reportage|glosse|"
    r"bericht|análisis|opinión|crónica|columna|entrevista|tribune|chronique|éditorial|"
    r"commento|analisi|intervista|fotos?|photos?|video)"
    r"(?:\s+(?:and|und|y|et|e|&)\s+\w+)?\s+(?:by|von|por|par|de|di|door|av|af)\s+|"
    r"(?:by|von|por|par|di|door|av|af)(?:\s*:)?\s+|"
    r"(?:author(?:s)?(?:\s+of\s+the\s+article)?|autor(?:in|es|en)?|auteur)\s*:\s*)",
    re.I,
)
_BY_LINE = re.compile(
    r"^(?:By|BY|Von|VON|Por|POR|Par|PAR|Di|Written by|Author of the article:)(?:\s*:)?\s+\S"
)
_SEGMENTS = re.compile(
    r"\s+[-–—|•·/]\s+|\s*[|·•]\s*|,\s*|\s*;\s*|\s*\n\s*|(?<=[a-z]{3})\.\s+(?=[A-Z])"
)
# "Jane Roe14 Mar 2021": a date put right after the name, with no space between.
_GLUED_DIGIT = re.compile(r"(?<=[a-zà-ÿ]{2})(?=\d)")
# What profile widgets put beside a name: "Jane Roe Follow", "Profile", "E-Mail".
_WIDGET_WORDS = re.compile(
    r"(?:\s+|^)(?:follow|following|profile|profil|folgen|seguir|suivre|segui|volgen|email|"
    r"e-mail|kontakt|alle artikel|all articles|view all|see all|mehr artikel|more articles)$",
    re.I,
)
# "Elena Oberholzer (obe)", "Deutsche Welle (www.dw.com)": initials or an address after a name.
_PARENTHESIS = re.compile(r"\s*[(\[][^()\[\]]{1,40}[)\]]\s*$")
# A reporter's title written after the name in Korean, Japanese and Chinese bylines.
_ROLE_SUFFIX = re.compile(r"\s*(?:기자|특파원|논설위원|記者|特派員|编辑|編集委員|记者|通讯员)\s*$")
# "Associated Press in Valencia": an agency and where its reporter filed from.
_FILED_FROM = re.compile(r"^(.+?)\s+(?:in|aus|en|à|a|da|in der|em)\s+[A-ZÀ-Þ][\w.\- ]{1,30}$")
# A credit label inside a byline ("By Jane Roe | Source: Reuters", "Graphic: AP").
_CREDIT_LABEL = re.compile(
    r"^(?:source|sources|quelle|fuente|fonte|data|chart|graphic|graphics|map|photo|photos|"
    r"foto|fotos|bild|grafik|karte|gráfico|infografía|infographie|graphique|grafico|image|"
    r"video|illustration)\s*:",
    re.I,
)
# Words that are sharing widgets, never a person: "Twitter Facebook".
_SOCIAL = re.compile(
    r"\b(?:twitter|facebook|instagram|linkedin|whatsapp|telegram|youtube|tiktok|pinterest|"
    r"reddit|mastodon|bluesky|threads|xing|e-?mail|rss|newsletter|print|drucken)\b",
    re.I,
)
# "Howard BlumeStaff Writer": inline elements put side by side without a space.
_GLUED_ROLE = re.compile(
    r"(?<=[a-z])(?=(?:Staff|Senior|Chief|Special|Contributing|Associate|Writer|Reporter|"
    r"Correspondent|Editor|Columnist|Contributor)\b)"
)
_JOINERS = re.compile(r"\s+(?:and|&|und|y|et|e|og|och|en|ja|és|oraz|și)\s+|\s*[&、，・]\s*", re.I)
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
# Elements marked as a byline, anywhere in the document, in document order. Asked of the
# attribute nodes (`//@class[…]/..`), not of every element (`//*[@class…]`): libxml2 then tests
# only the elements that have the attribute, and the union keeps document order without
# duplicates. The same elements as `//*[@rel='author' or @itemprop='author' or
# contains(@class,'byline') or (contains(@class,'author') and not(contains(@class,'comment')))]`
# at under half the cost.
_BYLINES = etree.XPath(
    "//@class[contains(.,'byline') or (contains(.,'author') and not(contains(.,'comment')))]/.."
    " | //@rel[.='author']/.. | //@itemprop[.='author']/.."
)


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
    body = _GLUED_DIGIT.sub(" ", _GLUED_ROLE.sub(" ", body))
    segments = [_strip_widgets(s) for s in _SEGMENTS.split(body) if s and s.strip()]
    for position, raw in enumerate(segments):
        segment = _before_date(raw)
        if not segment or _CREDIT_LABEL.match(segment):
            continue  # "Source: Reuters" after a byline credits a chart's data, not the story
        if " " not in segment and wire_named(segment) is None and is_account(segment, site):
            accounts.append(segment)
            continue
        filed = _FILED_FROM.match(segment)
        if filed and wire_named(filed.group(1)) is not None:
            segment = filed.group(1)
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


def _before_date(segment: str) -> str:
    """The part of a segment before a date or time glued to it: `Jane Roe 14 Mar 2021` →
    `Jane Roe`; a segment that starts with one is no name at all."""
    match = _DATE.search(segment)
    if match is None:
        return segment
    head = re.sub(r"[\s\d.,/|–-]+$", "", segment[: match.start()])
    return head if looks_like_person(head) else ""


def _strip_widgets(segment: str) -> str:
    text = _PARENTHESIS.sub("", _ROLE_SUFFIX.sub("", segment.strip()))
    previous = None
    while text and text != previous:
        previous, text = text, _WIDGET_WORDS.sub("", text).strip()
    return text


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
    if not 2 <= len(tokens) <= 5 or len(name) > 60 or _SOCIAL.search(name):
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
    """Visible bylines (byline classes, rel=author, "By …" lines) in page order, then the
    metadata's authors, one `Byline` per source."""
    found: list[Byline] = []
    texts: set[str] = set()

    def add(text: str, element: HtmlElement | None, visible: bool, source: str) -> None:
        text = " ".join(text.split())
        if not text or len(text) > MAX_BYLINE or _BIO.search(text):
            return
        if visible and any(text.lower() in t or t in text.lower() for t in texts if t):
            return
        if visible:
            texts.add(text.lower())
        authors, roles, accounts, wires = parse_byline(text, site)
        if not visible and not (authors or accounts or wires or roles) and stated_name(text):
            authors = [text]
        if authors or accounts or wires or roles:
            found.append(Byline(text, element, visible, source, authors, roles, accounts, wires))

    window = {b.element for b in regions.window}
    visible: list[tuple[HtmlElement, str, str]] = []
    for el in _BYLINES(page.body)[:30]:
        if el.tag in ("body", "html", "article", "main") or not _near(el, window):
            continue
        if in_navigation(el):
            continue
        visible.append((el, _element_text(el), "byline element"))
    for block in regions.window:
        if (
            len(block.text) <= MAX_BYLINE
            and _BY_LINE.match(block.text)
            and not in_navigation(block.element)
        ):
            visible.append((block.element, block.text, "by-line"))
    body = page.body
    for el, text, source in sorted(visible, key=lambda v: _position(v[0], body)):
        add(text, el, True, source)
    for meta in metadata_authors(page):
        element = jsonld_script(page) if meta.source == "json-ld author" else None
        if element is None:
            element = meta_element(page, meta.source.removeprefix("meta "))
        before = len(found)
        for value in meta.names:
            add(value, element, False, meta.source)
        _merge_from(found, before, meta.source, element)
    return found


def _merge_from(found: list[Byline], start: int, source: str, el: HtmlElement | None) -> None:
    """One source's names as one byline (`<meta name=author>` may be repeated, a JSON-LD
    author list holds several), with names the byline parser would not take from prose
    (other scripts, an organisation) kept because the publisher stated them as authors."""
    parts = found[start:]
    if not parts:
        return
    merged = Byline(
        "; ".join(b.text for b in parts),
        el,
        False,
        source,
        _unique([a for b in parts for a in b.authors]),
        _unique([r for b in parts for r in b.roles]),
        _unique([a for b in parts for a in b.accounts]),
        list(dict.fromkeys(w for b in parts for w in b.wires)),
    )
    del found[start:]
    found.append(merged)


def _element_text(el: HtmlElement) -> str:
    """A byline element's text, with names in side-by-side author links kept apart
    (`<a>Jane Roe</a><a>John Doe</a>` is two people, not "Jane Roe John Doe")."""
    text = " ".join(" ".join(el.itertext()).split())
    links = [" ".join(" ".join(a.itertext()).split()) for a in el.iter("a")]
    links = [link for link in links if link]
    if len(links) >= 2 and all(looks_like_person(link) for link in links):
        joined = " ".join(links)
        if joined in text:
            text = text.replace(joined, ", ".join(links))
    return text


def _position(el: HtmlElement, top: HtmlElement) -> tuple[int, ...]:
    """Where `el` sits under `top`, as the child index at each level: these sort in document
    order, at the cost of a walk up from the few elements sorted rather than a walk of the
    whole tree. `top` itself and anything outside it come first, as position 0 of the tree."""
    path: list[int] = []
    node = el
    while node is not top:
        parent = node.getparent()
        if parent is None:
            return ()
        path.append(parent.index(node))
        node = parent
    return tuple(reversed(path))


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


def credited(bylines: list[Byline], regions: Regions) -> tuple[list[Byline], bool]:
    """The bylines that speak for this article, and whether two independent ones agree.

    The metadata's authors are the publisher's statement about this article; the visible byline
    nearest the article's start is the reader's. Other visible names (teasers, comments, bio
    cards of other pieces) are left out. When a metadata source and the lead byline share a
    name they confirm each other, and that metadata source is preferred over the others.
    """
    stated = [b for b in bylines if not b.visible and (b.authors or b.wires)]
    lead = _lead(bylines, regions)
    if stated:
        agreeing = next((m for m in stated if lead is not None and _agree(m, lead)), None)
        if agreeing is not None and lead is not None:
            return [agreeing, lead], True
        return [stated[0]], False
    if lead is not None:
        return [lead], False
    # a "By …" sentence that names no one ("By comparison, …") is no byline at all
    rest = [b for b in bylines if (b.accounts or b.roles) and b.source != "by-line"]
    return rest[:1], False


def _lead(bylines: list[Byline], regions: Regions) -> Byline | None:
    """The first visible byline naming someone, at the article's start or inside it; else the
    first anywhere in the article's neighbourhood."""
    named = [b for b in bylines if b.visible and (b.authors or b.wires)]
    lead_blocks = {b.element for b in regions.lead}
    for byline in named:
        if byline.element is not None and _near(byline.element, lead_blocks):
            return byline
    return named[0] if named else None


def _agree(a: Byline, b: Byline) -> bool:
    keys = {squash(n) for n in a.authors} | {w.name for w in a.wires}
    return bool(keys & ({squash(n) for n in b.authors} | {w.name for w in b.wires}))


def _names_of(chosen: list[Byline]) -> list[str]:
    """Authors of the chosen bylines; a lead byline adds a name the metadata left out only
    when it is not a variant of one already there ("Dr. Jane Roe" and "Jane Roe")."""
    names: list[str] = []
    for byline in chosen:
        for name in byline.authors:
            tokens = set(squash_tokens(name))
            if not any(tokens <= set(squash_tokens(n)) or set(squash_tokens(n)) <= tokens
                       for n in names):  # fmt: skip
                names.append(name)
    return names


def squash_tokens(name: str) -> list[str]:
    """A name's words as compared; words in scripts `squash` drops are kept lower-cased."""
    return [squash(w) or w.lower() for w in name.split()]


def stated_name(text: str) -> bool:
    """A name the publisher's metadata gives as author that prose rules would not take
    (another script, an organisation): short, no sentence, no address."""
    words = text.split()
    return (
        0 < len(words) <= 6
        and len(text) <= 60
        and not text.endswith((".", "!", "?"))
        and any(c.isalpha() for c in text)
        and not any(c in text for c in ":()[]{}<>=")
        and _DATE.search(text) is None
        and _SOCIAL.search(text) is None
    )


def byline_annotation(
    page: Page, bylines: list[Byline], dates: dict[str, str], regions: Regions | None = None
) -> Annotation | None:
    """One byline finding for the page: who the byline credits, from the bylines that speak for
    this article (`credited`), with what the other bylines found kept as `sources`."""
    if not bylines:
        return None
    chosen, agreed = credited(bylines, regions or Regions((), (), (), frozenset()))
    if not chosen:
        return None
    authors = _names_of(chosen)
    roles = _unique([r for b in chosen for r in b.roles])
    accounts = _unique([a for b in bylines for a in b.accounts])  # the site's, wherever seen
    wires = _unique([r for b in chosen for r in b.roles if wire_named(r) is not None])
    shown = _unique(authors + wires) or [n for n in roles + accounts if stated_name(n)]
    lead = next((b for b in chosen if b.visible), None) or chosen[0]
    element = lead.element
    if element is None:
        element = next((b.element for b in bylines if b.element is not None), None)
    if element is None:
        element = page.root.find("head/title")
    if element is None:
        element = page.body
    names = ", ".join(shown)
    language = page.reader_language
    text = PHRASES.say(language, "byline.text", names=names) if names else ""
    text = text or PHRASES.say(language, "byline.found")
    if accounts and authors:
        text += " " + PHRASES.say(language, "byline.account", accounts=", ".join(accounts))
    return Annotation(
        kind=kinds.BYLINE,
        title=PHRASES.say(language, "byline.title"),
        text=text,
        display="none",
        presentation="provenance",
        confidence=0.95 if agreed else 0.9 if lead.visible else 0.7,
        target=anchor(page, element, lead.text) if lead.visible else page.target(element),
        data={
            "authors": authors,
            "credited": shown,
            "roles": roles,
            "accounts": accounts,
            "sources": sorted({b.source for b in chosen}),
            **dates,
        },
    )

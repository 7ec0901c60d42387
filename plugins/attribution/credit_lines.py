"""Credit lines: the words on a page that say the piece was first published somewhere else.

Each phrasing is a trigger followed by the outlet ("originally published by", "zuerst bei …
erschienen", "publicado originalmente en"). The outlet is then checked: a time or date ("first
published on 18 November", "at 2:05 p.m."), the page's own site or its print edition, or a
lower-case phrase is not an outlet, and the line is dropped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from masthead.sdk import (
    Annotation,
    Block,
    Page,
    hostname,
    kinds,
    registrable_domain,
)
from masthead.sdk.prefilter import Prefiltered, Screen, alternation

from .anchors import anchor
from .lexicon import NOT_AN_OUTLET, PRINT_EDITION, Wire, wire_named, wires_in
from .phrases import PHRASES
from .provenance import outlet_data, outlet_links
from .regions import Regions, in_caption
from .site import Site, squash

_OUTLET = r"(?P<outlet>.{2,120})"
_ORIGINALLY = r"(?:originally|first|initially|previously)"
_PUBLISHED = r"(?:published|appeared|posted|ran|printed|aired|written|featured)"

# (language, pattern) pairs: each captures what follows the trigger as `outlet`, except the
# "inner" ones, whose outlet sits inside the phrase ("zuerst bei Capital erschienen").
_TRAILING = [
    # English
    rf"\b{_ORIGINALLY}\s+{_PUBLISHED}(?:\s+online)?\s+(?:at|by|on|in|with|for)\s+{_OUTLET}",
    rf"\b{_PUBLISHED}\s+{_ORIGINALLY}\s+(?:at|by|on|in|with|for)\s+{_OUTLET}",
    r"\b(?:re-?published|re-?printed|re-?posted|cross-?posted|syndicated|adapted|excerpted)"
    r"(?:\s+here)?(?:\s+with\s+(?:kind\s+)?permission)?\s+from\s+" + _OUTLET,
    r"\b(?:reprinted|republished|reproduced|used|published)(?:\s+here)?\s+with\s+(?:the\s+)?"
    r"(?:kind\s+)?permission\s+(?:of|from)\s+" + _OUTLET,
    r"\bthis\s+(?:story|article|piece|report|post|essay|column|interview|investigation)\s+"
    r"(?:was|is|has\s+been)\s+(?:produced|reported|published|written|co-published)\s+"
    r"(?:by|for|in\s+partnership\s+with|in\s+collaboration\s+with)\s+" + _OUTLET,
    r"\b(?:story|article|content|republished)\s+(?:courtesy\s+of|provided\s+by)\s+" + _OUTLET,
    # "The original version of this story appeared in Quanta Magazine."
    r"\boriginal\s+(?:version\s+of\s+this\s+)?(?:story|article|piece|post|version)\s+"
    r"(?:appeared|was\s+published|ran|was\s+posted)\s+(?:in|on|at|by)\s+" + _OUTLET,
    # "Read the original article on Business Insider."
    r"^read\s+the\s+original\s+(?:article|story|post)\s+(?:on|at|in)\s+" + _OUTLET,
    # German
    r"\b(?:erschien|erschienen|veröffentlicht)\s+(?:zuerst|ursprünglich|erstmals)\s+"
    r"(?:bei|in|im|auf|von)\s+" + _OUTLET,
    r"\b(?:zuerst|ursprünglich|erstmals)\s+(?:erschienen|veröffentlicht)\s+(?:bei|in|im|auf)\s+"
    + _OUTLET,
    r"\bmit\s+freundlicher\s+genehmigung\s+(?:von|der|des)\s+" + _OUTLET,
    r"\bübernommen\s+(?:von|aus)\s+" + _OUTLET,
    # book excerpts: "Auszug aus dem Buch …", "Extrait de …", "Extracto de …", "Estratto da …"
    r"^(?:(?:ein\s+)?auszug\s+aus\s+(?:dem\s+buch\s+)?|extrait\s+(?:du\s+livre\s+)?(?:de\s+)?|"
    r"extracto\s+(?:del\s+libro\s+)?(?:de\s+)?|estratto\s+(?:dal\s+libro\s+)?(?:da\s+)?)" + _OUTLET,
    # Spanish
    r"\b(?:publicad[oa]s?|publicó|aparecid[oa]s?|apareció|difundid[oa]s?)\s+(?:originalmente|"
    r"originariamente|inicialmente|por\s+primera\s+vez|primero)\s+(?:en|por)\s+" + _OUTLET,
    r"\b(?:originalmente|originariamente|inicialmente)\s+(?:publicad[oa]s?|aparecid[oa]s?)\s+"
    r"(?:en|por)\s+" + _OUTLET,
    r"\b(?:republicad[oa]|reproducid[oa])\s+(?:de|desde|con\s+(?:el\s+)?permiso\s+de)\s+" + _OUTLET,
    # French
    r"\b(?:publi[ée]e?s?|paru(?:e|s|es)?)\s+(?:initialement|originellement|à\s+l'origine|"
    r"d['’]abord|pour\s+la\s+première\s+fois|en\s+premier)\s+(?:sur|dans|par|chez)\s+" + _OUTLET,
    r"\b(?:initialement|originellement|d['’]abord|précédemment)\s+(?:été\s+)?"
    r"(?:publi[ée]e?s?|paru(?:e|s|es)?)"
    r"\s+(?:sur|dans|par|chez)\s+" + _OUTLET,
    r"\brepubli[ée]e?s?\s+(?:à\s+partir\s+)?(?:de|du|d['’]|depuis)\s*" + _OUTLET,
    r"\breproduite?s?\s+avec\s+(?:l['’]aimable\s+)?autorisation\s+(?:de|du|d['’])\s*" + _OUTLET,
    # Italian
    r"\b(?:pubblicat[oaie]|apparso|apparsa|uscit[oa])\s+(?:originariamente|originalmente|"
    r"inizialmente|per\s+la\s+prima\s+volta|in\s+origine)\s+(?:su|da|in|sul|sulla|nel|nella)\s+"
    + _OUTLET,
    r"\b(?:originariamente|originalmente|inizialmente|in\s+origine)\s+(?:pubblicat[oaie]|"
    r"apparso|apparsa)\s+(?:su|da|in|sul|sulla|nel|nella)\s+" + _OUTLET,
    r"\b(?:ripubblicat[oaie]|riprodott[oaie])\s+(?:da|su|per\s+gentile\s+concessione\s+di)\s+"
    + _OUTLET,
    r"\bper\s+gentile\s+concessione\s+(?:di|del|della|dello)\s+" + _OUTLET,
]
_INNER = [
    # "ist zuerst bei "Capital" erschienen", "wurde ursprünglich im Spiegel veröffentlicht"
    r"\b(?:zuerst|ursprünglich|erstmals)\s+(?:bei|in|im|auf)\s+(?P<outlet>.{2,60}?)\s+"
    r"(?:erschienen|veröffentlicht|publiziert)\b",
    # "wurde automatisch von der Deutschen Presse-Agentur (dpa) übernommen"
    r"\bvon\s+(?:der\s+|dem\s+|den\s+)?(?P<outlet>.{2,60}?)\s+übernommen\b",
]
_PATTERNS = [re.compile(p, re.I) for p in _TRAILING + _INNER]
_SCREENED = [Prefiltered(p) for p in _PATTERNS]  # each tried only where its words occur

# "Quelle: dpa", "(Source: Reuters)", "Fuente: EFE", "Fonte: ANSA": only for news agencies,
# since the same words introduce data sources ("Source: Census Bureau").
SOURCE_LINE = re.compile(
    r"(?:^|\(|\s)(?:quelle|source|sources|fuente|fuentes|fonte|fonti|agenturen)\s*:\s*"
    r"(?P<outlet>[^():;]{2,60})",
    re.I,
)
# "© 2023 The Associated Press", "Copyright: Project Syndicate, 2025"
COPYRIGHT_LINE = re.compile(
    r"(?:^|\s)(?:©|\(c\)|copyright\b)\s*:?\s*(?:©\s*)?(?:\d{4}\s*)?(?P<outlet>[^©]{2,80})", re.I
)
# "Excerpted from TITLE by AUTHOR, published by PUBLISHER": the book's publisher is the origin.
_EXCERPT = re.compile(r"\b(?:excerpted|adapted|auszug|extrait|extracto|estratto)\b", re.I)
_BOOK_PUBLISHER = re.compile(
    r"\b(?:published\s+by|verlegt\s+(?:bei|von)|erschienen\s+(?:bei|im)|publicado\s+por|"
    r"publié\s+(?:par|chez)|pubblicato\s+da)\s+" + _OUTLET,
    re.I,
)
# Labels of a chart's, map's or photo's credit, and a byline before a "Source:": the source is
# the data's, not the story's.
GRAPHIC_CREDIT = re.compile(
    r"\b(?:chart|charts|graphic|graphics|infographic|map|maps|data|visuali[sz]ation|table|"
    r"photo|photos|foto|fotos|bild|image|video|grafik|karte|tabelle|gráfico|gráfica|mapa|"
    r"infografía|tabla|graphique|infographie|carte|tableau|grafico|mappa|tabella)\b|"
    r"(?:^|\s)(?:by|von|por|par|di|door)\s+\S.*[|•·]",
    re.I,
)
# The nouns newspapers' names are made of, in the languages whose papers credit each other
# with a source line.
PRESS_NOUN = re.compile(
    r"\b(?:zeitung|nachrichten|presse|rundschau|anzeiger|tagblatt|tageblatt|kurier|volksblatt|"
    r"allgemeine|post|bote|echo|journal|magazin|blatt|diario|periódico|gazzetta|corriere|"
    r"giornale|gazette|tribune|times|herald|courier|news)\b|zeitung\b",
    re.I,
)
_PHOTO = re.compile(
    r"\b(?:photo|foto|image|bild|picture|illustration|getty|shutterstock|imago|istock|"
    r"alamy|afp photo|ap photo)\b",
    re.I,
)

# Where a name ends: sentence punctuation, or a lower-case function word.
_NAME_END = re.compile(
    r"(?:[.!?;:](?=\s|$)|[,(\[|—–]|\s[-–]\s|\s(?:and|under|on|in|at|with|as|by|which|where|"
    r"for|to|from|was|is|it|via|y|el|la|con|bajo|und|am|mit|unter|et|le|sous|avec|e|il|sotto)\b)"
)
# A lower-case article before a name is grammar ("in der Frankfurter Rundschau"), not the name.
_ARTICLE = re.compile(r"^(?:the|der|die|das|dem|den|des|el|la|los|las|le|les|il|lo)\s+(?=\S)")
_QUOTES = "\"'“”„‟«»‹›‘’"
_LINK_WORDS = re.compile(r"\b(?:here|original|read|full|story|article|source|link)\b", re.I)
_DOMAIN = re.compile(r"^(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}$", re.I)
_SENTENCE_STOP = re.compile(r"[.!?](?=\s|$)")


@dataclass(frozen=True)
class Credit:
    """One credit line: the outlet's name, and its URL and domain when the page links it."""

    block: Block
    phrase: str
    outlet: str
    url: str = ""
    domain: str = ""
    via: str = "phrase"
    confidence: float = 0.9


def find_credits(page: Page, regions: Regions, site: Site) -> list[Credit]:
    """Every credit line in the article and its neighbourhood that names another outlet."""
    found: list[Credit] = []
    seen: set[str] = set()
    for block in regions.window:
        text = block.text
        if len(text) > 2000:
            continue
        lowered = text.lower()
        if not _worth_reading(lowered):
            continue
        credit = _credit_in(page, block, regions, site, lowered)
        if credit is not None and squash(credit.outlet) not in seen:
            seen.add(squash(credit.outlet))
            found.append(credit)
    return found


# Words of which a block must hold one to be read for a credit at all (lower case).
_CHEAP_WORDS = (
    "origin", "first", "initial", "inicial", "previous", "publi", "print", "post", "permission",
    "produced", "courtesy", "reprod", "syndicat", "adapted", "excerpted", "zuerst", "ursprüng",
    "erstmals", "veröffentl", "erschien", "genehmigung", "übernommen", "apareci", "primera",
    "permiso", "paru", "abord", "autoris", "concessione", "appars", "uscit", "auszug",
    "extrait", "extracto", "estratto", "quelle", "source", "fuente", "fonte", "agentur", "©",
    "copyright", "(c)",
)  # fmt: skip
_CHEAP = re.compile(alternation(_CHEAP_WORDS))  # a trie: the scan skips to first letters in C


def _worth_reading(lowered: str) -> bool:
    """`lowered`: the block's text, lower-cased (once, for this test and the patterns' gates)."""
    return _CHEAP.search(lowered) is not None


def _credit_in(
    page: Page, block: Block, regions: Regions, site: Site, lowered: str
) -> Credit | None:
    text = block.text
    if in_caption(block.element):
        return None
    screen = Screen(text, lowered)
    for pattern in _SCREENED:
        for match in screen.finditer(pattern):
            credit = _from_phrase(page, block, match, site)
            if credit is not None:
                return credit
    source = _source_line(block, site) if block.element in regions.near else None
    if source is not None:
        return source
    if block.element in regions.in_article and len(text) <= 200:
        return _copyright_line(block, site)
    return None


def _from_phrase(page: Page, block: Block, match: re.Match[str], site: Site) -> Credit | None:
    text = block.text
    raw = match.group("outlet")
    name = clean_outlet(raw)
    at = raw.find(name) if name else -1
    name_end = match.start("outlet") + at + len(name) if at >= 0 else match.end("outlet")
    left, right = _sentence_bounds(text, match.start(), max(name_end, match.start("outlet")))
    sentence = text[left:right].strip()
    if PRINT_EDITION.search(sentence) or not is_about_the_piece(
        text[left : match.start()], text[match.start() : match.start("outlet")]
    ):
        return None
    publisher = _BOOK_PUBLISHER.search(text, match.start("outlet"))
    if publisher is not None and _EXCERPT.search(text[match.start() : match.start("outlet")]):
        name = clean_outlet(publisher.group("outlet")) or name  # the book's publisher
    url, domain = _linked(page, block, name)
    if not name and domain:
        name = domain
    if not name or not looks_like_outlet(name):
        return None
    if not domain and _DOMAIN.match(name):
        domain = registrable_domain(name.lower())
    if site.is_own(name, domain):
        return None
    wire = wire_named(name) or _code_after(raw, name)
    if wire is not None:
        if site.is_own(wire.name, wire.domains[0]):
            return None
        name, domain = wire.name, domain or wire.domains[0]
    return Credit(block, sentence, name, url, domain)


def _code_after(raw: str, name: str) -> Wire | None:
    """The agency in "von der Deutschen Presse-Agentur (dpa)": its code in brackets."""
    match = re.match(re.escape(name) + r"\s*\(([\w-]{2,12})\)", raw.strip().strip(_QUOTES))
    return wire_named(match.group(1)) if match else None


def _source_line(block: Block, site: Site) -> Credit | None:
    """ "Quelle: dpa" and its kin, when what follows is one or more news agencies; or, on a
    line of its own ("Quelle: Kleine Zeitung"), a newspaper. Not the source of a chart, map or
    photo ("By NEWSROOM | Source: Reuters", "Grafik: … Quelle: APA"): that credits data."""
    for match in SOURCE_LINE.finditer(block.text):
        if GRAPHIC_CREDIT.search(block.text[: match.start()]):
            continue
        newspaper = _newspaper_source(block, match, site)
        if newspaper is not None:
            return newspaper
        words = match.group("outlet").split()
        for n in range(min(6, len(words)), 0, -1):
            candidate = " ".join(words[:n]).strip(" ,.;)")
            wires = wires_in(candidate)
            if wires and not any(site.is_own(w.name, w.domains[0]) for w in wires):
                phrase = match.group(0).strip(" (")
                phrase = phrase[: phrase.find(candidate) + len(candidate)]
                return Credit(
                    block,
                    phrase,
                    " / ".join(w.name for w in wires),
                    domain=wires[0].domains[0],
                    via="source-line",
                    confidence=0.85,
                )
    return None


def _newspaper_source(block: Block, match: re.Match[str], site: Site) -> Credit | None:
    """ "Quelle: Kleine Zeitung": a source line that is the whole line and names a paper."""
    text = block.text
    if match.start() > 1 or len(text) > 80 or wires_in(match.group("outlet").strip(" .")):
        return None
    name = clean_outlet(match.group("outlet"))
    if not name or not looks_like_outlet(name) or site.is_own(name):
        return None
    if not (PRESS_NOUN.search(name) or _DOMAIN.match(name)):
        return None
    domain = registrable_domain(name.lower()) if _DOMAIN.match(name) else ""
    return Credit(block, text, name, domain=domain, via="source-line", confidence=0.8)


def _copyright_line(block: Block, site: Site) -> Credit | None:
    """A copyright notice in the article naming another outlet, when it is not a photo's."""
    match = COPYRIGHT_LINE.search(block.text)
    if match is None or _PHOTO.search(block.text):
        return None
    if block.text.count("©") > 1:
        return None  # a run of photo credits
    name = clean_outlet(re.sub(r"^\d{4}\s*", "", match.group("outlet")))
    name = re.sub(r"\s+\d{4}$", "", name).strip(" ,.")
    if not name or not looks_like_outlet(name) or site.is_own(name):
        return None
    named_wires = wires_in(name)
    wire = wire_named(name) or (named_wires[0] if named_wires else None)
    if wire is None and len(name.split()) < 2:
        return None  # "© Regan": a single word is more often a person or a photo agency
    if wire is not None and site.is_own(wire.name, wire.domains[0]):
        return None
    return Credit(
        block,
        block.text,
        wire.name if wire else name,
        domain=wire.domains[0] if wire else "",
        via="copyright",
        confidence=0.7,
    )


# What a credit line is about: the piece itself ("This article", "Dieser Beitrag", "It").
_PIECE = re.compile(
    r"\b(?:article|story|piece|post|essay|column|report|interview|text|version|op-?ed|"
    r"commentary|feature|analysis|review|excerpt|investigation|blog|content|"
    r"artikel|beitrag|kommentar|gastbeitrag|meldung|nachricht|"
    r"art[ií]culo|nota|texto|columna|entrevista|reportaje|"
    r"texte|tribune|chronique|entretien|enquête|articolo|pezzo|intervista|testo|"
    r"it|this|er|sie|es|esto|este|il|elle|ce|ceci|questo)\b",
    re.I,
)


def is_about_the_piece(before: str, trigger: str) -> bool:
    """Whether the credit's sentence is about the piece itself.

    A trigger that opens its sentence ("First published in X") is; otherwise the words before
    the outlet must name the piece: "This article was first published in X", "The original
    version of this story appeared in X". "Cases first appeared in West Michigan" and "The
    film was adapted from X" are not credits.
    """
    if not before.split():
        return True
    return len(before.split()) <= 8 and _PIECE.search(before + " " + trigger) is not None


def clean_outlet(raw: str) -> str:
    """The outlet name at the start of `raw`: up to punctuation or a function word, unquoted."""
    text = raw.strip().lstrip(_QUOTES + " ")
    if text[:1] in _QUOTES:
        text = text[1:]
    quoted = re.match(r"^([^" + _QUOTES + r"]{2,80})[" + _QUOTES + r"]", text)
    if quoted and raw.strip()[:1] in _QUOTES:
        return quoted.group(1).strip()
    end = _NAME_END.search(text)
    name = text[: end.start()] if end else text
    name = _ARTICLE.sub("", name.strip().strip(_QUOTES).strip(" .,"))
    name = re.sub(r"^(?:the\s+)?(?:website|site|blog|magazine|newspaper)\s+(?:of\s+)?", "", name)
    return name if len(name.split()) <= 8 else ""


def looks_like_outlet(name: str) -> bool:
    """A name, not a time, date, pronoun or lower-case phrase ("openDemocracy" is a name)."""
    bare = _ARTICLE.sub("", name)
    if len(bare) < 2 or NOT_AN_OUTLET.match(name) or NOT_AN_OUTLET.match(bare):
        return False
    if _DOMAIN.match(bare):
        return True
    first = bare.split()[0].lstrip("0123456789")
    if bare[:1].isdigit():
        return first[:2].isalpha()  # "21st Century Wire", not "2:05 p.m."
    return any(c.isupper() for c in first)


def _linked(page: Page, block: Block, name: str) -> tuple[str, str]:
    """The URL and domain of a link in the block that names the outlet or points to it."""
    best = ("", "")
    for a in block.element.iter("a"):
        href = (a.get("href") or "").strip()
        if not href or href.startswith(("#", "javascript:", "mailto:")):
            continue
        url = page.resolve(href)
        if not url.startswith(("http://", "https://")):
            continue
        domain = registrable_domain(hostname(url))
        label = " ".join(a.text_content().split())
        if name and label and (squash(label) == squash(name) or name in label or label in name):
            return url, domain
        if not best[0] and domain and domain != page.domain and _LINK_WORDS.search(label):
            best = (url, domain)
    return best


def _sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence holding [start, end) begins and ends: the words a highlight quotes."""
    left = max(text.rfind(". ", 0, start), text.rfind("! ", 0, start), text.rfind("? ", 0, start))
    left = 0 if left < 0 else left + 2
    right_match = _SENTENCE_STOP.search(text, end)
    right = right_match.end() if right_match else len(text)
    return left, right


def credit_annotations(page: Page, credits: list[Credit]) -> list[Annotation]:
    out = []
    for credit in credits:
        out.append(
            Annotation(
                kind=kinds.CREDIT_LINE,
                title=PHRASES.say(page.reader_language, "credit.title"),
                text=PHRASES.say(page.reader_language, "credit.text", outlet=credit.outlet),
                display="highlight",
                severity="notice",
                presentation="provenance",
                confidence=credit.confidence,
                target=anchor(page, credit.block.element, credit.phrase, credit.outlet),
                links=outlet_links(credit.outlet, credit.url),
                data=outlet_data(
                    credit.outlet, credit.via, credit.url, credit.domain, phrase=credit.phrase
                ),
            )
        )
    return out

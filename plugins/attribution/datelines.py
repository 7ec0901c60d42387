"""Wire datelines ("COLUMBIA, S.C. (AP) —", "(Reuters) -", "Berlin (dpa) -") and bylines
that name a news agency ("Greg Beacham, AP Sports Writer"), on pages the agency does not own."""

from __future__ import annotations

import re
from dataclasses import dataclass

from lxml.html import HtmlElement

from masthead.sdk import Annotation, Page, kinds

from .anchors import anchor
from .bylines import Byline
from .lexicon import MONTHS, Wire, wires_in
from .phrases import PHRASES
from .provenance import outlet_data
from .regions import Regions
from .site import Site

# Place (and date) in front, the agency code(s) in brackets, then a dash or colon.
DATELINE = re.compile(
    r"^(?P<place>[^()]{0,80}?)\s*\((?P<codes>[A-Za-z][\w.\- ]{0,30}(?:\s*[/,]\s*[\w.\- ]{1,30})*)"
    r"\)\s*(?:[.:]?\s*(?:[-—–]{1,2}|\u2014)|:|\.-)"
)
_PLACE_LOWER = re.compile(
    r"^(?:am|an|der|de|del|la|le|di|da|do|dos|of|on|upon|sur|" + MONTHS + r")\.?$", re.I
)
MIN_PARAGRAPH = 40


@dataclass(frozen=True)
class WireSignal:
    wires: tuple[Wire, ...]
    element: HtmlElement
    quote: str
    via: str  # dateline | byline
    confidence: float


def find_datelines(regions: Regions, site: Site) -> list[WireSignal]:
    """The first dateline naming an agency other than the site itself, in or just before the
    article: datelines elsewhere on the page belong to other stories."""
    for block in regions.lead:
        text = block.text
        if len(text) < MIN_PARAGRAPH or "(" not in text[:120] or block.link_density > 0.5:
            continue
        match = DATELINE.match(text)
        if match is None:
            continue
        place = match.group("place").strip(" ,")
        if place and not is_place(place):
            continue
        wires = wires_in(match.group("codes").strip())
        if not wires or any(site.is_own(w.name, w.domains[0]) for w in wires):
            continue
        if any(_is_own_code(site, w) for w in wires):
            continue
        return [WireSignal(tuple(wires), block.element, match.group(0).strip(), "dateline", 0.9)]
    return []


def is_place(text: str) -> bool:
    """A dateline's place and date ("LITTLE ROCK, Ark.", "MADRID, 5 may", "Frankfurt am Main"):
    capitalised words, numbers, month names and the small words of place names."""
    words = [w.strip(",.") for w in text.split()]
    if not words or len(words) > 8 or not words[0][:1].isupper():
        return False
    return all(not w or w[0].isupper() or w[0].isdigit() or _PLACE_LOWER.match(w) for w in words)


def _is_own_code(site: Site, wire: Wire) -> bool:
    return any(site.is_own(code) for code in wire.codes)


def from_bylines(bylines: list[Byline], site: Site) -> list[WireSignal]:
    """Bylines whose author or role label is a news agency ("By Tom Davies - Associated Press")."""
    found = []
    for byline in bylines:
        for wire in byline.wires:
            if site.is_own(wire.name, wire.domains[0]) or _is_own_code(site, wire):
                continue
            if byline.element is None:
                continue
            confidence = 0.85 if byline.visible else 0.75
            found.append(WireSignal((wire,), byline.element, byline.text, "byline", confidence))
            break
    return found


def wire_annotations(page: Page, signals: list[WireSignal]) -> list[Annotation]:
    out = []
    seen: set[str] = set()
    for signal in signals:
        primary = signal.wires[0]
        if primary.name in seen:
            continue
        seen.add(primary.name)
        names = [w.name for w in signal.wires]
        what = "wire.dateline" if signal.via == "dateline" else "wire.byline"
        out.append(
            Annotation(
                kind=kinds.WIRE_DATELINE,
                title=PHRASES.say(page.reader_language, "wire.title"),
                text=PHRASES.say(page.reader_language, what, names=" / ".join(names)),
                display="highlight" if signal.via == "dateline" else "none",
                severity="info",
                presentation="provenance",
                confidence=signal.confidence,
                target=anchor(page, signal.element, signal.quote),
                data=outlet_data(
                    primary.name,
                    signal.via,
                    domain=primary.domains[0],
                    outlets=names,
                    codes=[w.codes[0] for w in signal.wires],
                    phrase=signal.quote,
                ),
            )
        )
    return out

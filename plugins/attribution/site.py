"""Who the page says it belongs to: its site name, and every name it goes by.

The names matter twice: once to tell the reader, and once to recognise a credit line or
dateline that names the page's own outlet ("Originally published on Live Science" on
livescience.com), which is not a republication.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from lxml.html import HtmlElement

from masthead.sdk import Page, hostname, jsonld_name, normalize_name, same_site

from .head import jsonld_script, meta_element
from .lexicon import wire_named

# Words that outlets put around their names and credit lines leave off, or the reverse.
_AFFIXES = re.compile(
    r"^(?:die|der|das|el|la|le|les|il|lo|los|las)\s+|"
    r"\s+(?:online|news|com|net|org|de|co uk|magazine|digital|international|media|newspaper)$"
)
_TITLE_SEPARATORS = re.compile(r"\s+[|–—•·:-]\s+|\s+\|\s*")


@lru_cache(maxsize=4096)  # a pure function of the name, asked of the same few names again and again
def squash(name: str) -> str:
    """A name reduced for comparison: `The Live Science` → `livescience`, `Time.com` → `time`."""
    text = normalize_name(name)
    previous = None
    while text != previous:
        previous, text = text, _AFFIXES.sub("", text).strip()
    return text.replace(" ", "")


@dataclass(frozen=True)
class Site:
    """The page's own outlet: its display name, where that came from, and every known alias."""

    name: str = ""
    source: str = ""
    element: HtmlElement | None = None
    domain: str = ""
    names: frozenset[str] = field(default_factory=frozenset)
    #: The organisation the page's JSON-LD names as publisher, when it is not the site's own
    #: name: "Tamedia AG" behind "Tages-Anzeiger". Empty when it is the same or not stated.
    publisher: str = ""

    def is_own(self, name: str = "", domain: str = "") -> bool:
        """Whether an outlet name or domain is this site's own."""
        if domain and self.domain and same_site(domain, self.domain):
            return True
        key = squash(name) if name else ""
        if not key:
            return False
        return key in self.names


def _domain_label(domain: str) -> str:
    """`livescience.com` → `livescience`; `bbc.co.uk` → `bbc`."""
    return domain.split(".", 1)[0] if domain else ""


def read_site(page: Page) -> Site:
    """The site name from metadata, in order of how deliberately a publisher states it."""
    md = page.meta
    candidates: list[tuple[str, str, HtmlElement | None]] = []
    publishers: list[str] = []
    for key in ("og:site_name", "application-name", "twitter:site"):
        value = md.first(key).lstrip("@")
        if value:
            candidates.append((value, key, meta_element(page, key)))
    for obj in md.jsonld:
        publisher = jsonld_name(obj.get("publisher")) if "publisher" in obj else ""
        if publisher and not foreign_agency(publisher, page.domain):
            candidates.append((publisher, "json-ld publisher", jsonld_script(page)))
            publishers.append(publisher)
        alternate = _alternate_name(obj.get("publisher"))
        if alternate:
            candidates.append((alternate, "json-ld publisher", jsonld_script(page)))
    for obj in md.jsonld_of_type("WebSite", "NewsMediaOrganization", "Organization"):
        name = jsonld_name(obj)
        url = obj.get("url") if isinstance(obj.get("url"), str) else ""
        if name and (not url or same_site(hostname(url), page.domain or "")):
            candidates.append((name, "json-ld " + str(obj.get("@type")), jsonld_script(page)))
    suffix = title_suffix(md.title)
    if suffix:
        candidates.append((suffix, "title", None))
    names = {squash(value) for value, _, _ in candidates} | {_domain_label(page.domain)}
    names.discard("")
    name, source, element = _best(candidates, page.domain)
    publisher = next((p for p in publishers if _another_name(p, name)), "")
    return Site(name, source, element, page.domain, frozenset(names), publisher)


def _another_name(publisher: str, name: str) -> bool:
    """Whether a publisher is a name of its own beside the site's: not the site's name in other
    letters or with more words around it ("ORF.at" beside "news.ORF.at")."""
    mine, theirs = squash(name), squash(publisher)
    if not mine or not theirs or _DOMAIN.fullmatch(publisher) or _URL.match(publisher):
        return False
    return mine not in theirs and theirs not in mine


def foreign_agency(name: str, domain: str) -> bool:
    """A news agency named as publisher on a page it does not host: the story's origin, which
    syndication feeds carry into JSON-LD, not the site's name."""
    wire = wire_named(name)
    return wire is not None and not any(same_site(domain, d) for d in wire.domains)


_DOMAIN = re.compile(r"[\w.-]+\.[a-z]{2,}")
_URL = re.compile(r"(?:https?:)?//", re.I)
#: More words than a name has: a tagline ("Breaking Australian and World News Headlines - 9News").
_MAX_NAME_WORDS = 6


def _best(
    candidates: list[tuple[str, str, HtmlElement | None]], domain: str
) -> tuple[str, str, HtmlElement | None]:
    """The first candidate that reads as a name, else the first that is not an address.

    Not a name: a bare domain, an address, an @handle, a tagline; nor a name in lower case run
    together ("nationalpost") when another candidate writes the same name ("National Post")."""
    readable = [
        (value, source, element)
        for value, source, element in candidates
        if source != "twitter:site"
        and not _DOMAIN.fullmatch(value)
        and not _URL.match(value)
        and len(value.split()) <= _MAX_NAME_WORDS
    ]
    if readable:
        first = readable[0]
        if first[0].islower() and " " not in first[0]:
            key = squash(first[0])
            return next((c for c in readable[1:] if squash(c[0]) == key), first)
        return first
    # An address is never a name: with nothing else, the page is known by its domain.
    fallback = [c for c in candidates if not _URL.match(c[0])]
    return fallback[0] if fallback else ("", "", None)


def title_suffix(title: str) -> str:
    """`Headline | Site Name` → `Site Name`, when the last part is short enough to be a name."""
    parts = _TITLE_SEPARATORS.split(title or "")
    if len(parts) < 2:
        return ""
    last = parts[-1].strip()
    return last if 1 < len(last) <= 40 and len(last.split()) <= 5 else ""


def _alternate_name(value: Any) -> str:
    if isinstance(value, dict) and isinstance(value.get("alternateName"), str):
        return str(value["alternateName"]).strip()
    return ""

"""Metadata that points to another publisher: a canonical URL or `og:url` on another site,
`original-source`/`syndication-source`, JSON-LD `isBasedOn` and `sourceOrganization`, and the
tracking pixels syndicators ask republishers to embed.

A `copyrightHolder` is counted only when it is a news agency: on most pages it is the parent
company or a photo agency, and says nothing about where the text came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any

from lxml.html import HtmlElement

from masthead.sdk import (
    Annotation,
    Page,
    hostname,
    jsonld_name,
    jsonld_types,
    kinds,
    registrable_domain,
)

from .head import jsonld_script, link_element, meta_element
from .lexicon import wire_named
from .provenance import outlet_data, outlet_links
from .site import Site, foreign_agency

# A republication pixel is an image the original outlet asks republishers to paste with its
# text, so that it can count readers. Its address says what it is for (`republish`,
# `republication-tracker`, `syndication`), whichever outlet serves it; an analytics or
# collecting-society pixel says "pixel" or "counter" too, and is not one.
_PIXEL_WORD = re.compile(r"republish|republication|syndicat", re.IGNORECASE)
MAX_PIXELS = 5
# Words of an image's alt text that describe the image, not the outlet that serves it.
_NOT_A_NAME = re.compile(r"pixel|tracker|counter|image|logo|spacer|\.(?:gif|png)", re.IGNORECASE)


@dataclass(frozen=True)
class Origin:
    outlet: str
    url: str
    domain: str
    via: str
    element: HtmlElement | None
    confidence: float


def find_origins(page: Page, site: Site) -> list[Origin]:
    found: list[Origin] = []
    md = page.meta
    for rel in ("original-source", "syndication-source"):
        for url in md.links.get(rel, ()):
            found += _cross_site(page, site, url, f"link rel={rel}", link_element(page, rel), 0.85)
        for url in md.meta.get(rel, ()):
            found += _cross_site(
                page, site, page.resolve(url), f"meta {rel}", meta_element(page, rel), 0.85
            )
    if md.canonical:
        found += _cross_site(
            page, site, md.canonical, "canonical", link_element(page, "canonical"), 0.7
        )
    og_url = md.first("og:url")
    if og_url:
        found += _cross_site(
            page, site, page.resolve(og_url), "og:url", meta_element(page, "og:url"), 0.6
        )
    found += _from_jsonld(page, site)
    found += _pixels(page, site)
    return _dedupe(found)


def _cross_site(
    page: Page, site: Site, url: str, via: str, element: HtmlElement | None, confidence: float
) -> list[Origin]:
    if not url.startswith(("http://", "https://")) or not page.domain:
        return []
    domain = registrable_domain(hostname(url))
    if not domain or site.is_own(domain=domain) or _same_label(domain, page.domain):
        return []
    return [Origin(domain, url, domain, via, element, confidence)]


def _same_label(a: str, b: str) -> bool:
    """`bbc.com` and `bbc.co.uk`: one outlet on two country domains, not a republication."""
    return a.split(".", 1)[0] == b.split(".", 1)[0]


def _from_jsonld(page: Page, site: Site) -> list[Origin]:
    found: list[Origin] = []
    script = jsonld_script(page)
    for obj in page.meta.jsonld:
        if not {"ImageObject", "VideoObject", "Photograph"}.isdisjoint(jsonld_types(obj)):
            continue
        for value in _as_list(obj.get("isBasedOn")) + _as_list(obj.get("isBasedOnUrl")):
            found += _based_on(page, site, value, script)
        organization = obj.get("sourceOrganization")
        name, domain = jsonld_name(organization), _domain_of(organization)
        if name and not site.is_own(name, domain):
            url = _url_of(organization)
            found.append(Origin(name, url, domain, "json-ld sourceOrganization", script, 0.75))
        for via, holder, confidence in (
            ("json-ld publisher", obj.get("publisher"), 0.75),
            ("json-ld copyrightHolder", obj.get("copyrightHolder"), 0.6),
        ):
            wire = wire_named(jsonld_name(holder)) if holder else None
            if wire is not None and foreign_agency(wire.name, page.domain):
                found.append(Origin(wire.name, "", wire.domains[0], via, script, confidence))
    return found


def _based_on(page: Page, site: Site, value: Any, script: HtmlElement | None) -> list[Origin]:
    """`isBasedOn`: a URL, or a creative work with a URL and perhaps its publisher's name."""
    url = value if isinstance(value, str) else _url_of(value)
    name = ""
    if isinstance(value, dict):
        organization = {"Organization", "NewsMediaOrganization"} & set(jsonld_types(value))
        name = jsonld_name(value.get("publisher")) or (jsonld_name(value) if organization else "")
    if url:
        return [
            replace(origin, outlet=name or origin.outlet)
            for origin in _cross_site(
                page, site, page.resolve(url), "json-ld isBasedOn", script, 0.85
            )
        ]
    if name and not site.is_own(name):
        return [Origin(name, "", "", "json-ld isBasedOn", script, 0.7)]
    return []


def _pixels(page: Page, site: Site) -> list[Origin]:
    """Republication pixels on another site; the outlet is the one the image's alt text names
    (`alt="The Conversation"`), else its domain, which the outlet registry names."""
    found: list[Origin] = []
    for img in page.body.iter("img"):
        raw = img.get("src") or ""
        if not _PIXEL_WORD.search(raw) or len(found) >= MAX_PIXELS:
            continue
        src = page.resolve(raw)
        domain = registrable_domain(hostname(src))
        if not domain or site.is_own(domain=domain):
            continue
        alt = " ".join((img.get("alt") or "").split())
        named = alt and len(alt.split()) <= 6 and not _NOT_A_NAME.search(alt)
        found.append(Origin(alt if named else domain, "", domain, "republication pixel", img, 0.8))
    return found


def _dedupe(origins: list[Origin]) -> list[Origin]:
    best: dict[str, Origin] = {}
    for origin in origins:
        key = origin.domain or origin.outlet.lower()
        if key not in best or origin.confidence > best[key].confidence:
            best[key] = origin
    return sorted(best.values(), key=lambda o: -o.confidence)


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _url_of(value: Any) -> str:
    if isinstance(value, dict):
        for key in ("url", "@id", "sameAs"):
            if isinstance(value.get(key), str) and value[key].startswith("http"):
                return str(value[key])
    return ""


def _domain_of(value: Any) -> str:
    url = _url_of(value)
    return registrable_domain(hostname(url)) if url else ""


def origin_annotations(page: Page, origins: list[Origin]) -> list[Annotation]:
    out = []
    for origin in origins:
        element = origin.element if origin.element is not None else page.root.find("head")
        out.append(
            Annotation(
                kind=kinds.METADATA_ORIGIN,
                title="Metadata points elsewhere",
                text=f"The page's {origin.via} points to {origin.outlet}.",
                display="none",
                severity="info",
                presentation="provenance",
                confidence=origin.confidence,
                target=page.target(element if element is not None else page.body),
                links=outlet_links(origin.outlet, origin.url),
                data=outlet_data(origin.outlet, origin.via, origin.url, origin.domain),
            )
        )
    return out

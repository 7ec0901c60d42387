"""Source attribution: who published this, who wrote it, where it came from, how its claims
are sourced.

One `detect` pass over the page's shared views. Each detector lives in its own module; this
module only wires them together and turns their findings into annotations.
"""

from __future__ import annotations

from collections.abc import Iterator

from masthead.sdk import Annotation, Page, check_time, hookimpl, kinds

from .bylines import byline_annotation, find_bylines
from .credit_lines import credit_annotations, find_credits
from .datelines import find_datelines, from_bylines, wire_annotations
from .dates import dates_data, find_published, published_annotation
from .metadata_origin import find_origins, origin_annotations
from .phrases import PHRASES
from .regions import read_regions
from .site import Site, read_site
from .sourcing import cited_links, claim_annotations, find_claims


@hookimpl
def masthead_detect(page: Page) -> Iterator[Annotation]:
    site = read_site(page)
    regions = read_regions(page)
    published = find_published(page)
    dates = dates_data(page, published)
    site_note = site_annotation(page, site, dates)
    if site_note is not None:
        yield site_note
    published_note = published_annotation(page, published)
    if published_note is not None:
        yield published_note
    check_time()  # between the finders, each bounded: a huge page stops at the budget
    bylines = find_bylines(page, regions, site)
    byline = byline_annotation(page, bylines, dates, regions)
    if byline is not None:
        yield byline
    check_time()
    credits = find_credits(page, regions, site)
    yield from credit_annotations(page, credits)
    wires = find_datelines(regions, site) + from_bylines(bylines, site)
    yield from wire_annotations(page, wires)
    yield from origin_annotations(page, find_origins(page, site))
    check_time()
    links = cited_links(page, regions)
    yield from claim_annotations(page, regions, find_claims(page, regions), links)


def site_annotation(page: Page, site: Site, dates: dict[str, str]) -> Annotation | None:
    """The site's name; a page that names itself nowhere is known by its domain."""
    name, source = site.name, site.source
    if not name:
        if not page.domain:
            return None
        name, source = page.domain, "domain"
    element = site.element if site.element is not None else page.root.find("head/title")
    confidence = {"og:site_name": 0.9, "json-ld publisher": 0.9, "domain": 0.5}.get(source, 0.7)
    language = page.reader_language
    return Annotation(
        kind=kinds.SITE,
        title=PHRASES.say(language, "site.title"),
        text=PHRASES.say(language, "site.text", name=name, domain=page.domain)
        + (
            " " + PHRASES.say(language, "site.publisher", publisher=site.publisher)
            if site.publisher
            else ""
        ),
        display="none",
        presentation="provenance",
        confidence=confidence,
        target=page.target(element if element is not None else page.body),
        data={
            "name": name,
            "domain": page.domain,
            "source": source,
            **({"publisher": site.publisher} if site.publisher else {}),
            **dates,
        },
    )

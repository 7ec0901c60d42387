"""Unmarked republication: the page's article text appeared earlier on another site.

The server's origin index (`settings.origins`, handed over at startup) returns the indexed
articles that share the most sampled shingles with this page's article text. One is the origin
when it is on another site, covers a substantial share of this page's text, and was published
earlier (or has no date). The annotation states those measurements; it never judges the text.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from masthead.sdk import Annotation, Findings, Link, Outlet, OutletRegistry, Page
from masthead.sdk.domains import registrable_domain
from masthead.sdk.fingerprints import fingerprint
from masthead.sdk.kinds import BYLINE, SITE, TEXT_ORIGIN
from masthead.sdk.language import long_date
from masthead.sdk.metadata import parse_time
from masthead.sdk.origins import OriginHit, OriginIndex

from . import kinds, wording
from .phrases import PHRASES

#: The share of this page's text that must be found in the origin: a quoted paragraph or two
#: in an article of its own stays far below it; an excerpt is above it.
MIN_CONTAINED = 0.5
#: Above this share both ways the page is the whole origin; one way only, an excerpt.
FULL = 0.8
#: Fewer sampled shingles than this (in the range both samples cover) and a page is too short
#: to tell; fewer shared than `MIN_SHARED`, and chance could explain them.
MIN_SAMPLED = 6
MIN_SHARED = 5


@dataclass(frozen=True)
class TextOrigin:
    hit: OriginHit
    record: Outlet | None
    owner: str  # the owner the page's site shares with the origin: a sister title
    wire: bool
    page_published: datetime | None

    @property
    def variant(self) -> str:
        found = self.hit.overlap
        if found.contained >= FULL:
            return "full" if found.reverse >= FULL else "excerpt"
        return "partial"

    @property
    def name(self) -> str:
        return self.record.name if self.record else (self.hit.outlet or self.hit.domain)

    @property
    def days_before(self) -> float | None:
        if self.hit.published is None or self.page_published is None:
            return None
        return (self.page_published - self.hit.published).total_seconds() / 86400

    def to_data(self) -> dict[str, Any]:
        found = self.hit.overlap
        return {
            "origin_url": self.hit.url,
            "origin_domain": self.hit.domain,
            "origin_outlet": self.name if (self.record or self.hit.outlet) else "",
            "origin_title": self.hit.title,
            "origin_published": _iso(self.hit.published),
            "page_published": _iso(self.page_published),
            "seconds_between": (
                None if self.days_before is None else round(self.days_before * 86400)
            ),
            "containment": round(found.contained, 3),
            "reverse_containment": round(found.reverse, 3),
            "sampled_shingles": found.this_sampled,
            "variant": self.variant,
            "relation": kinds.WIRE if self.wire else kinds.SISTER if self.owner else "copy",
        }


def find(
    page: Page, findings: Findings, outlets: OutletRegistry, index: OriginIndex
) -> TextOrigin | None:
    """The earliest-published indexed article on another site that holds this page's text."""
    if not page.url:
        return None
    print_ = fingerprint(page.article.paragraphs)
    if len(print_.hashes) < MIN_SAMPLED:
        return None
    own = registrable_domain(page.url)
    published = page_published(findings)
    matches = [
        hit
        for hit in index.candidates(print_, limit=8)
        if hit.domain != own
        and hit.overlap.this_sampled >= MIN_SAMPLED
        and hit.overlap.shared >= MIN_SHARED
        and hit.overlap.contained >= MIN_CONTAINED
        and (hit.published is None or published is None or hit.published < published)
    ]
    if not matches:
        return None
    best = max(matches, key=lambda h: (round(h.overlap.contained, 1), _earliness(h)))
    record = outlets.by_domain(best.url) or (outlets.by_name(best.outlet) if best.outlet else None)
    site = outlets.by_domain(page.url)
    wire = record is not None and record.category == "wire service"
    return TextOrigin(best, record, kinds.shared_owner(record, site), wire, published)


def annotation(match: TextOrigin, language: str) -> Annotation:
    """The `text-origin` notice: where the text appeared, when, and how much of it."""
    record = match.record
    facts = wording.banner_facts(record) if record else []
    named = wording.Named(match.name, match.hit.domain, record)
    sources = [f.source for f in facts if f.source]
    links = [Link(match.hit.url, PHRASES.say(language, "link.earlier"))]
    links += [
        link
        for link in wording.links("", False, named, sources, language)
        if link.href != match.hit.url
    ]
    return Annotation(
        kind=TEXT_ORIGIN,
        title=headline(match, language),
        text=wording.facts_line(record, facts, language)
        if record
        else wording.unknown_text(language),
        display="banner",
        severity="notice",
        presentation="notice",
        confidence=round(min(1.0, match.hit.overlap.contained), 3),
        links=tuple(links),
        data={
            **match.to_data(),
            "facts": [wording.fact_dict(record, f, language) for f in record.facts()]
            if record
            else [],
        },
    )


def headline(match: TextOrigin, language: str) -> str:
    """ "The text of this article appeared earlier on rt.com (11 May 2023, one day before):
    92% of its text matches." Wire copy and sister titles are named as such."""
    when = []
    published = match.hit.published
    if published is not None:
        when.append(long_date(published, language))
    if match.days_before is not None:
        when.append(_interval(match.days_before, language))
    dated = f" ({', '.join(when)})" if when else ""
    percent = round(100 * match.hit.overlap.contained)
    words = {"when": dated, "share": PHRASES.say(language, "origin.share", percent=percent)}
    if match.wire:
        return PHRASES.say(language, "origin.wire", outlet=match.name, **words)
    if match.owner:
        return PHRASES.say(
            language, "origin.sister", domain=match.hit.domain, owner=match.owner, **words
        )
    return PHRASES.say(language, "origin.earlier", domain=match.hit.domain, **words)


def evidence(match: TextOrigin) -> dict[str, Any]:
    """The same match as evidence inside a republication notice that names the same outlet."""
    return {**match.to_data(), "kind": TEXT_ORIGIN, "agrees": True, "outlet": match.name}


def same_outlet(match: TextOrigin, notice: Annotation) -> bool:
    domain = str(notice.data.get("domain") or "")
    if domain and registrable_domain(domain) == match.hit.domain:
        return True
    return match.record is not None and notice.data.get("outlet") == match.record.name


def page_published(findings: Findings) -> datetime | None:
    """The page's own publication date, as the byline or site finding states it (a page without
    a byline still has a date)."""
    for finding in [*findings.of_kind(BYLINE), *findings.of_kind(SITE)]:
        parsed = parse_time(str(finding.data.get("published") or ""))
        if parsed is not None:
            return parsed
    return None


def _earliness(hit: OriginHit) -> float:
    return -hit.published.timestamp() if hit.published else float("-inf")


def _interval(days: float, language: str) -> str:
    if days < 1:
        hours = max(1, round(days * 24))
        if hours == 1:
            return PHRASES.say(language, "origin.hour")
        return PHRASES.say(language, "origin.hours", count=hours)
    whole = round(days)
    if whole == 1:
        return PHRASES.say(language, "origin.day")
    return PHRASES.say(language, "origin.days", count=whole)


def _iso(value: datetime | None) -> str | None:
    return value.isoformat() if value else None

"""The origin index: record an article's fingerprint, and find the articles a page shares text with.

Lookups read only the postings of the page's own sampled hashes (an inverted index), so their
cost follows the page's length, not the index's size. This class is what plugins receive as
`settings.origins` (the `masthead.sdk.origins.OriginIndex` protocol).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any

from masthead.sdk.domains import registrable_domain
from masthead.sdk.fingerprints import Fingerprint, fingerprint, overlap_from_count
from masthead.sdk.origins import OriginHit

from ..store import Store
from .store import OriginStore, StoredArticle

#: A hash held by more articles than this is a stock phrase; it counts for none.
COMMON_HASH = 64
#: An article needs this many shared sampled hashes to be a candidate at all.
MIN_SHARED = 3


@dataclass(frozen=True)
class OriginRecord:
    """What is recorded about an article besides its fingerprint."""

    url: str
    outlet: str = ""
    title: str = ""
    published: datetime | None = None
    via: str = "manual"


class OriginIndex:
    """Fingerprints of articles, by URL, with their outlet, domain, dates and title."""

    def __init__(self, store: OriginStore) -> None:
        self.store = store

    def add(self, record: OriginRecord, paragraphs: list[str]) -> Fingerprint:
        """Fingerprint an article's paragraphs and record it (replacing the same URL)."""
        stored = fingerprint(paragraphs).stored()
        self.add_fingerprint(record, stored)
        return stored

    def add_fingerprint(self, record: OriginRecord, stored: Fingerprint) -> int:
        return self.store.put(row(record, stored), stored.hashes)

    def add_many(self, entries: Iterable[tuple[OriginRecord, Fingerprint]]) -> int:
        """Record many fingerprints in as few transactions as the store allows; how many."""
        return self.store.put_many((row(r, s), s.hashes) for r, s in entries)

    def candidates(self, fingerprint: Fingerprint, limit: int = 5) -> list[OriginHit]:
        found = self.store.lookup(fingerprint.hashes, COMMON_HASH, MIN_SHARED, limit * 4)
        hits = [
            _hit(article, overlap_from_count(fingerprint, article.sampled, article.ceiling, n))
            for article, n in found
        ]
        hits.sort(key=lambda h: (-h.overlap.contained, -h.overlap.shared))
        return hits[:limit]

    def remember(self, url: str, paragraphs: list[str]) -> None:
        """An analysed page, when the operator turned that on: fingerprint, URL and time only."""
        if url.startswith(("http://", "https://")) and registrable_domain(url):
            stored = fingerprint(paragraphs).stored()
            if len(stored.hashes) >= MIN_SHARED:
                self.add_fingerprint(OriginRecord(url, via="analysed"), stored)

    def forget_older(self, days: float) -> int:
        return self.store.forget(before=datetime.now(UTC) - timedelta(days=days))


def row(record: OriginRecord, stored: Fingerprint) -> dict[str, Any]:
    published = record.published
    if published is not None and published.tzinfo is None:
        published = published.replace(tzinfo=UTC)
    return {
        "url": record.url,
        "domain": registrable_domain(record.url),
        "outlet": record.outlet,
        "title": record.title[:500],
        "published": published,
        "added": datetime.now(UTC),
        "via": record.via,
        "shingles": stored.shingles,
        "ceiling": stored.ceiling,
        "hashes": stored.pack(),
    }


def _hit(article: StoredArticle, found: Any) -> OriginHit:
    return OriginHit(
        url=article.url,
        domain=article.domain,
        outlet=article.outlet,
        title=article.title,
        published=article.published,
        overlap=found,
    )


def index_in_use(store: Store, configured: bool) -> OriginIndex | None:
    """The server's index when the operator asked for one or already filled one; else None, so
    that a server nobody set up for it keeps nothing on disk."""
    index = OriginIndex(OriginStore(store))
    return index if configured or index.store.filled() else None


def open_index(store: Store) -> OriginIndex:
    """The index in the server's store (`[store] url`, else SQLite in the data dir); its tables
    are the store's migration step 3, applied on first use."""
    return OriginIndex(OriginStore(store))

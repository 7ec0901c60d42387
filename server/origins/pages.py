"""One page into the index: extract its article with the project's extractor, fingerprint it,
record where and when it was published. `masthead origins add` and the feed sync share it."""

from __future__ import annotations

from datetime import datetime

from masthead.sdk.fingerprints import Fingerprint, fingerprint
from masthead.sdk.metadata import parse_time
from masthead.sdk.page import Page

from ..host import PluginHost
from .index import MIN_SHARED, OriginIndex, OriginRecord

__all__ = ["NotAnArticle", "fingerprint_page", "index_page", "parse_time"]


class NotAnArticle(ValueError):
    """The page has too little running text to fingerprint."""


def index_page(
    index: OriginIndex,
    host: PluginHost,
    html: str,
    url: str,
    outlet: str = "",
    published: datetime | None = None,
) -> Fingerprint:
    """Fingerprint and record one page by hand; raises NotAnArticle when there is nothing to
    keep."""
    entry, stored = fingerprint_page(host, html, url, outlet, published)
    index.add_fingerprint(entry, stored)
    return stored


def fingerprint_page(
    host: PluginHost,
    html: str,
    url: str,
    outlet: str = "",
    published: datetime | None = None,
    title: str = "",
    via: str = "manual",
) -> tuple[OriginRecord, Fingerprint]:
    """What the index would record for a page, without writing it (the sync writes a feed's
    items in one batch); raises NotAnArticle when there is nothing to keep."""
    page = Page(html, url)
    article = host.article(page)
    record = host.outlets.by_domain(url)
    stored_outlet = outlet or (record.name if record else "") or page.meta.first("og:site_name")
    when = published or parse_time(page.meta.published)
    stored = fingerprint(article.paragraphs).stored()
    if len(stored.hashes) < MIN_SHARED:
        raise NotAnArticle(f"{url}: too little article text to fingerprint")
    return OriginRecord(url, stored_outlet, title or page.title, when, via), stored

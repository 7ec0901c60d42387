"""One page into the index: extract its article with the project's extractor, fingerprint it,
record where and when it was published. `masthead origins add` and the feed sync share it."""

from __future__ import annotations

from datetime import datetime

from masthead.sdk.fingerprints import Fingerprint
from masthead.sdk.metadata import parse_time
from masthead.sdk.page import Page

from ..host import PluginHost
from .index import OriginIndex, OriginRecord

__all__ = ["NotAnArticle", "index_page", "parse_time"]


class NotAnArticle(ValueError):
    """The page has too little running text to fingerprint."""


def index_page(
    index: OriginIndex,
    host: PluginHost,
    html: str,
    url: str,
    outlet: str = "",
    published: datetime | None = None,
    title: str = "",
    via: str = "manual",
) -> Fingerprint:
    """Fingerprint and record one page; raises NotAnArticle when there is nothing to keep."""
    page = Page(html, url)
    article = host.article(page)
    record = host.outlets.by_domain(url)
    stored_outlet = outlet or (record.name if record else "") or page.meta.first("og:site_name")
    when = published or parse_time(page.meta.published)
    entry = OriginRecord(url, stored_outlet, title or page.title, when, via)
    stored = index.add(entry, article.paragraphs)
    if len(stored.hashes) < 3:
        index.store.forget(url=url)
        raise NotAnArticle(f"{url}: too little article text to fingerprint")
    return stored

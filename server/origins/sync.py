"""Follow feeds: fetch new items, extract and fingerprint each article, record it.

Feeds are RSS or Atom (read with feedparser) or news sitemaps (`<urlset>` with `<news:news>`).
A feed that fails is reported by name with the reason, and the others still sync; an item that
fails is skipped and counted. A feed that has not changed (304) costs one request.
"""

from __future__ import annotations

import calendar
import logging
import threading
import time
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import feedparser
from lxml import etree

from masthead.sdk.fingerprints import Fingerprint

from ..host import PluginHost
from .config import Feed, OriginsConfig
from .fetch import Fetcher, FetchError
from .index import OriginIndex, OriginRecord
from .pages import NotAnArticle, fingerprint_page, parse_time

log = logging.getLogger("masthead.origins")
HTML_TYPES = ("text/html", "application/xhtml+xml")


@dataclass
class FeedResult:
    url: str
    outlet: str
    error: str = ""
    not_modified: bool = False
    added: int = 0
    known: int = 0
    skipped: list[str] = field(default_factory=list)

    def line(self) -> str:
        name = f"{self.outlet} <{self.url}>" if self.outlet else self.url
        if self.error:
            return f"{name}: FAILED — {self.error}"
        if self.not_modified:
            return f"{name}: not modified"
        skipped = f", {len(self.skipped)} skipped" if self.skipped else ""
        return f"{name}: {self.added} new, {self.known} already indexed{skipped}"


@dataclass(frozen=True)
class Item:
    url: str
    title: str
    published: datetime | None


def followed(index: OriginIndex, config: OriginsConfig) -> list[Feed]:
    """The feeds of the config file and those added with `masthead origins follow`."""
    feeds = {feed.url: feed for feed in config.feeds}
    for row in index.store.feed_list():
        feeds.setdefault(row["url"], Feed(row["url"], row["outlet"]))
    return list(feeds.values())


def sync(index: OriginIndex, host: PluginHost, config: OriginsConfig) -> list[FeedResult]:
    fetcher = Fetcher(config)
    results = [sync_feed(index, host, fetcher, feed) for feed in followed(index, config)]
    if config.retention_days is not None:
        index.forget_older(config.retention_days)
    return results


def sync_feed(index: OriginIndex, host: PluginHost, fetcher: Fetcher, feed: Feed) -> FeedResult:
    result = FeedResult(feed.url, feed.outlet)
    state = index.store.feed_state(feed.url)
    config = fetcher.config
    try:
        if not fetcher.allowed(feed.url):
            raise FetchError("robots.txt disallows fetching it")
        response = fetcher.get(
            feed.url, config.max_feed_bytes, state.get("etag", ""), state.get("last_modified", "")
        )
        if response.status == 304:
            result.not_modified = True
        elif response.status != 200:
            raise FetchError(f"HTTP {response.status}")
        else:
            items = read_items(response.body)[: config.max_items_per_feed]
            fetched = [_sync_item(index, host, fetcher, feed, item, result) for item in items]
            result.added = index.add_many(entry for entry in fetched if entry is not None)
            state["etag"] = response.headers.get("etag", "")
            state["last_modified"] = response.headers.get("last-modified", "")
    except FetchError as exc:
        result.error = str(exc)
    except Exception as exc:  # one feed must never stop the others
        log.warning("feed %s: %s", feed.url, type(exc).__name__)
        result.error = f"{type(exc).__name__}: {exc}"
    index.store.record_feed(
        feed.url,
        feed.outlet,
        etag=state.get("etag", ""),
        last_modified=state.get("last_modified", ""),
        synced=datetime.now(UTC),
        error=result.error[:1000],
        items=result.added,
    )
    return result


def _sync_item(
    index: OriginIndex,
    host: PluginHost,
    fetcher: Fetcher,
    feed: Feed,
    item: Item,
    result: FeedResult,
) -> tuple[OriginRecord, Fingerprint] | None:
    """One item fetched and fingerprinted, or None when it is known already or skipped."""
    if index.store.by_url(item.url) is not None:
        result.known += 1
        return None
    try:
        if not fetcher.allowed(item.url):
            raise FetchError("robots.txt disallows it")
        response = fetcher.get(item.url, fetcher.config.max_page_bytes)
        if response.status != 200:
            raise FetchError(f"HTTP {response.status}")
        if response.content_type not in HTML_TYPES:
            raise FetchError(f"not HTML ({response.content_type or 'no type'})")
        html = response.body.decode(_charset(response.headers), errors="replace")
        return fingerprint_page(
            host, html, item.url, feed.outlet, item.published, item.title, via="feed"
        )
    except (FetchError, NotAnArticle, LookupError) as exc:
        result.skipped.append(f"{item.url}: {exc}")
    return None


def read_items(body: bytes) -> list[Item]:
    """The items of an RSS/Atom feed or a news sitemap, newest first; raises FetchError when the
    body is neither."""
    sitemap = _sitemap_items(body)
    if sitemap is not None:
        return sitemap
    parsed: Any = feedparser.parse(body)
    items = []
    for entry in parsed.entries:
        link = str(entry.get("link") or "")
        if not link.startswith(("http://", "https://")):
            continue
        stamp = entry.get("published_parsed") or entry.get("updated_parsed")
        when = datetime.fromtimestamp(calendar.timegm(stamp), UTC) if stamp else None
        items.append(Item(link, str(entry.get("title") or ""), when))
    if not items:  # feedparser recovers what it can; nothing usable from a broken one is an error
        reason = parsed.get("bozo_exception")
        raise FetchError(f"not a valid feed ({reason})" if reason else "the feed has no items")
    return sorted(
        items, key=lambda i: i.published or datetime.min.replace(tzinfo=UTC), reverse=True
    )


_SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
_NEWS = "{http://www.google.com/schemas/sitemap-news/0.9}"


def _sitemap_items(body: bytes) -> list[Item] | None:
    head = body[:2048].lstrip()
    if b"<urlset" not in head:
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = etree.fromstring(body, parser)
    except etree.XMLSyntaxError as exc:
        raise FetchError(f"not a valid sitemap ({exc})") from exc
    items = []
    for node in root.iter(f"{_SITEMAP}url"):
        loc = (node.findtext(f"{_SITEMAP}loc") or "").strip()
        if not loc.startswith(("http://", "https://")):
            continue
        title = node.findtext(f"{_NEWS}news/{_NEWS}title") or ""
        when = parse_time(node.findtext(f"{_NEWS}news/{_NEWS}publication_date") or "")
        items.append(Item(loc, title.strip(), when))
    return sorted(
        items, key=lambda i: i.published or datetime.min.replace(tzinfo=UTC), reverse=True
    )


def _charset(headers: dict[str, str]) -> str:
    for part in headers.get("content-type", "").split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"'")
    return "utf-8"


def start_background_sync(
    index: OriginIndex, host: PluginHost, config: OriginsConfig, interval: float
) -> threading.Thread:
    """`masthead serve --sync-every`: a sync now, then one every `interval` seconds."""

    def loop() -> None:
        while True:
            try:
                for result in sync(index, host, config):
                    (log.warning if result.error else log.info)("origins sync: %s", result.line())
            except Exception as exc:  # the server keeps serving whatever one sync does
                log.warning("origins sync failed: %s", type(exc).__name__)
            time.sleep(interval)

    thread = threading.Thread(target=loop, name="masthead-origins-sync", daemon=True)
    thread.start()
    return thread

"""Page metadata read from `<head>`: title, meta tags, Open Graph, JSON-LD and link relations."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from lxml.html import HtmlElement

MAX_JSONLD_BYTES = 1_000_000


@dataclass
class Metadata:
    """What the page says about itself. Keys of `meta` are lower-case `name`/`property` values."""

    title: str = ""
    lang: str = ""
    canonical: str = ""
    meta: dict[str, list[str]] = field(default_factory=dict)
    links: dict[str, list[str]] = field(default_factory=dict)
    jsonld: list[dict[str, Any]] = field(default_factory=list)

    def first(self, *names: str) -> str:
        """The first non-empty value among these meta names, e.g. `first("og:site_name")`."""
        for name in names:
            for value in self.meta.get(name.lower(), ()):
                if value.strip():
                    return value.strip()
        return ""

    @property
    def og(self) -> dict[str, str]:
        """Open Graph properties (`og:*`), first value of each."""
        return {k: v[0] for k, v in self.meta.items() if k.startswith("og:") and v}

    @property
    def published(self) -> str:
        """The publication time the head states (meta or JSON-LD), as written; "" if none."""
        found = self.first("article:published_time", "og:published_time", "date", "pubdate")
        for obj in self.jsonld:
            value = obj.get("datePublished")
            if not found and isinstance(value, str):
                found = value.strip()
        return found

    def jsonld_of_type(self, *types: str) -> list[dict[str, Any]]:
        """JSON-LD objects whose `@type` is (or includes) one of these types."""
        wanted = set(types)
        return [obj for obj in self.jsonld if wanted & set(jsonld_types(obj))]


def jsonld_types(obj: dict[str, Any]) -> list[str]:
    value = obj.get("@type", [])
    values = value if isinstance(value, list) else [value]
    return [v.rsplit("/", 1)[-1] for v in values if isinstance(v, str)]


def jsonld_name(value: Any) -> str:
    """The name of a JSON-LD node or reference: `{"name": ...}`, a list of them, or a string."""
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, list):
        return next((n for n in map(jsonld_name, value) if n), "")
    if isinstance(value, dict):
        name = value.get("name")
        return name.strip() if isinstance(name, str) else ""
    return ""


def read_metadata(root: HtmlElement, url: str) -> Metadata:
    from urllib.parse import urljoin

    md = Metadata()
    md.lang = (root.get("lang") or "").strip()
    titles = root.xpath("//title")
    if titles:
        md.title = " ".join((titles[0].text_content() or "").split())
    for el in root.iter("meta"):
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = el.get("content")
        if key and content is not None:
            md.meta.setdefault(key, []).append(content)
    for el in root.iter("link"):
        href = (el.get("href") or "").strip()
        if not href:
            continue
        try:
            absolute = urljoin(url, href)
        except ValueError:  # a malformed href ("http://[::1") is no link at all
            continue
        for rel in (el.get("rel") or "").lower().split():
            md.links.setdefault(rel, []).append(absolute)
    if md.links.get("canonical"):
        md.canonical = md.links["canonical"][0]
    for script in root.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        md.jsonld.extend(_flatten(_parse_json(script.text or "")))
    return md


def _parse_json(text: str) -> Any:
    if len(text) > MAX_JSONLD_BYTES:
        return None
    text = text.strip().removeprefix("<!--").removesuffix("-->").strip()
    try:
        return json.loads(text)
    except ValueError:
        return None


def _flatten(value: Any, depth: int = 0) -> Iterator[dict[str, Any]]:
    """Top-level JSON-LD objects, with `@graph` members and lists unrolled."""
    if depth > 8:
        return
    if isinstance(value, list):
        for item in value:
            yield from _flatten(item, depth + 1)
    elif isinstance(value, dict):
        graph = value.get("@graph")
        if graph is not None:
            yield from _flatten(graph, depth + 1)
        if "@type" in value:
            yield value

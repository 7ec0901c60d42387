"""Page metadata read from `<head>`: title, meta tags, Open Graph, JSON-LD and link relations."""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from itertools import islice
from typing import Any
from urllib.parse import urljoin

from lxml.html import HtmlElement

from .domains import clean_href

# Bounds on what one page can make the metadata view do. Past each, the view keeps what came
# first and says what it cut in `Metadata.cut` (reported in the response's page facts).
MAX_JSONLD_BYTES = 1_000_000  # per <script type="application/ld+json">; larger ones are skipped
MAX_JSONLD_DEPTH = 32  # nesting kept inside one JSON-LD document; deeper values become null
MAX_JSONLD_OBJECTS = 1_000  # typed objects kept after unrolling lists and @graph
MAX_META = 2_000  # <meta> elements read
MAX_LINKS = 2_000  # <link> elements read
MAX_VALUE_CHARS = 10_000  # a meta content or link href longer than this is cut to this


@dataclass
class Metadata:
    """What the page says about itself. Keys of `meta` are lower-case `name`/`property` values."""

    title: str = ""
    lang: str = ""
    canonical: str = ""
    meta: dict[str, list[str]] = field(default_factory=dict)
    links: dict[str, list[str]] = field(default_factory=dict)
    jsonld: list[dict[str, Any]] = field(default_factory=list)
    cut: list[str] = field(default_factory=list)

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
    # Iterative, depth-first, so that a list of lists nested however deep cannot overflow.
    stack = [value]
    while stack:
        item = stack.pop()
        if isinstance(item, str) and item.strip():
            return item.strip()
        if isinstance(item, list):
            stack.extend(reversed(item))
        elif isinstance(item, dict):
            name = item.get("name")
            if isinstance(name, str) and name.strip():
                return name.strip()
    return ""


def read_metadata(
    root: HtmlElement, url: str, resolve: Callable[[str], str] | None = None
) -> Metadata:
    """The page's metadata. `resolve` makes a link's href absolute ("" when it is malformed);
    by default `urljoin` against `url`. The Page passes its own, which skips urljoin for the
    common plain URLs."""
    md = Metadata()
    md.lang = (root.get("lang") or "").strip()
    # One pass over the tree for every element read here, not one per tag: each walk of a news
    # page's tree costs about as much as reading all of what it finds.
    found: dict[str, list[HtmlElement]] = {tag: [] for tag in _READ_TAGS}
    for el in root.iter(*_READ_TAGS):
        found[el.tag].append(el)
    if found["title"]:
        md.title = " ".join((found["title"][0].text_content() or "").split())
    for count, el in enumerate(found["meta"]):
        if count == MAX_META:
            md.cut.append(f"meta: only the first {MAX_META} <meta> elements are read")
            break
        key = (el.get("property") or el.get("name") or el.get("itemprop") or "").strip().lower()
        content = el.get("content")
        if key and content is not None:
            md.meta.setdefault(key, []).append(_bounded(content, "meta content", md.cut))
    absolute_url = resolve or partial(_urljoin, url)
    for count, el in enumerate(found["link"]):
        if count == MAX_LINKS:
            md.cut.append(f"links: only the first {MAX_LINKS} <link> elements are read")
            break
        href = clean_href(el.get("href") or "")
        if not href or len(href) > MAX_VALUE_CHARS:  # a cut URL would be another URL
            continue
        absolute = absolute_url(href)
        if not absolute:  # a malformed href ("http://[::1") is no link at all
            continue
        for rel in (el.get("rel") or "").lower().split():
            md.links.setdefault(rel, []).append(absolute)
    if md.links.get("canonical"):
        md.canonical = md.links["canonical"][0]
    scripts = (s for s in found["script"] if (s.get("type") or "").strip().lower() == _JSONLD_TYPE)
    for number, script in enumerate(scripts, 1):
        parsed = _parse_json(script.text or "", f"json-ld script {number}", md.cut)
        room = MAX_JSONLD_OBJECTS - len(md.jsonld)
        objects = list(islice(_flatten(parsed), room + 1))
        if len(objects) > room:
            md.cut.append(f"json-ld: only the first {MAX_JSONLD_OBJECTS} objects are kept")
            md.jsonld.extend(objects[:room])
            break
        md.jsonld.extend(objects)
    return md


_JSONLD_TYPE = "application/ld+json"
_READ_TAGS = ("title", "meta", "link", "script")


def _urljoin(base: str, href: str) -> str:
    try:
        return urljoin(base, href)
    except ValueError:
        return ""


def _bounded(value: str, what: str, cut: list[str]) -> str:
    if len(value) <= MAX_VALUE_CHARS:
        return value
    note = f"{what}: values cut to {MAX_VALUE_CHARS} characters"
    if note not in cut:
        cut.append(note)
    return value[:MAX_VALUE_CHARS]


def _parse_json(text: str, what: str, cut: list[str]) -> Any:
    if len(text) > MAX_JSONLD_BYTES:
        cut.append(f"{what}: over {MAX_JSONLD_BYTES} bytes, skipped")
        return None
    text = text.strip().removeprefix("<!--").removesuffix("-->").strip()
    try:
        value = json.loads(text)
    except RecursionError:
        cut.append(f"{what}: nested too deeply to parse, skipped")
        return None
    except ValueError:
        return None
    pruned, deeper = _prune(value, MAX_JSONLD_DEPTH)
    if deeper:
        cut.append(f"{what}: values nested deeper than {MAX_JSONLD_DEPTH} levels became null")
    return pruned


def _prune(value: Any, max_depth: int) -> tuple[Any, bool]:
    """A copy of parsed JSON in which containers deeper than `max_depth` are None.

    Iterative, so the depth `json.loads` allows cannot overflow the stack of whoever reads it.
    """
    deeper = False
    root: list[Any] = [None]
    # (source value, container to write into, key or index in it, depth)
    stack: list[tuple[Any, Any, Any, int]] = [(value, root, 0, 0)]
    while stack:
        item, parent, key, depth = stack.pop()
        if isinstance(item, (dict, list)) and depth >= max_depth:
            deeper = True
            parent[key] = None
        elif isinstance(item, dict):
            copy: dict[str, Any] = dict.fromkeys(item)
            parent[key] = copy
            stack.extend((v, copy, k, depth + 1) for k, v in item.items())
        elif isinstance(item, list):
            items: list[Any] = [None] * len(item)
            parent[key] = items
            stack.extend((v, items, i, depth + 1) for i, v in enumerate(item))
        else:
            parent[key] = item
    return root[0], deeper


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


def parse_time(value: str) -> datetime | None:
    """An ISO-8601 time as pages and feeds write it (`Z`, or no zone: UTC); None if it is not."""
    try:
        parsed = datetime.fromisoformat(value.strip().replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)

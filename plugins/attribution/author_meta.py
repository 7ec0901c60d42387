"""Who the page's metadata says wrote it: JSON-LD `author`/`creator`, `<meta>` author tags.

Metadata is the publisher's deliberate statement of authorship, and it is about this article
alone, where the visible page also shows the authors of teasers, comments and bio cards. JSON-LD
authors come from the article's own object (an `Article`, `NewsArticle`, `BlogPosting`, …), with
`@id` references into an `@graph` resolved to the `Person` or `Organization` they point at.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from masthead.sdk import Page, jsonld_types

# Meta tags that name the article's author, in the order sites mean them.
AUTHOR_META = (
    "author",
    "article:author",
    "dc.creator",
    "dcterms.creator",
    "parsely-author",
    "sailthru.author",
    "byl",
    "citation_author",
)
# What a JSON-LD object that is the article itself is typed as ("NewsArticle", "BlogPosting").
_ARTICLE_SUFFIXES = ("Article", "BlogPosting", "Posting", "Report")
_MAX_NAME = 80


@dataclass(frozen=True)
class MetaAuthors:
    """Author names as one metadata source gives them (lists kept as lists)."""

    source: str
    names: tuple[str, ...]


def metadata_authors(page: Page) -> list[MetaAuthors]:
    """Every metadata source that names authors: JSON-LD first, then the meta tags."""
    found: list[MetaAuthors] = []
    names = jsonld_authors(page.meta.jsonld)
    if names:
        found.append(MetaAuthors("json-ld author", tuple(names)))
    for key in AUTHOR_META:
        values = [
            v.strip()
            for v in page.meta.meta.get(key, ())
            if v.strip() and not _is_address(v.strip()) and len(v.strip()) <= 200
        ]
        if key == "citation_author":
            values = [_first_last(v) for v in values]
        if values:
            found.append(MetaAuthors(f"meta {key}", tuple(dict.fromkeys(values))))
    labelled = _labelled_author(page)
    if labelled:
        found.append(MetaAuthors("meta twitter:data", (labelled,)))
    return found


# The label a publishing tool puts beside the author in `twitter:label1`/`twitter:data1`.
_WRITTEN_BY = frozenset(
    {"written by", "verfasst von", "geschrieben von", "escrito por", "écrit par", "scritto da",
     "geschreven door", "skrevet af", "skrivet av"}
)  # fmt: skip


def _labelled_author(page: Page) -> str:
    for n in range(1, 5):
        label = page.meta.first(f"twitter:label{n}").lower()
        if label in _WRITTEN_BY:
            return page.meta.first(f"twitter:data{n}")
    for key, values in page.meta.meta.items():
        if key.startswith("twitter:misc:") and key.removeprefix("twitter:misc:") in _WRITTEN_BY:
            return next((v.strip() for v in values if v.strip()), "")
    return ""


def _first_last(value: str) -> str:
    """Scholarly metadata writes one author per tag as "Last, First": `Brazil, Rachel`."""
    parts = [p.strip() for p in value.split(",")]
    if len(parts) == 2 and all(parts) and all(len(p.split()) <= 2 for p in parts):
        return f"{parts[1]} {parts[0]}"
    return value


def jsonld_authors(objects: list[dict[str, Any]]) -> list[str]:
    """The article object's `author` (or else `creator`) names, references resolved."""
    objects = [*objects, *_main_entities(objects)]
    by_id = {obj["@id"]: obj for obj in objects if isinstance(obj.get("@id"), str)}
    articles = [obj for obj in objects if _is_article(obj)]
    for obj in articles or [o for o in objects if "WebPage" not in jsonld_types(o)]:
        for key in ("author", "creator"):
            names = _names(obj.get(key), by_id)
            if names:
                return names
    return []


def _main_entities(objects: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """A `WebPage`'s `mainEntity`: the article, nested one level down."""
    found: list[dict[str, Any]] = []
    for obj in objects:
        entity = obj.get("mainEntity")
        for item in entity if isinstance(entity, list) else [entity]:
            if isinstance(item, dict):
                found.append(item)
    return found


def _is_article(obj: dict[str, Any]) -> bool:
    return any(t.endswith(_ARTICLE_SUFFIXES) for t in jsonld_types(obj))


def _names(value: Any, by_id: dict[str, dict[str, Any]], depth: int = 0) -> list[str]:
    if depth > 3 or value is None:
        return []
    if isinstance(value, str):
        text = value.strip()
        return [text] if text and not _is_address(text) and len(text) <= 200 else []
    if isinstance(value, list):
        return list(dict.fromkeys(n for item in value for n in _names(item, by_id, depth + 1)))
    if isinstance(value, dict):
        name = value.get("name")
        if name is None and isinstance(value.get("@id"), str) and value["@id"] in by_id:
            target = by_id[value["@id"]]
            if target is not value:
                return _names(target, by_id, depth + 1)
        if isinstance(name, list):
            return _names(name, by_id, depth + 1)
        if isinstance(name, str) and name.strip() and len(name.strip()) <= _MAX_NAME:
            return [name.strip()]
        given, family = value.get("givenName"), value.get("familyName")
        if isinstance(given, str) and isinstance(family, str):
            return [f"{given.strip()} {family.strip()}".strip()]
    return []


def _is_address(text: str) -> bool:
    return text.startswith(("http://", "https://", "/", "www.")) or "@" in text.split()[0]

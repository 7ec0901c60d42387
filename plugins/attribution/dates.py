"""When the piece was published: ISO 8601, with its time zone where the page gives one, and
where the date came from.

The publisher's metadata comes first (`article:published_time`, the article's JSON-LD
`datePublished`, `itemprop=datePublished`, a `<time datetime>` element), each parsed whatever
its format (ISO 8601, RFC 2822, Unix milliseconds, "Fri Apr 28 19:20:36 CEST 2023"). Only a page
that states none goes to htmldate (its quick search: URL, markup, date-like attributes; the
extensive text search costs seconds on its first call and found nothing more on the corpora).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from email.utils import parsedate_to_datetime
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

from masthead.sdk import Annotation, Page, jsonld_types, kinds
from masthead.sdk.language import long_date

from .head import jsonld_script, meta_element
from .phrases import PHRASES

try:  # imported with the plugin, not inside an analysis that has a deadline
    from htmldate import find_date
except ImportError:  # an install without it reports no date from htmldate rather than failing
    find_date = None  # type: ignore[assignment]

PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "dc.date.issued",
    "dc.date",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "citation_publication_date",
)
MODIFIED_META = ("article:modified_time", "og:updated_time", "datemodified", "last-modified")
_TIMES = etree.XPath(".//time[@datetime]")
# `.//*[@itemprop='datePublished']` but the root, asked of the attribute nodes: libxml2 then
# compares only the elements that have an `itemprop` (see bylines._BYLINES).
_ITEMPROP = etree.XPath("//@itemprop[.='datePublished']/..")
# Time zone names a server writes in a date (`CEST 2023`), as offsets.
_ZONES = {
    "UTC": 0, "GMT": 0, "Z": 0, "CET": 1, "CEST": 2, "MEZ": 1, "MESZ": 2, "WET": 0, "WEST": 1,
    "EET": 2, "EEST": 3, "BST": 1, "IST": 5.5, "JST": 9, "KST": 9, "EST": -5, "EDT": -4,
    "CST": -6, "CDT": -5, "MST": -7, "MDT": -6, "PST": -8, "PDT": -7, "AEST": 10, "AEDT": 11,
}  # fmt: skip
_ZONE_WORD = re.compile(r"\b(" + "|".join(_ZONES) + r")\b")
_EARLIEST = datetime(1990, 1, 1, tzinfo=UTC)
HTMLDATE_MAX_CHARS = 400_000
# Sources that infer a date rather than read one the page states.
INFERRED = frozenset({"htmldate", "address"})
_STRICT_ISO = re.compile(
    r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})?"
)


@dataclass(frozen=True)
class Published:
    """The publication date found: ISO 8601, where it came from and the element that said so."""

    date: str
    source: str
    element: HtmlElement | None


Candidate = tuple[str, str, HtmlElement | None]


def dates_data(page: Page, published: Published | None) -> dict[str, str]:
    """`published` and `modified` as ISO 8601, and `published_source`, as the page states them;
    other plugins read these as facts, so htmldate's inference stays on the `published`
    annotation, labelled with its source."""
    dates: dict[str, str] = {}
    if published is not None and published.source in INFERRED:
        published = None  # an inferred date is reported on its own annotation, not as stated
    if published is not None:
        dates["published"], dates["published_source"] = published.date, published.source
    modified = _first_parsed(_modified_candidates(page))
    if modified is not None:
        dates["modified"] = modified.date
    return dates


def find_published(page: Page) -> Published | None:
    """The page's own statement of when it was published, else what htmldate reads."""
    return _first_parsed(_published_candidates(page)) or _from_htmldate(page)


def _published_candidates(page: Page) -> Iterator[Candidate]:
    """In order of preference, made as they are asked for: most pages state the date in their
    metadata, and the first that parses ends the search before the tree is searched."""
    md = page.meta
    for obj in _articles(md.jsonld):
        value = obj.get("datePublished") or obj.get("dateCreated")
        if isinstance(value, str | int | float) and not isinstance(value, bool):
            yield (str(value), "json-ld datePublished", jsonld_script(page))
            break
    for key in PUBLISHED_META:
        for value in md.meta.get(key, ()):
            yield (value, f"meta {key}", meta_element(page, key))
    root = page.root
    for el in [el for el in _ITEMPROP(root) if el is not root][:3]:
        value = el.get("datetime") or el.get("content") or el.text or ""
        yield (value, "itemprop datePublished", el)
    for el in _TIMES(page.body)[:1]:
        yield (el.get("datetime", ""), "time element", el)


def _modified_candidates(page: Page) -> list[Candidate]:
    md = page.meta
    found: list[Candidate] = []
    for obj in _articles(md.jsonld):
        if isinstance(obj.get("dateModified"), str):
            found.append((obj["dateModified"], "json-ld dateModified", None))
            break
    found += [(v, f"meta {key}", None) for key in MODIFIED_META for v in md.meta.get(key, ())]
    return found


def _articles(objects: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """JSON-LD objects that are the article (or a page's `mainEntity`), articles first."""
    nested: list[dict[str, Any]] = []
    for obj in objects:
        entity = obj.get("mainEntity")
        nested += [
            e for e in (entity if isinstance(entity, list) else [entity]) if isinstance(e, dict)
        ]
    every = [*objects, *nested]
    articles = [
        o for o in every if any(t.endswith(("Article", "Posting")) for t in jsonld_types(o))
    ]
    return articles + [o for o in every if o not in articles]


def _first_parsed(candidates: Iterable[Candidate]) -> Published | None:
    for value, source, element in candidates:
        moment = parse_date(value)
        if moment is not None:
            return Published(moment, source, element)
    return None


def parse_date(value: str) -> str | None:
    """A date as a page writes it, in ISO 8601 (offset kept; a bare day stays a day), or None."""
    text = " ".join(str(value).split())
    if not text or len(text) > 64:
        return None
    if re.fullmatch(r"\d{10}(?:\d{3})?", text):
        seconds = int(text) / (1000 if len(text) == 13 else 1)
        return _plausible(datetime.fromtimestamp(seconds, tz=UTC))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        try:
            return datetime.fromisoformat(text).date().isoformat()
        except ValueError:
            return None
    iso = re.sub(r"(?<=\d)\s*(?:Z|UTC|GMT)$", "+00:00", text)
    iso = re.sub(r"([+-]\d{2})(\d{2})$", r"\1:\2", iso)
    try:
        return _plausible(datetime.fromisoformat(iso), text)
    except ValueError:
        pass
    try:
        moment = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        moment = None
    if moment is not None:
        zone = _ZONE_WORD.search(text)
        if moment.tzinfo is None and zone:
            moment = moment.replace(tzinfo=timezone(timedelta(hours=_ZONES[zone.group(1)])))
        return _plausible(moment)
    return _with_zone_name(text)


def _with_zone_name(text: str) -> str | None:
    """`Fri Apr 28 19:20:36 CEST 2023`: a C-library date with a zone name."""
    zone = _ZONE_WORD.search(text)
    offset = timezone(timedelta(hours=_ZONES[zone.group(1)])) if zone else None
    bare = _ZONE_WORD.sub("", text).strip()
    bare = " ".join(bare.split())
    for pattern in ("%a %b %d %H:%M:%S %Y", "%b %d %Y %H:%M:%S", "%d.%m.%Y %H:%M", "%d.%m.%Y"):
        try:
            moment = datetime.strptime(bare, pattern)
        except ValueError:
            continue
        return _plausible(moment.replace(tzinfo=offset) if offset else moment)
    return None


def _plausible(moment: datetime, written: str = "") -> str | None:
    """The moment in ISO 8601 (as written when the page already wrote it so), if it can be a
    publication date at all."""
    aware = moment if moment.tzinfo else moment.replace(tzinfo=UTC)
    if aware < _EARLIEST or aware > datetime.now(UTC) + timedelta(days=2):
        return None
    return written if _STRICT_ISO.fullmatch(written) else moment.isoformat()


def _from_htmldate(page: Page) -> Published | None:
    """htmldate's quick search, on pages small enough for it (it copies the whole tree); on a
    bigger page only the address is read for a date (`/2024/03/05/`)."""
    if find_date is None or len(page.html) > HTMLDATE_MAX_CHARS:
        return _from_url(page.url)
    try:
        found = find_date(
            page.html, url=page.url or None, original_date=True, extensive_search=False
        )
    except Exception:  # htmldate reads arbitrary markup; a page it cannot read has no date
        return None
    return Published(found, "htmldate", None) if found else None


_URL_DATE = re.compile(r"/((?:19|20)\d{2})[/-](0?[1-9]|1[0-2])[/-](0?[1-9]|[12]\d|3[01])(?:/|\b)")


def _from_url(url: str) -> Published | None:
    match = _URL_DATE.search(url or "")
    if match is None:
        return None
    try:
        year, month, day_of_month = (int(g) for g in match.groups())
        day = datetime(year, month, day_of_month).date().isoformat()
    except ValueError:
        return None
    return Published(day, "address", None)


def published_annotation(page: Page, published: Published | None) -> Annotation | None:
    """When the piece was published, and on whose word: the page's metadata or htmldate."""
    if published is None:
        return None
    element = published.element
    if element is None:
        element = page.root.find("head/title")
    language = page.reader_language
    by = {"htmldate": "published.by_htmldate", "address": "published.by_address"}
    origin = PHRASES.say(language, by.get(published.source, "published.by_page"))
    text = PHRASES.say(
        language,
        "published.text",
        date=_readable(published.date, language),
        origin=origin,
        source=published.source,
    )
    return Annotation(
        kind=kinds.PUBLISHED,
        title=PHRASES.say(language, "published.title"),
        presentation="provenance",
        text=text,
        display="none",
        confidence=0.6 if published.source in ("htmldate", "address") else 0.9,
        target=page.target(element if element is not None else page.body),
        data={"date": published.date, "source": published.source},
    )


def _readable(moment: str, language: str) -> str:
    """The day as the page states it, written out in the reader's language (`14 March 2024`);
    the exact value stays in `data.date`."""
    try:
        day = date.fromisoformat(moment[:10])
    except ValueError:
        return moment
    return long_date(day, language)

"""Outlet records and the registry that finds them by domain or by name.

A record states facts about a publisher (country, owner, state-affiliation typology, …) and, for
each fact, where it comes from (`Source`: a URL the reader can open, a label, the date it was
checked, and which registry layer supplied it). Records arrive in layers — curated data, imported
files, plugin contributions — and a later layer overrides the facts it states while the facts it
leaves empty stay as the earlier layer had them.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any, Literal

from .domains import hostname, registrable_domain

#: Fields of `Outlet` that are facts and therefore need a source.
FACT_FIELDS: tuple[str, ...] = ("country", "owner", "typology", "category", "licence")

#: The State Media Monitor typology: code → the wording it publishes for it.
TYPOLOGY = {
    "SC": "state-controlled media",
    "CaPu": "captured public/state-managed media",
    "CaPr": "captured private media",
    "ISFM": "independent state-funded and state-managed media",
    "ISF": "independent state-funded media",
    "ISM": "independent state-managed media",
    "IP": "independent public media",
}

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")

#: The precedence layers a plugin's `masthead_outlets` may declare, lowest first. The server's
#: own layer, the operator's imports (`imported`), sits between them.
OutletLayerName = Literal["curated", "plugin"]
OUTLET_LAYERS: tuple[OutletLayerName, ...] = ("curated", "plugin")


@dataclass(frozen=True)
class OutletLayer:
    """Outlet records from `masthead_outlets`, at a declared precedence layer.

    `curated`: a reviewed baseline the plugin ships; the operator's imports override its facts.
    `plugin` (what a hook's bare records are): code the operator installed on purpose, which
    overrides the imports.
    """

    layer: OutletLayerName
    records: Iterable[Outlet | Mapping[str, Any]]

    def __post_init__(self) -> None:
        if self.layer not in OUTLET_LAYERS:
            raise ValueError(f"unknown outlet layer {self.layer!r}; one of {OUTLET_LAYERS}")


@dataclass(frozen=True)
class Source:
    """Where one fact comes from; `origin` names the registry layer that supplied it."""

    url: str
    name: str = ""
    checked: str = ""
    origin: str = ""

    @property
    def label(self) -> str:
        """What a reader sees: the source's name, else its host."""
        return self.name or source_name(self.url)

    def to_dict(self) -> dict[str, str]:
        """The shape the API and `masthead outlets show --json` use."""
        return {"url": self.url, "name": self.label, "checked": self.checked, "layer": self.origin}


def source_name(url: str) -> str:
    """A readable label for a source URL (`Wikipedia` for any Wikipedia page, else the host)."""
    host = hostname(url).removeprefix("www.")
    if host.endswith("wikipedia.org"):
        return "Wikipedia"
    return host or url


@dataclass(frozen=True)
class Fact:
    """One fact about an outlet, with its source."""

    field: str
    value: str
    source: Source | None


@dataclass(frozen=True)
class Outlet:
    """A publisher, as the registry knows it. `sources` maps each fact's field name to its source.

    A source may be given as a plain URL; it becomes a `Source` dated with `checked`.
    """

    name: str
    domains: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    country: str = ""
    owner: str = ""
    typology: str = ""
    sources: dict[str, Any] = field(default_factory=dict)
    checked: str = ""
    origin: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    home: str = ""
    short: str = ""
    category: str = ""
    licence: str = ""

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        domains, aliases = _as_tuple(self.domains), _as_tuple(self.aliases)
        set_(self, "name", " ".join(str(self.name).split()))
        set_(self, "domains", tuple(dict.fromkeys(d for d in map(clean_domain, domains) if d)))
        set_(self, "aliases", tuple(dict.fromkeys(a.strip() for a in aliases if a.strip())))
        set_(self, "sources", {k: self._as_source(v) for k, v in dict(self.sources).items()})

    def _as_source(self, value: Any) -> Source:
        if isinstance(value, Source):
            return value
        if isinstance(value, Mapping):
            return Source(
                url=str(value.get("url", "")),
                name=str(value.get("name", "")),
                checked=str(value.get("checked", "") or self.checked),
                origin=str(value.get("origin", "") or self.origin),
            )
        return Source(url=str(value), checked=self.checked, origin=self.origin)

    @property
    def domain(self) -> str:
        """The main domain (the first listed), '' when the record has none."""
        return self.domains[0] if self.domains else ""

    @property
    def home_url(self) -> str:
        """The outlet's home page: as recorded, else built from its main domain."""
        return self.home or (f"https://{self.domain}/" if self.domain else "")

    @property
    def short_name(self) -> str:
        return self.short or self.name

    def source(self, fact: str) -> Source | None:
        return self.sources.get(fact)

    def facts(self) -> list[Fact]:
        """The facts this record states, in display order, each with its source."""
        return [
            Fact(name, getattr(self, name), self.source(name))
            for name in FACT_FIELDS
            if getattr(self, name)
        ]

    @property
    def typology_wording(self) -> str:
        """The State Media Monitor wording for the typology code, or '' when it is not one."""
        return TYPOLOGY.get(self.typology, "")


def _as_tuple(value: Any) -> tuple[str, ...]:
    """A plugin's `"rt.com"` means one domain, not six letters."""
    if isinstance(value, str):
        return (value,)
    return tuple(str(v) for v in value or ())


def clean_domain(value: str) -> str:
    """`https://www.Example.com:8080/x` → `example.com`: the host a domain index is keyed by."""
    host = str(value).strip().lower()
    if "/" in host:
        host = hostname(host if "//" in host else f"//{host}")
    return host.split(":", 1)[0].rstrip(".").removeprefix("www.")


def normalize_name(name: str) -> str:
    """`The Associated Press` → `associated press`: case, accents, punctuation and `the` dropped."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


def merge(earlier: Outlet, later: Outlet) -> Outlet:
    """`later` overrides each fact it states; names and domains accumulate.

    The earlier record's name stays the record's name (the later one becomes an alias), so a
    layer that knows a site by another label does not rename an outlet readers know.
    """
    changes: dict[str, Any] = {}
    sources = dict(earlier.sources)
    for name in FACT_FIELDS:
        value = getattr(later, name)
        if value:
            changes[name] = value
            if name in later.sources:
                sources[name] = later.sources[name]
            else:
                sources.pop(name, None)
    aliases = [*earlier.aliases, later.name, *later.aliases]
    origins = [o for o in (*earlier.origin.split("+"), later.origin) if o]
    return replace(
        earlier,
        domains=(*earlier.domains, *later.domains),
        aliases=tuple(a for a in aliases if normalize_name(a) != normalize_name(earlier.name)),
        sources=sources,
        checked=later.checked or earlier.checked,
        origin="+".join(dict.fromkeys(origins)),
        extra={**earlier.extra, **later.extra},
        home=later.home or earlier.home,
        short=later.short or earlier.short,
        **changes,
    )


class OutletRegistry:
    """Outlets indexed at load by domain and by normalised name, so a lookup is a dict probe.

    Adding a record that shares a domain with a known one (or, without domains, its name; or its
    name and country) merges into it: later additions win fact by fact. A record's own name
    takes a name key from another record's alias, never the other way round.
    """

    def __init__(self, outlets: Iterable[Outlet] = ()) -> None:
        self._records: list[Outlet] = []
        self._by_domain: dict[str, int] = {}
        self._by_name: dict[str, tuple[int, bool]] = {}  # key -> (slot, is primary name)
        for outlet in outlets:
            self.add(outlet)

    def __len__(self) -> int:
        return len(self._records)

    def __iter__(self) -> Iterator[Outlet]:
        return iter(self._records)

    def add(self, outlet: Outlet, origin: str | None = None) -> Outlet:
        """Add or merge one record; returns the record as the registry now holds it."""
        if origin is not None:
            outlet = _with_origin(outlet, origin)
        slot = self._match(outlet)
        if slot is None:
            slot = len(self._records)
            self._records.append(outlet)
        else:
            outlet = merge(self._records[slot], outlet)
            self._records[slot] = outlet
        self._index(slot, outlet)
        return outlet

    def _match(self, outlet: Outlet) -> int | None:
        for domain in outlet.domains:
            if domain in self._by_domain:
                return self._by_domain[domain]
        hit = self._by_name.get(normalize_name(outlet.name))
        if hit is None:
            return None
        known = self._records[hit[0]]
        if not outlet.domains or (outlet.country and outlet.country == known.country):
            return hit[0]
        return None

    def _index(self, slot: int, outlet: Outlet) -> None:
        for domain in outlet.domains:
            self._by_domain[domain] = slot
        for position, name in enumerate((outlet.name, *outlet.aliases)):
            key = normalize_name(name)
            if not key:
                continue
            primary = position == 0
            held = self._by_name.get(key)
            if primary or held is None or held[0] == slot or not held[1]:
                self._by_name[key] = (slot, primary)

    def by_domain(self, host_or_url: str) -> Outlet | None:
        """The outlet for a host or URL, trying it and each parent down to the registrable one."""
        host = clean_domain(host_or_url)
        floor = registrable_domain(host)
        while host:
            slot = self._by_domain.get(host)
            if slot is not None:
                return self._records[slot]
            if host == floor or "." not in host:
                return None
            host = host.split(".", 1)[1]
        return None

    def by_name(self, name: str) -> Outlet | None:
        hit = self._by_name.get(normalize_name(name))
        return self._records[hit[0]] if hit else None

    def find(self, name: str = "", domain: str = "") -> Outlet | None:
        """By domain first (it is unambiguous), then by name or alias."""
        return (self.by_domain(domain) if domain else None) or (
            self.by_name(name) if name else None
        )


def _with_origin(outlet: Outlet, origin: str) -> Outlet:
    sources = {k: s if s.origin else replace(s, origin=origin) for k, s in outlet.sources.items()}
    return replace(outlet, origin=origin, sources=sources)


# -- the curated data format ----------------------------------------------------------------
def read_outlets(path: str | Path) -> list[Outlet]:
    """Outlet records from a TOML data file (the format of the curated registry)."""
    with open(path, "rb") as handle:
        return outlets_from_toml(tomllib.load(handle))


def outlets_from_toml(data: Mapping[str, Any]) -> list[Outlet]:
    """Build records from parsed TOML, checking that every fact has a source and a date.

    An outlet's `source` covers all its facts; `<fact>_source` overrides it for one fact. A
    source is a URL or the key of a `[sources.KEY]` table (`url`, `name`). `checked` comes from
    the outlet or from `[defaults]`. Raises ValueError listing every record that falls short.
    """
    named = {key: dict(value) for key, value in data.get("sources", {}).items()}
    default_checked = str(data.get("defaults", {}).get("checked", ""))
    problems: list[str] = []
    outlets = []
    for position, entry in enumerate(data.get("outlet", [])):
        where = f"outlet {position} ({entry.get('name', '?')})"
        checked = str(entry.get("checked", default_checked))
        if not _DATE.match(checked):
            problems.append(f"{where}: checked date {checked!r} is not YYYY-MM-DD")
        sources: dict[str, Source] = {}
        for fact in FACT_FIELDS:
            if not entry.get(fact):
                continue
            ref = entry.get(f"{fact}_source", entry.get("source", ""))
            spec = named.get(ref, {"url": ref})
            url = str(spec.get("url", ""))
            if not url.startswith(("https://", "http://")):
                problems.append(f"{where}: {fact} has no source URL")
            sources[fact] = Source(url, str(spec.get("name", "")), checked, "curated")
        if not entry.get("name"):
            problems.append(f"{where}: no name")
            continue
        known = {f.name for f in fields(Outlet)}
        outlets.append(
            Outlet(
                **{
                    k: v
                    for k, v in entry.items()
                    if k in known and k not in ("sources", "checked", "origin")
                },
                sources=sources,
                checked=checked,
                origin="curated",
            )
        )
    if problems:
        raise ValueError("; ".join(problems))
    return outlets

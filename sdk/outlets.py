"""Outlet records and the registry that finds them by domain or by name."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from typing import Any

from .domains import registrable_domain


@dataclass(frozen=True)
class Outlet:
    """A publisher, as the registry knows it. `sources` maps each fact's field name to a URL."""

    name: str
    domains: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    country: str = ""
    owner: str = ""
    typology: str = ""
    sources: dict[str, str] = field(default_factory=dict)
    checked: str = ""
    origin: str = ""
    extra: dict[str, Any] = field(default_factory=dict)


def normalize_name(name: str) -> str:
    """`The Associated Press` → `associated press`: case, accents, punctuation and `the` dropped."""
    text = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode().lower()
    text = re.sub(r"[^a-z0-9]+", " ", text).strip()
    return re.sub(r"^the ", "", text)


class OutletRegistry:
    """Outlets indexed at load by domain and by normalised name; later additions win."""

    def __init__(self, outlets: Iterable[Outlet] = ()) -> None:
        self._by_domain: dict[str, Outlet] = {}
        self._by_name: dict[str, Outlet] = {}
        for outlet in outlets:
            self.add(outlet)

    def __len__(self) -> int:
        return len(
            {id(o) for o in self._by_name.values()} | {id(o) for o in self._by_domain.values()}
        )

    def add(self, outlet: Outlet, origin: str | None = None) -> None:
        if origin is not None:
            outlet = replace(outlet, origin=origin)
        for domain in outlet.domains:
            self._by_domain[domain.lower().removeprefix("www.")] = outlet
        for name in (outlet.name, *outlet.aliases):
            key = normalize_name(name)
            if key:
                self._by_name[key] = outlet

    def by_domain(self, host_or_url: str) -> Outlet | None:
        """The outlet for a host, trying it and each parent domain down to the registrable one."""
        host = host_or_url.lower()
        if "/" in host:
            from .domains import hostname

            host = hostname(host)
        host = host.removeprefix("www.")
        floor = registrable_domain(host)
        while host:
            if host in self._by_domain:
                return self._by_domain[host]
            if host == floor or "." not in host:
                return None
            host = host.split(".", 1)[1]
        return None

    def by_name(self, name: str) -> Outlet | None:
        return self._by_name.get(normalize_name(name))

    def find(self, name: str = "", domain: str = "") -> Outlet | None:
        """By domain first (it is unambiguous), then by name or alias."""
        return (self.by_domain(domain) if domain else None) or (
            self.by_name(name) if name else None
        )

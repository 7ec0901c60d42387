"""The `[origins]` section of the config file: what to follow and how carefully to fetch it."""

from __future__ import annotations

import ipaddress
from dataclasses import dataclass, fields
from typing import Any

#: What the sync says it is, on every request, so that a site can tell who is asking.
USER_AGENT = "MastheadOriginIndex/0.1 (+origin index of a Masthead server; respects robots.txt)"


class OriginsConfigError(ValueError):
    """An `[origins]` setting cannot be used; the message says which."""


@dataclass(frozen=True)
class Feed:
    url: str
    outlet: str = ""


@dataclass(frozen=True)
class OriginsConfig:
    """Defaults are a careful crawler's. `allow_private_networks` is `true` (any address: for
    tests and labs only) or a list of networks (`["10.20.0.0/16"]`: an intranet's feeds, and
    nothing else of the private ranges)."""

    feeds: tuple[Feed, ...] = ()
    allow_private_networks: bool | tuple[str, ...] = False
    remember_analysed: bool = False
    retention_days: float | None = None
    user_agent: str = USER_AGENT
    timeout: float = 10.0
    max_feed_bytes: int = 5 * 1024 * 1024
    max_page_bytes: int = 5 * 1024 * 1024
    max_items_per_feed: int = 100
    host_interval: float = 1.0  # seconds between two requests to the same host
    max_redirects: int = 5

    @property
    def configured(self) -> bool:
        """Whether the operator wrote an `[origins]` section that asks for an index."""
        return bool(self.feeds) or self.remember_analysed


_KEYS = {f.name for f in fields(OriginsConfig)}


_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """`30m`, `2h`, `90s`, `1d` in seconds; raises OriginsConfigError otherwise."""
    value, unit = text.strip()[:-1], text.strip()[-1:].lower()
    try:
        seconds = float(value) * _UNITS[unit]
    except (KeyError, ValueError):
        raise OriginsConfigError(f"{text!r} is not an interval like 30m, 2h or 90s") from None
    if seconds <= 0:
        raise OriginsConfigError(f"{text!r} must be longer than nothing")
    return seconds


def read_origins(raw: dict[str, Any]) -> OriginsConfig:
    if "store_url" in raw:
        raise OriginsConfigError(
            "[origins] store_url is no longer read: the origin index lives in the server's "
            "store, so set `url` under [store] instead (the same postgresql://… URL)"
        )
    unknown = set(raw) - _KEYS
    if unknown:
        raise OriginsConfigError(f"unknown setting(s) in [origins]: {', '.join(sorted(unknown))}")
    values = dict(raw)
    feeds = []
    for entry in values.pop("feeds", []):
        if isinstance(entry, str):
            feeds.append(Feed(entry))
        elif isinstance(entry, dict) and isinstance(entry.get("url"), str):
            feeds.append(Feed(entry["url"], str(entry.get("outlet", ""))))
        else:
            raise OriginsConfigError(
                '[origins] feeds must be URLs or tables like {url = "…", outlet = "…"}'
            )
    allowed = values.get("allow_private_networks", False)
    if isinstance(allowed, list):
        for network in allowed:
            try:
                ipaddress.ip_network(str(network), strict=False)
            except ValueError:
                raise OriginsConfigError(
                    f"[origins] allow_private_networks: {network!r} is not a network "
                    '(write it like "10.20.0.0/16")'
                ) from None
        values["allow_private_networks"] = tuple(str(n) for n in allowed)
    elif not isinstance(allowed, bool):
        raise OriginsConfigError(
            "[origins] allow_private_networks must be true, false or a list of networks"
        )
    for name in ("timeout", "host_interval"):
        if name in values and not (isinstance(values[name], int | float) and values[name] >= 0):
            raise OriginsConfigError(f"[origins] {name} must be a non-negative number")
    return OriginsConfig(feeds=tuple(feeds), **values)

"""The shape every provenance finding shares: which outlet, found how, and where it lives."""

from __future__ import annotations

from typing import Any

from masthead.sdk import Link


def outlet_data(outlet: str, via: str, url: str = "", domain: str = "", **extra: Any) -> dict:
    """`data` for a credit-line, wire-dateline or metadata-origin finding (the contract's keys:
    `outlet`, and `url` and `domain` when known)."""
    data: dict[str, Any] = {"outlet": outlet, "via": via, **extra}
    if url:
        data["url"] = url
    if domain:
        data["domain"] = domain
    return data


def outlet_links(outlet: str, url: str) -> tuple[Link, ...]:
    """A link to the original, when the page gives one."""
    return (Link(url, outlet),) if url.startswith(("http://", "https://")) else ()

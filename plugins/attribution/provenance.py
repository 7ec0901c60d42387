"""The shape every provenance finding shares: which outlet, found how, and where it lives."""

from __future__ import annotations

from typing import Any, cast

from masthead.sdk import Link
from masthead.sdk.kinds import OutletData


def outlet_data(
    outlet: str,
    via: str,
    url: str = "",
    domain: str = "",
    *,
    phrase: str | None = None,
    outlets: list[str] | None = None,
    codes: list[str] | None = None,
) -> dict[str, Any]:
    """`data` for a credit-line, wire-dateline or metadata-origin finding, typed against the
    SDK's `OutletData` so that the producer and every reader agree on the keys."""
    data: OutletData = {"outlet": outlet, "via": via}
    if phrase is not None:
        data["phrase"] = phrase
    if outlets is not None:
        data["outlets"] = outlets
    if codes is not None:
        data["codes"] = codes
    if url:
        data["url"] = url
    if domain:
        data["domain"] = domain
    return cast("dict[str, Any]", data)


def outlet_links(outlet: str, url: str) -> tuple[Link, ...]:
    """A link to the original, when the page gives one."""
    return (Link(url, outlet),) if url.startswith(("http://", "https://")) else ()

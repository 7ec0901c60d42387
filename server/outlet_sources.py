"""Outlet records from outside the plugins, in precedence order (later wins)."""

from __future__ import annotations

from collections.abc import Iterable

from masthead.sdk.outlets import Outlet

from .config import Config


def load_outlet_sources(config: Config) -> list[tuple[str, Iterable[Outlet]]]:
    """No outside sources yet: the curated registry and the importer come with the
    republication plugin."""
    return []

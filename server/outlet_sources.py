"""Outlet records from outside the plugins, in precedence order: curated, then imported.

The host adds plugin contributions (`masthead_outlets`) after these, so the full order is
curated < imported < plugin, each layer overriding the facts it states:
- the curated file is the project's reviewed baseline, shipped with every install;
- an import is the operator's own, usually newer, copy of a dataset they chose to trust;
- a plugin is code the operator installed on purpose, the most specific intent of all.
`masthead outlets show` and the server both build the registry from here.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache
from importlib.resources import files

from masthead.sdk.outlets import Outlet, read_outlets

from .config import Config
from .outlet_store import OutletStore

#: The curated registry ships inside the republication plugin's package, beside its code.
CURATED = files("masthead.plugins.republication") / "outlets.toml"


@cache
def curated_outlets() -> tuple[Outlet, ...]:
    """The curated records, read once per process (the file is part of the install)."""
    return tuple(read_outlets(str(CURATED)))


def load_outlet_sources(config: Config) -> list[tuple[str, Iterable[Outlet]]]:
    return [
        ("curated", curated_outlets()),
        ("imported", OutletStore.in_dir(config.data_dir).outlets()),
    ]

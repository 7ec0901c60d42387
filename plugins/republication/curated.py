"""The curated outlet registry this plugin ships (`outlets.toml`), offered to the host as the
`curated` layer of `masthead_outlets`: the baseline the operator's imports override."""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from masthead.sdk.outlets import Outlet, read_outlets

CURATED = files(__package__) / "outlets.toml"


@cache
def curated_outlets() -> tuple[Outlet, ...]:
    """The curated records, read once per process: the file is part of the install and never
    changes under a running server, so every host shares the parsed, immutable records."""
    return tuple(read_outlets(str(CURATED)))

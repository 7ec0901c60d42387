"""What the operator configured, as plugins see it in `masthead_startup`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .origins import OriginIndex


@dataclass(frozen=True)
class Settings:
    """Per-plugin sections (`[plugins.NAME]` in the config file), the server's data folder, and
    the origin index of article fingerprints (None when the server keeps none)."""

    plugins: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    data_dir: Path | None = None
    origins: OriginIndex | None = None

    def plugin(self, name: str) -> Mapping[str, Any]:
        """The settings section of one plugin; empty when the operator set none."""
        return self.plugins.get(name, {})

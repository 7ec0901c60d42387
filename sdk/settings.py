"""What the operator configured, as plugins see it in `masthead_startup`."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Settings:
    """Per-plugin sections (`[plugins.NAME]` in the config file) and the server's data folder."""

    plugins: Mapping[str, Mapping[str, Any]] = field(default_factory=dict)
    data_dir: Path | None = None

    def plugin(self, name: str) -> Mapping[str, Any]:
        """The settings section of one plugin; empty when the operator set none."""
        return self.plugins.get(name, {})

"""What a plugin sees of the server's origin index: candidates for a fingerprint, never text.

The server builds the index (`server/origins/`) and hands it to plugins as `settings.origins`
in `masthead_startup`; it is None when the server has none. Plugins cannot import the server,
so this protocol is the whole seam.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from .fingerprints import Fingerprint, Overlap


@dataclass(frozen=True)
class OriginHit:
    """An indexed article that shares running text with the page looked up."""

    url: str
    domain: str
    outlet: str
    title: str
    published: datetime | None
    overlap: Overlap


class OriginIndex(Protocol):
    def candidates(self, fingerprint: Fingerprint, limit: int = 5) -> list[OriginHit]:
        """The indexed articles sharing the most of this fingerprint, best first."""
        ...

"""What one app instance holds: its config, plugin host, result cache and store."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import current_app

from .cache import Cache
from .config import Config
from .host import PluginHost
from .origins import OriginIndex
from .outlet_sources import ImportedOutlets
from .store import FeedbackStore, Store


@dataclass
class ServerState:
    config: Config
    host: PluginHost
    cache: Cache
    origins: OriginIndex | None = None
    store: Store | None = None
    imported: ImportedOutlets | None = None
    #: Set once the plugins have started and the app is built; /ready answers 503 before.
    started: bool = field(default=False)

    def feedback(self) -> FeedbackStore:
        """Readers' reports, in the store (the default SQLite file is made at the first one)."""
        return FeedbackStore(self.store or Store.in_dir(self.config.data_dir))

    def plugin_list(self) -> list[dict[str, Any]]:
        return [
            {
                "name": r.name,
                "version": r.version,
                "hooks": r.hooks,
                "status": r.status,
                "error": r.error,
                "isolation": r.isolation,
            }
            for r in sorted(self.host.records.values(), key=lambda r: r.name)
        ]

    def cache_signature(self) -> str:
        """The plugins and versions, and the outlet records' revision, behind a cached result."""
        revision = self.imported.revision if self.imported is not None else None
        return f"{self.host.signature()};outlets={revision}"

    def quarantined(self) -> set[str]:
        """Plugins this process paused (not those it paused because another worker did: the
        quarantine is counted once, by the worker that opened the breaker)."""
        return {
            r.name
            for r in self.host.records.values()
            if r.status == "quarantined" and r.breaker.opened_here
        }

    def close(self) -> None:
        """Drop the store's connections (after the last request, at shutdown)."""
        if self.store is not None:
            self.store.close()

    def refresh_outlets(self) -> None:
        """Rebuild the outlet registry when another process imported records since."""
        if self.imported is not None and self.imported.changed():
            self.host.rebuild_outlets()

    def problems(self) -> dict[str, str]:
        """Each part that is not ready, with why: empty when the server can do its work."""
        down: dict[str, str] = {}
        if not self.started:
            down["plugins"] = "starting"
        if self.store is not None:
            problem = self.store.problem()
            if problem:
                down["store"] = problem
        problem = self.cache.problem()
        if problem:
            down["cache"] = problem
        return down


def state() -> ServerState:
    found: ServerState = current_app.extensions["masthead"]
    return found

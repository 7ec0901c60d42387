"""What one app instance holds: its config, plugin host and result cache."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from flask import current_app

from .cache import ResultCache
from .config import Config
from .feedback import FeedbackStore
from .host import PluginHost
from .origins import OriginIndex


@dataclass
class ServerState:
    config: Config
    host: PluginHost
    cache: ResultCache
    origins: OriginIndex | None = None
    _feedback: FeedbackStore | None = field(default=None, repr=False)

    def feedback(self) -> FeedbackStore:
        """Readers' reports; the file is made at the first report, not at start-up."""
        if self._feedback is None:
            self._feedback = FeedbackStore.in_dir(self.config.data_dir)
        return self._feedback

    def plugin_list(self) -> list[dict[str, Any]]:
        return [
            {
                "name": r.name,
                "version": r.version,
                "hooks": r.hooks,
                "status": r.status,
                "error": r.error,
            }
            for r in sorted(self.host.records.values(), key=lambda r: r.name)
        ]


def state() -> ServerState:
    return current_app.extensions["masthead"]

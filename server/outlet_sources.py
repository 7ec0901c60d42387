"""The outlet records the server itself holds: the operator's imports, read through the store.

The host layers them between the plugins' contributions (`masthead_outlets`), so the full order
is curated < imported < plugin, each layer overriding the facts it states:
- `curated`: a reviewed baseline a plugin ships (the built-in republication plugin's registry);
- `imported`: the operator's own, usually newer, copy of a dataset they chose to trust;
- `plugin`: records from code the operator installed on purpose, the most specific intent.
The server names no plugin here: each declares its layer (`masthead.sdk.outlets.OutletLayer`).
`masthead outlets show` and the server both build the registry through the host.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable, Iterator

from masthead.sdk.outlets import Outlet

from .config import Config
from .store import OutletStore, Store, StoreError

log = logging.getLogger("masthead.outlets")


class ImportedOutlets:
    """The imported layer, read through the store each time the registry is built.

    `changed()` tells a worker that another process imported since it last read (the store's
    revision went up), at most one query every `every` seconds. While the store is down the
    registry keeps the records it last read, and reads them again once the store is back.
    """

    def __init__(self, records: OutletStore, every: float = 1.0) -> None:
        self.records = records
        self.every = every
        self._seen: int | None = None
        self._checked = 0.0
        self._lock = threading.Lock()
        self._last: list[Outlet] = []

    def __iter__(self) -> Iterator[Outlet]:
        try:
            revision = self.records.revision()
            self._last = self.records.outlets()
            self._seen = revision
        except StoreError as exc:
            log.warning("imported outlets not read: %s", exc)
            self._seen = None
        return iter(self._last)

    @property
    def revision(self) -> int | None:
        """The store revision the records last read came from (None: not read)."""
        return self._seen

    def changed(self) -> bool:
        now = time.monotonic()
        if now - self._checked < self.every or not self._lock.acquire(blocking=False):
            return False
        try:
            self._checked = now
            try:
                return self.records.revision() != self._seen
            except StoreError:
                return False
        finally:
            self._lock.release()


def open_store(config: Config) -> Store:
    return Store(config.store_url) if config.store_url else Store.in_dir(config.data_dir)


def load_outlet_sources(
    config: Config, imported: Iterable[Outlet] | None = None
) -> list[tuple[str, Iterable[Outlet]]]:
    if imported is None:
        imported = ImportedOutlets(OutletStore(open_store(config)))
    return [("imported", imported)]

"""Outlet records from outside the plugins, in precedence order: curated, then imported.

The host adds plugin contributions (`masthead_outlets`) after these, so the full order is
curated < imported < plugin, each layer overriding the facts it states:
- the curated file is the project's reviewed baseline, shipped with every install;
- an import is the operator's own, usually newer, copy of a dataset they chose to trust;
- a plugin is code the operator installed on purpose, the most specific intent of all.
`masthead outlets show` and the server both build the registry from here.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable, Iterator
from functools import cache
from importlib.resources import files

from masthead.sdk.outlets import Outlet, read_outlets

from .config import Config
from .store import OutletStore, Store, StoreError

log = logging.getLogger("masthead.outlets")

#: The curated registry ships inside the republication plugin's package, beside its code.
CURATED = files("masthead.plugins.republication") / "outlets.toml"


@cache
def curated_outlets() -> tuple[Outlet, ...]:
    """The curated records, read once per process (the file is part of the install)."""
    return tuple(read_outlets(str(CURATED)))


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
    return [("curated", curated_outlets()), ("imported", imported)]

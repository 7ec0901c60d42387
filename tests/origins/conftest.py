"""An origin index in a temp data dir, filled from real corpus pages, and a host that reads it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

import services
from masthead.server.app import build_host
from masthead.server.config import Config
from masthead.server.origins import open_index
from masthead.server.store import Store
from origin_copies import ORIGINS, Origins


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def origins(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Origins]:
    """Each matching test runs on the default SQLite file and on the server store in PostgreSQL."""
    data: Path = tmp_path_factory.mktemp("origins")
    store_url = None
    if request.param == "postgresql":
        store_url = services.new_database(request.getfixturevalue("postgres_server"))
    index = open_index(Store(store_url) if store_url else Store.in_dir(data))
    host = build_host(Config(data_dir=data), index)
    filled = Origins(index, host)
    for key in ORIGINS:
        filled.add(key)
    yield filled
    index.store.store.close()

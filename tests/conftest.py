"""Fixtures shared by the whole suite: the seed page and real servers on loopback."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import services
import support
from support import MASTHEAD, RunningServer, start_masthead


@pytest.fixture(scope="session")
def seed_html() -> str:
    return support.SEED_HTML.read_text(encoding="utf-8")


@pytest.fixture
def start_server(tmp_path: Path) -> Iterator[Callable[..., RunningServer]]:
    """Start `masthead serve` as a real process on a free loopback port."""
    started: list[RunningServer] = []

    def start(
        *args: str,
        config: str | None = None,
        env: dict[str, str] | None = None,
        masthead: Path = MASTHEAD,
    ) -> RunningServer:
        """`masthead` may be another environment's command (a venv with plugins installed)."""
        if config is not None:
            path = tmp_path / f"masthead-{len(started)}.toml"
            path.write_text(config)
            args = (*args, "--config", str(path))
        server = start_masthead(*args, data_dir=tmp_path / "data", env=env, masthead=masthead)
        started.append(server)
        return server

    yield start
    for server in started:
        server.stop()


@pytest.fixture
def serve_app() -> Iterator[Callable[..., RunningServer]]:
    """Serve a Flask app built in this process with waitress, on a free loopback port."""
    import waitress

    servers = []

    def serve(app) -> RunningServer:
        server = waitress.create_server(app, host="127.0.0.1", port=0, threads=4)
        servers.append(server)
        threading.Thread(target=server.run, daemon=True).start()
        return RunningServer(f"http://127.0.0.1:{server.effective_port}")

    yield serve
    for server in servers:
        server.close()


# -- real PostgreSQL and Redis (tests/services.py) ---------------------------------------------
def _ci_or_temporary(
    env: str, kind: type[services.Postgres] | type[services.Redis], finish: str
) -> Iterator[str]:
    """The URL CI gives in `env`, else a server started here and ended with its `finish` method."""
    if os.environ.get(env):
        yield os.environ[env]
        return
    server = kind().start()
    yield server.url
    getattr(server, finish)()


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """The admin URL of a PostgreSQL server: CI's, else a temporary one of this session's."""
    yield from _ci_or_temporary(services.POSTGRES_ENV, services.Postgres, "remove")


@pytest.fixture
def postgres_url(postgres_server: str) -> str:
    """A fresh, empty database of its own for one test."""
    return services.new_database(postgres_server)


@pytest.fixture(params=["sqlite", "postgresql"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """The same store test, once on an SQLite file and once on a real PostgreSQL."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'store.sqlite3'}"
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture(scope="session")
def redis_url() -> Iterator[str]:
    """A Redis server: CI's, else a temporary one of this session's (keys are per test)."""
    yield from _ci_or_temporary(services.REDIS_ENV, services.Redis, "stop")


@pytest.fixture
def own_redis() -> Iterator[services.Redis]:
    """A Redis this test may stop and start again (never CI's shared one)."""
    server = services.Redis().start()
    yield server
    server.stop()


@pytest.fixture
def own_postgres() -> Iterator[services.Postgres]:
    """A PostgreSQL this test may stop and start again (never CI's shared one)."""
    server = services.Postgres().start()
    yield server
    server.remove()

"""Fixtures shared by the whole suite: the seed page and real servers on loopback."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

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

"""Fixtures shared by the whole suite: the seed page and real servers on loopback."""

from __future__ import annotations

import os
import re
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

import support
from support import MASTHEAD


@pytest.fixture(scope="session")
def seed_html() -> str:
    return support.SEED_HTML.read_text(encoding="utf-8")


@dataclass
class RunningServer:
    url: str
    process: subprocess.Popen | None = None
    output: list[str] | None = None

    def alive(self) -> bool:
        return self.process is None or self.process.poll() is None


def _wait_for_url(process: subprocess.Popen, output: list[str], timeout: float = 30) -> str:
    deadline = time.monotonic() + timeout
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            if process.poll() is not None:
                raise RuntimeError("masthead serve exited:\n" + "".join(output))
            continue
        output.append(line)
        match = re.search(r"listening on (http://\S+)", line)
        if match:
            threading.Thread(target=lambda: output.extend(process.stdout), daemon=True).start()
            return match.group(1)
    raise RuntimeError("masthead serve did not start:\n" + "".join(output))


@pytest.fixture
def start_server(tmp_path: Path) -> Iterator[Callable[..., RunningServer]]:
    """Start `masthead serve` as a real process on a free loopback port."""
    started: list[subprocess.Popen] = []

    def start(
        *args: str,
        config: str | None = None,
        env: dict[str, str] | None = None,
        masthead: Path = MASTHEAD,
    ) -> RunningServer:
        """`masthead` may be another environment's command (a venv with plugins installed)."""
        command = [str(masthead), "serve", "--port", "0", *args]
        if config is not None:
            path = tmp_path / f"masthead-{len(started)}.toml"
            path.write_text(config)
            command += ["--config", str(path)]
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env={**os.environ, "XDG_DATA_HOME": str(tmp_path / "data"), **(env or {})},
        )
        started.append(process)
        output: list[str] = []
        return RunningServer(_wait_for_url(process, output), process, output)

    yield start
    for process in started:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()


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

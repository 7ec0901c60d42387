"""Real Chromium with the real extension (one per test module: starting it is the slow part),
loopback web pages, and real `masthead serve` processes."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from harness import CHROMIUM, Browser, Site, launch_browser
from support import ROOT, RunningServer, start_masthead

OUTPUT = ROOT / "test-output"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    if Path(CHROMIUM).exists():
        return
    for item in items:
        if item.get_closest_marker("browser"):
            item.add_marker(pytest.mark.skip(reason=f"no Chromium at {CHROMIUM}"))


@pytest.fixture(scope="module")
def site() -> Iterator[Site]:
    s = Site()
    yield s
    s.close()


@pytest.fixture(scope="module")
def masthead_serve(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Callable[..., str]]:
    """Start real `masthead serve` processes on free loopback ports; returns their base URL."""
    started: list[RunningServer] = []
    folder = tmp_path_factory.mktemp("serve")

    def start(*args: str) -> str:
        server = start_masthead(*args, data_dir=folder / "data")
        started.append(server)
        return server.url

    yield start
    for server in started:
        server.stop()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Browser]:
    with launch_browser(tmp_path_factory.mktemp("profile")) as b:
        yield b


@pytest.fixture(scope="session")
def output() -> Path:
    OUTPUT.mkdir(exist_ok=True)
    return OUTPUT

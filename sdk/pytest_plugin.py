"""The pytest side of `masthead.sdk.testing`, registered automatically (`pytest11` entry point).

Kept apart from the harness, so that `masthead.sdk.testing` imports no test framework:

    def test_with_fixture(masthead_plugin):
        masthead_plugin(my_plugin)
        assert analyze(html).of_kind("reading-time")
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import ExitStack
from typing import Any

import pytest

from .testing import registered


@pytest.fixture
def masthead_plugin() -> Iterator[Callable[..., None]]:
    """Register a plugin for this test only; it is unregistered afterwards, pass or fail."""
    with ExitStack() as stack:

        def register(plugin: Any, name: str | None = None) -> None:
            stack.enter_context(registered(plugin, name))

        yield register

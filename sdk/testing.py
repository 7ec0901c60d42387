"""Testing helpers for plugin authors, registered with pytest automatically (`pytest11`).

    from masthead.sdk.testing import analyze
    import my_plugin

    def test_finds_the_badge():
        result = analyze("<html><body><p>Hi</p></body></html>", plugins=[my_plugin])
        assert result.of_kind("reading-time")

Or, with the `masthead_plugin` fixture, register a plugin for one test only:

    def test_with_fixture(masthead_plugin):
        masthead_plugin(my_plugin)
        assert analyze(html).of_kind("reading-time")
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import Any

import pytest

from .annotations import Annotation
from .hookspecs import PROJECT
from .origins import OriginIndex
from .page import Page
from .settings import Settings

_registered: list[tuple[str, Any]] = []


@dataclass
class Result:
    """What the host produced: annotations, and how each plugin fared (`runs[name].status`)."""

    page: Page
    annotations: list[Annotation]
    runs: dict[str, Any]

    def of_kind(self, *kinds: str) -> list[Annotation]:
        return [a for a in self.annotations if a.kind in kinds]

    def from_plugin(self, name: str) -> list[Annotation]:
        return [a for a in self.annotations if a.plugin == name]

    @property
    def errors(self) -> dict[str, str]:
        """Plugins that did not finish cleanly, with their error."""
        return {n: r.error or r.status for n, r in self.runs.items() if r.status != "ok"}


def analyze(
    html: str,
    url: str = "https://example.com/article",
    plugins: Sequence[Any] | None = None,
    title: str | None = None,
    settings: dict[str, dict[str, Any]] | None = None,
    timeout: float = 5.0,
    origins: OriginIndex | None = None,
    reader_language: str = "en",
) -> Result:
    """Run plugins on a page the way the server does, in-process.

    `reader_language` is what the server would have chosen from `Accept-Language` (`"de"`), as
    plugins read it in `page.reader_language`. `origins` is handed to plugins as
    `settings.origins`: any object with the `masthead.sdk.origins.OriginIndex` method, such as
    a list-backed one a test builds.

    `plugins` mixes plugin objects/modules and names of installed plugins (`"attribution"`);
    None runs every installed plugin. Plugins registered with the `masthead_plugin` fixture
    always run too.
    """
    from masthead.server.host import PluginHost, PluginRun

    names = None
    objects: list[tuple[str, Any]] = []
    if plugins is not None:
        names = [p for p in plugins if isinstance(p, str)]
        objects = [(_name_of(p), p) for p in plugins if not isinstance(p, str)]
    host = PluginHost(
        enabled=names, settings=Settings(plugins=settings or {}, origins=origins), timeout=timeout
    )
    for name, plugin in [*objects, *_registered]:
        if not host.pm.is_registered(plugin):  # an installed plugin may be passed in as well
            host.register(plugin, name)
    host.start()
    analysis = host.analyze(Page(html, url, title, reader_language=reader_language))
    runs = dict(analysis.runs)
    for record in host.records.values():  # failed to load or to start: reported, as the API does
        if record.status in ("failed", "quarantined") and record.name not in runs:
            runs[record.name] = PluginRun(record.name, record.version, "skipped", record.error)
    return Result(analysis.page, analysis.annotations, runs)


def _name_of(plugin: Any) -> str:
    """The entry-point name of an installed plugin module, so that its settings section and
    `Annotation.plugin` are the same in tests as in the server; otherwise the module's name."""
    name = getattr(plugin, "__name__", None) or type(plugin).__name__
    installed = [ep.name for ep in entry_points(group=PROJECT) if ep.value == name]
    return installed[0] if installed else name.rsplit(".", 1)[-1]


@pytest.fixture
def masthead_plugin() -> Iterator[Callable[..., None]]:
    """Register a plugin for this test only; it is unregistered afterwards, pass or fail."""
    added: list[tuple[str, Any]] = []

    def register(plugin: Any, name: str | None = None) -> None:
        entry = (name or _name_of(plugin), plugin)
        _registered.append(entry)
        added.append(entry)

    try:
        yield register
    finally:
        for entry in added:
            _registered.remove(entry)

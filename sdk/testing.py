"""A test harness for plugin authors: run plugins on a page the way the server does, in-process.

    from masthead.sdk.testing import analyze
    import my_plugin

    def test_finds_the_badge():
        result = analyze("<html><body><p>Hi</p></body></html>", plugins=[my_plugin])
        assert result.of_kind("reading-time")

It needs no test framework. Under pytest, the `masthead_plugin` fixture
(`masthead.sdk.pytest_plugin`, registered automatically) runs a plugin in every `analyze` of one
test; without pytest, `with registered(my_plugin):` does the same.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, Any

from .annotations import Annotation
from .hookspecs import PROJECT
from .origins import OriginIndex
from .page import Page
from .settings import Settings

if TYPE_CHECKING:
    from masthead.server.host import PluginRun

_registered: list[tuple[str, Any]] = []


@dataclass
class Result:
    """What the host produced: annotations, and how each plugin fared (`runs[name].status`),
    the plugins that could not run included (status `skipped`)."""

    page: Page
    annotations: list[Annotation]
    runs: dict[str, PluginRun]

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
) -> Result:
    """Run plugins on a page through the server's own entry, `PluginHost.analyze`.

    `origins` is handed to plugins as `settings.origins`: any object with the
    `masthead.sdk.origins.OriginIndex` method, such as a list-backed one a test builds.

    `plugins` mixes plugin objects/modules and names of installed plugins (`"attribution"`);
    None runs every installed plugin. Plugins inside a `registered(...)` block (or given to the
    `masthead_plugin` fixture) always run too.
    """
    from masthead.server import PluginHost  # the host is the server's; the SDK only drives it

    names = None
    objects: list[tuple[str, Any]] = []
    if plugins is not None:
        names = [p for p in plugins if isinstance(p, str)]
        objects = [(plugin_name(p), p) for p in plugins if not isinstance(p, str)]
    host = PluginHost(
        enabled=names, settings=Settings(plugins=settings or {}, origins=origins), timeout=timeout
    )
    for name, plugin in [*objects, *_registered]:
        if not host.pm.is_registered(plugin):  # an installed plugin may be passed in as well
            host.register(plugin, name)
    host.start()
    analysis = host.analyze(Page(html, url, title))
    return Result(analysis.page, analysis.annotations, {**analysis.runs, **analysis.skipped})


@contextmanager
def registered(plugin: Any, name: str | None = None) -> Iterator[None]:
    """Run `plugin` in every `analyze` call inside the block, under `name` (default: as
    installed, see `plugin_name`); it is removed afterwards, whatever happens."""
    entry = (name or plugin_name(plugin), plugin)
    _registered.append(entry)
    try:
        yield
    finally:
        _registered.remove(entry)


def plugin_name(plugin: Any) -> str:
    """The entry-point name of an installed plugin (a module, or a class or its instance), so
    that its settings section and `Annotation.plugin` are the same in tests as in the server;
    otherwise the module's or the class's name."""
    cls = plugin if isinstance(plugin, type) else type(plugin)
    name = getattr(plugin, "__name__", None) or cls.__name__
    values = {name, f"{cls.__module__}:{cls.__qualname__}"}
    installed = [ep.name for ep in entry_points(group=PROJECT) if ep.value in values]
    return installed[0] if installed else name.rsplit(".", 1)[-1]

"""The hooks a Masthead plugin can implement.

Every hook is optional. An implementation takes only the arguments it needs, by name, as with
pytest and Datasette. Examples for each hook, runnable as they stand, are in `docs/plugins.md`.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import pluggy

if TYPE_CHECKING:
    from .annotations import Annotation, Findings
    from .article import Article
    from .outlets import Outlet, OutletLayer, OutletRegistry
    from .page import Page
    from .settings import Settings

PROJECT = "masthead"

hookspec = pluggy.HookspecMarker(PROJECT)
hookimpl = pluggy.HookimplMarker(PROJECT)


@hookspec
def masthead_startup(settings: Settings) -> None:
    """Called once when the host loads, with the operator's settings.

    Read your own section with `settings.plugin("your-plugin")`; load files or build indexes
    here, not per request. Raising here marks the plugin as failed; the server still starts.
    """


@hookspec
def masthead_detect(page: Page) -> Iterable[Annotation | dict[str, Any]] | None:
    """Find facts about the page.

    Plugins in this phase do not see each other's results. Return annotations (or dicts of the
    same fields); `plugin` and `id` are filled in for you.
    """


@hookspec
def masthead_annotate(
    page: Page, findings: Findings, outlets: OutletRegistry
) -> Iterable[Annotation | dict[str, Any]] | None:
    """Build more findings from everything the detect phase found.

    `findings` holds every detect-phase annotation of every plugin; `outlets` is the outlet
    registry (curated, imported and plugin-contributed records).
    """


@hookspec
def masthead_outlets() -> Iterable[Outlet | dict[str, Any]] | OutletLayer | None:
    """Contribute outlet records to the registry (name, domains, owner, typology, sources).

    Bare records are the `plugin` layer, which overrides the operator's imports. Return
    `OutletLayer("curated", records)` for a reviewed baseline the imports override.
    """


@hookspec(firstresult=True)
def masthead_article(page: Page) -> Article | None:
    """Provide the article region, the shared `page.article` view.

    The first plugin that returns an Article wins; it is computed once per page, when a plugin
    first reads `page.article`. Return None to leave it to the next provider.
    """

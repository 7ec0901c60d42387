"""A stand-in for the attribution plugin, and a runner with the real host and registry.

The stand-in is the boundary: it turns `data-signal` attributes in test pages into the findings
the attribution plugin promises (`credit-line`, `wire-dateline`, `metadata-origin`, `site`), so
these tests exercise the notice, not another plugin's detection. End-to-end tests with the real
attribution plugin are in test_republication_e2e.py. (Not a conftest.py: the suite's own tests
import `conftest` by name.)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from masthead.sdk import Annotation, Outlet, Page, Settings, hookimpl
from masthead.server.host import Analysis, PluginHost


class ProvenanceStandIn:
    """Emits provenance findings from `<el data-signal=KIND data-outlet=… data-url=…>`."""

    @hookimpl
    def masthead_detect(self, page: Page) -> Iterable[Annotation]:
        site = page.meta.first("og:site_name")
        if site:
            yield Annotation(kind="site", data={"name": site})
        for element in page.root.xpath("//*[@data-signal]"):
            data: dict[str, Any] = {"outlet": element.get("data-outlet", "")}
            for key in ("url", "domain", "phrase"):
                if element.get(f"data-{key}"):
                    data[key] = element.get(f"data-{key}")
            if element.get("data-outlets"):
                data["outlets"] = element.get("data-outlets").split("|")
            yield Annotation(
                kind=element.get("data-signal"),
                title="stand-in",
                display="none",
                confidence=float(element.get("data-confidence", "0.9")),
                target=page.target(element),
                data=data,
            )


def run(
    html: str,
    url: str,
    imported: Iterable[Outlet] = (),
    plugins: Iterable[tuple[str, Any]] = (),
    curated: bool = True,
    stand_in: bool = True,
) -> Analysis:
    """Analyse with the installed republication plugin, as the server wires it (`curated`: its
    own curated registry, the `curated` setting)."""
    settings = Settings({"republication": {"curated": curated}})
    host = PluginHost(enabled=["republication"], settings=settings)
    if stand_in:
        host.register(ProvenanceStandIn(), "provenance-stand-in")
    for name, plugin in plugins:
        host.register(plugin, name)
    host.add_outlets("imported", list(imported))
    host.start()
    return host.analyze(Page(html, url))


def notices(analysis: Analysis) -> list[Annotation]:
    return [a for a in analysis.annotations if a.kind == "republication"]


def republication(html: str, url: str, **options: Any) -> list[Annotation]:
    """The republication annotations for a page, after checking every plugin ran cleanly."""
    analysis = run(html, url, **options)
    failed = {n: r.error for n, r in analysis.runs.items() if r.status != "ok"}
    assert not failed, failed
    return notices(analysis)

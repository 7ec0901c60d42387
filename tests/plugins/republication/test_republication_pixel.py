"""A republication pixel, found by the attribution plugin, named by the outlet registry.

No outlet's host is written in the plugins' code: the pixel's address says it counts republished
copies, and the registry's record of its domain says whose it is.
"""

from __future__ import annotations

from republication_harness import notices, run

import masthead.plugins.attribution as attribution

PARA = (
    "The county's water board said on Monday that the reservoir, which was drained in spring for "
    "repairs, would be full again before the summer, according to its latest figures."
)


def page(img: str) -> str:
    body = f"<article><h1>Water</h1><p>{PARA}</p><p>{PARA}</p>{img}</article>"
    return f"<html><head><title>Water</title></head><body>{body}</body></html>"


def notice_titles(html: str) -> list[str]:
    url = "https://www.citydaily.example/water"
    analysis = run(html, url, plugins=[("attribution", attribution)], stand_in=False)
    assert all(r.status == "ok" for r in analysis.runs.values()), analysis.runs
    return [n.title for n in notices(analysis)]


def test_the_registry_names_the_outlet_that_serves_the_pixel() -> None:
    pixel = "https://www.propublica.org/republication-tracker-tool/pixel.php?post=7"
    titles = notice_titles(page(f'<img src="{pixel}" width="1" height="1">'))
    assert len(titles) == 1 and titles[0].endswith("first published by ProPublica (propublica.org)")


def test_an_analytics_pixel_makes_no_notice() -> None:
    pixel = "https://pixel.analytics.example/pixel/p-123.gif"
    assert notice_titles(page(f'<img src="{pixel}" width="1" height="1">')) == []

"""Answers written for the tests: a page of our own, and findings for it built with the real SDK.

The targets come from `masthead.sdk` (`Page.target`) applied to the copy the extension really
sent, exactly as a plugin's would, so the stamped ids, CSS paths and quotes are the real thing;
only the choice of what to point at is the test's.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from harness import Answer, Browser, Seen, Site, Upstream
from masthead.sdk.page import Page

HARBOUR = """<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<title>Harbour reopens after the storm</title>
<meta property="og:type" content="article">
{head}
</head><body>
<header class="site"><h2>The Harbour Post</h2><nav>News · Sport · Weather</nav></header>
<main><article>
<h1>Harbour reopens after the storm</h1>
<p class="byline">By Ada Lindqvist</p>
<p>The harbour reopened on Monday after a week of repairs. It is reportedly set to handle
record traffic this summer, as ferries return to the islands.</p>
<figure class="lead" style="height: 1000px; margin: 0; background: #dde4ea">
<figcaption>The harbour at dawn</figcaption></figure>
<aside class="deal">Affiliate deal: 60% off a travel VPN with code HARBOUR</aside>
<p>Trade unions welcomed the decision and said the repairs were overdue.</p>
<div class="newsletter">Get the Harbour Post newsletter every morning</div>
<p>Fishing crews, who lost a week of work, will be compensated by the port authority.</p>
<p><em>This story was originally published by The Example Gazette.</em></p>
</article></main>
{body}
</body></html>"""


def harbour(head: str = "", body: str = "") -> str:
    return HARBOUR.format(head=head, body=body)


def _element(page: Page, xpath: str) -> Any:
    found = page.root.xpath(xpath)
    return found[0] if found else None


def harbour_findings(page: Page) -> list[dict]:
    """What careful plugins would say about the harbour page, with real SDK targets."""
    out: list[dict] = []

    def add(kind: str, display: str, title: str, text: str, el: Any = None, **extra: Any) -> None:
        target = None
        if el is not None:
            target = page.target(el, extra.pop("quote", None)).to_dict()
        out.append(
            {
                "id": f"scripted/{kind}/{len(out)}",
                "plugin": extra.pop("plugin", "scripted"),
                "kind": kind,
                "display": display,
                "severity": extra.pop("severity", "notice"),
                "presentation": extra.pop("presentation", "info"),
                "title": title,
                "text": text,
                "confidence": 0.9,
                "links": extra.pop("links", []),
                "target": target,
                "data": extra.pop("data", {}),
            }
        )

    add(
        "republication",
        "banner",
        "Republished — first published by The Example Gazette",
        "This article says it was first published by The Example Gazette.",
        links=[{"href": "https://example.org/harbour", "label": "The Example Gazette"}],
        presentation="notice",
    )
    for p in page.root.iter("p"):
        text = page.text_of(p)
        credit = re.search(r"This story was originally published by [^.]+", text)
        if credit:
            add(
                "credit-line",
                "highlight",
                "Credit line",
                "This line credits The Example Gazette as the original publisher.",
                p,
                quote=credit.group(0),
                presentation="provenance",
            )
        if "reportedly" in text:
            add(
                "vague-attribution",
                "highlight",
                "Vague attribution",
                "“Reportedly” does not say who reported it.",
                p,
                quote="reportedly",
                severity="info",
                presentation="claim",
            )
    for cls, label, category in (
        ("deal", "Affiliate deal", "affiliate"),
        ("newsletter", "Newsletter sign-up", "subscription-cta"),
    ):
        el = _element(page, f"//*[@class='{cls}']")
        if el is not None:
            add(
                "promo",
                "collapse",
                label,
                "",
                el,
                data={"category": category},
                plugin="promo",
                presentation="clutter",
            )
    return out


def answer_with(findings: Any) -> Answer:
    """Answer each analysis with `findings(page)` computed on the copy that was sent."""

    def answer(seen: Seen) -> tuple[int, bytes, str]:
        if seen.path != "/api/v1/analyze" or not isinstance(seen.body, dict):
            return 200, b'{"status": "ok", "version": "test", "plugins": []}', "application/json"
        page = Page(seen.body["html"], seen.body["url"], seen.body.get("title"))
        document = {
            "page": {"url": page.url, "hostname": page.hostname, "title": page.title},
            "annotations": findings(page),
            "plugins": [{"name": "scripted", "version": "0", "status": "ok", "error": None}],
            "cached": False,
            "ms": 1.0,
        }
        return 200, json.dumps(document).encode(), "application/json"

    return answer


@contextmanager
def answered(
    browser: Browser,
    site: Site,
    path: str,
    findings: Callable[[Page], list[dict]],
    html: str | None = None,
    **settings: Any,
) -> Iterator[tuple[Any, str]]:
    """The harbour page (or `html`) at `path`, analysed by a server that answers with `findings`,
    with the extension's `settings`."""
    server = Upstream(answer_with(findings))
    browser.configure(serverUrl=server.url, **settings)
    try:
        url = site.add(path, harbour() if html is None else html)
        page = browser.open(url)
        assert browser.tab_state(url)["status"] == "done"
        yield page, url
    finally:
        server.close()

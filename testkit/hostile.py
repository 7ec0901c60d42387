"""Hostile inputs from a seeded `random.Random`, and the one check every response must pass.

Shared by the property suite (`tests/server/test_properties.py`, hypothesis feeds the Random) and
the long fuzz run (`bench/fuzz.py`), so both try the same kinds of input and judge them alike.
"""

from __future__ import annotations

import json
import random
from typing import Any

TAGS = [
    "div",
    "p",
    "span",
    "a",
    "article",
    "section",
    "o:p",
    "svg:path",
    "table",
    "td",
    "li",
    "script",
    "style",
    "meta",
    "link",
    "h1",
    "figure",
    "x-widget",
    "br",
    "img",
]
ATTRS = ["class", "id", "href", "rel", "name", "content", "property", "type", "data-x", "style"]
WORDS = [
    "Reuters",
    "said",
    "according to",
    "originally published",
    "by",
    "AP",
    "—",
    "\u200b",
    "officials",
    "reportedly",
    "<",
    "&amp;",
    "\x00",
    "\ud7ff",
    "日本",
    "2024-05-01",
]


def tag_soup(rng: random.Random, size: int = 60) -> str:
    """Unbalanced tags, odd names, attributes with hostile values, text in between."""
    out = []
    for _ in range(rng.randint(1, size)):
        roll = rng.random()
        tag = rng.choice(TAGS)
        if roll < 0.45:
            attrs = " ".join(
                f'{rng.choice(ATTRS)}="{_value(rng)}"' for _ in range(rng.randint(0, 4))
            )
            out.append(f"<{tag} {attrs}>")
        elif roll < 0.7:
            out.append(f"</{tag}>")
        else:
            out.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(1, 8))))
    return "<html><head></head><body>" + "".join(out) + "</body></html>"


def _value(rng: random.Random) -> str:
    return rng.choice(
        [
            "https://example.com/a b",
            "http://[::1",
            "javascript:alert(1)",
            "//cdn.example.net/x",
            "x" * rng.randint(0, 3000),
            "author",
            "canonical",
            "application/ld+json",
            "\"'><",
            "",
        ]
    ).replace('"', "&quot;")


def hostile_jsonld(rng: random.Random) -> str:
    """Deep, wide or malformed JSON-LD."""
    depth = rng.choice([1, 5, 40, 600, 2000])
    kind = rng.choice(["list", "object", "graph", "publisher", "wide", "broken"])
    if kind == "list":
        return "[" * depth + "]" * depth
    if kind == "object":
        return '{"a":' * depth + "1" + "}" * depth
    if kind == "graph":
        return '{"@graph":' * depth + "{}" + "}" * depth
    if kind == "publisher":
        return '{"@type":"NewsArticle","publisher":' + "[" * depth + '"P"' + "]" * depth + "}"
    if kind == "wide":
        return json.dumps([{"@type": "Person", "name": f"N{i}"} for i in range(depth * 5)])
    return '{"@type": "NewsArticle", "publisher": {"name": ' + "[" * depth


def mutate(rng: random.Random, html: str) -> str:
    """A real page with a few cuts, duplications and insertions, and maybe hostile JSON-LD."""
    for _ in range(rng.randint(1, 6)):
        at = rng.randrange(len(html) + 1)
        roll = rng.random()
        if roll < 0.3:
            html = html[:at] + html[at + rng.randint(1, 500) :]
        elif roll < 0.6:
            html = html[:at] + tag_soup(rng, 10) + html[at:]
        elif roll < 0.8:
            piece = html[at : at + rng.randint(1, 2000)]
            html = html[:at] + piece * rng.randint(1, 4) + html[at:]
        else:
            script = f'<script type="application/ld+json">{hostile_jsonld(rng)}</script>'
            html = html[:at] + script + html[at:]
    return html


def hostile_body(rng: random.Random) -> bytes:
    """A request body that is not what the API wants, in one of many ways."""
    good = {"url": "https://example.com/a", "html": "<p>x</p>"}
    choice = rng.randrange(9)
    if choice == 0:
        return b"[" * rng.choice([10, 1000, 20_000])
    if choice == 1:
        return json.dumps({**good, "x": json.loads("[" * 50 + "]" * 50)}).encode()
    if choice == 2:
        return b'{"\\udc80": 1, "url": "https://a.com/", "html": "<p>x</p>"}'
    if choice == 3:
        return b'{"\xff": 1, "url": "https://a.com/", "html": "\xfe"}'
    if choice == 4:
        return json.dumps(
            {**good, "url": rng.choice(["file:///etc", "ftp://a", "x" * 9000])}
        ).encode()
    if choice == 5:
        return json.dumps({**good, "html": 42, "title": ["t"]}).encode()
    if choice == 6:
        return bytes(rng.randrange(256) for _ in range(rng.randint(0, 200)))
    if choice == 7:
        return json.dumps({**good, "title": "\ud800"}).encode("utf-8", "surrogatepass")
    return json.dumps({**good, "html": tag_soup(rng)}).encode()


def judge(
    status: int, document: Any, html: str | None, url: str = "https://example.com/a"
) -> str | None:
    """The kind of failure a response shows, or None: a 5xx, a 4xx not in the error shape, or
    a CssSelector that does not parse or selects nothing in the page that was sent."""
    if status >= 500:
        return f"status {status}"
    if status >= 400:
        error = document.get("error") if isinstance(document, dict) else None
        if not isinstance(error, dict) or error.get("status") != status or "code" not in error:
            return "error not in the documented shape"
        return None
    if html is None:
        return None
    from lxml.cssselect import CSSSelector, SelectorError

    from masthead.sdk import Page

    root = Page(html, url).root
    for annotation in document.get("annotations", []):
        for selector in (annotation.get("target") or {}).get("selectors", []):
            if selector["type"] != "CssSelector":
                continue
            try:
                found = CSSSelector(selector["value"])(root)
            except (SelectorError, SyntaxError):
                return "CssSelector does not parse"
            if not found:
                return "CssSelector selects nothing"
    return None

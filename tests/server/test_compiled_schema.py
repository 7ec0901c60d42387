"""The compiled annotation loader agrees with `AnnotationSchema.load` or defers to it.

For every item, the fast loader either returns exactly what marshmallow returns, or None (ask
marshmallow); it never accepts what marshmallow refuses. The items are every annotation the
three plugins produce on real corpus pages, plus hand-written look-alikes that must be refused.
"""

from __future__ import annotations

import math

import pytest
from marshmallow import ValidationError

from masthead.sdk import Page
from masthead.sdk.schemas import AnnotationSchema
from masthead.server.compiled_schema import compile_loader
from masthead.server.host import PluginHost, _as_dict
from support import aeb_pages, seed

SCHEMA = AnnotationSchema()
FAST = compile_loader(SCHEMA)


def marshmallow_says(item):
    try:
        return SCHEMA.load(item)
    except ValidationError:
        return "refused"


def real_annotations() -> list[dict]:
    host = PluginHost().start()
    html, expected = seed()
    pages = [(expected["url"], html)]
    for number, (_, url, page_html, _) in enumerate(aeb_pages()):
        if number % 45 == 0:
            pages.append((url or "https://example.org/", page_html))
    items = []
    for url, page_html in pages:
        items += [_as_dict(a) for a in host.analyze(Page(page_html, url)).annotations]
    return items


def test_every_real_annotation_loads_fast_and_the_same():
    items = real_annotations()
    assert len(items) > 50
    for item in items:
        assert FAST(item) == SCHEMA.load(item)


GOOD = {"kind": "credit-line", "title": "Credit", "confidence": 1, "links": ()}
LOOKALIKES = [
    {},
    {"kind": "Not A Kind"},
    {"kind": "x" * 65},
    {"kind": 7},
    {"kind": "ok", "display": "popup"},
    {"kind": "ok", "severity": "fatal"},
    {"kind": "ok", "title": "t" * 301},
    {"kind": "ok", "text": b"bytes are marshmallow's to decode"},
    {"kind": "ok", "confidence": 1.5},
    {"kind": "ok", "confidence": math.nan},
    {"kind": "ok", "confidence": True},
    {"kind": "ok", "confidence": "0.5"},
    {"kind": "ok", "links": [{"href": "javascript:alert(1)"}]},
    {"kind": "ok", "links": [{"href": "https://example.org/", "extra": 1}]},
    {"kind": "ok", "links": [{"href": "https://example.org/"}] * 21},
    {"kind": "ok", "links": "https://example.org/"},
    {"kind": "ok", "target": {"selectors": []}},
    {"kind": "ok", "target": {"selectors": [{"type": "Mystery"}]}},
    {"kind": "ok", "target": {"selectors": [{"type": "CssSelector"}]}},
    {"kind": "ok", "target": "p"},
    {"kind": "ok", "data": {1: "non-string key"}},
    {"kind": "ok", "data": {"x": object()}},
    {"kind": "ok", "data": {"x": math.inf}},
    {"kind": "ok", "data": {"x": "y" * 300_000}},
    {"kind": "ok", "data": []},
    {"kind": "ok", "unknown": 1},
    {"kind": "ok", "title": None},
]


@pytest.mark.parametrize("item", [GOOD, *LOOKALIKES], ids=repr)
def test_fast_loader_never_disagrees(item):
    fast, slow = FAST(item), marshmallow_says(item)
    if slow == "refused":
        assert fast is None
    else:
        assert fast is None or fast == slow


def test_the_good_one_takes_the_fast_path():
    assert FAST(GOOD) == SCHEMA.load(GOOD)
    assert FAST(GOOD)["confidence"] == 1.0 and isinstance(FAST(GOOD)["confidence"], float)

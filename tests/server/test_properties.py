"""Property suite over a real `masthead serve`: random tag soup, mutated corpus pages, hostile
JSON-LD and hostile bodies always get a 2xx or a documented 4xx, within the request deadline,
with every CssSelector resolvable. Fixed example budgets keep it to seconds."""

from __future__ import annotations

import time

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import hostile
from support import http, seed, start_masthead

DEADLINE_S = 15.0  # [server] request_deadline's default
PROPERTY = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,  # the same examples every run: a failure here is reproducible
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


@pytest.fixture(scope="module")
def live(tmp_path_factory):
    server = start_masthead(data_dir=tmp_path_factory.mktemp("properties"))
    yield server
    server.stop()


def analyze(live, body) -> tuple[int, dict, float]:
    started = time.monotonic()
    status, document, _ = http(
        "POST",
        live.url + "/api/v1/analyze",
        body,
        {"Content-Type": "application/json"},
        timeout=DEADLINE_S + 15,
    )
    return status, document, time.monotonic() - started


def check_page(live, html: str) -> None:
    status, document, seconds = analyze(live, {"url": "https://example.com/a", "html": html})
    assert hostile.judge(status, document, html) is None, (status, document.get("error"))
    assert seconds < DEADLINE_S + 5
    assert live.alive()


@PROPERTY
@given(st.randoms(use_true_random=False))
def test_tag_soup(live, rng):
    check_page(live, hostile.tag_soup(rng))


@settings(PROPERTY, max_examples=12)
@given(st.randoms(use_true_random=False))
def test_hostile_jsonld(live, rng):
    snippet = hostile.hostile_jsonld(rng)
    check_page(
        live,
        f'<html><head><script type="application/ld+json">{snippet}</script></head>'
        "<body><p>Hello.</p></body></html>",
    )


@settings(PROPERTY, max_examples=10)
@given(st.randoms(use_true_random=False))
def test_mutated_corpus_page(live, rng):
    html, _ = seed()
    check_page(live, hostile.mutate(rng, html))


@PROPERTY
@given(st.randoms(use_true_random=False))
def test_hostile_bodies(live, rng):
    status, document, seconds = analyze(live, hostile.hostile_body(rng))
    assert hostile.judge(status, document, None) is None, (status, document)
    assert seconds < DEADLINE_S + 5
    assert live.alive()

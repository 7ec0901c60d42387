"""The result cache, in memory and in a real Redis: the same behaviour from both."""

from __future__ import annotations

import time
import uuid

import pytest

from masthead.server.cache import RedisCache, ResultCache

DOCUMENT = {"page": {"url": "https://paper.example/a"}, "annotations": [], "plugins": []}


@pytest.fixture(params=["memory", "redis"])
def make_cache(request):
    def make(ttl: float = 60):
        if request.param == "memory":
            return ResultCache(16, ttl)
        return RedisCache(request.getfixturevalue("redis_url"), ttl)

    return make


def test_a_result_put_is_got_back(make_cache):
    cache, key = make_cache(), uuid.uuid4().hex
    assert cache.get(key) is None
    cache.put(key, DOCUMENT)
    assert cache.get(key) == DOCUMENT
    assert cache.problem() is None


def test_entries_expire(make_cache):
    cache, key = make_cache(ttl=1), uuid.uuid4().hex
    cache.put(key, DOCUMENT)
    time.sleep(1.6)
    assert cache.get(key) is None


def test_only_the_result_goes_to_redis_under_the_content_hash(redis_url):
    import redis

    cache, key = RedisCache(redis_url, 60), uuid.uuid4().hex
    cache.put(key, DOCUMENT)
    client = redis.Redis.from_url(redis_url)
    assert client.ttl(RedisCache.PREFIX + key) > 0
    assert (
        client.get(RedisCache.PREFIX + key).decode()
        == cache.client.get(RedisCache.PREFIX + key).decode()
    )


def test_a_redis_that_goes_away_is_a_miss_and_comes_back(own_redis):
    cache = RedisCache(own_redis.url, 60, retry_after=0.2)
    cache.put("before", DOCUMENT)
    own_redis.stop()
    started = time.monotonic()
    assert cache.get("before") is None and cache.get("x") is None
    cache.put("during", DOCUMENT)  # dropped, not raised
    assert time.monotonic() - started < 2
    assert "does not answer" in (cache.problem() or "")
    own_redis.start()
    time.sleep(0.3)
    assert cache.problem() is None
    cache.put("after", DOCUMENT)
    assert cache.get("after") == DOCUMENT


@pytest.mark.parametrize("entries", [0, 16])
def test_a_server_with_the_cache_off_takes_no_key(entries, tmp_path, monkeypatch):
    """`cache_entries = 0`: no page is hashed for a key nothing can be stored under, and the
    same page twice is analysed twice; with a cache the second answer is the cached one."""
    from masthead.server import api
    from masthead.server.app import create_app
    from masthead.server.config import Config

    hashed: list[str] = []
    real_key = api.content_key
    monkeypatch.setattr(api, "content_key", lambda *a: hashed.append(a[0]) or real_key(*a))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))
    app = create_app(Config(cache_entries=entries, data_dir=tmp_path))
    assert app.extensions["masthead"].cache.holds is (entries > 0)
    client = app.test_client()
    page = {"url": "https://paper.example/a", "html": "<p>Harbour news.</p>"}
    answers = [client.post("/api/v1/analyze", json=page).get_json() for _ in range(2)]
    assert [a["cached"] for a in answers] == [False, entries > 0]
    assert len(hashed) == (2 if entries else 0)

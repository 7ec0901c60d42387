"""The sync's HTTP client on its own: which addresses it refuses, and its per-host pace."""

from __future__ import annotations

import time

import pytest

from feed_server import feed_server
from masthead.server.origins.config import OriginsConfig
from masthead.server.origins.fetch import Fetcher, FetchError, _non_public


@pytest.mark.parametrize(
    ("address", "reason"),
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("10.1.2.3", "private"),
        ("192.168.0.10", "private"),
        ("172.16.5.4", "private"),
        ("169.254.169.254", "link-local"),  # cloud metadata services live here
        ("fe80::1", "link-local"),
        ("0.0.0.0", "private"),
        ("8.8.8.8", ""),
        ("2606:4700:4700::1111", ""),
    ],
)
def test_non_public_addresses_are_named(address: str, reason: str) -> None:
    assert _non_public(address) == reason


def test_a_name_that_resolves_to_loopback_is_refused() -> None:
    with pytest.raises(FetchError, match=r"refusing localhost: it resolves to .*loopback"):
        Fetcher(OriginsConfig()).get("http://localhost:9/feed.xml", 1000)


def test_requests_to_one_host_are_spaced() -> None:
    fetcher = Fetcher(OriginsConfig(allow_private_networks=True, host_interval=0.4))
    with feed_server() as (base, requests):
        started = time.monotonic()
        for _ in range(3):
            assert fetcher.get(f"{base}/rss.xml", 1_000_000).status == 200
        elapsed = time.monotonic() - started
    assert elapsed >= 0.8 and len(requests) == 3

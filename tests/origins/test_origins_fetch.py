"""The sync's HTTP client on its own: which addresses it refuses, and its per-host pace."""

from __future__ import annotations

import time
from urllib.parse import quote

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


def test_a_redirect_from_an_allowed_host_to_a_refused_address_is_refused_on_that_hop() -> None:
    """Two real servers: the feed host (allowed by name of its network) answers with a redirect
    into another loopback address, where a server is listening. The fetch stops at the
    redirect hop, before connecting: the second server never hears of it."""
    fetcher = Fetcher(OriginsConfig(allow_private_networks=("127.0.0.1/32",), host_interval=0))
    with feed_server() as (allowed, first), feed_server("127.0.0.2") as (inside, second):
        assert fetcher.get(f"{allowed}/rss.xml", 1_000_000).status == 200  # allowed itself
        target = quote(f"{inside}/rss.xml", safe="")
        with pytest.raises(FetchError, match=r"refusing 127\.0\.0\.2: .* a loopback address"):
            fetcher.get(f"{allowed}/redirect?to={target}", 1_000_000)
        metadata = quote("http://169.254.169.254/latest/meta-data/", safe="")
        with pytest.raises(FetchError, match=r"169\.254\.169\.254, a link-local address"):
            fetcher.get(f"{allowed}/redirect?to={metadata}", 1_000_000)
        assert [path for path, _ in first][-2:] == [
            f"/redirect?to={target}",
            f"/redirect?to={metadata}",
        ]
        assert second == []  # refused before any connection to it
        # the same redirect with the second network allowed too is followed: the hop's check
        # is what refused it, not the server
        both = Fetcher(
            OriginsConfig(allow_private_networks=("127.0.0.1/32", "127.0.0.2"), host_interval=0)
        )
        assert both.get(f"{allowed}/redirect?to={target}", 1_000_000).status == 200
        assert [path for path, _ in second] == ["/rss.xml"]


def test_allowed_networks_are_checked_when_read() -> None:
    from masthead.server.origins.config import OriginsConfigError, read_origins

    assert read_origins({"allow_private_networks": ["10.20.0.0/16"]}).allow_private_networks == (
        "10.20.0.0/16",
    )
    with pytest.raises(OriginsConfigError, match="'intranet' is not a network"):
        read_origins({"allow_private_networks": ["intranet"]})
    with pytest.raises(OriginsConfigError, match="true, false or a list"):
        read_origins({"allow_private_networks": "yes"})

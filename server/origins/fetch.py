"""A careful HTTP client for the sync: robots.txt, a clear User-Agent, conditional GET, timeouts,
size caps, a per-host rate limit, and no way into the operator's network.

Every hop of a request (the first and each redirect) resolves the host, refuses loopback,
private, link-local and other non-public addresses unless `allow_private_networks` is set (or
lists the network the address is in), and connects to the address it checked, so a DNS answer
cannot change between check and use.
"""

from __future__ import annotations

import http.client
import ipaddress
import socket
import ssl
import threading
import time
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit
from urllib.robotparser import RobotFileParser

from .config import OriginsConfig

REDIRECTS = {301, 302, 303, 307, 308}
CHUNK = 64 * 1024


class FetchError(Exception):
    """Why a URL could not be fetched, in words an operator can act on."""


@dataclass
class Response:
    url: str
    status: int
    headers: dict[str, str]
    body: bytes = b""

    @property
    def content_type(self) -> str:
        return self.headers.get("content-type", "").split(";")[0].strip().lower()


@dataclass
class Fetcher:
    config: OriginsConfig
    _last: dict[str, float] = field(default_factory=dict)
    _robots: dict[str, RobotFileParser] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def get(self, url: str, max_bytes: int, etag: str = "", last_modified: str = "") -> Response:
        """GET with redirects checked hop by hop; 304 comes back as a Response with no body."""
        headers = {"User-Agent": self.config.user_agent, "Accept-Encoding": "identity"}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        seen = {url}
        for _ in range(self.config.max_redirects + 1):
            response = self._once(url, headers, max_bytes)
            if response.status not in REDIRECTS:
                return response
            target = response.headers.get("location", "")
            if not target:
                raise FetchError(f"HTTP {response.status} without a Location header")
            url = urljoin(url, target)
            if url in seen:
                raise FetchError(f"redirect loop at {url}")
            seen.add(url)
        raise FetchError(f"more than {self.config.max_redirects} redirects")

    def allowed(self, url: str) -> bool:
        """What the site's robots.txt says about this URL for our User-Agent (read once a run)."""
        parts = urlsplit(url)
        origin = f"{parts.scheme}://{parts.netloc}"
        if origin not in self._robots:
            robots = RobotFileParser()
            try:
                response = self.get(origin + "/robots.txt", 512 * 1024)
            except FetchError:
                robots.parse([])  # unreachable robots.txt: as if there were none
            else:
                if response.status in (401, 403) or response.status >= 500:
                    # RFC 9309: a server error means "not now"
                    robots.parse(["User-agent: *", "Disallow: /"])
                elif response.status == 200:
                    robots.parse(response.body.decode("utf-8", "replace").splitlines())
                else:
                    robots.parse([])
            self._robots[origin] = robots
        return self._robots[origin].can_fetch(self.config.user_agent, url)

    # -- one hop ----------------------------------------------------------------------------
    def _once(self, url: str, headers: dict[str, str], max_bytes: int) -> Response:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise FetchError(f"not an http(s) URL: {url}")
        host = parts.hostname
        port = parts.port or (443 if parts.scheme == "https" else 80)
        address = self._resolve(host, port)
        self._wait_turn(host)
        deadline = time.monotonic() + self.config.timeout
        connection = _connection(parts.scheme, host, address, port, self.config.timeout)
        try:
            path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
            connection.request("GET", path, headers={**headers, "Host": parts.netloc})
            raw = connection.getresponse()
            response = Response(url, raw.status, {k.lower(): v for k, v in raw.getheaders()})
            if raw.status in REDIRECTS or raw.status == 304:
                return response
            declared = response.headers.get("content-length", "")
            if declared.isdigit() and int(declared) > max_bytes:
                raise FetchError(
                    f"response of {int(declared):,} bytes is over the cap of {max_bytes:,}"
                )
            body = bytearray()
            while True:
                if time.monotonic() > deadline:
                    raise FetchError(f"timed out after {self.config.timeout:g} s")
                chunk = raw.read1(CHUNK) if hasattr(raw, "read1") else raw.read(CHUNK)
                if not chunk:
                    break
                body += chunk
                if len(body) > max_bytes:
                    raise FetchError(f"response is over the cap of {max_bytes:,} bytes")
            response.body = bytes(body)
            return response
        except TimeoutError as exc:
            raise FetchError(f"timed out after {self.config.timeout:g} s") from exc
        except (OSError, http.client.HTTPException) as exc:
            raise FetchError(f"{type(exc).__name__}: {exc}") from exc
        finally:
            connection.close()

    def _resolve(self, host: str, port: int) -> str:
        try:
            infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        except socket.gaierror as exc:
            raise FetchError(f"cannot resolve {host}: {exc.strerror}") from exc
        addresses = [str(info[4][0]) for info in infos]
        allowed = self.config.allow_private_networks
        if allowed is True:
            return addresses[0]
        networks = [ipaddress.ip_network(n, strict=False) for n in allowed or ()]
        for address in addresses:
            reason = _non_public(address)
            if reason and not any(_ip(address) in network for network in networks):
                setting = "does not list it" if networks else "is off"
                raise FetchError(
                    f"refusing {host}: it resolves to {address}, a {reason} address "
                    f"([origins] allow_private_networks {setting})"
                )
        return addresses[0]

    def _wait_turn(self, host: str) -> None:
        """At most one request per `host_interval` seconds to each host."""
        with self._lock:
            now = time.monotonic()
            ready = self._last.get(host, 0.0) + self.config.host_interval
            self._last[host] = max(now, ready)
        if ready > now:
            time.sleep(ready - now)


def _ip(address: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address:
    """The address a socket would reach: without a zone, an IPv4-mapped one as IPv4."""
    ip = ipaddress.ip_address(address.split("%")[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
        return ip.ipv4_mapped
    return ip


def _non_public(address: str) -> str:
    ip = _ip(address)
    for reason, flag in (
        ("loopback", ip.is_loopback),
        ("link-local", ip.is_link_local),
        ("private", ip.is_private),
        ("multicast", ip.is_multicast),
        ("reserved", ip.is_reserved or ip.is_unspecified),
    ):
        if flag:
            return reason
    return ""


class _PinnedHTTPS(http.client.HTTPSConnection):
    """TLS to the address we checked, with the certificate checked against the host name."""

    def __init__(self, host: str, address: str, port: int, timeout: float) -> None:
        super().__init__(host, port, timeout=timeout, context=ssl.create_default_context())
        self._address = address

    def connect(self) -> None:
        sock = socket.create_connection((self._address, self.port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)  # type: ignore[attr-defined]


def _connection(
    scheme: str, host: str, address: str, port: int, timeout: float
) -> http.client.HTTPConnection:
    if scheme == "https":
        return _PinnedHTTPS(host, address, port, timeout)
    return http.client.HTTPConnection(address, port, timeout=timeout)

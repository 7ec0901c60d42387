"""A real HTTP server on loopback serving real feeds whose items are real corpus pages, and
feeds broken in each of the ways a crawler meets."""

from __future__ import annotations

import html as html_lib
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import unquote

from masthead.server.origins.pages import parse_time
from origin_copies import CorpusArticle, article

RSS_ITEMS = ("ca__CBCNews_2024_08_08", "uk__BBC_2024_08_01", "us__APNews_2024_09_03")
ATOM_ITEMS = ("au__NineNews_2026_07_04", "uk__Metro_2024_07_17")
SITEMAP_ITEMS = ("ca__GlobalNews_2026_05_24",)
LAST_MODIFIED = "Tue, 03 Sep 2024 06:00:00 GMT"


def _stamp(page: CorpusArticle) -> str:
    when = parse_time(page.published)
    assert when is not None
    return format_datetime(when, usegmt=True)


def rss(base: str) -> str:
    items = "".join(
        f"<item><title>{html_lib.escape(article(k).title)}</title>"
        f"<link>{base}/articles/{k}.html</link><pubDate>{_stamp(article(k))}</pubDate></item>"
        for k in RSS_ITEMS
    )
    image = f"<item><title>A photo</title><link>{base}/articles/photo.jpg</link></item>"
    return (
        '<?xml version="1.0"?><rss version="2.0"><channel><title>Loopback News</title>'
        f"<link>{base}/</link>{items}{image}</channel></rss>"
    )


def atom(base: str) -> str:
    entries = "".join(
        f"<entry><title>{html_lib.escape(article(k).title)}</title>"
        f'<link href="{base}/articles/{k}.html"/><id>{base}/{k}</id>'
        f"<updated>{article(k).published}</updated></entry>"
        for k in ATOM_ITEMS
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>Loopback Atom</title><id>{base}/atom</id><updated>2026-07-04T00:00:00Z</updated>"
        f"{entries}</feed>"
    )


def sitemap(base: str) -> str:
    urls = "".join(
        f"<url><loc>{base}/articles/{k}.html</loc><news:news><news:publication_date>"
        f"{article(k).published}</news:publication_date><news:title>"
        f"{html_lib.escape(article(k).title)}</news:title></news:news></url>"
        for k in SITEMAP_ITEMS
    )
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" '
        'xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">'
        f"{urls}</urlset>"
    )


class Handler(BaseHTTPRequestHandler):
    requests: list[tuple[str, str]]  # (path, User-Agent), per server

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:
        self.requests.append((self.path, self.headers.get("User-Agent", "")))
        base = f"http://{self.headers['Host']}"
        path = self.path
        if path == "/robots.txt":
            return self._send(200, "User-agent: *\nDisallow: /private/\n", "text/plain")
        if path == "/rss.xml":
            if self.headers.get("If-None-Match") == '"rss-1"':
                return self._send(304, "", "")
            return self._send(200, rss(base), "application/rss+xml", {"ETag": '"rss-1"'})
        if path == "/atom.xml":
            if self.headers.get("If-Modified-Since") == LAST_MODIFIED:
                return self._send(304, "", "")
            return self._send(
                200, atom(base), "application/atom+xml", {"Last-Modified": LAST_MODIFIED}
            )
        if path == "/news-sitemap.xml":
            return self._send(200, sitemap(base), "application/xml")
        if path.startswith("/articles/") and path.endswith(".html"):
            key = path.removeprefix("/articles/").removesuffix(".html")
            return self._send(200, article(key).html, "text/html; charset=utf-8")
        if path == "/articles/photo.jpg":
            return self._send(200, "\xff\xd8\xff", "image/jpeg")
        if path == "/broken/500.xml":
            return self._send(500, "Internal Server Error", "text/plain")
        if path == "/broken/invalid.xml":
            return self._send(200, "<rss><channel><item><title>Half a feed</ti", "application/xml")
        if path == "/broken/huge.xml":
            return self._stream_huge()
        if path in ("/broken/loop-a", "/broken/loop-b"):
            other = "/broken/loop-b" if path.endswith("a") else "/broken/loop-a"
            return self._send(302, "", "", {"Location": other})
        if path == "/broken/slow.xml":
            return self._trickle(rss(base))
        if path.startswith("/redirect?to="):  # an open redirect, as many sites have
            return self._send(302, "", "", {"Location": unquote(path.partition("=")[2])})
        if path == "/private/feed.xml":
            return self._send(200, rss(base), "application/rss+xml")
        return self._send(404, "not found", "text/plain")

    def _send(
        self, status: int, body: str, kind: str, headers: dict[str, str] | None = None
    ) -> None:
        data = body.encode("utf-8")
        self.send_response(status)
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        if kind:
            self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _stream_huge(self) -> None:
        """50 MB of a feed that never ends its first item, with no Content-Length to warn."""
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Connection", "close")
        self.end_headers()
        chunk = b"<!-- " + b"x" * (1024 * 1024 - 10) + b" -->\n"
        try:
            self.wfile.write(b"<rss><channel>")
            for _ in range(50):
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError):
            pass

    def _trickle(self, body: str) -> None:
        """A valid feed, one small piece every 0.2 s: far slower than the sync's timeout."""
        data = body.encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/rss+xml")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        try:
            for start in range(0, len(data), 64):
                self.wfile.write(data[start : start + 64])
                self.wfile.flush()
                time.sleep(0.2)
        except (BrokenPipeError, ConnectionResetError):
            pass


@contextmanager
def feed_server(address: str = "127.0.0.1") -> Iterator[tuple[str, list[tuple[str, str]]]]:
    """The server's base URL and the log of (path, User-Agent) it received."""
    requests: list[tuple[str, str]] = []
    handler = type("LoggedHandler", (Handler,), {"requests": requests})
    server = ThreadingHTTPServer((address, 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://{address}:{server.server_address[1]}", requests
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def resolving(names: dict[str, str]) -> Iterator[None]:
    """This process's DNS answers `names` with the given addresses (the resolver is the one part
    faked: the servers behind the addresses are real), and every other name as before."""
    real = socket.getaddrinfo

    def answer(host: Any, port: Any, *args: Any, **kwargs: Any) -> Any:
        return real(names.get(str(host), host), port, *args, **kwargs)

    socket.getaddrinfo = answer
    try:
        yield
    finally:
        socket.getaddrinfo = real

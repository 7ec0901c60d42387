"""Registrable domains from the public suffix list bundled with `publicsuffixlist` (no network)."""

from __future__ import annotations

import ipaddress
import re
from functools import lru_cache
from urllib.parse import urlsplit

from publicsuffixlist import PublicSuffixList

_psl: PublicSuffixList | None = None


def _list() -> PublicSuffixList:
    global _psl
    if _psl is None:
        _psl = PublicSuffixList()
    return _psl


def hostname(url: str) -> str:
    """The lower-case host of a URL, without `www.`-style stripping; '' when there is none."""
    try:
        return (urlsplit(url.strip()).hostname or "").rstrip(".").lower()
    except ValueError:
        return ""


@lru_cache(maxsize=4096)
def registrable_domain(host_or_url: str) -> str:
    """`news.bbc.co.uk` → `bbc.co.uk`. IP addresses and single labels come back unchanged."""
    host = hostname(host_or_url) if "/" in host_or_url else host_or_url.strip().rstrip(".").lower()
    if not host:
        return ""
    try:
        ipaddress.ip_address(host.strip("[]"))
        return host
    except ValueError:
        pass
    return _list().privatesuffix(host) or host


# An absolute http(s) URL that `urljoin` and `urlsplit` take apart and put back unchanged:
# printable ASCII without `[`, `]` (IPv6 checks) or `;` (params), a host, and no empty `?` or
# `#` (urlunsplit would drop them). Links like these skip both, the costliest part of a page's
# links; anything else takes the general path.
_CHAR = "".join(chr(code) for code in range(0x21, 0x7F) if chr(code) not in "[];")


def _chars(without: str = "") -> str:
    return "[" + re.escape("".join(c for c in _CHAR if c not in without)) + "]"


PLAIN_ABSOLUTE = re.compile(
    rf"https?://(?P<netloc>{_chars('/?#')}+){_chars('?#')}*"
    rf"(?:\?{_chars('#')}+)?(?:#{_chars()}+)?\Z"
)


@lru_cache(maxsize=4096)
def netloc_domain(netloc: str) -> str:
    """The registrable domain of a plain URL's netloc (`user@Host.example:80`)."""
    return registrable_domain(netloc.rpartition("@")[2].partition(":")[0].rstrip(".").lower())


def same_site(a: str, b: str) -> bool:
    """Whether two hosts or URLs share a registrable domain."""
    da, db = registrable_domain(a), registrable_domain(b)
    return bool(da) and da == db


_SPACE = re.compile(r"[ \t\n\r]")
_TAB_NEWLINE = str.maketrans("", "", "\t\n\r")


def clean_href(href: str) -> str:
    """An href as a browser reads it: trimmed, tabs and newlines dropped, spaces as `%20`."""
    href = href.strip()
    if _SPACE.search(href):
        href = href.translate(_TAB_NEWLINE).replace(" ", "%20")
    return href

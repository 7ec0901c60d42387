"""How the labels of the republication corpus are read, shared by the tests and the bench.

Outlet names are compared with `normalize_name` (case, accents, punctuation and a leading "the"
dropped), after removing a parenthetical qualifier from the label ("Capital (sister title)" →
"Capital"). A label listing several agencies ("APA/SDA/dpa") is matched by any of them. Short
and long forms of one outlet are accepted through ALIASES, which is the whole table.
"""

from __future__ import annotations

import re

from masthead.sdk import normalize_name, same_site

UNKNOWN_URL = "https://unknown.invalid/"

# Short and long forms of one outlet, each group written once.
ALIASES = [
    {"associated press", "ap"},
    {"united press international", "upi"},
    {"agence france presse", "afp"},
    {"dpa", "deutsche presse agentur"},
    {"apa", "austria presse agentur"},
    {"keystone sda", "sda"},
    {"time", "time com", "time magazine"},
    {"huffington post", "huffpost"},
]


def _forms(name: str) -> set[str]:
    key = normalize_name(name)
    for group in ALIASES:
        if key in group:
            return set(group)
    return {key}


def outlet_matches(found: str, label: str) -> bool:
    label = re.sub(r"\s*\([^)]*\)", "", label)
    wanted = set().union(*(_forms(part) for part in re.split(r"\s*/\s*", label) if part))
    return any(_forms(part) & wanted for part in re.split(r"\s*/\s*", found) if part)


def page_url(name: str, label: dict) -> str:
    """The URL the page was saved from.

    The postlight/parser fixtures are named after the host they were saved from
    (`fortune.com.html`). Where a label's `url_if_known` is on another site, it is the page's
    canonical rather than its own address, and the fixture's host is used instead.
    """
    url = label.get("url_if_known") or UNKNOWN_URL
    fixture = re.match(r"pages/postlight\+parser__fixtures__(.+)\.html$", name)
    if fixture and not same_site(fixture.group(1), url):
        return f"https://{fixture.group(1)}/"
    return url

"""How outlet labels of the republication corpus are compared, shared by tests and the bench.

Outlet names are compared with `normalize_name` (case, accents, punctuation and a leading "the"
dropped), after removing a parenthetical qualifier from the label ("Capital (sister title)" →
"Capital"). A label listing several agencies ("APA/SDA/dpa") is matched by any of them. Short
and long forms of one outlet are accepted through ALIASES, which is the whole table.
"""

from __future__ import annotations

import re

from masthead.sdk import normalize_name

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

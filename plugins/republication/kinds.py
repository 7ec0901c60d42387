"""What kind of republication a page is, from the winning signals and the registry's facts."""

from __future__ import annotations

import re

from masthead.sdk import Outlet, normalize_name

from .signals import Signal

WIRE = "wire"
SISTER = "sister-title"
CC = "cc-republish"
OPINION = "syndicated-opinion"
CROSSPOST = "crosspost"
UNSPECIFIED = "unspecified"

_FIRST_PERSON = re.compile(
    r"\b(my (own )?(blog|site|newsletter|substack|website)|i (first |originally )?(wrote|posted|"
    r"published)|cross-?posted|meinem blog|mi blog)\b",
    re.IGNORECASE,
)
#: Only a Creative Commons licence: "under licence from X" is an ordinary syndication deal.
_CREATIVE_COMMONS = re.compile(r"creative[\s-]*commons|\bCC[ -]?BY\b", re.IGNORECASE)
_SYNDICATE = re.compile(r"\bsyndicat(e|ed|ion)\b", re.IGNORECASE)


def classify(signals: list[Signal], outlet: Outlet | None, site: Outlet | None) -> str:
    """The first kind whose evidence holds, most specific first.

    `signals` are the winning group's; `site` is the registry's record of the page's own site.
    """
    phrases = " ".join(s.phrase for s in signals)
    if (site and site.category == "publishing platform") or _FIRST_PERSON.search(phrases):
        return CROSSPOST
    if any(s.kind == "wire-dateline" for s in signals) or (
        outlet and outlet.category == "wire service"
    ):
        return WIRE
    if shared_owner(outlet, site):
        return SISTER
    if _CREATIVE_COMMONS.search(phrases) or (outlet and outlet.licence.upper().startswith("CC")):
        return CC
    if (outlet and outlet.category == "opinion syndicate") or _SYNDICATE.search(phrases):
        return OPINION
    return UNSPECIFIED


def shared_owner(outlet: Outlet | None, site: Outlet | None) -> str:
    """The owner both records name, when they are two different outlets with the same owner."""
    if outlet is None or site is None or outlet is site:
        return ""
    if outlet.owner and normalize_name(outlet.owner) == normalize_name(site.owner):
        return outlet.owner
    return ""

"""The built-in plugins' kind names and the `data` their findings carry, named once.

Plugins that read another plugin's findings (`findings.of_kind(kinds.CREDIT_LINE)`) and plugins
that produce them use these names, so a rename cannot leave a reader behind. The `TypedDict`s
say which `data` keys a finding of each kind carries; `total=False` keys are present only when
known. Third-party plugins give their own kinds names of their own.

    from masthead.sdk import kinds
    for credit in findings.of_kind(kinds.CREDIT_LINE):
        data: kinds.OutletData = credit.data  # outlet, via, url?, domain?, phrase?
"""

from __future__ import annotations

from typing import Required, TypedDict

# -- attribution: who published this and who wrote it --------------------------------------
SITE = "site"
BYLINE = "byline"
PUBLISHED = "published"
CREDIT_LINE = "credit-line"
WIRE_DATELINE = "wire-dateline"
METADATA_ORIGIN = "metadata-origin"
# -- attribution: how the article's claims are sourced --------------------------------------
NAMED_SOURCE = "named-source"
VAGUE_ATTRIBUTION = "vague-attribution"
UNATTRIBUTED_ASSERTION = "unattributed-assertion"
SOURCING_SUMMARY = "sourcing-summary"
# -- promo ------------------------------------------------------------------------------------
ARTICLE = "article"
PROMO = "promo"
# -- republication ----------------------------------------------------------------------------
REPUBLICATION = "republication"
TEXT_ORIGIN = "text-origin"

#: Findings that say the piece came from another outlet; their `data` is an `OutletData`.
OUTLET_SIGNALS: tuple[str, ...] = (CREDIT_LINE, WIRE_DATELINE, METADATA_ORIGIN)


class PageDates(TypedDict, total=False):
    """Dates the page states about itself (ISO 8601 as written), on `site` and `byline`."""

    published: str
    published_source: str
    modified: str


class SiteData(PageDates, total=False):
    """`site`: the site's own name, and where that name came from."""

    name: Required[str]
    domain: Required[str]
    source: Required[str]  # where the name was read: "og:site_name", "title", "domain", ...
    publisher: str  # the JSON-LD publisher, when another name than the site's ("Tamedia AG")


class BylineData(PageDates, total=False):
    """`byline`: everyone the byline names, merged over every byline found."""

    authors: Required[list[str]]
    roles: Required[list[str]]  # "Staff", "Editorial board", ...
    accounts: Required[list[str]]  # site accounts the page was posted by
    sources: Required[list[str]]  # where the bylines were read


class OutletData(TypedDict, total=False):
    """`credit-line`, `wire-dateline`, `metadata-origin`: another outlet the page names."""

    outlet: Required[str]  # the outlet's name as the page gives it
    via: Required[str]  # how it was found: "phrase", "copyright", "dateline", ...
    url: str  # a link to the original, when the page gives one
    domain: str  # the outlet's registrable domain, when known
    phrase: str  # the words on the page that carry the signal
    outlets: list[str]  # every agency a dateline names (wire-dateline)
    codes: list[str]  # the agencies' dateline codes (wire-dateline)


class NamedSourceData(TypedDict):
    """`named-source`: a source the article's text names for a claim."""

    source: str
    phrase: str


class ClaimData(TypedDict):
    """`vague-attribution`, `unattributed-assertion`: the words and the sentence holding them."""

    phrase: str
    sentence: str


__all__ = [
    "ARTICLE",
    "BYLINE",
    "CREDIT_LINE",
    "METADATA_ORIGIN",
    "NAMED_SOURCE",
    "OUTLET_SIGNALS",
    "PROMO",
    "PUBLISHED",
    "REPUBLICATION",
    "SITE",
    "SOURCING_SUMMARY",
    "TEXT_ORIGIN",
    "UNATTRIBUTED_ASSERTION",
    "VAGUE_ATTRIBUTION",
    "WIRE_DATELINE",
    "BylineData",
    "ClaimData",
    "NamedSourceData",
    "OutletData",
    "PageDates",
    "SiteData",
]

"""Class and id names as evidence, the way Readability weighs them: `related-posts`,
`share-buttons`, `adsbygoogle`, `newsletter-signup` say what a block is; `article`, `entry`,
`story` say it is content.

Names are split into words (`td_block_related_posts` → td, block, related, posts;
`shareBar` → share, bar) so that `head` never reads as `ad`.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml.html import HtmlElement

from masthead.sdk.prefilter import alternation

TOKEN_CATEGORIES: dict[str, str] = {
    **dict.fromkeys(
        (
            "ad",
            "ads",
            "adv",
            "advert",
            "adverts",
            "advertisement",
            "advertising",
            "adsbygoogle",
            "adslot",
            "adunit",
            "adbox",
            "adsense",
            "dfp",
            "gpt",
            "sponsor",
            "sponsored",
            "sponsors",
            "taboola",
            "outbrain",
            "mgid",
            "revcontent",
            "zergnet",
            "anzeige",
            "werbung",
            "publicite",
        ),
        "advertisement",
    ),
    **dict.fromkeys(("affiliate", "affiliates", "aff"), "affiliate"),
    **dict.fromkeys(("promo", "promotion", "promos", "houseads", "crosspromo"), "self-promotion"),
    **dict.fromkeys(
        ("donate", "donation", "donations", "membership", "patreon", "supportus", "paywall"),
        "donation-appeal",
    ),
    **dict.fromkeys(
        ("newsletter", "subscribe", "subscription", "signup", "optin", "follow", "followus"),
        "subscription-cta",
    ),
    **dict.fromkeys(
        ("share", "sharing", "social", "sharebar", "addtoany", "sharethis", "shariff", "socials"),
        "share-bar",
    ),
    **dict.fromkeys(
        ("related", "relatedposts", "recommended", "recommendations", "yarpp", "readnext"),
        "related-content",
    ),
    **dict.fromkeys(("cookie", "cookies", "consent", "gdpr", "cmp", "rgpd"), "cookie-notice"),
    **dict.fromkeys(("comment", "comments", "disqus", "respond", "discussion"), "comments"),
}

_TOKENS = frozenset(TOKEN_CATEGORIES)
# Each word of a class string is a piece of it, so a category word occurs in the lower-cased
# string itself: one search rules out three in four class strings before any splitting.
_ANY_TOKEN = re.compile(alternation(_TOKENS))

# Readability's "this is content" names: they argue against a promo reading.
CONTENT_TOKENS = frozenset(
    {"article", "body", "content", "entry", "main", "post", "story", "text", "blog", "hentry"}
)

_SEPARATORS = r"[\s_\-:./]+"
_SPLIT = re.compile(_SEPARATORS + r"|(?<=[a-z])(?=[A-Z])")
# The separators other than white space, made spaces: `str.split()` then splits at runs of
# what `\s` matches (both ask `str.isspace`).
_SEPARATORS_TO_SPACE = str.maketrans(dict.fromkeys("_-:./", " "))
_NONE: dict[str, int] = {}  # shared, like the cached answers: callers only read them


def _raw(el: HtmlElement) -> str:
    """The element's class and id as one string; the class alone when there is no id (the
    separator would only add an empty word)."""
    ident = el.get("id")
    if ident is None:
        return el.get("class") or ""
    return f"{el.get('class') or ''} {ident}"


def words(el: HtmlElement) -> tuple[str, ...]:
    """The lower-case words of an element's class and id."""
    raw = _raw(el)
    return _words(raw) if raw else ()


@lru_cache(maxsize=8192)
def _words(raw: str) -> tuple[str, ...]:
    if raw.lower() == raw:  # no capitals, so no camelCase boundary: str methods split it in C
        return tuple(raw.translate(_SEPARATORS_TO_SPACE).split())
    return tuple(w.lower() for w in _SPLIT.split(raw) if w)


def categories(el: HtmlElement) -> dict[str, int]:
    """Category → number of class/id words that point at it."""
    raw = _raw(el)
    return _categories(raw) if raw else _NONE


@lru_cache(maxsize=8192)
def _categories(raw: str) -> dict[str, int]:
    """Pages repeat the same class strings hundreds of times: split each one once."""
    if _ANY_TOKEN.search(raw.lower()) is None:
        return _NONE  # no category word in it even as a part of a word: nothing to split
    words = _words(raw)
    if _TOKENS.isdisjoint(words):
        return _NONE  # most class strings name no category
    found: dict[str, int] = {}
    for word in words:
        category = TOKEN_CATEGORIES.get(word)
        if category:
            found[category] = found.get(category, 0) + 1
    return found


def content_words(el: HtmlElement) -> int:
    """How many class/id words call the element content (Readability's positive names)."""
    return sum(1 for word in words(el) if word in CONTENT_TOKENS)

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

# Readability's "this is content" names: they argue against a promo reading.
CONTENT_TOKENS = frozenset(
    {"article", "body", "content", "entry", "main", "post", "story", "text", "blog", "hentry"}
)

_SPLIT = re.compile(r"[\s_\-:./]+|(?<=[a-z])(?=[A-Z])")


def words(el: HtmlElement) -> tuple[str, ...]:
    """The lower-case words of an element's class and id."""
    raw = f"{el.get('class') or ''} {el.get('id') or ''}"
    return _words(raw) if len(raw) > 1 else ()


@lru_cache(maxsize=8192)
def _words(raw: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in _SPLIT.split(raw) if w)


def categories(el: HtmlElement) -> dict[str, int]:
    """Category → number of class/id words that point at it."""
    raw = f"{el.get('class') or ''} {el.get('id') or ''}"
    return _categories(raw) if len(raw) > 1 else {}


@lru_cache(maxsize=8192)
def _categories(raw: str) -> dict[str, int]:
    """Pages repeat the same class strings hundreds of times: split each one once."""
    found: dict[str, int] = {}
    for word in _words(raw):
        category = TOKEN_CATEGORIES.get(word)
        if category:
            found[category] = found.get(category, 0) + 1
    return found


def content_words(el: HtmlElement) -> int:
    """How many class/id words call the element content (Readability's positive names)."""
    return sum(1 for word in words(el) if word in CONTENT_TOKENS)

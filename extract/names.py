"""What an element's class and id say it is, the way Readability reads them.

Names are split into words (`post-comments`, `shareBar`, `related_links` → words), so `ad`
matches `ad-slot` but not `head` or `thread`.
"""

from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache

from lxml.html import HtmlElement


class Role(Enum):
    NEUTRAL = "neutral"
    CONTENT = "content"  # article|body|content|entry|post|story|text
    CHROME = "chrome"  # comments, sidebars, share rows, promos: not the article
    META = "meta"  # bylines, dates, captions, tags: beside the article text, not in it


CONTENT_WORDS = frozenset(
    {"article", "body", "content", "entry", "post", "story", "text", "main", "prose"}
)
CHROME_WORDS = frozenset(
    {
        "comment", "comments", "disqus", "respond", "reply", "replies",
        "footer", "sidebar", "aside", "rail", "related", "recommended", "recirc", "trending",
        "popular", "share", "sharing", "social", "promo", "promotion", "ad", "ads", "advert",
        "advertisement", "advertising", "sponsor", "sponsored", "newsletter", "subscribe",
        "subscription", "signup", "nav", "navigation", "navbar", "menu", "widget", "breadcrumb",
        "breadcrumbs", "cookie", "cookies", "consent", "gdpr", "banner", "popup", "modal",
        "outbrain", "taboola", "masthead", "toolbar", "pagination", "pager",
    }
)  # fmt: skip
META_WORDS = frozenset(
    {
        "byline", "author", "authors", "dateline", "date", "time", "timestamp", "published",
        "meta", "caption", "credit", "credits", "tags", "categories", "kicker",
    }
)  # fmt: skip
# Long enough to find inside run-together names (`relatedposts`, `sidebarwidget`); "comment"
# alone would also find "commentary", an opinion piece.
_CHROME_INSIDE = re.compile(
    "related|sidebar|newsletter|subscribe|sponsor|comments|disqus|outbrain|taboola|social"
)
LAYOUT_WORDS = frozenset({"wrap", "wrapper", "container", "layout", "grid", "row", "columns"})
# "has-sidebar", "no-comments", "with-ads": a state of the element, not what it is
NEGATIONS = frozenset({"has", "with", "no", "without", "hide", "hidden", "show", "open", "closed"})
_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def words_of(name: str) -> list[str]:
    return [w.lower() for w in _WORD.findall(name)]


def _is_layout(words: list[str]) -> bool:
    """`content-sidebar-wrap`: a wrapper around the content and the sidebar, neither itself."""
    return (
        any(w in LAYOUT_WORDS for w in words)
        and any(w in CONTENT_WORDS for w in words)
        and any(w in CHROME_WORDS for w in words)
    )


@lru_cache(maxsize=4096)
def _role_of_name(name: str) -> Role:
    """What the words of an element's class and id say, token by token.

    A token with a chrome word is chrome (`comment-body`, `relatedposts`); otherwise its last
    telling word decides, since names go from general to specific (`article__byline`,
    `entry-content`). A token that is plainly content (`l-article-body`) outweighs a layout
    token that mentions a sidebar (`l-sidebar-fixed`); then meta outweighs content.
    """
    roles: set[Role] = set()
    for token in name.split():
        words = words_of(token)
        if _is_layout(words):
            continue
        last = Role.NEUTRAL
        for i, word in enumerate(words):
            if (i > 0 and words[i - 1] in NEGATIONS) or (
                i + 1 < len(words) and words[i + 1] in NEGATIONS
            ):
                continue
            if word in CHROME_WORDS or _CHROME_INSIDE.search(word):
                last = Role.CHROME
                break
            if word in CONTENT_WORDS:
                last = Role.CONTENT
            elif word in META_WORDS:
                last = Role.META
        roles.add(last)
    if Role.CHROME in roles and Role.CONTENT not in roles:
        return Role.CHROME
    for role in (Role.META, Role.CONTENT):
        if role in roles:
            return role
    return Role.NEUTRAL


# A teaser previews another page, and links to it; an element named "teaser" without such a
# link is the article's own lead (a standfirst), which some templates call that.
TEASER_WORDS = frozenset({"teaser", "teasers", "teaserbox", "teaserlist"})


@lru_cache(maxsize=4096)
def _is_teaser_name(name: str) -> bool:
    return any(w in TEASER_WORDS for token in name.split() for w in words_of(token))


def is_teaser_named(el: HtmlElement) -> bool:
    name = f"{el.get('class') or ''} {el.get('id') or ''}".strip()
    return bool(name) and _is_teaser_name(name)


def role_of(el: HtmlElement) -> Role:
    name = f"{el.get('class') or ''} {el.get('id') or ''}".strip()
    return _role_of_name(name) if name else Role.NEUTRAL

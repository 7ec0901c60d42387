"""What an element's class and id say it is, the way Readability reads them.

Names are split into words (`post-comments`, `shareBar`, `related_links` → words), so `ad`
matches `ad-slot` but not `head` or `thread`.
"""

from __future__ import annotations

import re
from enum import Enum
from functools import lru_cache, reduce
from operator import or_

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
    # One lower() for all the words: they are ASCII letters and digits, without spaces.
    return " ".join(_WORD.findall(name)).lower().split()


def _is_layout(words: list[str]) -> bool:
    """`content-sidebar-wrap`: a wrapper around the content and the sidebar, neither itself."""
    return not (
        LAYOUT_WORDS.isdisjoint(words)
        or CONTENT_WORDS.isdisjoint(words)
        or CHROME_WORDS.isdisjoint(words)
    )


def _token_role(words: list[str]) -> Role | None:
    """What one token's words say; None for a layout token, which says nothing.

    A chrome word decides (`comment-body`, `relatedposts`); otherwise the last telling word
    does, since names go from general to specific (`article__byline`, `entry-content`).
    """
    if _is_layout(words):
        return None
    last = Role.NEUTRAL
    for i, word in enumerate(words):
        if (i > 0 and words[i - 1] in NEGATIONS) or (
            i + 1 < len(words) and words[i + 1] in NEGATIONS
        ):
            continue
        if word in CHROME_WORDS or _CHROME_INSIDE.search(word):
            return Role.CHROME
        if word in CONTENT_WORDS:
            last = Role.CONTENT
        elif word in META_WORDS:
            last = Role.META
    return last


# A teaser previews another page, and links to it; an element named "teaser" without such a
# link is the article's own lead (a standfirst), which some templates call that.
TEASER_WORDS = frozenset({"teaser", "teasers", "teaserbox", "teaserlist"})
# Class names that hide an element from sight, from the common CSS frameworks and the
# accessibility conventions (Bootstrap, Tailwind, WordPress, HTML5 Boilerplate): the text is for
# screen readers ("Article content") or for another state of the page (a subscriber box).
HIDING_CLASSES = frozenset(
    {
        "hidden", "is-hidden", "d-none", "sr-only", "visually-hidden", "visuallyhidden",
        "screen-reader-text", "screen-reader-only", "screenreader-only", "sr-text", "u-hidden",
        "a11y-hidden", "offscreen",
    }
)  # fmt: skip


# The words that say anything: a token with none of them, and no chrome word run into another
# (`relatedposts`), is silent, and most tokens (`col-md-6`, `flex`) are.
_TELLING_WORDS = CHROME_WORDS | CONTENT_WORDS | META_WORDS | TEASER_WORDS

# What a token says, as bits, so that a name's tokens are OR-ed together in C (`reduce`) and the
# name's facts looked up, not worked out token by token in Python: a new site brings hundreds
# of names, each read here once.
_CHROME, _CONTENT, _META, _TEASER, _HIDING = 1, 2, 4, 8, 16
_ROLE_BITS = {
    None: 0,
    Role.NEUTRAL: 0,
    Role.CHROME: _CHROME,
    Role.CONTENT: _CONTENT,
    Role.META: _META,
}


@lru_cache(maxsize=16384)
def _token(token: str) -> int:
    """One class or id token's role, and whether it names a teaser, as bits. Tokens recur
    across far more names than names recur across pages, so this is the cache that a new site
    hits."""
    words = words_of(token)
    if _TELLING_WORDS.isdisjoint(words) and not _CHROME_INSIDE.search(token.lower()):
        return 0
    teaser = 0 if TEASER_WORDS.isdisjoint(words) else _TEASER
    return _ROLE_BITS[_token_role(words)] | teaser


@lru_cache(maxsize=16384)
def _class_token(token: str) -> int:
    """A class token's bits, with whether the class hides the element."""
    return _token(token) | (_HIDING if token.lower() in HIDING_CLASSES else 0)


def _facts_of_bits(bits: int) -> NameFacts:
    """What a name's OR-ed token bits say.

    A token that is plainly content (`l-article-body`) outweighs a layout token that mentions a
    sidebar (`l-sidebar-fixed`); then meta outweighs content.
    """
    if bits & _CHROME and not bits & _CONTENT:
        role = Role.CHROME
    elif bits & _META:
        role = Role.META
    else:
        role = Role.CONTENT if bits & _CONTENT else Role.NEUTRAL
    return role, bool(bits & _TEASER), bool(bits & _HIDING)


NameFacts = tuple[Role, bool, bool]
"""An element's role by name, whether it is named as a teaser, and whether a class hides it."""
_NO_NAME: NameFacts = (Role.NEUTRAL, False, False)
_FACTS: tuple[NameFacts, ...] = tuple(map(_facts_of_bits, range(_HIDING * 2)))


def name_facts(classes: str | None, ident: str | None) -> NameFacts:
    """What an element's `class` and `id` attributes say, read once per distinct pair: a page
    repeats the same few hundred names over thousands of elements."""
    if not classes and not ident:
        return _NO_NAME
    return _name_facts(classes or "", ident or "")


@lru_cache(maxsize=8192)
def _name_facts(classes: str, ident: str) -> NameFacts:
    """A chrome token decides unless a content token is there too; the hiding classes are read
    from `class` only."""
    bits = reduce(or_, map(_class_token, classes.split()), 0)
    return _FACTS[reduce(or_, map(_token, ident.split()), bits)]


def is_teaser_named(el: HtmlElement) -> bool:
    return name_facts(el.get("class"), el.get("id"))[1]


def role_of(el: HtmlElement) -> Role:
    return name_facts(el.get("class"), el.get("id"))[0]

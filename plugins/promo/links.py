"""What a link points at, as far as promos go: a share intent, a social profile, a messaging
channel, a donation or membership page, an affiliate redirect, an app store, another site.

Only the URL (and `rel`) is read; the words around the link are the lexicon's business.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from urllib.parse import parse_qsl, urlsplit

from masthead.sdk import PageLink, hostname, lowercase_pattern, registrable_domain

SHARE = "share"  # "post this page to a network" intents
SOCIAL = "social"  # a profile on a social network, or the site's feed
CHANNEL = "channel"  # a messaging channel the reader can join (t.me, WhatsApp channel)
DONATION = "donation"
AFFILIATE = "affiliate"
SPONSORED = "sponsored"  # rel=sponsored: the site itself says it was paid for
APP = "app"  # an app store listing
OUTBOUND = "outbound"  # any other site
INTERNAL = "internal"

SOCIAL_SITES = frozenset(
    {
        "facebook.com",
        "twitter.com",
        "x.com",
        "youtube.com",
        "instagram.com",
        "linkedin.com",
        "tiktok.com",
        "soundcloud.com",
        "pinterest.com",
        "vk.com",
        "ok.ru",
        "threads.net",
        "bsky.app",
        "mastodon.social",
        "reddit.com",
        "tumblr.com",
        "flipboard.com",
        "rumble.com",
        "bitchute.com",
        "odysee.com",
        "gab.com",
        "truthsocial.com",
        "spotify.com",
        "podcasts.apple.com",
        "gettr.com",
        "minds.com",
        "weibo.com",
        "xing.com",
    }
)
CHANNEL_HOSTS = frozenset({"t.me", "telegram.me", "telegram.dog", "whatsapp.com", "wa.me"})
DONATION_SITES = frozenset(
    {
        "patreon.com",
        "ko-fi.com",
        "buymeacoffee.com",
        "liberapay.com",
        "opencollective.com",
        "gofundme.com",
        "donorbox.org",
        "givebutter.com",
        "subscribestar.com",
        "steadyhq.com",
        "memberful.com",
        "flattr.com",
        "paypal.me",
        "locals.com",
        "givesendgo.com",
        "fundrazr.com",
        "betterplace.org",
        "tipeee.com",
        "ulule.com",
        "boosty.to",
    }
)
AFFILIATE_SITES = frozenset(
    {
        "skimresources.com",
        "viglink.com",
        "linksynergy.com",
        "shareasale.com",
        "anrdoezrs.net",
        "dpbolvw.net",
        "jdoqocy.com",
        "kqzyfj.com",
        "tkqlhce.com",
        "awin1.com",
        "prf.hn",
        "amzn.to",
        "fave.co",
        "pntra.com",
        "avantlink.com",
        "sjv.io",
        "ojrq.net",
        "7eer.net",
        "pxf.io",
        "clickbank.net",
        "tradedoubler.com",
        "tradetracker.net",
        "zanox.com",
        "rstyle.me",
        "shopstyle.it",
        "howl.me",
        "geni.us",
        "affstrack.com",
        "go2cloud.org",
        "hasoffers.com",
        "impactradius.com",
        "partnerize.com",
        "digidip.net",
        "sovrn.com",
    }
)
APP_STORES = (
    "apps.apple.com",
    "itunes.apple.com",
    "play.google.com/store/apps",
    "appgallery.huawei.com",
)
SHARE_PATTERNS = re.compile(
    r"facebook\.com/(?:sharer|share\.php|dialog/(?:share|feed))|(?:twitter|x)\.com/(?:intent|share)"
    r"|linkedin\.com/(?:sharearticle|sharing|cws/share)|reddit\.com/submit"
    r"|pinterest\.[a-z.]+/pin/create|(?:telegram\.me|t\.me)/share|whatsapp\.com/send|wa\.me/\?"
    r"|vk\.com/share|getpocket\.com/(?:save|edit)|tumblr\.com/(?:share|widgets/share)"
    r"|flipboard\.com/bookmarklet|news\.ycombinator\.com/submitlink|buffer\.com/add"
    r"|xing\.com/(?:spi/shares|social/share)|bsky\.app/intent|threads\.net/intent"
    r"|mastodonshare|toot\.kytta|connect\.ok\.ru/offer|addtoany\.com/add_to|sharethis\.com",
    re.IGNORECASE,
)
DONATION_PATH = re.compile(
    r"/(?:donate|donation|donations|donar|spenden|faire-un-don|soutenir|support-us|supportus"
    r"|support|contribute|membership|memberships|become-a-member|join-us|members|patrons?"
    r"|unterstuetzen|unterstützen|sostienici|dona|apoie)(?:[/?#.]|$)",
    re.IGNORECASE,
)
AFFILIATE_PATH = re.compile(r"/(?:aff_c|aff|affiliate|affiliates|recommends|go/out)(?:[/?#]|$)")
AFFILIATE_PARAMS = frozenset(
    {
        "aff_id",
        "affid",
        "aff",
        "affiliate",
        "affiliate_id",
        "aff_sub",
        "offer_id",
        "irclickid",
        "clickref",
        "subid",
        "sub_id",
        "partner_id",
        "ref_id",
        "associate",
        "campaign_id",
        "tag",
        "ranmid",
        "raneaid",
        "awc",
        "cjevent",
    }
)
POST_PATH = re.compile(
    r"/(?:status|statuses|p|posts|reel|reels|watch|video|videos|photo|photos|shorts|embed)\b"
    r"|/comments/",
    re.IGNORECASE,
)
FEED_PATH = re.compile(r"/(?:feed|rss)(?:/|\.xml)?$|\.rss$|/atom\.xml$", re.IGNORECASE)


def _folded(pattern: re.Pattern[str]) -> Callable[[str], re.Match[str] | None]:
    """`pattern.search` for a case-insensitive pattern, run without `re.IGNORECASE` on the
    lower-cased text when the text is ASCII (where both agree character for character), several
    times faster: most of a link's cost was its share-intent search. Other text takes the
    pattern itself (`ſ` and the Kelvin sign match `s` and `k` only there)."""
    lowered = lowercase_pattern(pattern.pattern)

    def search(text: str) -> re.Match[str] | None:
        return lowered.search(text.lower()) if text.isascii() else pattern.search(text)

    return search


_share_search = _folded(SHARE_PATTERNS)
_donation_search = _folded(DONATION_PATH)
_feed_search = _folded(FEED_PATH)
_post_search = _folded(POST_PATH)


def kind_of(link: PageLink, page_domain: str) -> str:
    """The one kind that says most about a link."""
    if "sponsored" in link.rel:
        return SPONSORED
    return _kind(link.href, link.domain, page_domain)


@lru_cache(maxsize=8192)
def _kind(href: str, domain: str, page_domain: str) -> str:
    """A site's menus and footers repeat the same links on every page and within one."""
    path = href.split("?", 1)[0]
    if domain == page_domain and not (_donation_search(path) or _feed_search(path)):
        return INTERNAL  # the common case, without parsing the URL again
    return classify(href, page_domain)


@lru_cache(maxsize=4096)
def classify(href: str, page_domain: str) -> str:
    try:
        parts = urlsplit(href)
    except ValueError:
        return INTERNAL
    host = hostname(href)
    domain = registrable_domain(host)
    target = f"{host}{parts.path}"
    if _share_search(href):
        return SHARE
    if host in CHANNEL_HOSTS or (domain == "whatsapp.com" and "/channel/" in parts.path):
        return CHANNEL
    if domain in DONATION_SITES or "paypal.com/donate" in target:
        return DONATION
    if _affiliate(domain, parts.path, parts.query):
        return AFFILIATE
    if any(target.startswith(store) for store in APP_STORES):
        return APP
    if _feed_search(parts.path) or (domain in SOCIAL_SITES and _is_profile(parts.path)):
        return SOCIAL
    if domain == page_domain or not domain:
        return DONATION if _donation_search(parts.path) else INTERNAL
    return DONATION if _donation_search(parts.path) and _is_landing(parts.path) else OUTBOUND


def _affiliate(domain: str, path: str, query: str) -> bool:
    if domain in AFFILIATE_SITES or AFFILIATE_PATH.search(path):
        return True
    if not query:
        return False
    names = {name.lower() for name, _ in parse_qsl(query, keep_blank_values=True)}
    if "tag" in names and not domain.startswith("amazon."):
        names.discard("tag")  # `tag` marks an affiliate only on Amazon
    if "utm_medium" in names and "affiliate" in query.lower():
        return True
    return bool(names & AFFILIATE_PARAMS)


_LISTING = frozenset(
    {"category", "categories", "tag", "tags", "topic", "topics", "section", "author"}
)
_STORY_ID = re.compile(r"\d{4,}")


def is_story(href: str) -> bool:
    """Whether a URL looks like one article's: a slug of four or more words
    (`/2024/05/council-backs-tram-plan`) or a long numeric id, not a listing (`/category/…`)."""
    try:
        path = urlsplit(href).path
    except ValueError:
        return False
    segments = [s for s in path.lower().split("/") if s]
    if not segments or _LISTING.intersection(segments):
        return False
    slug = segments[-1].rsplit(".", 1)[0]
    return slug.count("-") >= 3 or bool(_STORY_ID.search(path))


def _is_profile(path: str) -> bool:
    """`/21WIRE`, `/user/x`, `/c/x` point at an account; `/x/status/1`, `/p/…`, `/watch` at
    one post, which a page embeds or cites as content."""
    segments = [s for s in path.split("/") if s]
    return len(segments) <= 2 and not _post_search(path)


def _is_landing(path: str) -> bool:
    """A short path (`/donate`), not an article that merely has "support" in its slug."""
    return path.count("/") <= 3 and len(path) <= 40

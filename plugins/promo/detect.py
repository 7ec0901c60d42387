"""Finding promo blocks: filter-list hits, and heuristics for what lists miss.

Four kinds of evidence find candidates, each then judged on the same page facts:
- short text blocks that call the reader to act (lexicon), shouting (upper case), made of links,
  pointing at channels, donation pages or affiliate redirects, placed around the article;
- links that are promos by their URL alone (share intents, social profiles, affiliate
  redirects, `rel=sponsored`), grown into the bar or widget that holds them;
- class and id names (`related-posts`, `adsbygoogle`), checked against what the element holds;
- hiding rules from the operator's filter lists.

A promo block never holds article prose: candidates that contain a guarded paragraph are
dropped, and growth stops below them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from lxml.html import HtmlElement

from masthead.sdk import BLOCK_TAGS, Block, Page, PageLink, check_time

from . import links as kinds
from . import tokens
from .lexicon import SUPPORTING_ONLY, call_categories, calls_to_action
from .matcher import RuleIndex
from .scene import Scene, upper_share

CATEGORIES = (
    "advertisement",
    "affiliate",
    "self-promotion",
    "donation-appeal",
    "subscription-cta",
    "share-bar",
    "related-content",
    "cookie-notice",
    "comments",
)
ACCEPT = 4.0  # the score a block needs to be called a promo
MAX_PROMO_CHARS = 400  # a text block longer than this is not a call to action
MAX_GROWTH_CHARS = 3000  # a promo widget (a list of related links) is never larger than this
CONTAINER_TAGS = frozenset(
    {"div", "section", "aside", "ul", "ol", "li", "p", "figure", "ins", "iframe", "form"}
    | {"nav", "footer", "header", "table", "span", "dl", "center", "amp-ad", "blockquote"}
)
MIN_NOTICE_WORDS = 5
# IAB display sizes, as width/height attributes of an image link.
AD_SIZES = frozenset(
    (str(w), str(h))
    for w, h in [
        (300, 250), (728, 90), (160, 600), (300, 600), (320, 50), (970, 250), (468, 60),
        (234, 60), (120, 600), (250, 250), (336, 280), (970, 90), (320, 100), (300, 100),
    ]
)  # fmt: skip
MENU_WORDS = frozenset({"menu", "nav", "navbar", "navigation", "menubar", "submenu"})
SECTION_LABELS = ("related-content", "comments", "share-bar")
NOT_PROMO_TAGS = frozenset({"html", "body", "main", "article", "head"})


@dataclass
class Promo:
    element: HtmlElement
    category: str
    confidence: float
    rule: str | None = None
    evidence: list[str] = field(default_factory=list)


def find_promos(
    page: Page,
    region: Iterable[HtmlElement],
    boilerplate: Iterable[HtmlElement] = (),
    index: RuleIndex | None = None,
) -> list[Promo]:
    """The promo blocks of a page, outermost first-found, none holding article prose."""
    scene = Scene(page, region, boilerplate)
    found: list[Promo] = []
    text_promos = []
    for n, block in enumerate(page.blocks):
        if not n & 1023:
            check_time()  # a huge page stops at the call's budget, not after it
        promo = _judge_block(scene, block)
        if promo:
            text_promos.append(promo)
    scene.guard({p.element for p in text_promos})
    for promo in text_promos:
        found.append(_grown(scene, promo))
    check_time()
    found += _link_promos(scene)
    check_time()
    found += _token_promos(scene)
    if index is not None:
        found += _list_promos(scene, index)
    return _settle(scene, found)


# -- text blocks --------------------------------------------------------------------------


def _judge_block(scene: Scene, block: Block) -> Promo | None:
    """Score a short block per category from what it says and links to, then from how and where
    it is set; the best category wins if the total reaches ACCEPT."""
    el, text = block.element, block.text
    if len(text) > MAX_PROMO_CHARS or block.tag in NOT_PROMO_TAGS or el in scene.region_ancestors:
        return None
    calls = call_categories(text)
    if calls <= SUPPORTING_ONLY:
        # Without a call to action only strong links make a block an appeal (a bare menu link
        # to "Members" or "Telegram" is not one): most blocks of a page stop here, unnamed.
        links = scene.own_links.get(el)
        if not links or not _strong_links(links, block):
            return None
        if not block.link_chars and not tokens.categories(el):
            return None  # image links alone, unnamed: no words, names or link text of its own
        ctas: set[str] = set()
    else:
        ctas = set(calls - SUPPORTING_ONLY)
        if len(text) <= 60 and block.link_density < 0.5:
            sections = [c for c in SECTION_LABELS if c in ctas]
            if sections:
                return _section(scene, el, sections[0])
        links = scene.own_links.get(el, [])
    named = tokens.categories(el)
    kinds_here = Counter(kind for _, kind in links)
    if not named and _is_teaser(block, links):
        return None  # another story's headline, which may quote an appeal ("Support this plan")
    words = len(text.split())
    evidence: list[str] = []
    scores = _content_scores(ctas, named, kinds_here, block, evidence)
    if not scores:
        return None
    if words <= 4 and _in_menu(el):
        return None  # "Donate", "Cookie policy", "Newsletters" as items of the site's menu
    category, score = max(scores.items(), key=lambda item: item[1])  # the first, on a tie
    if category == "cookie-notice" and words < MIN_NOTICE_WORDS:
        return None  # a "Cookie policy" link is not a notice
    score += _setting_score(scene, block, words, bool(links), evidence)
    if score < ACCEPT:
        return None
    return Promo(el, category, _confidence(score), None, evidence)


def _strong_links(links: list[tuple[PageLink, str]], block: Block) -> bool:
    """Links that make a block an appeal without any call to action: an affiliate or sponsored
    link, or a bar of share and social links (the only way to a `share-bar` score)."""
    shared = 0
    for _, kind in links:
        if kind in _PAID_KINDS:
            return True
        if kind in _BAR_KINDS:
            shared += 1
    return shared >= 2 and block.link_density >= 0.7


def _is_teaser(block: Block, links: list[tuple[PageLink, str]]) -> bool:
    """A block that is nothing but one link to another story on the same site, worded as a
    headline: a button ("Sign up now") may point at a story-like URL too, but is shorter."""
    if len(links) != 1 or block.link_density < 0.9 or len(block.text.split()) < 5:
        return False
    link, kind = links[0]
    return kind == kinds.INTERNAL and kinds.is_story(link.href)


def _content_scores(
    ctas: set[str],
    named: dict[str, int],
    kinds_here: Counter[str],
    block: Block,
    evidence: list[str],
) -> dict[str, float]:
    """Per category: calls to action, the kinds of link, class/id names."""
    scores: dict[str, float] = {}

    def add(category: str, weight: float) -> None:
        scores[category] = scores.get(category, 0) + weight

    for category in ctas - set(SECTION_LABELS):
        add(category, 2)
        evidence.append(f"call to action ({category})")
    for kind, category, weight in LINK_WEIGHTS:
        if kinds_here[kind]:
            add(category, weight)
            evidence.append(f"{kind} link")
    if kinds_here[kinds.SHARE] + kinds_here[kinds.SOCIAL] >= 2 and block.link_density >= 0.7:
        add("share-bar", 3)
        evidence.append("social links")
    for category, count in named.items():
        if category not in SECTION_LABELS:
            add(category, 1.5 * count)
            evidence.append(f"class/id names ({category})")
    return scores


def _setting_score(
    scene: Scene, block: Block, words: int, has_links: bool, evidence: list[str]
) -> float:
    """How the block is set, and where: prose counts against, shouting, links, shortness and
    a place outside or at the edge of the article count for."""
    score = 0.0
    if words > 40 and block.link_density < 0.3:
        score -= 3  # a paragraph of prose, whatever it mentions
    if upper_share(block.text) >= 0.6 and len(block.text) >= 8:
        score += 1
        evidence.append("upper case")
    if block.link_density >= 0.6:
        score += 1
        evidence.append("made of links")
    elif has_links:
        score += 0.5
    if words <= 25:
        score += 0.5
    position = scene.position(block.element)
    if position != "inside":
        score += 1
        evidence.append(f"{position} the article" if position == "outside" else "article edge")
    if tokens.content_words(block.element):
        score -= 1  # Readability's "content" names
    return score


def _in_menu(el: HtmlElement) -> bool:
    """Whether `el` is an entry of a navigation menu (a `<nav>`, or a list named menu/nav)."""
    for depth, node in enumerate(el.iterancestors()):
        if depth > 4:
            return False
        if node.tag == "nav" or node.get("role") == "navigation":
            return True
        if MENU_WORDS & set(tokens.words(node)):
            return True
    return False


def _section(scene: Scene, heading: HtmlElement, category: str) -> Promo | None:
    """A label such as "Related articles" or "Comments": the section it heads is the promo."""
    section = _grow(scene, heading, _SHARE_KINDS if category == "share-bar" else None, 40)
    if section is heading or not _content_fits(scene, section, category):
        return None
    return Promo(section, category, 0.85, None, [f"section label ({category})"])


# -- links --------------------------------------------------------------------------------

LINK_WEIGHTS = (
    (kinds.CHANNEL, "subscription-cta", 2),
    (kinds.APP, "subscription-cta", 2),
    (kinds.DONATION, "donation-appeal", 1.5),
    (kinds.AFFILIATE, "affiliate", 3),
    (kinds.SPONSORED, "advertisement", 3),
)
_SINGLE_LINK_PROMOS = {
    kinds.AFFILIATE: "affiliate",
    kinds.SPONSORED: "advertisement",
    kinds.CHANNEL: "subscription-cta",
    kinds.APP: "subscription-cta",
    kinds.DONATION: "donation-appeal",
    kinds.OUTBOUND: "advertisement",
}
_SHARE_KINDS = frozenset({kinds.SHARE, kinds.SOCIAL, kinds.CHANNEL})
_PAID_KINDS = frozenset({kinds.AFFILIATE, kinds.SPONSORED})
_NO_KINDS: frozenset[str] = frozenset()  # growth that may take in no new link
_BAR_KINDS = frozenset({kinds.SHARE, kinds.SOCIAL})


def _link_promos(scene: Scene) -> list[Promo]:
    promos: list[Promo] = []
    done: set[HtmlElement] = set()
    for a, (_link, kind) in scene.links.items():
        if kind == kinds.INTERNAL or a in done or _inside_guarded_block(scene, a):
            continue
        if kind in (kinds.SHARE, kinds.SOCIAL):
            bar = _grow(scene, a, _SHARE_KINDS, max_extra=30)
            done.update(bar.iter("a"))
            counted = scene.kinds_in(bar)
            if counted[kinds.SHARE] + counted[kinds.SOCIAL] + counted[kinds.CHANNEL] >= 2:
                promos.append(Promo(bar, "share-bar", 0.85, None, ["social links"]))
            continue
        category = _SINGLE_LINK_PROMOS.get(kind)
        if category is None:
            continue
        image_only = not scene.text(a) and a.find(".//img") is not None
        if kind == kinds.OUTBOUND and not (image_only and scene.position(a) == "outside"):
            continue
        holder = _grow(scene, a, _NO_KINDS, max_extra=80)
        text = scene.text(holder)
        ctas = calls_to_action(text)
        if kind in (kinds.DONATION, kinds.CHANNEL, kinds.APP) and not (ctas or image_only):
            continue  # a menu item "Members" or a plain mention: not an appeal
        if kind == kinds.OUTBOUND and not (
            ctas & {"advertisement", "affiliate", "self-promotion"}
            or _ad_sized(a)
            or "advertisement" in tokens.categories(holder)
        ):
            continue  # a blogroll badge, a feed icon, a partner logo: not shown as an ad
        if len(text) > MAX_PROMO_CHARS or (len(text.split()) <= 4 and _in_menu(holder)):
            continue
        confidence = 0.9 if ctas or kind in (kinds.AFFILIATE, kinds.SPONSORED) else 0.65
        if kind == kinds.OUTBOUND and "affiliate" in ctas:
            category = "affiliate"
        promos.append(Promo(holder, category, confidence, None, [f"{kind} link"]))
    return promos


def _ad_sized(link: HtmlElement) -> bool:
    """An image in one of the standard display-ad sizes (300×250, 728×90, …)."""
    for img in link.iter("img"):
        if (img.get("width", "").strip(), img.get("height", "").strip()) in AD_SIZES:
            return True
    return False


def _inside_guarded_block(scene: Scene, el: HtmlElement) -> bool:
    """Whether `el` sits in a paragraph of article prose (a link in a sentence)."""
    for node in el.iterancestors():
        if node.tag in BLOCK_TAGS:
            return node in scene.prose
    return False


def _grow(
    scene: Scene,
    start: HtmlElement,
    accepted: frozenset[str] | None,
    max_extra: int,
) -> HtmlElement:
    """The largest wrapper of `start` that adds little text, only links of the `accepted` kinds
    (None: any), no new titled section, and no article prose."""
    node = start
    while True:
        parent = node.getparent()
        if parent is None or parent.tag in NOT_PROMO_TAGS or scene.holds_article(parent):
            return node
        if scene.raw_length(parent) - scene.raw_length(node) > MAX_GROWTH_CHARS:
            return node  # a page-sized wrapper: not worth reading to know it is too big
        if accepted is not None and not _adds_only(scene, node, parent, accepted):
            return node
        added_text = len(scene.text(parent)) - len(scene.text(node))
        added_links = scene.link_chars(parent) - scene.link_chars(node)
        if added_text - added_links > max_extra:
            return node
        if scene.titled_headings(parent) > scene.titled_headings(node):
            return node
        node = parent


def _adds_only(scene: Scene, inner: HtmlElement, outer: HtmlElement, kinds: frozenset[str]) -> bool:
    """Whether every link `outer` has beyond those inside `inner` is of one of `kinds`."""
    links = scene.links_in(outer)
    if not links:
        return True
    if outer.tag != "a" and inner.tag != "a":
        # Then both lists hold every known `<a>` of their subtree, and inner's are outer's:
        # the counts say whether there is a new link at all, without a set of inner's links.
        if len(links) == len(scene.links_in(inner)):
            return True
        if not kinds:
            return False
    inside = set(inner.iter("a"))
    return all(kind in kinds for link, kind in links if link.element not in inside)


def _grown(scene: Scene, promo: Promo) -> Promo:
    """A text promo widened to its section (a "Related" heading to its list) or wrapper."""
    if promo.category in ("related-content", "comments"):
        promo.element = _grow(scene, promo.element, None, max_extra=40)
    else:
        promo.element = _grow(scene, promo.element, _NO_KINDS, max_extra=0)
    return promo


# -- class and id names -------------------------------------------------------------------


def _token_promos(scene: Scene) -> list[Promo]:
    """Containers (body excluded) whose class or id names a category, in document order.

    lxml's tag filter picks the containers in C; an XPath `self::div or self::p or …` test per
    element cost ten times more. Most have no class or id, or names that say nothing: each is
    ruled out by one cached lookup of its class and id string.
    """
    promos = []
    guarded, categories = scene.guarded, tokens.categories
    for el in scene.page.body.iterdescendants(*_CONTAINERS):
        if el in guarded:
            continue
        named = categories(el)
        if not named:
            continue
        category = max(named, key=named.__getitem__)
        if _content_fits(scene, el, category):
            promos.append(Promo(el, category, 0.75, None, [f"class/id names ({category})"]))
    return promos


_CONTAINERS = sorted(CONTAINER_TAGS)


def _content_fits(scene: Scene, el: HtmlElement, category: str) -> bool:
    """Whether what the element holds agrees with what its class or id calls it.

    Each category reads only the measures it needs, and the cheap ones first: a container
    named `advertisement` is settled by its length before its links are counted.
    """
    if el.tag == "a":
        return False  # a single link named `share-link` is part of a bar, found from the bar
    text = scene.text(el)

    def link_share() -> float:
        return scene.link_chars(el) / len(text) if text else 1.0

    def ctas() -> set[str]:
        return calls_to_action(text[:600])

    if category == "advertisement":
        return len(text) <= 150 or (len(text) <= 1500 and link_share() >= 0.5)
    if category == "share-bar":
        found = scene.kinds_in(el)
        social = found[kinds.SHARE] + found[kinds.SOCIAL] + found[kinds.CHANNEL]
        # mostly share/social links (a byline with the author's profile, or a footer menu
        # beside the site's profiles, is not a share bar), or icons without any text
        return (social >= 2 and social * 2 >= sum(found.values()) and link_share() >= 0.5) or (
            not text and bool(el.findall(".//a"))
        )
    if category == "related-content":
        return len(scene.links_in(el)) >= 2 and link_share() >= 0.5
    if category == "comments":
        return len(text) >= 40 and (el.find(".//form") is not None or "comments" in ctas())
    if category == "cookie-notice":
        return MIN_NOTICE_WORDS <= len(text.split()) <= 300 and "cookie-notice" in ctas()
    if category in ("subscription-cta", "donation-appeal", "self-promotion", "affiliate"):
        return len(text) <= MAX_PROMO_CHARS and (
            category in ctas() or el.find(".//form") is not None or link_share() >= 0.6
        )
    return False


# -- filter lists -------------------------------------------------------------------------


def _list_promos(scene: Scene, index: RuleIndex) -> list[Promo]:
    promos = []
    for el, rule in index.matches(scene.page.body, scene.page.hostname):
        if el in scene.guarded or el.tag in NOT_PROMO_TAGS:
            continue
        category = rule.category or _guess_category(scene, el)
        if category is None:
            continue
        promos.append(Promo(el, category, 0.9, rule.text, [f"filter list {rule.source}"]))
    return promos


def _guess_category(scene: Scene, el: HtmlElement) -> str | None:
    named = tokens.categories(el)
    if named:
        return max(named, key=named.__getitem__)
    ctas = calls_to_action(scene.text(el)[:600])
    return next((c for c in CATEGORIES if c in ctas), None)


# -- settling -----------------------------------------------------------------------------


def _settle(scene: Scene, found: list[Promo]) -> list[Promo]:
    """One promo per block: nested finds fold into the outermost, wrappers are taken in."""
    by_element: dict[HtmlElement, Promo] = {}
    for promo in found:
        el = promo.element
        if el in scene.guarded or el.tag in NOT_PROMO_TAGS or scene.inside_prose(el):
            continue  # holds article prose, or is a link or phrase inside one of its sentences
        promo.element = _grow(scene, promo.element, _NO_KINDS, max_extra=0)
        known = by_element.get(promo.element)
        if known is None:
            by_element[promo.element] = promo
        else:
            _merge(known, promo)
    # A promo inside another folds into its outermost one: each finds that one on its way up,
    # so only outermost promos that hold others walk their subtree, merging in document order.
    inside_another: set[HtmlElement] = set()
    holding: set[HtmlElement] = set()
    for el in by_element:
        outermost = None
        for node in el.iterancestors():
            if node in by_element:
                outermost = node
        if outermost is not None:
            inside_another.add(el)
            holding.add(outermost)
    kept: list[Promo] = []
    for el, promo in by_element.items():
        if el in inside_another:
            continue
        if el in holding:
            for inner in (by_element[d] for d in el.iterdescendants() if d in by_element):
                _merge(promo, inner, keep_category=True)
        kept.append(promo)
    spans = scene.page.text_index.spans
    kept.sort(key=lambda p: spans.get(p.element, (0, 0)))
    return kept


def _merge(into: Promo, other: Promo, keep_category: bool = False) -> None:
    if not keep_category and other.confidence > into.confidence and other.rule is None:
        into.category = other.category
    into.confidence = max(into.confidence, other.confidence)
    into.rule = into.rule or other.rule
    into.evidence += [e for e in other.evidence if e not in into.evidence]


def _confidence(score: float) -> float:
    return round(min(0.97, 0.5 + 0.07 * score), 2)

"""Where the article is: the element that holds the most prose and the least clutter.

Every text block of the page gets a weight: prose (long, few links) counts for, link lists and
scraps of chrome count against. An element's score is the sum over its subtree, so a parent
outscores its child exactly when what it adds (the other half of a split article) is worth more
than the clutter it brings along; the best-scoring element is the region. Subtrees whose class
or id name them as comments, sidebars, share rows and the like, or that are hidden, add nothing
to their ancestors, the way Readability weighs class names. Inside the region, what is not
article text (the headline, bylines, captions, link rows, labelled chrome) is returned as
exclusions.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml import etree
from lxml.html import HtmlElement

from masthead.sdk import BLOCK_TAGS, Block, Page, check_time, normalize_space

from .lines import (
    ends_like_sentence,
    is_bare_url,
    is_byline,
    is_control,
    is_copyright,
    is_date_stamp,
    is_reading_time,
    is_sentence,
)
from .names import Role, name_facts, role_of

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Tags that never hold article prose, wherever they are.
CHROME_TAGS = frozenset({"nav", "aside", "footer", "button", "select", "figcaption"})
# A form inside the article is a comment or sign-up form; around it, a whole page may be one
# form (ASP.NET), so it only counts as chrome inside the region.
INNER_CHROME_TAGS = CHROME_TAGS | {"form"}
# The headline is the page's title, shown apart from the text.
HEADLINE_TAGS = frozenset({"h1"})
PROSE_MIN_CHARS = 60
PROSE_MIN_WORDS = 6  # a long URL or file name is not prose
LINK_HEAVY = 0.5
LINK_ROW = 0.8
LINK_ONLY = 0.9
# An inline element named as a caption or credit that holds this share of its block's text
# makes the whole block a caption.
INLINE_SHARE = 0.6
# A region inside a chrome subtree (a comment thread) competes at a fifth of its score, and
# only when nothing outside chrome holds a few paragraphs.
CHROME_DISCOUNT = 0.2
ARTICLE_MIN_SCORE = 250.0
# A chrome-named descendant holding more than this share of the region's prose is misnamed.
MISNAMED_SHARE = 0.5
# A sibling of the region scoring at least this share of it holds the rest of the article.
SIBLING_SHARE = 0.2
TABLE_CELLS = frozenset({"td", "th"})
ITEM_TAGS = TABLE_CELLS | {"li", "dt", "dd"}
# A label heading a box: this many characters and words at most.
LABEL_MAX_CHARS = 40
LABEL_MAX_WORDS = 5
# A line repeated this often inside the region, when the region repeats no more than this many
# lines, is a stamp ("Article content" before each paragraph), not a questionnaire.
MIN_STAMPS = 2
MAX_STAMPS = 2
# Repeats that belong: sub-headings listed again in a table of contents, a table's values.
KEPT_REPEATS = TABLE_CELLS | HEADINGS
# A linked headline over less prose than this is a teaser for another page (an excerpt).
TEASER_MAX_PROSE = 500.0


def find_article(page: Page) -> tuple[list[HtmlElement], list[HtmlElement]]:
    """The elements holding the article body, and the elements inside them that are not text.

    No region (two empty lists) when the page holds no prose at all.
    """
    tree = score_tree(page)
    region = tree.best_region()
    if region is None:
        return [], []
    regions = tree.with_siblings(region)
    return regions, [el for r in regions for el in tree.exclusions(page, r)]


def is_hidden(el: HtmlElement) -> bool:
    """Hidden from the reader by the markup itself (metadata blocks, templates, closed modals)."""
    return (
        el.get("hidden") is not None
        or name_facts(el.get("class"), el.get("id"))[2]
        or _hidden_by_style(el.get("style"))
    )


def _hidden_by_style(style: str | None) -> bool:
    if not style:
        return False
    style = style.replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def is_headline_link(block: Block) -> bool:
    """A heading, or a line of three words or more, that is a link to another page: the
    headline of a teaser, not a subheading or a sentence."""
    if block.tag in HEADINGS:
        if block.link_density < LINK_HEAVY:
            return False
    elif block.link_density < LINK_ONLY or block.text.count(" ") < 2:
        return False
    link = next(block.element.iter("a"), None)
    return link is not None and not (link.get("href") or "#").startswith("#")


def is_label(text: str) -> bool:
    """A few words that head a box, not a sentence: "Read also", "Mehr zum Thema", "関連記事"."""
    return (
        len(text) <= LABEL_MAX_CHARS
        and len(text.split()) <= LABEL_MAX_WORDS
        and not ends_like_sentence(text)
    )


def _is_box_label(block: Block) -> bool:
    """A label that may head a box; a list item or a table cell is data however short."""
    return block.tag not in ITEM_TAGS and is_label(block.text)


def not_text(block: Block) -> bool:
    """A block without prose that is about the article or the page, not part of the text."""
    text = block.text
    if block.link_density >= LINK_HEAVY and len(text) < 300:
        # a sentence naming linked people or places is text; a row of links is not
        return not is_sentence(text) or block.link_density >= LINK_ROW
    if block.tag in TABLE_CELLS:  # numbers and names in a table are its data
        return False
    return (
        is_byline(text)
        or is_date_stamp(text)
        or is_reading_time(text)
        or is_control(text)
        or is_bare_url(text)
        or is_copyright(text)
    )


_IDEOGRAPHS = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")


def block_weight(block: Block) -> float:
    """What a block is worth to the element that holds it: prose counts for, links against."""
    tag = block.tag
    if tag in HEADINGS:
        return 0.0
    text, link_chars = block.text, block.link_chars
    own = len(text) - link_chars
    if text.isascii():
        # most blocks: the counts below only matter to prose, which needs this many characters
        if own >= PROSE_MIN_CHARS and text.count(" ") + 1 >= PROSE_MIN_WORDS:
            return (own - link_chars / 2) * (1.0 + 0.1 * min(text.count(","), 5))
    else:  # a Chinese or Japanese character says about as much as three Latin
        commas = text.count(",") + text.count("、") + text.count("，")
        words = text.count(" ") + 1
        # most non-ASCII text has none, and a search finds that twice as fast as findall
        ideographs = len(_IDEOGRAPHS.findall(text)) if _IDEOGRAPHS.search(text) else 0
        if block.link_density < LINK_ROW:  # a row of linked headlines is no prose
            own += 2 * ideographs
        words += ideographs
        if own >= PROSE_MIN_CHARS and words >= PROSE_MIN_WORDS:  # prose, perhaps with links
            return (own - link_chars / 2) * (1.0 + 0.1 * min(commas, 5))
    if tag in TABLE_CELLS and not link_chars:  # a table's data, as in a results table
        return 0.0
    return -2.0 * link_chars - 3.0


@dataclass
class ScoredTree:
    """Each element's subtree score and prose, its role, and whether it sits in chrome."""

    score: dict[HtmlElement, float] = field(default_factory=dict)
    prose: dict[HtmlElement, float] = field(default_factory=dict)
    roles: dict[HtmlElement, Role] = field(default_factory=dict)
    in_chrome: dict[HtmlElement, bool] = field(default_factory=dict)
    chrome: set[HtmlElement] = field(default_factory=set)  # named or tagged as chrome itself
    order: list[HtmlElement] = field(default_factory=list)  # the text tree, parents first
    teasers: set[HtmlElement] = field(default_factory=set)
    # best region outside any chrome subtree, and inside one (already discounted)
    best: list[tuple[float, HtmlElement | None]] = field(
        default_factory=lambda: [(float("-inf"), None), (float("-inf"), None)]
    )

    def best_region(self) -> HtmlElement | None:
        """An article of a few paragraphs beats a comment thread of any length."""
        (clean_score, clean), (chrome_score, chrome) = self.best
        if clean_score >= ARTICLE_MIN_SCORE or clean_score >= chrome_score:
            return clean
        return chrome

    def with_siblings(self, region: HtmlElement) -> list[HtmlElement]:
        """The region and its siblings that hold the rest of a split article, in order.

        The parent lost to the region because of what else it holds; a sibling that is itself
        mostly prose (a second body div after an ad) still belongs to the article.
        """
        parent = region.getparent()
        if parent is None or region.tag == "body":
            return [region]
        floor = max(SIBLING_SHARE * self.score.get(region, 0.0), 1.0)
        return [el for el in parent if el is region or self._continues(el, floor)]

    def _continues(self, sibling: HtmlElement, floor: float) -> bool:
        return (
            self.in_chrome.get(sibling) is False  # scored, and not a comment thread or sidebar
            and sibling not in self.teasers
            and self.score.get(sibling, 0.0) >= floor
        )

    def exclusions(self, page: Page, region: HtmlElement) -> list[HtmlElement]:
        """Top-most elements inside the region that hold no article text, in document order."""
        limit = MISNAMED_SHARE * self.prose.get(region, 0.0)
        excluded: set[HtmlElement] = set()
        inside = {region: True}
        for el in self.order:  # parents first
            if el is region or not inside.get(el.getparent(), False):
                continue
            inside[el] = True
            if el.tag in HEADLINE_TAGS or (
                self._is_chrome(el, in_region=True) and self.prose.get(el, 0.0) < limit
            ):
                excluded.add(el)
        own_blocks = [block for block in page.blocks if block.element in inside]
        excluded.update(_repeats(page, own_blocks))
        for block in own_blocks:
            if self.prose.get(block.element):
                continue
            if not_text(block):
                excluded.add(block.element)
        excluded.update(self._blocks_made_of_named_inlines(page, region))
        whole = self._whole_containers(page, excluded, inside, region)
        return _topmost(page, whole, region, inside)

    def _whole_containers(
        self,
        page: Page,
        excluded: set[HtmlElement],
        inside: dict[HtmlElement, bool],
        region: HtmlElement,
    ) -> set[HtmlElement]:
        """The exclusions, plus each container all of whose text is excluded: one `<ul>` of
        related links rather than each of its items. A container left with nothing but a short
        label ("Read also", "Weitere Informationen", "関連記事") heading what was excluded goes
        whole too: the label names a box that is gone."""
        own_text = {block.element: block for block in page.blocks}
        whole = set(excluded)
        kept: set[HtmlElement] = set()  # elements holding some text that stays
        labelled: set[HtmlElement] = set()  # elements holding only a label that stays
        emptied: set[HtmlElement] = set()  # elements holding something excluded
        for el in reversed(self.order):  # children before parents
            if el is region or el not in inside:
                continue
            parent = el.getparent()
            if el in whole:
                emptied.add(parent)
                continue
            block = own_text.get(el)
            if el in kept or (block is not None and not _is_box_label(block)):
                kept.add(parent)
            elif block is not None or el in labelled:
                if el in emptied and el not in kept:
                    whole.add(el)
                    emptied.add(parent)
                else:
                    labelled.add(parent)
            else:
                whole.add(el)
                emptied.add(parent)
        return whole

    def _blocks_made_of_named_inlines(self, page: Page, region: HtmlElement) -> set[HtmlElement]:
        """Blocks whose text is mostly an inline element named as a caption, credit, byline...

        Text belongs to blocks, so a `<span class="caption">` can only be left out with the
        block around it, and only when it is most of that block and the block holds no prose
        blocks of its own.
        """
        found: set[HtmlElement] = set()
        by_element = {block.element: block for block in page.blocks}
        for el in region.iterdescendants(etree.Element):
            if el.tag in BLOCK_TAGS:
                continue
            classes = el.get("class")
            if not classes or name_facts(classes, el.get("id"))[0] not in _ASIDE_ROLES:
                continue
            owner = next((a for a in el.iterancestors() if a in by_element), None)
            if owner is None or owner is region or owner in found:
                continue
            block = by_element[owner]
            if self.prose.get(owner, 0.0) > max(block_weight(block), 0.0):
                continue  # it holds prose blocks besides its own text
            if len(normalize_space(el.text_content())) >= INLINE_SHARE * len(block.text):
                found.add(owner)
        return found

    def _is_chrome(self, el: HtmlElement, in_region: bool = False) -> bool:
        """Named or tagged as chrome; inside the region, bylines, dates and forms are too."""
        role = self.roles.get(el)
        if in_region:
            return role in (Role.CHROME, Role.META) or el.tag in INNER_CHROME_TAGS
        return role is Role.CHROME or el.tag in CHROME_TAGS


_ASIDE_ROLES = (Role.META, Role.CHROME)


def score_tree(page: Page) -> ScoredTree:
    """Scores the elements that hold text bottom-up, keeping the best candidates on the way."""
    tree = ScoredTree()
    score, prose = tree.score, tree.prose
    headlined: set[HtmlElement] = set()  # subtrees holding a heading that links elsewhere
    for n, block in enumerate(page.blocks):
        if not n & 1023:
            check_time()  # a huge page stops at its reader's budget
        el = block.element
        weight = block_weight(block)
        score[el] = score.get(el, 0.0) + weight
        if weight > 0:
            prose[el] = prose.get(el, 0.0) + weight
        elif is_headline_link(block):
            headlined.add(el)
    body = page.body
    tree.order = _text_tree(page)
    _read_roles(tree, page, body)
    in_chrome, chrome, teasers, best = tree.in_chrome, tree.chrome, tree.teasers, tree.best
    check_time()
    for el in reversed(tree.order):  # children before their parents
        own = score.get(el, 0.0)
        own_prose = prose.get(el, 0.0)
        if own_prose > 0:
            inside = int(in_chrome[el])
            candidate = own * (CHROME_DISCOUNT if inside else 1.0)
            if candidate > best[inside][0]:
                best[inside] = (candidate, el)
        parent = el.getparent()
        if parent is None or el is body:
            continue
        # a comment thread's or a teaser's prose is not the article's: its ancestors gain nothing
        if el in headlined:
            headlined.add(parent)
            if own_prose < TEASER_MAX_PROSE:
                teasers.add(el)
                own = min(own, 0.0)
        if el in chrome:
            own = min(own, 0.0)
        if own:
            score[parent] = score.get(parent, 0.0) + own
        if own_prose:
            prose[parent] = prose.get(parent, 0.0) + own_prose
    return tree


def _repeats(page: Page, own_blocks: list[Block]) -> list[HtmlElement]:
    """Blocks of the region that repeat the page's title, or a label the page prints again.

    An article says each thing once; what a page prints twice is its furniture: a screen-reader
    label before every paragraph, a headline shown again above the text, the "Read more" of
    every slide, a box that the sidebar shows too. Prose, headings (a table of contents lists
    them again) and table cells are not furniture. Inside the region only, a stamp counts when
    it is the page's one or two repeated lines: an interview that asks each guest the same
    questions, or a plan listing the same steps for each day, repeats many lines, and they are
    its text.
    """
    meta = page.meta
    titles = {t.casefold() for t in (meta.title, meta.og.get("og:title", "")) if t}
    seen: dict[str, int] = {}
    for block in page.blocks:
        seen[block.text] = seen.get(block.text, 0) + 1
    inside: dict[str, list[Block]] = {}
    found = []
    for block in own_blocks:
        if block.text.casefold() in titles:
            found.append(block)
        elif seen[block.text] > 1 and block.tag not in KEPT_REPEATS and block_weight(block) <= 0:
            inside.setdefault(block.text, []).append(block)
    stamps = [text for text, copies in inside.items() if len(copies) == seen[text]]
    for text, copies in inside.items():
        if len(copies) < seen[text] or (len(stamps) <= MAX_STAMPS and len(copies) >= MIN_STAMPS):
            found.extend(copies)
    return [block.element for block in found]


def _text_tree(page: Page) -> list[HtmlElement]:
    """The blocks and their ancestors up to the body, parents before children.

    Elements without text (images, scripts, empty wrappers) cannot change a score, and skipping
    them keeps the pass short.
    """
    body = page.body
    depth = {body: 0}
    for block in page.blocks:
        chain = []
        node = block.element
        while node is not None and node not in depth:
            chain.append(node)
            node = node.getparent()
        level = depth.get(node, 0)
        for el in reversed(chain):
            level += 1
            depth[el] = level
    return sorted(depth, key=depth.__getitem__)


def _sections_under_chrome_headings(page: Page, body: HtmlElement) -> set[HtmlElement]:
    """Elements that open with a heading named as chrome (`<h3 class="related-title">`)."""
    found = set()
    for block in page.blocks:
        el = block.element
        if el.tag in HEADINGS and el.tag not in HEADLINE_TAGS and role_of(el) is Role.CHROME:
            parent = el.getparent()
            if parent is not None and parent is not body and parent[0] is el:
                found.add(parent)
    return found


def _read_roles(tree: ScoredTree, page: Page, body: HtmlElement) -> None:
    """Each element's role, and whether it sits in a chrome subtree.

    The body's own classes describe the page template, not an element, so they are not read.
    """
    roles, in_chrome = tree.roles, tree.in_chrome
    in_chrome[body] = False
    introduced = _sections_under_chrome_headings(page, body)
    chrome, neutral = Role.CHROME, Role.NEUTRAL
    for el in tree.order:
        if el is body:
            continue
        get = el.get
        role, teaser, hiding = name_facts(get("class"), get("id"))
        style = get("style")
        hidden = hiding or (style and _hidden_by_style(style)) or get("hidden") is not None
        if hidden or el in introduced or (teaser and role is not chrome and _links_elsewhere(el)):
            role = chrome
        if role is not neutral:
            roles[el] = role
        if role is chrome or el.tag in CHROME_TAGS:
            tree.chrome.add(el)
            in_chrome[el] = True
        else:
            in_chrome[el] = in_chrome.get(el.getparent(), False)


def _links_elsewhere(el: HtmlElement) -> bool:
    """Whether the element holds a link to another page (not an anchor on this one)."""
    return any(
        (a.get("href") or "#")[:1] not in ("#", "")
        and not a.get("href", "").startswith("javascript:")
        for a in el.iter("a")
    )


def _topmost(
    page: Page,
    chosen: set[HtmlElement],
    region: HtmlElement,
    inside: dict[HtmlElement, bool],
) -> list[HtmlElement]:
    """The chosen elements that are not inside another chosen one, in document order.

    Only the region's blocks (`inside`: its part of the text tree) are walked up: a block
    elsewhere would climb to the root to find no region above it.
    """
    kept: dict[HtmlElement, None] = {}
    for block in page.blocks:
        node = block.element
        if node not in inside:
            continue
        top = None
        while node is not None and node is not region:
            if node in chosen:
                top = node
            node = node.getparent()
        if top is not None and node is region:
            kept[top] = None
    return list(kept)

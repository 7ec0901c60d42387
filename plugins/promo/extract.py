"""Where the article is: the element that holds the most paragraph text and the least clutter.

Every text block of the page gets a weight: prose (long, few links) counts for, link lists and
scraps of chrome count against. Each element's score is the sum over its blocks, so a parent
outscores its child exactly when what it adds (a sibling half of the article) is worth more
than the clutter it brings along; the best-scoring element is the region. Subtrees whose class
or id name them as comments, sidebars, share rows and the like count against their ancestors,
the way Readability weighs class names. Inside the region, what is not article text (bylines,
captions, link rows, labelled chrome) is returned as exclusions.
"""

from __future__ import annotations

from lxml.html import HtmlElement
from masthead.sdk import Block, Page

from .extract_names import Role, role_of

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
# Tags that never hold article prose, wherever they are.
CHROME_TAGS = frozenset({"nav", "aside", "footer", "form", "button", "select", "figcaption", "h1"})
PROSE_MIN_CHARS = 60
LINK_HEAVY = 0.5
CHROME_DISCOUNT = 0.2
ARTICLE_MIN_SCORE = 250.0


def _inside_chrome(
    elements: list[HtmlElement], body: HtmlElement, roles: dict[HtmlElement, Role]
) -> dict[HtmlElement, bool]:
    """Which elements sit in a subtree named as chrome; records every element's role on the way.

    The body's and html's own classes describe the page template, not an element, so they are
    not read.
    """
    inside: dict[HtmlElement, bool] = {body: False}
    for el in elements:
        if el is body:
            continue
        role = role_of(el)
        if role is not Role.NEUTRAL:
            roles[el] = role
        inside[el] = (
            inside.get(el.getparent(), False) or role is Role.CHROME or el.tag in CHROME_TAGS
        )
    return inside


BYLINE_WORDS = frozenset({"by", "por", "von", "par", "di", "door", "av", "af", "przez"})


def is_byline(text: str) -> bool:
    """ "By Jane Doe", "Por María López": a short line naming who wrote it, not a sentence."""
    words = text.split()
    return 2 <= len(words) <= 10 and words[0].lower() in BYLINE_WORDS and words[1][:1].isupper()


def block_weight(block: Block) -> float:
    """What a block is worth to the element that holds it: prose counts for, links against."""
    length = len(block.text)
    if block.tag in HEADINGS:
        return 0.0
    if length >= PROSE_MIN_CHARS and block.link_density < LINK_HEAVY:
        return (length - 2 * block.link_chars) * (1.0 + 0.1 * min(block.text.count(","), 5))
    return -2.0 * block.link_chars - 3.0


def find_article(page: Page) -> tuple[list[HtmlElement], list[HtmlElement]]:
    """The elements holding the article body, and the elements inside them that are not text."""
    body = page.body
    scores: dict[HtmlElement, float] = {}
    prose: dict[HtmlElement, float] = {}
    for block in page.blocks:
        weight = block_weight(block)
        scores[block.element] = scores.get(block.element, 0.0) + weight
        if weight > 0:
            prose[block.element] = prose.get(block.element, 0.0) + weight
    roles: dict[HtmlElement, Role] = {}
    elements = [el for el in body.iter() if isinstance(el.tag, str)]
    in_chrome = _inside_chrome(elements, body, roles)
    # the best region outside any chrome subtree, and the best inside one (discounted)
    best: list[HtmlElement | None] = [None, None]
    best_score = [float("-inf"), float("-inf")]
    for el in reversed(elements):
        score = scores.get(el, 0.0)
        chrome = roles.get(el) is Role.CHROME or el.tag in CHROME_TAGS
        if prose.get(el, 0.0) > 0:
            inside = int(in_chrome.get(el, False))
            candidate = score * (CHROME_DISCOUNT if inside else 1.0)
            if candidate > best_score[inside]:
                best[inside], best_score[inside] = el, candidate
        parent = el.getparent()
        if parent is not None and el is not body:
            # a comment thread's prose is not the article's: its ancestors gain nothing by it
            scores[parent] = scores.get(parent, 0.0) + (min(score, 0.0) if chrome else score)
            prose[parent] = prose.get(parent, 0.0) + prose.get(el, 0.0)
    # an article of a few paragraphs beats a comment thread of any length
    clean_enough = best_score[0] >= ARTICLE_MIN_SCORE or best_score[0] >= best_score[1]
    region = best[0] if clean_enough else best[1]
    if region is None:
        return [], []
    return [region], _exclusions(page, region, roles, prose)


def _exclusions(
    page: Page,
    region: HtmlElement,
    roles: dict[HtmlElement, Role],
    prose: dict[HtmlElement, float],
) -> list[HtmlElement]:
    """Top-most elements inside the region that hold no article text.

    A descendant named as chrome that holds most of the region's prose is misnamed (or the
    region is wrong): it stays.
    """
    region_prose = prose.get(region, 0.0)
    excluded: list[HtmlElement] = []
    for el in region.iterdescendants():
        if not isinstance(el.tag, str):
            continue
        named = roles.get(el) in (Role.CHROME, Role.META) or el.tag in CHROME_TAGS
        if named and prose.get(el, 0.0) < 0.5 * region_prose:
            excluded.append(el)
    for block in page.blocks:
        if prose.get(block.element):
            continue
        if (block.link_density >= LINK_HEAVY and len(block.text) < 300) or is_byline(block.text):
            excluded.append(block.element)
    return _topmost(excluded, region)


def _topmost(elements: list[HtmlElement], region: HtmlElement) -> list[HtmlElement]:
    chosen = set(elements)
    kept = []
    for el in elements:
        node = el.getparent()
        inside = False
        nested = False
        while node is not None:
            if node is region:
                inside = True
                break
            if node in chosen:
                nested = True
            node = node.getparent()
        if inside and not nested and el not in kept:
            kept.append(el)
    return kept

"""Calls to action, by category, in English, German, French, Spanish, Italian, Portuguese, Dutch
and Russian.

The phrases are the ones a site uses to address its reader ("join our channel", "support us",
"abonnez-vous"), not words that merely appear: a news sentence saying that millions subscribe to
a service, or that a ministry joined Telegram, uses the same nouns without the imperative or the
"our"/"us" that makes it an appeal. Block-level context (length, links, position) still decides;
a lexicon hit is one signal among several.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from functools import lru_cache

from masthead.sdk import lowercase_pattern
from masthead.sdk.prefilter import alternation

_PHRASES: dict[str, list[str]] = {
    "subscription-cta": [
        # en
        r"\b(?:join|follow|subscribe to|sign up (?:for|to)|receive) (?:us|our|my)\b",
        r"\bsubscribe (?:now|today|here|for free)\b",
        r"\bsign up (?:now|today|here|for (?:free|our))\b",
        r"\b(?:join|follow) us on\b",
        r"\bfollow us\b",
        r"\bstay (?:updated|informed|in touch|connected)\b",
        r"\bnewsletter\b.{0,40}\b(?:sign up|subscribe|inbox|delivered)\b",
        r"\b(?:sign up|subscribe)\b.{0,40}\bnewsletter\b",
        r"\bdownload (?:our|the) (?:free )?app\b",
        r"\bget (?:the|our) (?:free )?app\b",
        r"\bturn on notifications\b",
        # de
        r"\bnewsletter (?:abonnieren|bestellen)\b",
        r"\b(?:abonnieren|folgen) sie uns\b",
        r"\bfolgen sie (?:uns|unserem)\b",
        r"\bjetzt (?:abonnieren|anmelden|registrieren)\b",
        r"\bmelden sie sich\b.{0,40}\bnewsletter\b",
        # fr
        r"\babonnez-vous\b",
        r"\binscrivez-vous\b",
        r"\bsuivez-nous\b",
        r"\brejoignez-nous\b",
        r"\brecevez notre\b",
        # es
        r"\bsuscr[ií]bete\b",
        r"\bsuscr[ií]base\b",
        r"\b(?:síguenos|siguenos)\b",
        r"\b(?:únete|unete) a nuestro\b",
        r"\brecibe nuestr[oa]\b",
        # it
        r"\biscriviti\b",
        r"\bseguici\b",
        r"\bunisciti al nostro\b",
        # pt
        r"\binscreva-se\b",
        r"\bsiga-nos\b",
        r"\bassine (?:a )?nossa\b",
        r"\bentre no nosso\b",
        # nl
        r"\bschrijf je in\b",
        r"\bvolg ons\b",
        r"\bmeld je aan\b",
        # ru
        r"\bподпис(?:ывайтесь|аться|ывайся|вайтесь)\b",
        r"\bподпишитесь\b",
        r"\bприсоединяйтесь\b",
        r"\bнаш (?:телеграм|telegram)",
    ],
    "donation-appeal": [
        # "support this plan" and "donate blood" are news; the appeal names the site or its work
        r"\bsupport (?:our|us|independent|this (?:site|website|blog|podcast|channel|newsletter"
        r"|project|publication|work|journalism|reporting))\b",
        r"\bbecome an? (?:member|patron|supporter|subscriber)\b(?! of\b)",
        r"^(?:please )?(?:donate|make a donation|chip in)\b",
        r"\bplease (?:donate|make a donation|chip in)\b",
        r"\bdonate (?:now|today|here)\b",
        r"\bbuy (?:us|me) a coffee\b",
        r"\bkeep (?:us|our journalism|this site) (?:going|alive|independent|free)\b",
        r"\b(?:reader|member)-(?:funded|supported)\b",
        r"\bcontribute (?:now|today|to our)\b",
        r"\bunterstützen sie (?:uns|unsere|unabhängigen)\b",
        r"\bjetzt spenden\b",
        r"\bwerden sie mitglied\b",
        r"\bsoutenez(?:-nous| notre)\b",
        r"\bfaire un don\b",
        r"\bfaites un don\b",
        r"\bap[oó]yanos\b",
        r"\bhaz una donaci[oó]n\b",
        r"\bhazte (?:socio|miembro)\b",
        r"\bsostienici\b",
        r"\bfai una donazione\b",
        r"\bapoie (?:o|nosso)\b",
        r"\bsteun ons\b",
        r"\bподдержите\b",
    ],
    "self-promotion": [
        r"\bread more [\w\s'’-]{0,40}\b(?:at|on|in)\b\s*:",
        # a block that opens with it: mid-sentence, "more than 300 news reports at the time" is news
        r"^(?:more|latest) (?:[^\s\d]+ ){0,3}(?:news|stories|coverage|reports|files) at\b",
        r"^(?:read|find|get) (?:the )?(?:more|latest) (?:[^\s\d]+ ){0,3}"
        r"(?:news|stories|coverage|reports|files) at\b",
        r"\b(?:visit|check out|browse|explore) our\b",
        r"\b(?:listen to|watch|order|buy|get) our (?:new |latest )?(?:podcast|show|book|"
        r"documentary|film|magazine|store|shop|merch)\b",
        r"\bour (?:online )?(?:shop|store|bookstore)\b",
        r"\bmehr (?:nachrichten|artikel) (?:auf|bei)\b",
        r"\bbesuchen sie (?:unseren|unsere)\b",
        r"\bretrouvez (?:tous |toutes )?(?:nos|notre)\b",
        r"\bvisita (?:nuestr[oa]|il nostro|la nostra)\b",
    ],
    "related-content": [
        r"^(?:related|recommended|more|further|also|most|trending|popular|latest)"
        r"(?: [\w'’-]+){0,3} (?:articles?|stories|posts|news|reading|reads?|coverage|videos?)"
        r"\s*:?$",
        r"^(?:related|read next|also read|see also|you (?:may|might) also like"
        r"|more (?:from|on|in) [\w\s'’-]{1,40}|don'?t miss|recommended for you|what to read next"
        r"|mehr zum thema|das könnte sie auch interessieren|lesen sie auch|auch interessant"
        r"|weitere artikel|à lire aussi|lire aussi|sur le même sujet|à voir aussi"
        r"|articles similaires|te puede interesar|lee también|noticias relacionadas"
        r"|art[ií]culos relacionados|más noticias|mas noticias|leggi anche|potrebbe interessarti"
        r"|articoli correlati|leia também|veja também|not[ií]cias relacionadas|lees ook"
        r"|gerelateerde artikelen|читайте также|по теме|смотрите также)\s*:?$",
    ],
    "advertisement": [
        r"^(?:advertisement|advertising|sponsored(?: content| links?| by .{1,40})?|promoted"
        r"(?: stories| content)?|paid (?:content|post|partnership)|ad|ads by .{1,30}"
        r"|anzeige|werbung|gesponsert|publicité|publicidad|patrocinado|pubblicità"
        r"|publicidade|advertentie|реклама)\s*:?$",
        # ad copy opens with its imperative; mid-sentence these words are news ("patients in
        # the free trial", "would save 20% of the cost", "buy now, pay later firms")
        r"^(?:get your (?:copy|free)|order (?:now|today)|buy now(?!,? pay later)|shop now"
        r"|limited[- ]time offer|free trial|save (?:up to )?\d+ ?%)",
        r"\b(?:start|try|claim|get) (?:a |your )?(?:\d+[- ]day )?free trial\b",
        r"\b(?:buy|shop|order) (?:now|today)\s*\)?$",  # "MacBook Pro (Buy now)"
    ],
    "affiliate": [
        r"\b(?:deal|deals|discount|coupon|promo code|offer)\b",
        r"\b(?:earn|receive) (?:a )?(?:small )?(?:affiliate )?commission\b",
        r"\baffiliate link",
    ],
    "cookie-notice": [
        r"\b(?:we|this (?:site|website)) uses? cookies\b",
        r"\bcookie (?:policy|settings|preferences|consent|notice)\b",
        r"\b(?:accept|allow|reject) (?:all )?cookies\b",
        r"\bwir verwenden cookies\b",
        r"\bnous utilisons des cookies\b",
        r"\butilizamos cookies\b",
        r"\butilizziamo (?:i )?cookie\b",
        r"\bиспользуем (?:файлы )?cookie",
    ],
    "comments": [
        r"^(?:\d+ )?(?:comments?|responses?|replies|discussion)\s*(?:\(\d+\))?:?$",
        r"^(?:leave|post|add|write) a (?:comment|reply|response)",
        r"^(?:kommentare|kommentieren|commentaires|comentarios|commenti|comentários|reacties"
        r"|комментарии)\b",
    ],
    "share-bar": [
        r"^(?:share|share (?:this|on|via)[\w\s:]{0,20}|teilen|partager|compartir|condividi"
        r"|compartilhar|delen|поделиться)\s*:?$",
    ],
}

# Matched against lower-cased text: case-folding once is cheaper than IGNORECASE per pattern.
LEXICON: dict[str, re.Pattern[str]] = {
    category: lowercase_pattern("|".join(f"(?:{p})" for p in phrases))
    for category, phrases in _PHRASES.items()
}

# Words such as "deal" or "offer" are everywhere in news: they only support a link's evidence.
SUPPORTING_ONLY = frozenset({"affiliate"})

# Categories whose phrases are whole-block labels (a heading "Related articles"), tested on
# short texts only.
LABEL_ONLY = frozenset({"related-content", "comments", "share-bar"})


def calls_to_action(text: str) -> set[str]:
    """The categories whose call-to-action phrases occur in `text`."""
    return set(call_categories(text))


@lru_cache(maxsize=4096)
def call_categories(text: str) -> frozenset[str]:
    """`calls_to_action`, as the cached frozenset itself: for callers that only read it, once
    per block of every page."""
    lowered = text.lower()
    short = len(text) <= 80
    found = {
        category
        for category in (UNTRIGGERED if short else _UNTRIGGERED_LONG)
        if _SEARCH[category](lowered)
    }
    starts: dict[str, list[int]] = {}
    opening = _TRIGGER_AT_START.match(lowered)
    if opening:
        for category in _OPENED_BY[opening.group()]:
            starts[category] = [0]
    for trigger in _TRIGGER_AFTER_GAP.finditer(lowered):
        at = trigger.start(1)
        for category in _OPENED_BY[trigger.group(1)]:
            starts.setdefault(category, []).append(at)
    for category, positions in starts.items():
        if not short and category in LABEL_ONLY:
            continue
        pattern = LEXICON[category]
        if category in ANCHORED:  # a match can only open where one of its trigger words does
            hit = any(pattern.match(lowered, position) for position in positions)
        else:
            hit = pattern.search(lowered) is not None
        if hit:
            found.add(category)
    return frozenset(found)


_WORDS = re.compile(r"[^\W\d_]+")
_ZERO_WIDTH = re.compile(r"^(?:\\b|\^)+")


def _first_words(source: str) -> list[str] | None:
    """The words one of which must open any match of `source`: `join` and `follow` for
    `\\b(?:join|follow) us`, `please` and `donate` for `^(?:please )?donate`. None when a match
    may open otherwise (a class, an escape, a one-letter word, an empty match)."""
    words: list[str] = []
    for option in _options(source):
        opening = _opening(option)
        if opening is None:
            return None
        words += opening
    return words


def _opening(source: str) -> list[str] | None:
    source = _ZERO_WIDTH.sub("", source)
    if source.startswith("(?:"):
        end = _closing(source)
        if end is None:
            return None
        words = _first_words(source[3:end])
        rest = source[end + 1 :]
        if words is not None and (rest[:1] in ("?", "*") or rest.startswith("{0")):
            after = _opening(rest[rest.index("}") + 1 :] if rest[:1] == "{" else rest[1:])
            return None if after is None else words + after
        return words
    match = _WORDS.match(source)
    if not match:
        return None
    word = match.group()
    if source[len(word) : len(word) + 1] in ("?", "*", "{"):
        word = word[:-1]  # `colou?r` opens with `colo`
    return [word] if len(word) >= 2 else None


def _top_level(source: str) -> Iterator[tuple[int, str, int]]:
    """Each character of `source` outside escapes and `[...]` classes, with the group depth
    after it: the one walk `_options` and `_closing` both need."""
    depth, i = 0, 0
    while i < len(source):
        char = source[i]
        if char == "\\":
            i += 2
            continue
        if char == "[":
            i = _class_end(source, i) + 1
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        yield i, char, depth
        i += 1


def _options(source: str) -> list[str]:
    """`source` split at its top-level `|`."""
    options, start = [], 0
    for i, char, depth in _top_level(source):
        if char == "|" and depth == 0:
            options.append(source[start:i])
            start = i + 1
    return [*options, source[start:]]


def _closing(source: str) -> int | None:
    """The index of the `)` closing the group `source` opens with."""
    for i, char, depth in _top_level(source):
        if char == ")" and depth == 0:
            return i
    return None


def _class_end(source: str, start: int) -> int:
    """The index of the `]` closing the character class at `start`."""
    i = start + 1
    if source[i : i + 1] == "^":
        i += 1
    if source[i : i + 1] == "]":
        i += 1
    while i < len(source) and source[i] != "]":
        i += 2 if source[i] == "\\" else 1
    return i


def _triggers(phrases: list[str]) -> tuple[str, ...] | None:
    """Words one of which opens any match of a category: a cheap test before its regex runs."""
    found: set[str] = set()
    for phrase in phrases:
        words = _first_words(phrase.lower())
        if words is None:
            return None
        found.update(words)
    return tuple(sorted(found))


def _anchored(phrases: list[str]) -> bool:
    """Every way into every phrase opens with `\\b` or `^`, so a match opens at a word start."""
    return all(_ZERO_WIDTH.match(option) for p in phrases for option in _options(p.lower()))


def _at_start(phrases: list[str]) -> bool:
    """Every way into every phrase opens with `^` (the text's start; no MULTILINE here)."""
    return all(option.startswith("^") for p in phrases for option in _options(p.lower()))


TRIGGERS = {category: _triggers(phrases) for category, phrases in _PHRASES.items()}
UNTRIGGERED = frozenset(c for c, words in TRIGGERS.items() if words is None)
ANCHORED = frozenset(
    c for c, phrases in _PHRASES.items() if TRIGGERS[c] is not None and _anchored(phrases)
)


def _trigger_words() -> tuple[re.Pattern[str], re.Pattern[str], dict[str, frozenset[str]]]:
    r"""Two regexes finding, at the start of each word, the longest trigger it begins with (one
    at the text's start, one after any non-letter, the trigger being group 1), and the
    categories each trigger opens: its own and those of every shorter trigger it begins with
    (the match stops at the longest, so "signup" must also open what "sign" opens).

    "At the start of a word" is "not after a letter": the triggers are letters only, so the
    matches are exactly those of `(?<![^\W\d_])(?:triggers)`. Without the lookbehind in front
    the regex engine skips from non-letter to non-letter in C, and the triggers, a prefix tree,
    are tried only at word starts: half the cost of trying the lookbehind at every position.
    """
    words = {w for found in TRIGGERS.values() for w in found or ()}
    assert all(_WORDS.fullmatch(word) for word in words), "a trigger is made of letters"
    opened = {
        word: frozenset(
            category
            for category, found in TRIGGERS.items()
            if any(word.startswith(trigger) for trigger in found or ())
        )
        for word in words
    }
    tree = alternation(words) if words else "(?!)"
    return re.compile(tree), re.compile(rf"[\W\d_]({tree})"), opened


# A category is tried only where a word of the text begins with one of its trigger words.
_TRIGGER_AT_START, _TRIGGER_AFTER_GAP, _OPENED_BY = _trigger_words()
_UNTRIGGERED_LONG = UNTRIGGERED - LABEL_ONLY
# A category whose every phrase opens with `^` can only match at the start: `match` there
# instead of trying each position.
_SEARCH = {
    category: (LEXICON[category].match if _at_start(phrases) else LEXICON[category].search)
    for category, phrases in _PHRASES.items()
}

"""How the article's claims are sourced, sentence by sentence.

Named attributions ("according to Reuters", "the ministry said") become data; vague ones
("reportedly", "sources say", "many senior Western figures") and bare assertions of consensus
("it is no secret that") become highlights with a short, neutral explanation. The wording
states what the sentence does, never whether it is true.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from lxml.html import HtmlElement

from masthead.sdk import (
    Annotation,
    Page,
    check_time,
    hostname,
    kinds,
    lowercase_pattern,
    registrable_domain,
)
from masthead.sdk.prefilter import Prefiltered, Screen

from .anchors import anchor
from .phrases import PHRASES
from .regions import Regions

_SAY = (
    r"(?:said|says|say|told|tells|stated|states|announced|reported|reports|wrote|writes|"
    r"added|adds|explained|noted|notes|confirmed|confirms|warned|warns|claimed|claims|"
    r"argued|argues|tweeted|posted|insisted|insists|testified|estimated|estimates)"
)
_NAME = (
    r"[A-ZÀ-Þ][\w'’.\-]*(?:\s+(?:of\s+the\s+|of\s+|for\s+the\s+|for\s+|de\s+|von\s+|van\s+)?"
    r"[A-ZÀ-Þ][\w'’.\-]*){0,5}"
)
_BODY = (
    r"(?:ministry|department|agency|police|spokes(?:person|man|woman)|government|company|"
    r"court|office|military|army|commission|council|committee|embassy|kremlin|white house|"
    r"city|county|state|board|university|hospital|club|team|firm|bank|group|union|party|"
    r"pentagon|prosecutors?|officials? at [A-Z][\w-]+|statement|"
    # a person named by the office they hold: "the minister wrote", "the mayor announced"
    r"minister|mayor|president|governor|senator|chancellor|premier|secretary|ambassador|"
    r"director|chair(?:man|woman|person)?|chief executive|chief|judge|coach|manager|"
    r"organi[sz]ers|authority|regulator|institute|foundation|charity|network|broadcaster)"
)
# "released by", "compiled by", "from": who made a study or a set of figures ("from" only for data)
_BY_WHOM = (
    r"(?:(?:published|released|issued|compiled|conducted|commissioned|gathered|collected|"
    r"carried out|put out)\s+by\s+|by\s+|(?<=[Ff]igures\s)from\s+|(?<=[Dd]ata\s)from\s+|"
    r"(?<=[Ss]tatistics\s)from\s+|(?<=[Ee]stimates\s)from\s+|(?<=[Nn]umbers\s)from\s+)"
)
# An apposition needs two commas, the first opening a description: tests on the lower-cased
# text that the words read from each pattern (`Prefiltered` below) cannot make, as `\s+`
# separates the literals they would need.
_DESCRIBED = (", a ", ", an ", ", the ", ", who ", ", one of ")


def _two_commas(lowered: str) -> bool:
    return lowered.count(",") >= 2


def _an_apposition(lowered: str) -> bool:
    """ "X, a spokesperson for Y, said": two commas, the first opening a description."""
    return _two_commas(lowered) and any(w in lowered for w in _DESCRIBED)


_GATE_OF: dict[str, Callable[[str], bool]] = {}


def _gated(pattern: re.Pattern[str], gate: Callable[[str], bool]) -> re.Pattern[str]:
    _GATE_OF[pattern.pattern] = gate
    return pattern


_NAMED = [
    re.compile(r"\b[Aa]ccording to (?P<src>(?:the\s+)?" + _NAME + r")"),
    re.compile(
        r"(?:^|[,;“”\"]\s*|\b(?:but|and)\s+)(?P<src>(?:the\s+)?" + _NAME + r")\s+" + _SAY + r"\b"
    ),
    re.compile(r"\b(?P<src>the\s+(?:[a-z]+\s+){0,2}" + _BODY + r")\s+" + _SAY + r"\b", re.I),
    re.compile(r"[,”\"]\s*" + _SAY + r"\s+(?P<src>" + _NAME + r")"),
    re.compile(
        r"\bin an? (?:statement|interview|post|email|tweet|letter) (?:to|with|from) (?P<src>"
        + _NAME
        + r")"
    ),
    # apposition: "Tom Reyes, a spokesperson for the port, said"; "Its director, Anna Berg, said"
    _gated(
        re.compile(
            r"(?:^|[;“”\"]\s*|\b(?:but|and)\s+)(?P<src>"
            + _NAME
            + r"),\s+(?:a|an|the|who|one of)\s+"
            r"[^,;.!?]{2,90},\s+" + _SAY + r"\b"
        ),
        _an_apposition,
    ),
    _gated(
        re.compile(
            r"\b(?:[Tt]he|[Ii]ts|[Hh]is|[Hh]er|[Tt]heir)\s+[^,;.!?\"“”]{2,60}?,\s+(?P<src>"
            + _NAME
            + r"),\s+"
            + _SAY
            + r"\b"
        ),
        _two_commas,
    ),
    # studies and data: "a study published in The Lancet", "figures released by the ministry",
    # "data from the World Bank"; "research in Africa" names a place, so "in" needs "published"
    re.compile(
        r"\b(?:[Ss]tud(?:y|ies)|[Rr]esearch|[Pp]apers?|[Aa]rticles?|[Aa]nalys[ie]s|[Ff]indings)\s+"
        r"(?:published|appearing|that appeared)\s+in\s+(?P<src>(?:the\s+)?" + _NAME + r")"
    ),
    re.compile(
        r"\b(?:[Ss]tud(?:y|ies)|[Rr]esearch|[Rr]eports?|[Ss]urveys?|[Pp]olls?|[Aa]nalys[ie]s|"
        r"[Ff]igures|[Dd]ata|[Ss]tatistics|[Ee]stimates|[Nn]umbers)\s+"
        + _BY_WHOM
        + r"(?P<src>(?:the\s+)?"
        + _NAME
        + r")"
    ),
    re.compile(
        r"\b(?:study|studies|research|report|survey|poll|analysis|figures|data|statistics|"
        r"estimates|numbers)\s+" + _BY_WHOM + r"(?P<src>the\s+(?:[a-z]+\s+){0,2}" + _BODY + r")",
        re.I,
    ),
    # posts: "according to a post on the council's website", "in a post by the Mayor"
    re.compile(
        r"\b[Aa]ccording to (?:a|an|the) (?:post|statement|message|video|filing|notice|letter|"
        r"tweet|release|press release) (?:on|by|from|in) (?P<src>(?:the\s+)?(?:[\w-]+\s+){0,2}?"
        r"[\w-]+?)(?:['’]s\s+(?:website|site|page|account|channel|feed|blog)|\b)"
    ),
    # "as first reported by the Daily Ledger", "was first reported by The Herald"
    re.compile(
        r"\b(?:first |originally |initially )?reported (?:first )?by (?P<src>(?:the\s+)?"
        + _NAME
        + r")"
    ),
    # "laut Polizei", "según el ministerio de Salud", "selon l'AFP", "secondo l'Istat"
    re.compile(
        r"\b(?:[Ll]aut|[Gg]emäß|[Ss]egún|[Ss]elon|[Dd]'après|[Ss]econdo)\s+(?P<src>"
        r"(?:(?:der|dem|den|des|la|el|le|les|il|lo)\s+|l['’])?" + _NAME + r")"
    ),
]
_WORD_DOT = re.compile(r"(\w+)\.\s+")
_ABBREVIATIONS = re.compile(
    r"^(?:dr|mr|mrs|ms|mx|st|jr|sr|lt|col|gen|sen|rep|gov|sgt|capt|prof|supt|rev|hon|adm|maj)$"
)
_NOT_A_SOURCE = re.compile(
    r"^(?:the\s+)?(?:it|he|she|they|we|i|you|his|her|its|their|our|my|your|this|that|these|"
    r"those|there|who|which|what|"
    r"but|and|however|yet|so|also|then|when|while|if|as|in|on|at|for|after|before|some|many|"
    r"sources?|reports?|media|experts?|officials?|analysts?|critics?|people|one|others?|"
    r"scientists?|researchers?|economists?|historians?|diplomats?|politicians?|leaders?|"
    r"residents?|locals?|activists?|scholars?|observers?|commentators?|insiders?|authorities|"
    r"witnesses|doctors|lawyers|investors|"
    r"berichten|medienberichten|informationen|angaben|quellen|fuentes|fonti|rumeurs|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"january|february|march|april|may|june|july|august|september|october|november|december)"
    r"(?:\s|$)",
    re.I,
)

_GROUP = (
    r"(?:experts?|analysts?|observers?|critics?|commentators?|figures|insiders?|pundits?|"
    r"scholars?|scientists?|economists?|officials?|people|voices|sources|researchers?|"
    r"historians?|diplomats?|politicians|leaders|residents|locals|activists|"
    r"Experten|Beobachter|Kritiker|Quellen|expertos|fuentes|analistas|experts|sources|"
    r"observateurs|esperti|fonti|osservatori)"
)
_QUANT = (
    r"(?:many|some|several|numerous|various|countless|a number of|a lot of|plenty of|"
    r"unnamed|anonymous|unidentified|viele|einige|manche|muchos|algunos|varios|"
    r"de nombreux|certains|plusieurs|molti|alcuni|diversi)"
)
_BELIEF = (
    r"(?:say|said|says|believe[sd]?|argue[sd]?|think|thought|claim(?:ed|s)?|warn(?:ed|s)?|"
    r"fear(?:ed|s)?|agree[sd]?|suggest(?:ed|s)?|contend(?:ed|s)?|insist(?:ed|s)?|"
    r"doubt(?:ed|s)?|told|tell|tells|"
    r"called for|call for|point(?:ed)? out|note[sd]?|see|saw|view|regard|expect)"
)
# Each phrasing compiles on its own first, so that a mistake points at its line; VAGUE below
# joins them into one pattern run over lower-cased text.
_VAGUE = [
    re.compile(r"\b(?:reportedly|allegedly|purportedly|supposedly|rumou?red(?:ly)?)\b", re.I),
    re.compile(
        r"\b(?:(?:unnamed|anonymous|unidentified|informed|well-placed|senior|"
        r"government|diplomatic|security|intelligence|some|several|multiple)\s+)?sources?\s+"
        r"(?:say|said|says|told|claim(?:ed|s)?|suggest(?:ed|s)?|indicate[sd]?|familiar|close to|"
        r"report(?:ed)?|believe)\b",
        re.I,
    ),
    re.compile(
        r"\baccording to (?:unnamed |anonymous |several |some |multiple |media |local |"
        r"unconfirmed )?(?:sources|reports|insiders|people familiar|rumou?rs|observers)\b",
        re.I,
    ),
    re.compile(
        r"\b(?:people|a person|persons|those|someone) (?:familiar|close) (?:with|to)\b", re.I
    ),
    re.compile(
        r"\bit (?:is|was|has been|had been) (?:widely |generally |commonly |often )?"
        r"(?:believed|said|thought|understood|claimed|reported|rumou?red|alleged|suggested|"
        r"feared|argued|accepted|assumed)\b",
        re.I,
    ),
    re.compile(
        r"\b(?:is|are|was|were) (?:widely |generally |commonly )?(?:said|believed|thought|"
        r"understood|reported|rumou?red|alleged) to\b",
        re.I,
    ),
    re.compile(
        r"\b(?:widely|commonly|generally) (?:believed|reported|thought|held|regarded)\b", re.I
    ),
    re.compile(r"\bsome (?:say|argue|believe|claim|suggest|contend|fear|think)\b(?! in\b)", re.I),
    re.compile(
        r"\b(?:critics|experts|analysts|observers|commentators|skeptics|sceptics|insiders)\s+"
        r"(?:(?:have|has|had|long|often|repeatedly|also|widely|now|since)\s+){0,3}"
        + _BELIEF
        + r"\b",
        re.I,
    ),
    re.compile(
        r"\b"
        + _QUANT
        + r"\s+(?:[\w-]+\s+){0,3}?"
        + _GROUP
        + r"\b(?:\s+(?:\w+\s+){0,3}?"
        + _BELIEF
        + r"\b)?",
        re.I,
    ),
    re.compile(
        r"\b(?:research|studies|science|evidence|surveys|polls|data)\s+(?:has\s+|have\s+)?"
        r"(?:long\s+|repeatedly\s+|consistently\s+)?(?:shown|shows|show|proven|proves|prove|"
        r"suggests|suggest|suggested|found|finds|indicates|indicate|demonstrated|demonstrates)\b",
        re.I,
    ),
    re.compile(
        r"\b(?:angeblich|Berichten zufolge|mutmaßlich|heißt es|según fuentes|supuestamente|"
        r"presuntamente|selon des sources|selon certaines sources|prétendument|"
        r"secondo fonti|presumibilmente|a quanto pare|si dice)\b",
        re.I,
    ),
]
_QUANT_START = re.compile(_QUANT + r"\s", re.I)
_UNNAMED = re.compile(r"^(?:unnamed|anonymous|unidentified)\s")
_SAYS_OR_BELIEVES = re.compile(r"\b" + _BELIEF + r"\b|\bby\b", re.I)
_BARE = [
    re.compile(
        r"\b(?:it(?:'s|’s| is) no secret that|(?:everyone|everybody) (?:knows|agrees|understands)|"
        r"as (?:we|everyone|everybody) (?:all )?knows?(?! it\b| them\b| him\b| her\b)|"
        r"it is (?:well|widely|commonly|common) known|"
        r"few (?:would|could|can|will) (?:dispute|deny|disagree|doubt|argue otherwise)|"
        r"niemand (?:bestreitet|bezweifelt)|nadie (?:duda|discute|niega) (?:de )?que|"
        r"personne ne (?:conteste|doute|nie)|nessuno (?:dubita|contesta|nega)|"
        r"it(?:'s|’s| is) common knowledge|it goes without saying|"
        r"there(?:'s|’s| is) no (?:doubt|question) that|it is (?:undeniable|indisputable|"
        r"beyond (?:doubt|dispute)|an? (?:undeniable |indisputable |established )?fact) that|"
        r"no one (?:can )?(?:denies|deny|disputes?)|undeniably|"
        r"bekanntlich|es ist kein Geheimnis|todo el mundo sabe|no es ningún secreto|"
        r"tout le monde sait|ce n'est un secret pour personne|tutti sanno|non è un segreto)",
        re.I,
    ),
]
_SENTENCE_START = r"(?:^|(?<=[.!?]\s)|(?<=[.!?][”\"’]\s))"
NAMED = [
    re.compile(p.pattern.replace("(?:^|", _SENTENCE_START[:-1] + "|"), p.flags) for p in _NAMED
]
GATES = [_GATE_OF.get(p.pattern) for p in _NAMED]
VAGUE = lowercase_pattern("|".join(f"(?:{p.pattern})" for p in _VAGUE))
BARE = lowercase_pattern(_BARE[0].pattern)
# Each pattern runs only on a block holding the words every match of it must contain.
_NAMED_SCREENED = [Prefiltered(p) for p in NAMED]
_VAGUE_SCREENED = Prefiltered(VAGUE)
_BARE_SCREENED = Prefiltered(BARE)
# "called for by many senior Western figures": the words before a vague group belong to it.
_BY_PREFIX = re.compile(
    r"(?:called for|backed|endorsed|criticised|criticized|supported|urged|echoed|shared|voiced|"
    r"raised|cited|described|seen|regarded|viewed) by\s+$"
)
_SENTENCES = re.compile(r"[^.!?]+(?:[.!?]+[\"”’)]*|$)")


@dataclass(frozen=True)
class Claim:
    kind: str  # named | vague | bare
    element: HtmlElement
    sentence: str
    phrase: str
    source: str = ""


def find_claims(page: Page, regions: Regions) -> list[Claim]:
    """Named, vague and bare attributions in the article's sentences.

    Each pattern runs once over a block, not once per sentence; matches are then placed in
    their sentence. A sentence with a vague or bare attribution gets no named one.
    """
    claims: list[Claim] = []
    summary = _summary_text(page)
    for n, block in enumerate(regions.article):
        if not n & 255:
            check_time()  # a huge page stops at the call's budget, not after it
        text = block.text
        if len(text) < 25 or block.link_density > 0.6 or text == summary:
            continue
        claims.extend(_claims_in(block.element, text))
    return claims


def _summary_text(page: Page) -> str:
    """The page's own summary: a standfirst that repeats it restates claims made below."""
    return " ".join(page.meta.first("og:description", "description").split())


def _claims_in(element: HtmlElement, text: str) -> list[Claim]:
    spans: list[tuple[int, int]] = []  # the sentences, split only once a pattern matches
    starts: list[int] = []
    found: dict[int, list[Claim]] = {}

    def sentence_span(position: int) -> tuple[int, tuple[int, int]]:
        if not spans:
            spans.extend(m.span() for m in _SENTENCES.finditer(text))
            starts.extend(start for start, _ in spans)
        index = bisect_right(starts, position) - 1
        return index, spans[index]

    def sentence_at(position: int) -> tuple[int, str]:
        index, (start, end) = sentence_span(position)
        return index, text[start:end].strip()

    folded = text.lower()
    lowered = folded
    if len(lowered) != len(text):  # a rare character changed length: keep offsets true
        lowered = text
    screen = Screen(lowered)
    for kind, flagging in (("bare", _BARE_SCREENED), ("vague", _VAGUE_SCREENED)):
        for match in screen.finditer(flagging):
            start, end = match.span()
            if kind == "vague":
                prefix = _BY_PREFIX.search(lowered, max(0, start - 40), start)
                if not prefix and not _counts_as_vague(lowered[start:end]):
                    continue
                if _attributes_nothing(text, lowered, start, end, sentence_span(start)[1]):
                    continue
                start = prefix.start() if prefix else start
            phrase = text[start:end].strip()
            index, sentence = sentence_at(start)
            if len(sentence) >= 12 and all(c.kind != kind for c in found.get(index, ())):
                found.setdefault(index, []).append(Claim(kind, element, sentence, phrase))
    screen = Screen(text, folded)
    for screened, gate in zip(_NAMED_SCREENED, GATES, strict=True):
        pattern = screened.pattern
        if gate is not None and not gate(lowered):
            continue
        for match in screen.finditer(screened):
            index, sentence = sentence_at(match.start())
            if index in found or len(sentence) < 12:
                continue
            source = _clean_source(match.group("src"), last=pattern is not NAMED[3])
            if source:
                phrase = match.group(0).strip(' ,;“”"')
                found[index] = [Claim("named", element, sentence, phrase, source)]
    return [claim for index in sorted(found) for claim in found[index]]


_DEFINITION = re.compile(r"\s+be\b[^,.;:!?]{0,40}?\b(?:when|if|once|whenever|as long as)\b")
_CITED = re.compile(r"\(\d{1,3}(?:[,–-]\s*\d{1,3})*\)|\[\d{1,3}(?:[,–-]\s*\d{1,3})*\]")
_STUDIES = re.compile(r"^(?:research|studies|science|evidence|surveys|polls|data)\b")
# "the study shows", "her own research indicates": a study the text has already named
_DETERMINER = re.compile(
    r"\b(?:the|this|that|these|those|our|her|his|its|a|one|new|their|own|my)\s+$"
)
_HEDGE = re.compile(r"^(?:is|are|was|were|it is|it was) ")
_MOCKED = re.compile(r"(?:so-called|[“\"‘'«])\s*$")


def _attributes_nothing(
    text: str, lowered: str, start: int, end: int, sentence: tuple[int, int]
) -> bool:
    """A vague-looking phrase that attributes no claim to anyone.

    - a definition: "a write is said to be durable when it survives a crash";
    - a hedge in a claim a named source makes: "officers said the pills were thought to";
    - a writer quoting or mocking the words: "so-called anonymous sources", "“sources say”";
    - studies named before or cited by number: "the study shows", "studies show that water
      helps (10, 11)".
    """
    phrase = lowered[start:end]
    if _STUDIES.match(phrase) and (
        _DETERMINER.search(lowered, max(0, start - 6), start)
        or _CITED.search(text, sentence[0], sentence[1])
    ):
        return True
    if phrase.endswith("said to") and _DEFINITION.match(lowered, end):
        return True
    if _MOCKED.search(lowered, max(0, start - 12), start):
        return True
    if _HEDGE.match(phrase):
        before = text[sentence[0] : start]
        return any(p.search(before) for p in NAMED[1:3])
    return False


def _counts_as_vague(phrase: str) -> bool:
    """A group ("many experts", "several officials") is vague sourcing only when it says or
    believes something: "some experts will testify on Monday" attributes nothing. An unnamed
    one ("anonymous officials") is vague whatever it does."""
    if not _QUANT_START.match(phrase) or _UNNAMED.match(phrase):
        return True
    return _SAYS_OR_BELIEVES.search(phrase) is not None


def _clean_source(source: str, last: bool = True) -> str:
    """The speaker's name alone: "Joe Biden. She said" is She (no name); "said Lt. Col. X" is X.

    A run of capitalised words can cross a sentence end the splitter kept (after "Dr."),
    so it is cut there; `last` keeps the part nearest the verb.
    """
    parts = _split_sentences(source.strip(' ,;:“”"'))
    if not parts:
        return ""
    source = (parts[-1] if last else parts[0]).strip(' ,.;:“”"')
    if not source or _NOT_A_SOURCE.match(source):
        return ""
    return source


def _split_sentences(text: str) -> list[str]:
    parts, start = [], 0
    for match in _WORD_DOT.finditer(text):
        word = match.group(1)
        if len(word) >= 3 and word[-1].islower() and not _ABBREVIATIONS.match(word.lower()):
            parts.append(text[start : match.start(1) + len(word)])
            start = match.end()
    parts.append(text[start:])
    return [p for p in parts if p.strip()]


def cited_links(page: Page, regions: Regions) -> list[dict[str, str]]:
    """Outbound links inside the article's text: the sources it cites by linking."""
    found: dict[str, dict[str, str]] = {}
    for block in regions.article:
        if block.link_density > 0.6:
            continue
        for a in block.element.iter("a"):
            href = (a.get("href") or "").strip()
            if not href.startswith(("http://", "https://", "//")):
                continue
            url = page.resolve(href)
            domain = registrable_domain(hostname(url))
            if domain and domain != page.domain and url not in found:
                found[url] = {"url": url, "domain": domain}
    return list(found.values())


# A page with thousands of attributions gets the first ones as findings, and all of them counted.
MAX_NOTES_PER_GROUP = 150


def claim_annotations(
    page: Page, regions: Regions, claims: list[Claim], links: list[dict[str, str]]
) -> list[Annotation]:
    out: list[Annotation] = []
    language = page.reader_language
    shown = {"named": 0, "flagged": 0}
    per_sentence = Counter((c.element, c.sentence) for c in claims)
    for claim in claims:
        group = "named" if claim.kind == "named" else "flagged"
        if shown[group] >= MAX_NOTES_PER_GROUP:
            continue  # the summary still counts them all
        shown[group] += 1
        if claim.kind == "named":
            out.append(
                Annotation(
                    kind=kinds.NAMED_SOURCE,
                    title=PHRASES.say(language, "named.title"),
                    text=PHRASES.say(language, "named.text", source=claim.source),
                    display="none",
                    presentation="source",
                    confidence=0.7,
                    target=anchor(page, claim.element, claim.sentence, claim.phrase),
                    data={"source": claim.source, "phrase": claim.phrase},
                )
            )
            continue
        out.append(
            Annotation(
                kind=kinds.VAGUE_ATTRIBUTION
                if claim.kind == "vague"
                else kinds.UNATTRIBUTED_ASSERTION,
                title=PHRASES.say(language, f"{claim.kind}.title"),
                text=PHRASES.say(language, f"{claim.kind}.text", phrase=claim.phrase),
                display="highlight",
                severity="info",
                presentation="claim",
                confidence=0.75,
                # two findings in one sentence each highlight their own words
                target=anchor(page, claim.element, claim.phrase)
                if per_sentence[claim.element, claim.sentence] > 1
                else anchor(page, claim.element, claim.sentence, claim.phrase),
                data={"phrase": claim.phrase, "sentence": claim.sentence},
            )
        )
    named = list(dict.fromkeys(c.source for c in claims if c.kind == "named"))
    counts = {
        "named": sum(c.kind == "named" for c in claims),
        "vague": sum(c.kind == "vague" for c in claims),
        "unattributed": sum(c.kind == "bare" for c in claims),
        "links": len(links),
    }
    region = page.article.elements[0] if page.article.elements else page.body
    out.append(
        Annotation(
            kind=kinds.SOURCING_SUMMARY,
            title=PHRASES.say(language, "summary.title"),
            text=PHRASES.say(language, "summary.text", **counts),
            display="none",
            presentation="claim",
            # About the article as a whole: the reader is taken to its start, no words quoted.
            target=page.target(region, quoted=False),
            data={
                "counts": counts,
                "named_sources": named,
                "links": links[:50],
                "link_domains": sorted({link["domain"] for link in links}),
            },
        )
    )
    return out

"""The notice's words: one headline per kind of republication, then the outlet's sourced facts.

Every sentence states who published what and what the registry records, with the source named
beside each fact. Nothing here judges the article or the outlet. The sentences themselves, in each
reader language (`page.reader_language`), are in `phrases.py`.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from masthead.sdk import Link, Outlet, normalize_name
from masthead.sdk.language import DEFAULT_LANGUAGE
from masthead.sdk.outlets import Fact, Source

from . import kinds
from .phrases import PHRASES

#: Facts the banner shows, in order; the rest stay in `data.facts`.
BANNER_FACTS = ("country", "owner", "typology")


def unknown_text(language: str) -> str:
    """The text of a notice about an outlet the registry does not know."""
    return PHRASES.say(language, "unknown")


@dataclass(frozen=True)
class Named:
    """The original outlet as the notice names it: the registry's record when there is one."""

    name: str
    domain: str
    record: Outlet | None

    @property
    def label(self) -> str:
        return self._with_domain(self.name)

    @property
    def short_label(self) -> str:
        return self._with_domain(self.record.short_name if self.record else self.name)

    def _with_domain(self, name: str) -> str:
        if not self.domain or normalize_name(name) == normalize_name(self.domain):
            return name
        return f"{name} ({self.domain})"


def headline(
    kind: str,
    outlet: Named,
    language: str,
    owner: str = "",
    licence: str = "",
    also: Sequence[str] = (),
) -> str:
    if kind == kinds.WIRE:
        if also:
            others = and_list(also, language)
            return PHRASES.say(
                language, "headline.wire_with", outlet=outlet.short_label, others=others
            )
        return PHRASES.say(language, "headline.wire", outlet=outlet.short_label)
    if kind == kinds.SISTER:
        return PHRASES.say(language, "headline.sister", outlet=outlet.label, owner=owner)
    if kind == kinds.CC:
        if licence:
            return PHRASES.say(language, "headline.cc_terms", outlet=outlet.label, licence=licence)
        return PHRASES.say(language, "headline.cc", outlet=outlet.label)
    if kind == kinds.OPINION:
        return PHRASES.say(language, "headline.opinion", outlet=outlet.label)
    if kind == kinds.CROSSPOST:
        return PHRASES.say(language, "headline.crosspost", outlet=outlet.label)
    return PHRASES.say(language, "headline.republished", outlet=outlet.label)


def and_list(names: Sequence[str], language: str) -> str:
    """`A, B and C` in the reader's language."""
    if len(names) == 1:
        return names[0]
    return PHRASES.say(language, "list.and", items=", ".join(names[:-1]), last=names[-1])


def fact_phrase(outlet: Outlet, fact: Fact, language: str) -> str:
    if fact.field == "owner":
        return PHRASES.say(language, "owned_by", owner=fact.value)
    if fact.field == "typology":
        if not outlet.typology_wording:
            return ""
        return PHRASES.say(language, f"typology.{outlet.typology}")
    return fact.value


def fact_dict(outlet: Outlet, fact: Fact, language: str) -> dict[str, Any]:
    """One fact as the notices' `data.facts` list it, with its source."""
    entry: dict[str, Any] = {
        "fact": fact.field,
        "value": fact.value,
        "text": fact_phrase(outlet, fact, language),
    }
    if fact.source:
        entry["source"] = fact.source.to_dict()
    return entry


def banner_facts(outlet: Outlet) -> list[Fact]:
    """Facts worth a line: an owner that is just the outlet's own brand says nothing."""
    names = {normalize_name(n) for n in (outlet.name, *outlet.aliases)}
    shown = []
    for fact in outlet.facts():
        if fact.field not in BANNER_FACTS or fact.source is None:
            continue
        if fact.field == "owner" and _is_own_brand(fact.value, names):
            continue
        if fact_phrase(outlet, fact, DEFAULT_LANGUAGE):
            shown.append(fact)
    return shown


def _is_own_brand(owner: str, names: set[str]) -> bool:
    key = normalize_name(owner)
    return key in names or any(name.startswith(key + " ") for name in names)


def facts_line(outlet: Outlet, facts: list[Fact], language: str) -> str:
    """`Russia · state-controlled media (State Media Monitor).`: each run of facts from one
    source is followed by that source's name."""
    parts: list[str] = []
    for position, fact in enumerate(facts):
        phrase = fact_phrase(outlet, fact, language)
        following = facts[position + 1] if position + 1 < len(facts) else None
        # The run of one source ends where the next fact has another source, or none.
        next_source = following.source if following is not None else None
        if fact.source and (next_source is None or next_source.label != fact.source.label):
            phrase += f" ({fact.source.label})"
        parts.append(phrase)
    return " · ".join(parts) + "." if parts else ""


def links(
    original: str, is_article: bool, outlet: Named, sources: list[Source], language: str
) -> list[Link]:
    """The original first, then one link per distinct source of a fact shown."""
    out: list[Link] = []
    if original:
        if is_article:
            label = PHRASES.say(language, "link.original")
        else:
            label = PHRASES.say(language, "link.home", outlet=outlet.name)
        out.append(Link(original, label))
    seen = {original}
    for source in sources:
        if source.url.startswith(("http://", "https://")) and source.url not in seen:
            seen.add(source.url)
            out.append(Link(source.url, source.label))
    return out

"""The notice's words: one headline per kind of republication, then the outlet's sourced facts.

Every sentence states who published what and what the registry records, with the source named
beside each fact. Nothing here judges the article or the outlet.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from masthead.sdk import Link, Outlet, normalize_name
from masthead.sdk.outlets import Fact, Source

from . import kinds

#: Facts the banner shows, in order; the rest stay in `data.facts`.
BANNER_FACTS = ("country", "owner", "typology")
UNKNOWN_TEXT = "Masthead's outlet registry has no record of this outlet."


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
    kind: str, outlet: Named, owner: str = "", licence: str = "", also: Sequence[str] = ()
) -> str:
    if kind == kinds.WIRE:
        return f"Wire story from {outlet.short_label}" + (f", with {_and(also)}" if also else "")
    if kind == kinds.SISTER:
        return f"From a sister title — first published by {outlet.label}, also owned by {owner}"
    if kind == kinds.CC:
        terms = f" ({licence})" if licence else ""
        return (
            f"Republished under a Creative Commons licence{terms} — first published by "
            f"{outlet.label}"
        )
    if kind == kinds.OPINION:
        return f"Syndicated opinion — distributed by {outlet.label}"
    if kind == kinds.CROSSPOST:
        return f"Cross-posted by the author — first published by {outlet.label}"
    return f"Republished — first published by {outlet.label}"


def _and(names: Sequence[str]) -> str:
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def fact_phrase(outlet: Outlet, fact: Fact) -> str:
    if fact.field == "owner":
        return f"owned by {fact.value}"
    if fact.field == "typology":
        return outlet.typology_wording or ""
    return fact.value


def fact_dict(outlet: Outlet, fact: Fact) -> dict[str, Any]:
    """One fact as the notices' `data.facts` list it, with its source."""
    entry: dict[str, Any] = {
        "fact": fact.field,
        "value": fact.value,
        "text": fact_phrase(outlet, fact),
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
        if fact_phrase(outlet, fact):
            shown.append(fact)
    return shown


def _is_own_brand(owner: str, names: set[str]) -> bool:
    key = normalize_name(owner)
    return key in names or any(name.startswith(key + " ") for name in names)


def facts_line(outlet: Outlet, facts: list[Fact]) -> str:
    """`Russia · state-controlled media (State Media Monitor).`: each run of facts from one
    source is followed by that source's name."""
    parts: list[str] = []
    for position, fact in enumerate(facts):
        phrase = fact_phrase(outlet, fact)
        following = facts[position + 1] if position + 1 < len(facts) else None
        # The run of one source ends where the next fact has another source, or none.
        next_source = following.source if following is not None else None
        if fact.source and (next_source is None or next_source.label != fact.source.label):
            phrase += f" ({fact.source.label})"
        parts.append(phrase)
    return " · ".join(parts) + "." if parts else ""


def links(original: str, is_article: bool, outlet: Named, sources: list[Source]) -> list[Link]:
    """The original first, then one link per distinct source of a fact shown."""
    out: list[Link] = []
    if original:
        label = "Read the original" if is_article else f"{outlet.name} home page"
        out.append(Link(original, label))
    seen = {original}
    for source in sources:
        if source.url.startswith(("http://", "https://")) and source.url not in seen:
            seen.add(source.url)
            out.append(Link(source.url, source.label))
    return out

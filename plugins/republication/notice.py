"""The republication notice: the strongest provenance signal wins, the others become evidence."""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlsplit

from masthead.sdk import Annotation, Findings, OutletRegistry, Page
from masthead.sdk.kinds import REPUBLICATION

from . import kinds, wording
from .signals import Signal, collect, resolve

#: Separators of a list of sources in one credit ("APA/sda/dpa", "AFP, Reuters").
_LIST = re.compile(r"\s*[/,;|]\s*")


def build(page: Page, findings: Findings, outlets: OutletRegistry) -> Annotation | None:
    """One banner, or None when nothing on the page says it was published elsewhere first."""
    signals = collect(page, findings, outlets)
    counted = [s for s in signals if not s.ignored]
    if not counted:
        return None
    groups: dict[str, list[Signal]] = {}
    for signal in counted:
        groups.setdefault(signal.key, []).append(signal)
    winner = max(groups.values(), key=_strength)
    lead = max(winner, key=lambda s: s.score)
    record = next((s.outlet for s in winner if s.outlet is not None), None)
    site = outlets.by_domain(page.url) if page.url else None
    named = wording.Named(
        name=record.name if record else lead.name,
        domain=record.domain if record else _first(s.domain for s in winner),
        record=record,
    )
    kind = kinds.classify(winner, record, site)
    owner = kinds.shared_owner(record, site)
    facts = wording.banner_facts(record) if record else []
    if kind == kinds.SISTER:
        facts = [f for f in facts if f.field != "owner"] + [
            f for f in (record.facts() if record else []) if f.field == "owner"
        ]
    original, is_article = _original(winner, record)
    also = _also_named(winner, record, outlets)
    language = page.reader_language
    title = wording.headline(kind, named, language, owner, record.licence if record else "", also)
    text = wording.facts_line(record, facts, language) if record else wording.unknown_text(language)
    sources = [f.source for f in facts if f.source]
    licence = record.source("licence") if record else None
    if kind == kinds.CC and licence:
        sources.append(licence)
    return Annotation(
        kind=REPUBLICATION,
        title=title,
        text=text,
        display="banner",
        severity="notice",
        presentation="notice",
        confidence=round(min(1.0, _strength(winner)), 3),
        target=lead.finding.target,
        links=tuple(wording.links(original, is_article, named, sources, language)),
        data={
            "outlet": named.name,
            "domain": named.domain,
            "original_url": original,
            "original_is_article": is_article,
            "kind": kind,
            "known": record is not None,
            "also_named": also,
            "facts": [wording.fact_dict(record, f, language) for f in record.facts()]
            if record
            else [],
            "evidence": [s.to_dict(agrees=s in winner) for s in _ordered(signals, winner)],
        },
    )


def _also_named(group: list[Signal], record: Any, outlets: OutletRegistry) -> list[str]:
    """Other outlets the winning signals name beside the first ("APA/sda/dpa")."""
    names: list[str] = []
    for signal in group:
        for name in [*_LIST.split(signal.name)[1:], *signal.also_named]:
            other = resolve(outlets, name)
            label = other.short_name if other is not None else ""
            if other is not None and other is not record and label not in names:
                names.append(label)
    return names


def _strength(group: list[Signal]) -> float:
    """The best signal's score, nudged up by each other signal that agrees with it."""
    scores = sorted((s.score for s in group), reverse=True)
    return scores[0] + 0.05 * (len(scores) - 1)


def _original(group: list[Signal], record: Any) -> tuple[str, bool]:
    """The original article's URL when a signal gives one; otherwise the outlet's home page."""
    urls = [s.url for s in sorted(group, key=lambda s: -s.score) if s.url]
    for url in urls:
        if urlsplit(url).path.strip("/"):
            return url, True
    if urls:
        return urls[0], False
    if record is not None and record.home_url:
        return record.home_url, False
    domain = _first(s.domain for s in group)
    return (f"https://{domain}/" if domain else ""), False


def _ordered(signals: list[Signal], winner: list[Signal]) -> list[Signal]:
    return sorted(signals, key=lambda s: (s not in winner, bool(s.ignored), -s.score))


def _first(values: Any) -> str:
    return next((v for v in values if v), "")

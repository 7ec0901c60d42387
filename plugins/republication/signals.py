"""Provenance signals from the attribution findings, resolved against the outlet registry."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from masthead.sdk import Annotation, Findings, Outlet, OutletRegistry, Page, kinds, normalize_name
from masthead.sdk.domains import hostname, registrable_domain, same_site

#: How much each kind of signal counts, before the detector's own confidence. An explicit
#: credit line names where the piece ran first; a dateline names the agency that filed it;
#: metadata pointing elsewhere is often right but also set by CMS templates.
WEIGHTS = {kinds.CREDIT_LINE: 1.0, kinds.WIRE_DATELINE: 0.85, kinds.METADATA_ORIGIN: 0.7}
SIGNAL_KINDS = tuple(WEIGHTS)
MAX_NAME = 100


@dataclass
class Signal:
    """One finding that says the piece came from elsewhere."""

    finding: Annotation
    name: str
    domain: str = ""
    url: str = ""
    also_named: list[str] = field(default_factory=list)
    outlet: Outlet | None = None
    ignored: str = ""  # why it does not count, when it does not

    @property
    def kind(self) -> str:
        return self.finding.kind

    @property
    def score(self) -> float:
        return WEIGHTS[self.kind] * max(0.0, min(1.0, self.finding.confidence))

    @property
    def phrase(self) -> str:
        """The words on the page that carry the signal, when the detector quoted them."""
        return str(
            self.finding.data.get("phrase")
            or (self.finding.target and self.finding.target.exact)
            or ""
        )

    @property
    def key(self) -> str:
        """What makes two signals name the same outlet."""
        if self.outlet is not None:
            return f"outlet:{id(self.outlet)}"
        if self.domain:
            return f"domain:{registrable_domain(self.domain)}"
        return f"name:{normalize_name(self.name)}"

    def to_dict(self, agrees: bool) -> dict[str, Any]:
        entry: dict[str, Any] = {
            "kind": self.kind,
            "finding": self.finding.id,
            "plugin": self.finding.plugin,
            "outlet": self.name,
            "confidence": round(self.finding.confidence, 3),
            "agrees": agrees,
        }
        for key in ("domain", "url", "phrase"):
            if getattr(self, key):
                entry[key] = getattr(self, key)
        if self.also_named:
            entry["also_named"] = self.also_named
        if self.outlet is not None:
            entry["registry"] = self.outlet.name
        if self.ignored:
            entry["ignored"] = self.ignored
        return entry


def collect(page: Page, findings: Findings, outlets: OutletRegistry) -> list[Signal]:
    """Every provenance signal, resolved; those naming this very site marked as ignored."""
    own = _own_names(page, findings, outlets)
    own_record = outlets.by_domain(page.url) if page.url else None
    signals = []
    for finding in findings.of_kind(*SIGNAL_KINDS):
        signal = _signal(finding)
        if signal is None:
            continue
        signal.outlet = resolve(outlets, signal.name, signal.domain)
        signal.ignored = _self_reference(page, signal, own, own_record)
        signals.append(signal)
    return signals


def _signal(finding: Annotation) -> Signal | None:
    data = finding.data if isinstance(finding.data, dict) else {}
    name = " ".join(str(data.get("outlet") or "").split())
    if len(name) > MAX_NAME:  # no outlet is called that; keep the notice readable
        name = name[: MAX_NAME - 1].rstrip() + "…"
    url = str(data.get("url") or "")
    if not url.startswith(("http://", "https://")) or not hostname(url):
        url = ""
    domain = str(data.get("domain") or "") or (hostname(url) if url else "")
    if not (name or domain):
        return None
    others = [str(n) for n in data.get("outlets", []) if isinstance(n, str) and n != name]
    return Signal(finding, name or domain, domain.lower(), url, others)


_PAREN = re.compile(r"\s*\(([^)]*)\)\s*")
_SPLIT = re.compile(r"\s*(?:/|,|;|\band\b|\bund\b|\by\b|\bet\b)\s*", re.IGNORECASE)


def name_variants(name: str) -> list[str]:
    """`Deutschen Presse-Agentur (dpa)` → itself, `Deutschen Presse-Agentur`, `dpa`;
    `APA/sda/dpa` → itself, `APA`, `sda`, `dpa`. Tried in order."""
    variants = [name]
    bare = _PAREN.sub(" ", name).strip()
    variants += [bare, *_PAREN.findall(name)]
    for text in (bare, name):
        variants += [part for part in _SPLIT.split(text) if part]
    return [v for v in dict.fromkeys(v.strip() for v in variants) if v]


def resolve(outlets: OutletRegistry, name: str, domain: str = "") -> Outlet | None:
    """By domain (subdomains included), then by the name and its variants."""
    if domain:
        found = outlets.by_domain(domain)
        if found is not None:
            return found
    for variant in name_variants(name):
        found = outlets.by_name(variant)
        if found is None and "." in variant and " " not in variant:
            found = outlets.by_domain(variant)
        if found is not None:
            return found
    return None


def _own_names(page: Page, findings: Findings, outlets: OutletRegistry) -> set[str]:
    names = {normalize_name(str(a.data.get("name", ""))) for a in findings.of_kind(kinds.SITE)}
    record = outlets.by_domain(page.url) if page.url else None
    if record is not None:
        names |= {normalize_name(n) for n in (record.name, *record.aliases)}
    return names - {""}


def _self_reference(page: Page, signal: Signal, own: set[str], own_record: Outlet | None) -> str:
    if signal.domain and page.domain and same_site(signal.domain, page.domain):
        return "names this site's own domain"
    if own_record is not None and signal.outlet is own_record:
        return "names this site itself"
    if normalize_name(signal.name) in own:
        return "names this site itself"
    if signal.outlet is not None and own & _names_of(signal.outlet):
        # The page calls itself by a name the registry gives the credited outlet: the same
        # publisher on another address (a mirror, a second country domain, a copy served locally).
        return "names this site by another of its addresses"
    if _label(signal.domain) in {_squashed(name) for name in own}:
        return "points to a domain that reads as this site's name"  # "Harbor Light", harborlight.x
    if _label(page.domain) and _squashed(signal.name) == _label(page.domain):
        return "names this site by its domain"  # "Live Science" on livescience.com
    return ""


def _names_of(outlet: Outlet) -> set[str]:
    return {normalize_name(n) for n in (outlet.name, *outlet.aliases)} - {""}


def _label(domain: str) -> str:
    """`www.harbor-light.example` → `harborlight`: a domain as a name reads in it."""
    return registrable_domain(domain).split(".")[0].replace("-", "") if domain else ""


def _squashed(name: str) -> str:
    return normalize_name(name).replace(" ", "")

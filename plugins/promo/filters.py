"""Element-hiding rules in Adblock Plus syntax, read from the files and folders an operator names.

    ##.ad-banner                      generic: hide everywhere
    example.com,~shop.example.com##.x site-specific (with an exclusion)
    example.com#@#.ad-banner          exception: do not hide `.ad-banner` on example.com

Everything else a list may hold (network rules, scriptlets `##+js(...)`, procedural `#?#`, CSS
injection `#$#`, HTML filters `##^`, selectors this engine cannot run) is counted as skipped or
unsupported, never raised: one odd line must not cost the operator the whole list.
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .selectors import Complex, SelectorError, parse

log = logging.getLogger("masthead.plugins.promo")

# Hiding markers that need a script or a CSS engine this plugin does not run.
_UNSUPPORTED_MARKERS = ("#?#", "#@?#", "#$#", "#@$#", "#%#", "#@%#", "$$", "##^", "##+js(")
_ENTITY = re.compile(r"^[a-z0-9.-]+\.\*$")
LIST_SUFFIXES = (".txt", ".list", ".filters")
SIMPLE = re.compile(r"[.#][A-Za-z_][A-Za-z0-9_-]*")


@dataclass(frozen=True, slots=True)
class Domains:
    """Where a rule applies: `include` (empty = everywhere) minus `exclude`."""

    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()

    def applies(self, host: str) -> bool:
        if any(_on(host, d) for d in self.exclude):
            return False
        return not self.include or any(_on(host, d) for d in self.include)


def _on(host: str, domain: str) -> bool:
    """`host` is `domain` or a subdomain of it; `name.*` matches any suffix after `name`."""
    if domain.endswith(".*"):
        stem = domain[:-2]
        labels = host.split(".")
        return any(
            ".".join(labels[i : i + stem.count(".") + 1]) == stem for i in range(len(labels))
        )
    return host == domain or host.endswith("." + domain)


EVERYWHERE = Domains()


@dataclass(frozen=True, slots=True)
class Rule:
    """One hiding rule as written, with where it came from."""

    text: str  # the selector, as written after `##`
    source: str  # the list's name (file stem)
    domains: Domains = EVERYWHERE
    category: str | None = None


@dataclass
class FilterSet:
    """Everything loaded: hiding rules (each with its parsed selectors) and exceptions."""

    # Selectors are None for a bare `.class` or `#id` (96% of real rules): the index key is the
    # whole test, and not building objects for them saves most of the memory.
    rules: list[tuple[Rule, tuple[Complex, ...] | None]] = field(default_factory=list)
    exceptions: dict[str, list[Domains]] = field(default_factory=dict)
    counts: Counter[str] = field(default_factory=Counter)

    def excepted(self, selector: str, host: str) -> bool:
        return any(d.applies(host) for d in self.exceptions.get(selector, ()))

    def add_line(self, line: str, source: str, category: str | None = None) -> None:
        """Parse one list line; count it under supported, exception, skipped or unsupported."""
        kind, item = parse_line(line)
        self.counts[kind] += 1
        if item is None:
            return
        if kind == "exception":
            rule = item
            self.exceptions.setdefault(rule.text, []).append(rule.domains)
            return
        if SIMPLE.fullmatch(item.text):
            self.rules.append((Rule(item.text, source, item.domains, category), None))
            return
        try:
            selectors = parse(item.text)
        except SelectorError:
            self.counts[kind] -= 1
            self.counts["unsupported"] += 1
            return
        self.rules.append((Rule(item.text, source, item.domains, category), selectors))


def parse_line(line: str) -> tuple[str, Rule | None]:
    """Classify one line: ("rule"|"exception", Rule) or ("comment"|"skipped"|"unsupported", None).

    The returned Rule has no selectors parsed yet; `FilterSet.add_line` does that.
    """
    line = line.strip()
    if not line or line.startswith(("!", "[")):
        return "comment", None
    if any(marker in line for marker in _UNSUPPORTED_MARKERS):
        return "unsupported", None
    found = [(line.find(m), m, kind) for m, kind in (("#@#", "exception"), ("##", "rule"))]
    found = [f for f in found if f[0] >= 0]
    if not found:
        return "skipped", None  # a network rule or plain text: not element hiding
    at, marker, kind = min(found)
    domains = _domains(line[:at])
    selector = line[at + len(marker) :].strip()
    if domains is None or not selector:
        return "unsupported", None
    return kind, Rule(selector, "", domains)


def _domains(text: str) -> Domains | None:
    include: list[str] = []
    exclude: list[str] = []
    for raw in text.split(","):
        name = raw.strip().lower()
        if not name:
            continue
        negated = name.startswith("~")
        name = name.lstrip("~")
        if not re.fullmatch(r"[a-z0-9.*_-]+", name) or ("*" in name and not _ENTITY.match(name)):
            return None
        (exclude if negated else include).append(name)
    return Domains(tuple(include), tuple(exclude))


def category_of_list(name: str) -> str | None:
    """A sensible default category from a list's file name (operators may set one instead)."""
    lowered = name.lower()
    if "cookie" in lowered or "consent" in lowered:
        return "cookie-notice"
    if "social" in lowered:
        return "share-bar"
    if "annoyance" in lowered:
        return None  # a mix of popups, newsletters, widgets: the heuristics decide
    return "advertisement"


def list_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The list files under each configured path (a file, or a folder of `.txt` lists)."""
    for entry in paths:
        path = Path(entry).expanduser()
        if path.is_dir():
            yield from sorted(
                p for p in path.iterdir() if p.is_file() and p.name.endswith(LIST_SUFFIXES)
            )
        elif path.is_file():
            yield path
        else:
            log.warning("promo: filter list %s not found", path)


def load(specs: Iterable[str | Path | dict[str, Any]]) -> FilterSet:
    """Read every configured list. A spec is a path, or {"path": ..., "category": ...}."""
    filters = FilterSet()
    for spec in specs:
        category_override = None
        if isinstance(spec, dict):
            category_override = spec.get("category")
            spec = spec.get("path", "")
        for path in list_files([spec]):
            source = path.stem
            category = category_override or category_of_list(source)
            try:
                with path.open(encoding="utf-8", errors="replace") as handle:
                    for line in handle:
                        filters.add_line(line, source, category)
            except OSError as exc:
                log.warning("promo: cannot read filter list %s: %s", path, exc)
                continue
            filters.counts["files"] += 1
    return filters

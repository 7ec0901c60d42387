"""Reading outlet files a user downloaded, into outlet records (formats: state-media-matrix).

A bad row is reported and skipped; it never stops the import. Only a file that is not the format
at all (missing columns) is refused as a whole.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from masthead.sdk.outlets import TYPOLOGY, Outlet, Source, clean_domain

FORMATS = ("state-media-matrix",)

#: Where readers can open the State Media Matrix; the fact's source in imported records.
STATE_MEDIA_MATRIX_URL = "https://github.com/ASD-at-GMF/state-media-profiles"
_REQUIRED = ("Country", "Media company", "Main assets", "URL", "Typology")
_HOST_CHARS = set("abcdefghijklmnopqrstuvwxyz0123456789.-")


class ImportFormatError(ValueError):
    """The file is not in the format it was said to be in."""


@dataclass
class ImportResult:
    outlets: list[Outlet] = field(default_factory=list)
    rows: int = 0
    skipped: list[str] = field(default_factory=list)  # "line N: why", row not imported
    warnings: list[str] = field(default_factory=list)  # "line N: what", row imported


def read_state_media_matrix(
    text: str, source_url: str = STATE_MEDIA_MATRIX_URL, checked: str | None = None
) -> ImportResult:
    """Rows of the State Media Matrix CSV → one record per media asset, with all its domains.

    Each fact (country, owner = the media company, typology) cites the State Media Monitor at
    `source_url`, dated `checked` (today by default: the day the user imported it).
    """
    checked = checked or date.today().isoformat()
    reader = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    missing = [c for c in _REQUIRED if c not in (reader.fieldnames or ())]
    if missing:
        raise ImportFormatError(
            "not a State Media Matrix file: missing column(s) " + ", ".join(missing)
        )
    result = ImportResult()
    assets: dict[tuple[str, str, str], dict[str, Any]] = {}
    for row in reader:
        result.rows += 1
        line = reader.line_num
        problem = _row_problem(row)
        if problem:
            result.skipped.append(f"line {line}: {problem}")
            continue
        country, company, asset = (
            _cell(row, c) for c in ("Country", "Media company", "Main assets")
        )
        name = asset or company
        url, host = _cell(row, "URL"), ""
        if url:
            host = clean_domain(url)
            if not _valid_host(host):
                result.skipped.append(f"line {line}: URL {url[:80]!r} has no usable host name")
                continue
        code = _cell(row, "Typology")
        if code and code not in TYPOLOGY:
            result.warnings.append(
                f"line {line}: typology {code[:20]!r} is not a State Media Monitor code; "
                "imported without it"
            )
            code = ""
        entry = assets.setdefault(
            (country, company, name),
            {"name": name, "country": country, "owner": company, "typology": code, "domains": []},
        )
        if host:
            entry["domains"].append(host)
        entry["typology"] = entry["typology"] or code
        status = _cell(row, "Status")
        if status:
            entry.setdefault("extra", {})["status"] = status
    for entry in assets.values():
        result.outlets.append(_outlet(entry, source_url, checked))
    return result


def _outlet(entry: dict[str, Any], source_url: str, checked: str) -> Outlet:
    source = Source(source_url, "State Media Monitor", checked, "imported:state-media-matrix")
    facts = {k: entry[k] for k in ("country", "owner", "typology") if entry[k]}
    return Outlet(
        name=entry["name"],
        domains=tuple(entry["domains"]),
        sources=dict.fromkeys(facts, source),
        checked=checked,
        origin="imported:state-media-matrix",
        extra=entry.get("extra", {}),
        **facts,
    )


def _row_problem(row: dict[Any, Any]) -> str:
    if None in row:
        return "more cells than the header has columns"
    if any(row.get(c) is None for c in _REQUIRED):
        return "fewer cells than the header has columns"
    if not (_cell(row, "Main assets") or _cell(row, "Media company")):
        return "neither a media company nor an asset name"
    if not _cell(row, "Country"):
        return "no country"
    return ""


def _cell(row: dict[Any, Any], column: str) -> str:
    return " ".join((row.get(column) or "").split())


def _valid_host(host: str) -> bool:
    return "." in host and set(host) <= _HOST_CHARS and not host.startswith((".", "-"))


def read_file(path: str, fmt: str, **options: object) -> ImportResult:
    """Read an outlet file in a named format; undecodable bytes are replaced, not fatal."""
    if fmt not in FORMATS:
        raise ImportFormatError(f"unknown format {fmt!r}; known: {', '.join(FORMATS)}")
    with open(path, encoding="utf-8", errors="replace", newline="") as handle:
        text = handle.read()
    return read_state_media_matrix(text, **options)  # type: ignore[arg-type]


def describe(result: ImportResult, limit: int = 20) -> Iterable[str]:
    """Report lines for the user: counts, then the first problems."""
    yield (
        f"{result.rows} rows read, {len(result.outlets)} outlets, "
        f"{len(result.skipped)} rows skipped, {len(result.warnings)} warnings"
    )
    for label, items in (("skipped", result.skipped), ("warning", result.warnings)):
        for item in items[:limit]:
            yield f"  {label}: {item}"
        if len(items) > limit:
            yield f"  … and {len(items) - limit} more {label} lines"

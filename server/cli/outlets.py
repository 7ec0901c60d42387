"""`masthead outlets`: import outlet datasets into the local registry, and look records up."""

from __future__ import annotations

import json
from typing import Any

import click

from masthead.sdk.outlets import Outlet, OutletRegistry

from ..app import build_host
from ..outlet_import import FORMATS, STATE_MEDIA_MATRIX_URL, ImportFormatError, describe, read_file
from ..outlet_sources import open_store
from ..store import OutletStore, StoreError
from .options import config_option, resolve_config


@click.group()
def outlets() -> None:
    """The outlet registry: curated records, your imports, and plugin contributions."""


@outlets.command("import")
@click.argument("path", type=click.Path(exists=True, dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(FORMATS), required=True, help="File format.")
@click.option(
    "--source-url",
    default=STATE_MEDIA_MATRIX_URL,
    show_default=True,
    help="Where readers can open the dataset; cited as the source of every imported fact.",
)
@config_option
def import_(path: str, fmt: str, source_url: str, config_path: str | None) -> None:
    """Import the outlet file at PATH into the local registry (replacing an earlier import)."""
    config = resolve_config(config_path)
    try:
        result = read_file(path, fmt, source_url=source_url)
    except (ImportFormatError, OSError) as exc:
        raise click.ClickException(str(exc)) from exc
    store = OutletStore(open_store(config))
    try:
        store.replace(f"imported:{fmt}", result.outlets, path, len(result.skipped))
    except (OSError, StoreError) as exc:
        raise click.ClickException(f"cannot write to {store.location}: {exc}") from exc
    for line in describe(result):
        click.echo(line)
    click.echo(f"stored in {store.location}")


@outlets.command("show")
@click.argument("query")
@click.option("--json", "as_json", is_flag=True, help="Print the record as JSON.")
@config_option
def show(query: str, as_json: bool, config_path: str | None) -> None:
    """Print what the registry knows about a DOMAIN, URL or NAME, and where each fact comes from."""
    config = resolve_config(config_path)
    outlet = lookup(build_host(config).outlets, query)
    if outlet is None:
        raise click.ClickException(f"the registry knows no outlet for {query!r}")
    click.echo(
        json.dumps(as_dict(outlet), indent=2, ensure_ascii=False) if as_json else render(outlet)
    )


def lookup(registry: OutletRegistry, query: str) -> Outlet | None:
    """A query with a dot and no spaces is tried as a domain first, anything else as a name."""
    looks_like_domain = "." in query and " " not in query.strip()
    if looks_like_domain:
        return registry.by_domain(query) or registry.by_name(query)
    return registry.by_name(query)


def as_dict(outlet: Outlet) -> dict[str, Any]:
    return {
        "name": outlet.name,
        "domains": list(outlet.domains),
        "aliases": list(outlet.aliases),
        "home": outlet.home_url,
        "layers": outlet.origin.split("+") if outlet.origin else [],
        "facts": [
            {
                "fact": fact.field,
                "value": fact.value,
                "wording": outlet.typology_wording if fact.field == "typology" else "",
                "source": fact.source.to_dict() if fact.source else None,
            }
            for fact in outlet.facts()
        ],
    }


def render(outlet: Outlet) -> str:
    lines = [outlet.name]
    for label, values in (("domains", outlet.domains), ("aliases", outlet.aliases)):
        if values:
            lines.append(f"  {label}: {', '.join(values)}")
    lines.append(f"  home: {outlet.home_url or '(unknown)'}")
    lines.append(f"  layers: {outlet.origin.replace('+', ' < ') or '(none)'}")
    if not outlet.facts():
        lines.append("  no facts recorded")
    for fact in outlet.facts():
        value = fact.value
        if fact.field == "typology" and outlet.typology_wording:
            value = f"{value} ({outlet.typology_wording})"
        lines.append(f"  {fact.field}: {value}")
        if fact.source:
            lines.append(
                f"    source: {fact.source.label} <{fact.source.url}>, "
                f"checked {fact.source.checked or '?'}, from {fact.source.origin or '?'}"
            )
        else:
            lines.append("    source: none recorded")
    return "\n".join(lines)

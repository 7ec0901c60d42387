"""`masthead plugins`: what is installed, and whether it loaded."""

from __future__ import annotations

import json

import click

from ..app import build_host
from ..cache import ResultCache
from ..state import ServerState
from .options import config_option, echo_table, resolve_config


@click.command()
@click.option("--json", "as_json", is_flag=True, help="Print JSON instead of a table.")
@config_option
def plugins(as_json: bool, config_path: str | None) -> None:
    """List installed plugins with their version, hooks and status."""
    config = resolve_config(config_path)
    listing = ServerState(config, build_host(config), ResultCache(0)).plugin_list()
    if as_json:
        click.echo(json.dumps({"plugins": listing}, indent=2))
        return
    rows = [
        [
            p["name"],
            p["version"],
            p["status"],
            ", ".join(h.removeprefix("masthead_") for h in p["hooks"]),
            p["error"] or "",
        ]
        for p in listing
    ]
    echo_table(rows, ["name", "version", "status", "hooks", "error"])

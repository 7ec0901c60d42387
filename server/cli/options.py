"""Options and helpers several commands share."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import click

from ..config import Config, ConfigError, load_config

config_option = click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    default=None,
    envvar="MASTHEAD_CONFIG",
    help="TOML config file ([server] and [plugins] sections).",
)


def resolve_config(config_path: str | None, **overrides: Any) -> Config:
    """Load and check the configuration, turning problems into a clean CLI error."""
    try:
        return load_config(config_path, **overrides).check()
    except ConfigError as exc:
        raise click.UsageError(str(exc)) from exc


def echo_table(
    rows: list[list[str]], header: list[str], out: Callable[[str], None] = click.echo
) -> None:
    widths = [max(len(str(r[i])) for r in [header, *rows]) for i in range(len(header))]
    for row in [header, *rows]:
        out(
            "  ".join(
                str(cell).ljust(width) for cell, width in zip(row, widths, strict=True)
            ).rstrip()
        )

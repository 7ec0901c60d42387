"""`masthead feedback`: what readers reported as wrong, for the operator to turn into test cases."""

from __future__ import annotations

import json
from typing import IO

import click
from sqlalchemy.exc import SQLAlchemyError

from ..feedback import FILENAME, FeedbackStore
from .options import config_option, echo_table, resolve_config


def _store(config_path: str | None) -> FeedbackStore | None:
    config = resolve_config(config_path)
    if not (config.data_dir.expanduser() / FILENAME).exists():
        return None  # no reader has reported anything yet: nothing to create
    return FeedbackStore.in_dir(config.data_dir)


def _reports(config_path: str | None, plugin: str | None) -> list[dict[str, object]]:
    store = _store(config_path)
    if store is None:
        return []
    try:
        return list(store.reports(plugin))
    except SQLAlchemyError as exc:
        raise click.ClickException(f"cannot read the feedback store: {exc}") from exc


plugin_option = click.option("--plugin", default=None, help="Only reports about this plugin.")


@click.group()
def feedback() -> None:
    """Readers' "This is wrong" reports, kept on this server only."""


@feedback.command("list")
@plugin_option
@config_option
def list_(plugin: str | None, config_path: str | None) -> None:
    """One line per report, oldest first."""
    reports = _reports(config_path, plugin)
    if not reports:
        click.echo("no reports")
        return
    rows = []
    for r in reports:
        finding = r["finding"]
        assert isinstance(finding, dict)
        what = f"{finding.get('plugin')}/{finding.get('kind')}"
        rows.append([str(r["id"]), str(r["received_at"]), what, str(r["url"]), str(r["note"])])
    echo_table(rows, ["id", "received", "finding", "page", "note"])


@feedback.command("export")
@plugin_option
@click.option(
    "-o",
    "--output",
    type=click.File("w", encoding="utf-8"),
    default="-",
    help="File to write (default: standard output).",
)
@config_option
def export(plugin: str | None, output: IO[str], config_path: str | None) -> None:
    """Every report as JSON lines: id, received_at, url, finding, note."""
    for report in _reports(config_path, plugin):
        output.write(json.dumps(report, ensure_ascii=False, sort_keys=True) + "\n")

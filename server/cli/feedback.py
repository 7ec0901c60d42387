"""`masthead feedback`: what readers reported as wrong, for the operator to turn into test cases."""

from __future__ import annotations

import json
from typing import IO

import click

from ..outlet_sources import open_store
from ..store import FeedbackStore, StoreError
from .options import config_option, echo_table, resolve_config


def _reports(config_path: str | None, plugin: str | None) -> list[dict[str, object]]:
    """The reports in the configured store, after moving in those of an old feedback file."""
    config = resolve_config(config_path)
    store = open_store(config)
    reports = FeedbackStore(store)
    try:
        reports.import_old_file(config.data_dir)
        return list(reports.reports(plugin))
    except StoreError as exc:
        raise click.ClickException(str(exc)) from exc
    finally:
        store.close()


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

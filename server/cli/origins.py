"""`masthead origins`: fill, inspect and prune the origin index (fingerprints, never text).

Every command reads the same configuration as `masthead serve` (`--config`, `MASTHEAD_CONFIG`,
the data dir), so the index they fill is the one the server looks pages up in.
"""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import click

from ..app import build_host
from ..config import Config
from ..origins import OriginIndex, open_index
from ..origins.pages import NotAnArticle, index_page, parse_time
from ..outlet_sources import open_store
from ..store import StoreError
from .options import config_option, echo_table, resolve_config


@click.group()
def origins() -> None:
    """The origin index: where article texts appeared first, as fingerprints."""


def _open(config: Config) -> OriginIndex:
    """The index in the server's own store, its schema brought up to date first."""
    store = open_store(config)
    try:
        store.migrate()
    except (OSError, StoreError) as exc:
        raise click.ClickException(f"cannot open the origin index: {exc}") from exc
    return open_index(store)


@origins.command("add")
@click.argument("page", type=click.Path(exists=True, dir_okay=False))
@click.option("--url", required=True, help="The address the page was published at.")
@click.option("--published", default=None, help="When it was published (ISO 8601).")
@click.option("--outlet", default="", help="Who published it [the registry's name for the domain].")
@config_option
def add(page: str, url: str, published: str | None, outlet: str, config_path: str | None) -> None:
    """Fingerprint the saved PAGE (HTML) and record it as published at URL."""
    config = resolve_config(config_path)
    when = None
    if published is not None:
        when = parse_time(published)
        if when is None:
            raise click.BadParameter(
                f"{published!r} is not an ISO 8601 time", param_hint="--published"
            )
    if not url.startswith(("http://", "https://")):
        raise click.BadParameter("must be an http(s) URL", param_hint="--url")
    html = Path(page).read_bytes().decode("utf-8", errors="replace")
    index = _open(config)
    try:
        stored = index_page(index, build_host(config), html, url, outlet, when)
    except NotAnArticle as exc:
        raise click.ClickException(str(exc)) from exc
    click.echo(
        f"indexed {url}: {stored.shingles} shingles, {len(stored.hashes)} kept "
        f"({len(stored.pack())} bytes)"
    )


@origins.command("follow")
@click.argument("url")
@click.option("--outlet", default="", help="Who publishes the feed [the registry's name].")
@config_option
def follow(url: str, outlet: str, config_path: str | None) -> None:
    """Follow the RSS/Atom feed or news sitemap at URL; `masthead origins sync` fetches it."""
    config = resolve_config(config_path)
    if not url.startswith(("http://", "https://")):
        raise click.BadParameter("must be an http(s) URL", param_hint="URL")
    _open(config).store.follow(url, outlet)
    click.echo(f"following {url}" + (f" ({outlet})" if outlet else ""))


@origins.command("sync")
@config_option
def sync_command(config_path: str | None) -> None:
    """Fetch new items of every followed feed and fingerprint them; one line per feed."""
    from ..origins.sync import sync

    config = resolve_config(config_path)
    index = _open(config)
    results = sync(index, build_host(config, index), config.origins)
    if not results:
        click.echo("no feeds followed: add one with `masthead origins follow URL`")
    for result in results:
        click.echo(result.line())
        for reason in result.skipped[:5]:
            click.echo(f"  skipped {reason}")
    failed = [r for r in results if r.error]
    if failed:
        raise click.ClickException(f"{len(failed)} of {len(results)} feeds failed")


@origins.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Print the figures as JSON.")
@config_option
def stats(as_json: bool, config_path: str | None) -> None:
    """How many articles the index holds, from which outlets, and each feed's last sync."""
    config = resolve_config(config_path)
    figures = _open(config).store.stats()
    if as_json:
        click.echo(json.dumps(figures, indent=2, default=_plain))
        return
    vias = ", ".join(f"{n} {via}" for via, n in sorted(figures["by_via"].items())) or "none"
    click.echo(f"{figures['articles']} articles ({vias}), {figures['postings']} postings")
    if figures["outlets"]:
        rows = [
            [o["outlet"] or "-", o["domain"], str(o["articles"]), _plain(o["last_added"])]
            for o in figures["outlets"]
        ]
        echo_table(rows, ["outlet", "domain", "articles", "last added"])
    for feed in figures["feeds"]:
        outcome = f"error: {feed['error']}" if feed["error"] else f"{feed['items']} new items"
        click.echo(f"feed {feed['url']}: {_plain(feed['synced']) or 'never synced'}, {outcome}")


@origins.command("forget")
@click.option("--url", default=None, help="Forget the article at this URL.")
@click.option("--outlet", default=None, help="Forget every article of this outlet.")
@click.option(
    "--older-than", type=float, default=None, help="Forget articles added over N days ago."
)
@config_option
def forget(
    url: str | None, outlet: str | None, older_than: float | None, config_path: str | None
) -> None:
    """Delete fingerprints by URL, by outlet, or by age."""
    config = resolve_config(config_path)
    if url is None and outlet is None and older_than is None:
        raise click.UsageError("say what to forget: --url, --outlet or --older-than DAYS")
    before = datetime.now(UTC) - timedelta(days=older_than) if older_than is not None else None
    gone = _open(config).store.forget(url=url, outlet=outlet, before=before)
    click.echo(f"forgot {gone} article{'s' if gone != 1 else ''}")


def _plain(value: Any) -> str:
    return value.isoformat(timespec="seconds") if isinstance(value, datetime) else str(value or "")

"""`masthead analyze`: run the plugins on a saved page, without a server."""

from __future__ import annotations

import json
import sys
import textwrap
from pathlib import Path
from typing import Any

import click

from masthead.sdk.page import Page, PageTooComplex

from ..analysis import run_analysis
from ..app import build_host
from ..origins import index_in_use
from ..outlet_sources import open_store
from .options import config_option, resolve_config

PLACEHOLDER_URL = "http://localhost/"


@click.command()
@click.argument("path", type=click.Path(allow_dash=True, dir_okay=False))
@click.option("--url", default=None, help="The page's URL [its canonical link, if it has one].")
@click.option("--json", "as_json", is_flag=True, help="Print the API's JSON document.")
@click.option("--text", "as_text", is_flag=True, help="Print the article's clean text only.")
@config_option
def analyze(
    path: str, url: str | None, as_json: bool, as_text: bool, config_path: str | None
) -> None:
    """Analyse the HTML page at PATH (- for standard input)."""
    raw = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
    html = raw.decode("utf-8", "replace")
    url = url or _page_url(html, path)
    config = resolve_config(config_path)
    origins = index_in_use(open_store(config), config.origins.configured)
    host = build_host(config, origins)
    try:
        document = run_analysis(
            host, url, html, max_depth=config.max_depth, max_elements=config.max_elements
        )
    except PageTooComplex as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps(document, indent=2, ensure_ascii=False))
    elif as_text:
        click.echo(_article_text(document))
    else:
        click.echo(summary(document))


def _page_url(html: str, path: str) -> str:
    """Without --url, the page's own canonical URL is the best guess at where it lives."""
    try:
        canonical = Page(html, PLACEHOLDER_URL).meta.canonical
    except PageTooComplex:
        canonical = ""
    if canonical.startswith(("http://", "https://")) and not canonical.startswith(PLACEHOLDER_URL):
        return canonical
    return PLACEHOLDER_URL + (Path(path).name if path != "-" else "")


def _article_text(document: dict[str, Any]) -> str:
    for annotation in document["annotations"]:
        if annotation["kind"] == "article":
            return str(annotation["data"].get("text", ""))
    raise click.ClickException(
        "no plugin reported the article text (an `article` annotation): is a plugin that "
        "provides it enabled?"
    )


def summary(document: dict[str, Any]) -> str:
    page = document["page"]
    lines = [page["title"] or "(untitled)", f"{page['url']}  ({page['domain']})", ""]
    by_plugin: dict[str, list[dict[str, Any]]] = {}
    for annotation in document["annotations"]:
        by_plugin.setdefault(annotation["plugin"], []).append(annotation)
    for run in document["plugins"]:
        error = f": {run['error']}" if run["error"] else ""
        lines.append(f"{run['name']}  {run['status']}  {run['ms']:.1f} ms{error}")
        for annotation in by_plugin.get(run["name"], []):
            if annotation["kind"] == "article":
                words = len(annotation["data"].get("text", "").split())
                lines.append(f"  {'article':<23} {words} words (masthead analyze --text shows it)")
                continue
            text = " — ".join(x for x in (annotation["title"], annotation["text"]) if x)
            shown = textwrap.shorten(text, width=84, placeholder=" …")
            lines.append(f"  {annotation['kind']:<23} {shown}")
        lines.append("")
    return "\n".join(lines).rstrip()

"""`masthead serve`: the production WSGI server (waitress) on 127.0.0.1:7373 by default."""

from __future__ import annotations

import logging
import sys
from pathlib import Path

import click

from ..app import create_app, startup_lines
from ..config import DEFAULT_PORT
from ..origins.config import OriginsConfigError, parse_interval
from ..origins.sync import start_background_sync
from .options import config_option, resolve_config

EXTENSION_DIR = Path(__file__).resolve().parents[2] / "extension" / "src"


@click.command()
@click.option("--host", default=None, help="Address to listen on [127.0.0.1].")
@click.option("--port", type=int, default=None, help="Port [7373]; 0 picks a free one.")
@click.option("--token", default=None, envvar="MASTHEAD_TOKEN", help="API token clients must send.")
@click.option(
    "--sync-every",
    default=None,
    metavar="INTERVAL",
    help="Sync the origin index's feeds in the background, e.g. 30m, 2h.",
)
@config_option
def serve(
    host: str | None,
    port: int | None,
    token: str | None,
    sync_every: str | None,
    config_path: str | None,
) -> None:
    """Run the Masthead server."""
    import waitress

    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    config = resolve_config(config_path, host=host, port=port, token=token)
    interval = None
    if sync_every is not None:
        try:
            interval = parse_interval(sync_every)
        except OriginsConfigError as exc:
            raise click.BadParameter(str(exc), param_hint="--sync-every") from exc
    app = create_app(config, with_origins=interval is not None)
    state = app.extensions["masthead"]
    host_state = state.host
    if interval is not None and state.origins is not None:
        start_background_sync(state.origins, host_state, config.origins, interval)
        click.echo(f"origin index: syncing followed feeds every {sync_every}")
    server = waitress.create_server(
        app,
        host=config.host,
        port=config.port,
        threads=max(1, config.threads),
        max_request_body_size=max(4 * config.max_body_bytes, 64 * 1024 * 1024),
        ident="masthead",
        clear_untrusted_proxy_headers=True,
    )
    shown_host = f"[{config.host}]" if ":" in config.host else config.host
    url = f"http://{shown_host}:{server.effective_port}"
    *plugins, token = startup_lines(app)
    for line in plugins:
        click.echo(line)
    click.echo(f"Masthead listening on {url}  ({token})")
    if EXTENSION_DIR.is_dir():
        click.echo(
            "Load the extension:\n"
            f"  Chromium: chrome://extensions → Developer mode → Load unpacked → {EXTENSION_DIR}\n"
            "  Firefox:  about:debugging → This Firefox → Load Temporary Add-on → "
            f"{EXTENSION_DIR / 'manifest.json'}"
        )
    if int(server.effective_port) != DEFAULT_PORT or config.host != "127.0.0.1":
        click.echo(f"Set the server URL in the extension's options to {url}.")
    click.echo("Ctrl-C stops it.")
    sys.stdout.flush()
    try:
        server.run()
    except KeyboardInterrupt:
        click.echo("stopped")
    finally:
        server.close()

"""`masthead serve`: waitress on 127.0.0.1:7373 by default; `--workers N` pre-forks gunicorn."""

from __future__ import annotations

import logging
import os
import shutil
import signal
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import click

from ..config import DEFAULT_PORT, Config
from ..lifecycle import tune_garbage_collector
from ..origins.config import OriginsConfigError, parse_interval
from ..store import StoreError
from ..waitress_setup import create_server, harden_waitress
from .options import config_option, resolve_config

EXTENSION_DIR = Path(__file__).resolve().parents[2] / "extension" / "src"


@click.command()
@click.option("--host", default=None, help="Address to listen on [127.0.0.1].")
@click.option("--port", type=int, default=None, help="Port [7373]; 0 picks a free one.")
@click.option("--token", default=None, envvar="MASTHEAD_TOKEN", help="API token clients must send.")
@click.option(
    "--workers",
    type=click.IntRange(1, 64),
    default=1,
    show_default=True,
    help="Processes serving the port. 1 is waitress; more pre-fork gunicorn (POSIX only).",
)
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
    workers: int,
    sync_every: str | None,
    config_path: str | None,
) -> None:
    """Run the Masthead server."""
    logging.basicConfig(level=logging.INFO, format="%(levelname)s %(name)s: %(message)s")
    config = resolve_config(config_path, host=host, port=port, token=token)
    interval = None
    if sync_every is not None:
        try:
            interval = parse_interval(sync_every)
        except OriginsConfigError as exc:
            raise click.BadParameter(str(exc), param_hint="--sync-every") from exc
        if workers > 1:
            raise click.UsageError(
                "--sync-every runs in one process; with --workers, sync from one place instead "
                "(`masthead origins sync` from cron, or a one-worker server)"
            )
    try:
        if workers > 1:
            _run_gunicorn(config, workers)
        else:
            _run_waitress(config, interval, sync_every)
    except StoreError as exc:  # the store a configured part needs cannot be opened
        raise click.ClickException(str(exc)) from None


def _announce(app: Any, config: Config, port: int, workers: int) -> None:
    from ..app import startup_lines

    shown_host = f"[{config.host}]" if ":" in config.host else config.host
    url = f"http://{shown_host}:{port}"
    *plugins, token = startup_lines(app)
    for line in plugins:
        click.echo(line)
    processes = f", {workers} workers" if workers > 1 else ""
    click.echo(f"Masthead listening on {url}  ({token}{processes})")
    if EXTENSION_DIR.is_dir():
        click.echo(
            "Load the extension:\n"
            f"  Chromium: chrome://extensions → Developer mode → Load unpacked → {EXTENSION_DIR}\n"
            "  Firefox:  about:debugging → This Firefox → Load Temporary Add-on → "
            f"{EXTENSION_DIR / 'manifest.json'}"
        )
    if port != DEFAULT_PORT or config.host != "127.0.0.1":
        click.echo(f"Set the server URL in the extension's options to {url}.")
    click.echo("Ctrl-C stops it.")
    sys.stdout.flush()


def _run_waitress(config: Config, interval: float | None, sync_every: str | None) -> None:
    from ..app import create_app
    from ..origins.sync import start_background_sync

    app = create_app(config, with_origins=interval is not None)
    state = app.extensions["masthead"]
    if interval is not None and state.origins is not None:
        start_background_sync(state.origins, state.host, config.origins, interval)
        click.echo(f"origin index: syncing followed feeds every {sync_every}")
    harden_waitress()
    tune_garbage_collector()
    try:
        server = create_server(app, config)
    except OSError as exc:  # the port is taken, the address is not this machine's, ...
        reason = exc.strerror or str(exc)
        raise click.ClickException(
            f"cannot listen on {config.host}:{config.port}: {reason}"
        ) from None
    _announce(app, config, int(server.effective_port), 1)
    try:
        _serve_until_stopped(server)
    finally:
        server.close()
        state.close()
    click.echo("stopped")


def _serve_until_stopped(server: Any, grace: float = 5.0) -> None:
    """Serve until SIGTERM or Ctrl-C, then stop accepting and let in-flight requests finish.

    waitress's own `run` drops the connections of requests still being analysed; this loop
    closes the listening socket first and keeps serving the open ones for up to `grace` s.
    """
    from waitress import wasyncore

    stop = threading.Event()
    for signum in (signal.SIGTERM, signal.SIGINT):
        signal.signal(signum, lambda *_: stop.set())
    while not stop.is_set():
        wasyncore.loop(timeout=0.2, map=server._map, use_poll=True, count=1)
    server.accepting = False
    server.del_channel()
    server.socket.close()
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and _busy(server):
        wasyncore.loop(timeout=0.05, map=server._map, use_poll=True, count=1)


def _busy(server: Any) -> bool:
    dispatcher = server.task_dispatcher
    if dispatcher.queue or dispatcher.active_count:
        return True
    return any(
        getattr(channel, "requests", None) or getattr(channel, "total_outbufs_len", 0)
        for channel in list(server._map.values())
    )


def _run_gunicorn(config: Config, workers: int) -> None:
    """Build the app once, then fork: the workers share the loaded plugins and filter lists."""
    if os.name != "posix":
        raise click.UsageError("--workers needs a POSIX system (gunicorn); use one worker here")
    own = not os.environ.get("PROMETHEUS_MULTIPROC_DIR")
    if own:  # the workers' metrics meet in one folder; set before any metric exists
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = tempfile.mkdtemp(prefix="masthead-metrics-")
    try:
        _Gunicorn(config, workers).run()
    finally:
        if own:
            shutil.rmtree(os.environ["PROMETHEUS_MULTIPROC_DIR"], ignore_errors=True)


try:
    from gunicorn.app.base import BaseApplication
except ImportError:  # not POSIX: gunicorn is not installed there
    BaseApplication = object


class _Gunicorn(BaseApplication):  # type: ignore[misc]
    def __init__(self, config: Config, workers: int) -> None:
        self.config, self.workers = config, workers
        from ..app import create_app

        self.application = create_app(config)
        tune_garbage_collector()
        super().__init__()

    def load_config(self) -> None:
        from .. import gunicorn_conf

        host = f"[{self.config.host}]" if ":" in self.config.host else self.config.host
        settings = {
            "bind": [f"{host}:{self.config.port}"],
            "workers": self.workers,
            "worker_class": gunicorn_conf.worker_class,
            "threads": max(1, self.config.threads),
            "preload_app": True,
            "graceful_timeout": gunicorn_conf.graceful_timeout,
            "post_fork": gunicorn_conf.post_fork,
            "child_exit": gunicorn_conf.child_exit,
            "when_ready": self._when_ready,
            "proc_name": "masthead",
            "control_socket_disable": True,
        }
        for key, value in settings.items():
            if key in self.cfg.settings:
                self.cfg.set(key, value)

    def load(self) -> Any:
        return self.application

    def _when_ready(self, arbiter: Any) -> None:
        port = int(arbiter.LISTENERS[0].sock.getsockname()[1])
        _announce(self.application, self.config, port, self.workers)

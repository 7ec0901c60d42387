"""`masthead.server.wsgi:app`, the WSGI entry for gunicorn, waitress-serve or any WSGI server.

It loads the configuration exactly as `masthead serve` does (`load_config`: the file named by
`MASTHEAD_CONFIG`, then the environment) and refuses what `serve` refuses, with the same
messages, plus a token-less start unless `MASTHEAD_LOOPBACK_ONLY=1` says the server binds
loopback only (the app cannot see its server's bind address).
"""

from __future__ import annotations

import logging
import sys

from .app import create_app, startup_lines
from .config import ConfigError, load_config
from .lifecycle import tune_garbage_collector
from .store import StoreError

log = logging.getLogger("masthead.wsgi")


def _load() -> object:
    try:
        config = load_config().check_wsgi()
    except ConfigError as exc:
        print(f"masthead: {exc}", file=sys.stderr, flush=True)
        raise SystemExit(3) from exc  # gunicorn: a boot error, do not respawn
    try:
        app = create_app(config)
    except StoreError as exc:
        print(f"masthead: {exc}", file=sys.stderr, flush=True)
        raise SystemExit(3) from exc
    for line in startup_lines(app):
        print(f"masthead: {line}", file=sys.stderr, flush=True)
    tune_garbage_collector()
    return app


app = _load()

"""Gunicorn settings for Masthead: `gunicorn -c python:masthead.server.gunicorn_conf …`.

- `preload_app`: the app (plugins, filter lists, outlet registry) is built once in the master and
  the workers share those pages of memory copy-on-write.
- `gthread`: each worker serves `MASTHEAD_THREADS` requests at once, like waitress does.
- after `fork`, each worker opens its own database connections; a worker that exits has its
  Prometheus samples merged into the dead-process files.
`masthead serve --workers N` uses these same hooks.
"""

from __future__ import annotations

import os
from typing import Any

preload_app = True
worker_class = "gthread"
threads = int(os.environ.get("MASTHEAD_THREADS", "4"))
graceful_timeout = 30
control_socket_disable = True  # gunicorn ≥ 24 opens one per user by default; Masthead needs none


def post_fork(server: Any, worker: Any) -> None:
    from .lifecycle import after_fork

    after_fork()


def child_exit(server: Any, worker: Any) -> None:
    from .lifecycle import worker_exited

    worker_exited(worker.pid)

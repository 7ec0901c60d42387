"""Gunicorn settings for Masthead: `gunicorn -c python:masthead.server.gunicorn_conf …`.

- `preload_app`: the app (plugins, filter lists, outlet registry) is built once in the master and
  the workers share those pages of memory copy-on-write.
- `gthread` (`gunicorn_worker.MastheadWorker`): each worker serves `MASTHEAD_THREADS` requests
  at once, like waitress does, answers `/health` and `/ready` on threads of their own and cuts
  off a request that does not arrive within `read_timeout`.
- after `fork`, each worker opens its own database connections; a worker that exits has its
  Prometheus samples merged into the dead-process files.
`masthead serve --workers N` uses these same hooks.
"""

from __future__ import annotations

import os
from typing import Any

preload_app = True
# gthread, with health checks on threads of their own and a whole-request read timeout
worker_class = "masthead.server.gunicorn_worker.MastheadWorker"
threads = int(os.environ.get("MASTHEAD_THREADS", "4"))
graceful_timeout = 30
control_socket_disable = True  # gunicorn ≥ 24 opens one per user by default; Masthead needs none


def post_fork(server: Any, worker: Any) -> None:
    from .lifecycle import after_fork

    after_fork()


def child_exit(server: Any, worker: Any) -> None:
    from .lifecycle import worker_exited

    worker_exited(worker.pid)

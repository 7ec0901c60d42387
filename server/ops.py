"""`/metrics`, for Prometheus: behind the API token unless `open_metrics` is set."""

from __future__ import annotations

from flask import Blueprint, request
from flask.typing import ResponseReturnValue

from .metrics import render
from .security import check_host, check_token
from .state import state

ops = Blueprint("ops", __name__)


@ops.get("/metrics")
def metrics() -> ResponseReturnValue:
    config = state().config
    check_host(request, config)
    if not config.open_metrics:
        check_token(request, config)
    body, content_type = render()
    return body, 200, {"Content-Type": content_type, "Cache-Control": "no-store"}

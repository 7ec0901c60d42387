"""The HTTP API, version 1. Every response is JSON; every error has the shape in `errors.py`."""

from __future__ import annotations

import logging
from typing import Any

from flask import Blueprint, current_app, jsonify, request
from flask.typing import ResponseReturnValue
from marshmallow import Schema, ValidationError

from masthead.sdk.language import best_language
from masthead.sdk.page import PageTooComplex
from masthead.sdk.schemas import first_message

from . import __version__
from .analysis import run_analysis
from .cache import content_key
from .compiled_schema import compile_loader
from .errors import ApiError
from .feedback import FeedbackRequestSchema
from .metrics import metrics, observe_analysis
from .openapi import openapi_document
from .request_body import read_json_object
from .schemas import AnalyzeRequestSchema
from .security import check_host, check_token
from .state import ServerState, state
from .store import StoreError
from .webannotation import to_collection

log = logging.getLogger("masthead.api")

api = Blueprint("api", __name__, url_prefix="/api/v1")
_request_schema = AnalyzeRequestSchema()
# The request schema's checks, compiled (`compiled_schema.py`); None sends a body to `load`.
_fast_request = compile_loader(_request_schema)
_feedback_schema = FeedbackRequestSchema()
_OPEN_ENDPOINTS = {"api.health", "api.ready", "api.openapi"}
_FEEDBACK_BYTES = 16_000  # a finding reference and a note; nothing near a page


@api.before_request
def _guard() -> None:
    config = state().config
    check_host(request, config)
    # A CORS preflight carries no credentials (browsers never send them on it) and its answer
    # holds no data; demanding the token made the documented web-app setup impossible.
    if request.endpoint not in _OPEN_ENDPOINTS and request.method != "OPTIONS":
        check_token(request, config)


@api.after_request
def _no_store(response: Any) -> Any:
    response.headers["Cache-Control"] = "no-store"
    response.headers["X-Content-Type-Options"] = "nosniff"
    return response


@api.post("/analyze")
def analyze() -> ResponseReturnValue:
    st = state()
    config = st.config
    body = read_json_object(request, config.max_body_bytes, config.max_body_bytes)
    values = _fast_request(body) or _load(_request_schema, body)
    html: str = values["html"]
    if len(html) > config.max_html_chars:
        raise ApiError(
            413,
            "html_too_large",
            f"html is {len(html):,} characters, over the limit of {config.max_html_chars:,}",
            {"html": ["too large"]},
        )
    st.refresh_outlets()
    language = best_language(request.headers.get("Accept-Language"))
    key = None
    if st.cache.holds:
        key = content_key(values["url"], values["title"], html, st.cache_signature(), language)
    document = st.cache.get(key) if key is not None else None
    _count_lookup(st, document)
    if document is None:
        quarantined = st.quarantined()
        try:
            document = run_analysis(
                st.host,
                values["url"],
                html,
                values["title"],
                max_depth=config.max_depth,
                max_elements=config.max_elements,
                deadline_s=config.request_deadline,
                reader_language=language,
                remember=(
                    st.origins.remember
                    if st.origins is not None and config.origins.remember_analysed
                    else None
                ),
            )
        except PageTooComplex as exc:
            raise ApiError(422, "page_too_complex", str(exc), {exc.field: [str(exc)]}) from exc
        observe_analysis(document, st.quarantined() - quarantined)
        if key is not None:
            st.cache.put(key, document)
    else:
        document = {**document, "cached": True}
    if request.args.get("format") == "w3c":
        response = current_app.response_class(
            current_app.json.dumps(to_collection(document)),
            mimetype="application/ld+json",
        )
    else:
        response = jsonify(document)
    # The notices are worded in this language; the same page in another one is another answer.
    response.headers["Content-Language"] = language
    response.vary.add("Accept-Language")
    return response


@api.post("/feedback")
def feedback() -> ResponseReturnValue:
    """A reader's "This is wrong": kept here for the operator, never sent anywhere."""
    body = read_json_object(request, _FEEDBACK_BYTES, _FEEDBACK_BYTES)
    report = _load(_feedback_schema, body)
    try:
        stored = state().feedback().add(report)
    except StoreError as exc:
        log.warning("feedback report not kept: %s", exc)
        raise ApiError(
            503,
            "store_unavailable",
            "the server's store is unavailable: the report was not kept; send it again later",
            headers={"Retry-After": "30"},
        ) from exc
    return jsonify(stored), 201


def _load(schema: Schema, body: dict[str, Any]) -> dict[str, Any]:
    try:
        values: dict[str, Any] = schema.load(body)
    except ValidationError as exc:
        messages = exc.messages if isinstance(exc.messages, dict) else {"_body": exc.messages}
        raise ApiError(
            422, "invalid_field", f"invalid request: {first_message(messages)}", messages
        ) from exc
    return values


@api.get("/plugins")
def plugins() -> ResponseReturnValue:
    return jsonify({"plugins": state().plugin_list()})


@api.get("/health")
def health() -> ResponseReturnValue:
    host = state().host
    return jsonify({"status": "ok", "version": __version__, "plugins": len(host.active)})


@api.get("/ready")
def ready() -> ResponseReturnValue:
    """200 when the plugins have started and every configured store answers; else 503 naming
    each part that is down, so an orchestrator routes requests elsewhere meanwhile."""
    down = state().problems()
    if down:
        return jsonify({"status": "unavailable", "down": down}), 503
    return jsonify({"status": "ready"})


def _count_lookup(st: ServerState, document: dict[str, Any] | None) -> None:
    result = "hit" if document is not None else "miss"
    if document is None and not getattr(st.cache, "available", True):
        result = "unavailable"
    metrics().cache_lookups.labels(result).inc()


@api.get("/openapi.json")
def openapi() -> ResponseReturnValue:
    return jsonify(openapi_document())

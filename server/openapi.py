"""The OpenAPI document, generated from the marshmallow schemas the server validates with."""

from __future__ import annotations

from functools import cache
from typing import Any

from apispec import APISpec
from apispec.ext.marshmallow import MarshmallowPlugin

from masthead.sdk.schemas import AnnotationSchema

from . import __version__, schemas
from .feedback import FeedbackRequestSchema, FeedbackStoredSchema


def _json(schema: str) -> dict[str, Any]:
    return {"content": {"application/json": {"schema": schema}}}


_WHY = {
    400: "malformed JSON, gzip or HTTP, or a Host that is not one of this server's names",
    401: "the server has a token and the request did not send it",
    408: "the request did not arrive in full within the server's read_timeout",
    413: "the body (or the decompressed body, or the html) is over the server's limit",
    415: "not application/json, or a Content-Encoding other than gzip",
    422: "a missing, malformed or wrongly typed field; a page over the parse limits",
    503: "the store does not answer; try again after Retry-After seconds",
}
# Whoever may call the API: with a token set, `Authorization: Bearer <token>`; without one
# (a loopback server, the default) nothing. The empty requirement says the token is optional.
_MAYBE_TOKEN: list[dict[str, list[str]]] = [{"bearer": []}, {}]


def _errors(*statuses: int) -> dict[str, Any]:
    """Error responses in the one JSON shape: every request can meet 400 (Host, malformed HTTP)
    and 408 (read timeout), besides the statuses given."""
    return {
        str(s): {"description": _WHY[s], **_json("Error")} for s in sorted({400, 408, *statuses})
    }


@cache
def openapi_document() -> dict[str, Any]:
    spec = APISpec(
        title="Masthead",
        version=__version__,
        openapi_version="3.0.3",
        plugins=[MarshmallowPlugin()],
        info={
            "description": "Where an article really comes from: the Masthead server API. "
            "Every error is JSON of the `Error` shape, including 404 for an unknown path and "
            "405 (with `Allow`, the methods the path takes) for a method it does not take. "
            "A server with a token wants `Authorization: Bearer <token>` on every path except "
            "health, ready and this document; a server on loopback needs none by default."
        },
    )
    spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer"})
    for name, schema in {
        "Annotation": AnnotationSchema,
        "AnalyzeRequest": schemas.AnalyzeRequestSchema,
        "AnalyzeResponse": schemas.AnalyzeResponseSchema,
        "PluginList": schemas.PluginListSchema,
        "Health": schemas.HealthSchema,
        "Ready": schemas.ReadySchema,
        "Error": schemas.ErrorSchema,
        "FeedbackRequest": FeedbackRequestSchema,
        "FeedbackStored": FeedbackStoredSchema,
    }.items():
        spec.components.schema(name, schema=schema)
    spec.path(
        path="/api/v1/analyze",
        operations={
            "post": {
                "summary": "Run the plugins on a page",
                "description": "Body may be gzip-encoded (Content-Encoding: gzip). "
                "`?format=w3c` answers a W3C Web Annotation collection instead.",
                "security": _MAYBE_TOKEN,
                "parameters": [
                    {
                        "name": "Accept-Language",
                        "in": "header",
                        "required": False,
                        "schema": {"type": "string"},
                        "description": "The reader's languages; the findings are worded in the "
                        "first of en, de, fr, es it names (English otherwise). Answered in "
                        "Content-Language.",
                    }
                ],
                "requestBody": {"required": True, **_json("AnalyzeRequest")},
                "responses": {
                    "200": {"description": "findings", **_json("AnalyzeResponse")},
                    **_errors(400, 401, 413, 415, 422),
                },
            }
        },
    )
    spec.path(
        path="/api/v1/feedback",
        operations={
            "post": {
                "summary": "A reader reports a finding as wrong",
                "description": "Kept in the server's store for its operator "
                "(`masthead feedback list|export`), never forwarded. Names the finding and the "
                "page's address, with an optional note; no page text.",
                "security": _MAYBE_TOKEN,
                "requestBody": {"required": True, **_json("FeedbackRequest")},
                "responses": {
                    "201": {"description": "kept", **_json("FeedbackStored")},
                    **_errors(400, 401, 413, 415, 422, 503),
                },
            }
        },
    )
    spec.path(
        path="/api/v1/plugins",
        operations={
            "get": {
                "summary": "Installed plugins and their status",
                "security": _MAYBE_TOKEN,
                "responses": {
                    "200": {"description": "plugins", **_json("PluginList")},
                    **_errors(401),
                },
            }
        },
    )
    spec.path(
        path="/api/v1/health",
        operations={
            "get": {
                "summary": "Liveness",
                "responses": {"200": {"description": "up", **_json("Health")}, **_errors()},
            }
        },
    )
    spec.path(
        path="/api/v1/ready",
        operations={
            "get": {
                "summary": "Readiness: the plugins have started and every store answers",
                "responses": {
                    "200": {"description": "ready", **_json("Ready")},
                    "503": {"description": "a part is down, named in `down`", **_json("Ready")},
                    **_errors(),
                },
            }
        },
    )
    spec.path(
        path="/api/v1/openapi.json",
        operations={
            "get": {
                "summary": "This document",
                "responses": {
                    "200": {
                        "description": "OpenAPI 3 document",
                        "content": {"application/json": {"schema": {"type": "object"}}},
                    },
                    **_errors(),
                },
            }
        },
    )
    return spec.to_dict()

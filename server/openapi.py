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


def _errors(*statuses: int) -> dict[str, Any]:
    return {str(s): {"description": "error", **_json("Error")} for s in statuses}


@cache
def openapi_document() -> dict[str, Any]:
    spec = APISpec(
        title="Masthead",
        version=__version__,
        openapi_version="3.0.3",
        plugins=[MarshmallowPlugin()],
        info={"description": "Where an article really comes from: the Masthead server API."},
    )
    spec.components.security_scheme("bearer", {"type": "http", "scheme": "bearer"})
    for name, schema in {
        "Annotation": AnnotationSchema,
        "AnalyzeRequest": schemas.AnalyzeRequestSchema,
        "AnalyzeResponse": schemas.AnalyzeResponseSchema,
        "PluginList": schemas.PluginListSchema,
        "Health": schemas.HealthSchema,
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
                "security": [{"bearer": []}],
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
                "security": [{"bearer": []}],
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
                "security": [{"bearer": []}],
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
                "responses": {"200": {"description": "up", **_json("Health")}},
            }
        },
    )
    spec.path(
        path="/api/v1/openapi.json",
        operations={
            "get": {
                "summary": "This document",
                "responses": {"200": {"description": "OpenAPI 3 document"}},
            }
        },
    )
    return spec.to_dict()

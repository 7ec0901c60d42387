"""marshmallow schemas of the HTTP API's requests and responses, version 1.

The API validates requests with them and the OpenAPI document is generated from them. A plugin's
output shape, `AnnotationSchema`, is the SDK's (`masthead.sdk.schemas`); these nest it.
"""

from __future__ import annotations

import re
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate

from masthead.sdk.language import LANGUAGES
from masthead.sdk.schemas import AnnotationSchema, HttpUrl, valid_unicode

_LABEL = r"[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?"
# The URLs a client may send, as the OpenAPI document states them and the server enforces them:
# absolute http(s), an ASCII host (name, IPv4 or [IPv6]) and port, then anything printable.
# A browser's `location.href` always fits (it percent-encodes the rest); a URL with a user name
# and password in it does not.
REQUEST_URL_PATTERN = (
    r"^[Hh][Tt][Tt][Pp][Ss]?://"
    rf"(?:(?:{_LABEL}\.)+[A-Za-z0-9][A-Za-z0-9-]{{0,61}}[A-Za-z0-9]\.?|{_LABEL}\.?"
    r"|[0-9]{1,3}(?:\.[0-9]{1,3}){3}|\[[A-Fa-f0-9]*:[A-Fa-f0-9:]+\])"
    r"(?::[0-9]{1,5})?"
    r"(?:/|[/?#][!-~]+)?$"
)
_REQUEST_URL = re.compile(REQUEST_URL_PATTERN)


class RequestUrl(HttpUrl):
    """A page URL in a request: `HttpUrl`, narrowed to `REQUEST_URL_PATTERN` (documented)."""

    def __init__(self, max_length: int, **kwargs: Any) -> None:
        super().__init__(
            validate=[validate.Length(max=max_length), valid_unicode, _request_url],
            metadata={"pattern": REQUEST_URL_PATTERN},
            **kwargs,
        )


def _request_url(value: str) -> None:
    if not _REQUEST_URL.fullmatch(value):
        raise ValidationError(
            "must be an absolute http(s) URL with an ASCII host, without a user name, and "
            "nothing but printable ASCII after it (percent-encoded, as a browser sends it)"
        )


class AnalyzeRequestSchema(Schema):
    """What the extension sends: the page's URL, title and (trimmed) DOM."""

    url = RequestUrl(8192, required=True)
    html = fields.String(required=True, validate=valid_unicode)
    title = fields.String(
        load_default=None, allow_none=True, validate=[validate.Length(max=2000), valid_unicode]
    )


class PageFactsSchema(Schema):
    url = fields.String()
    hostname = fields.String()
    domain = fields.String(metadata={"description": "registrable domain (public suffix list)"})
    title = fields.String()
    lang = fields.String()
    canonical = fields.String()
    site_name = fields.String(metadata={"description": "og:site_name"})
    og = fields.Dict(keys=fields.String(), values=fields.String())
    jsonld_types = fields.List(fields.String())
    publisher = fields.String(metadata={"description": "JSON-LD publisher name"})
    cut = fields.List(
        fields.String(),
        metadata={"description": "what the page's views cut at a limit, or could not compute"},
    )


STATUSES = ("ok", "error", "timeout", "invalid", "skipped")


class PluginRunSchema(Schema):
    name = fields.String()
    version = fields.String()
    status = fields.String(validate=validate.OneOf(STATUSES))
    error = fields.String(allow_none=True)
    ms = fields.Float(metadata={"description": "time spent in this plugin's hooks"})


class AnalyzeResponseSchema(Schema):
    page = fields.Nested(PageFactsSchema)
    annotations = fields.List(fields.Nested(AnnotationSchema))
    plugins = fields.List(fields.Nested(PluginRunSchema))
    language = fields.String(
        validate=validate.OneOf(LANGUAGES),
        metadata={
            "description": "the language of the findings' titles and texts, chosen from "
            "the request's Accept-Language (English when it names none of these)"
        },
    )
    cached = fields.Boolean()
    ms = fields.Float(metadata={"description": "server time for the whole analysis"})


class PluginInfoSchema(Schema):
    name = fields.String()
    version = fields.String()
    hooks = fields.List(fields.String())
    status = fields.String(validate=validate.OneOf(("loaded", "failed", "disabled", "quarantined")))
    error = fields.String(allow_none=True)
    isolation = fields.String(
        validate=validate.OneOf(("thread", "process")),
        metadata={"description": "where its page hooks run: a process per call, or a thread"},
    )


class PluginListSchema(Schema):
    plugins = fields.List(fields.Nested(PluginInfoSchema))


class HealthSchema(Schema):
    status = fields.String()
    version = fields.String()
    plugins = fields.Integer()


class ReadySchema(Schema):
    status = fields.String(validate=validate.OneOf(("ready", "unavailable")))
    down = fields.Dict(
        keys=fields.String(), values=fields.String(), metadata={"description": "part → why"}
    )


class ErrorBodySchema(Schema):
    status = fields.Integer(required=True)
    code = fields.String(required=True)
    message = fields.String(required=True)
    fields_ = fields.Dict(
        data_key="fields",
        keys=fields.String(),
        required=True,
        metadata={"description": "field name → messages (nested for a nested field)"},
    )


class ErrorSchema(Schema):
    error = fields.Nested(ErrorBodySchema, required=True)

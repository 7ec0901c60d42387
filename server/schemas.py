"""marshmallow schemas of the HTTP API's requests and responses, version 1.

The API validates requests with them and the OpenAPI document is generated from them. A plugin's
output shape, `AnnotationSchema`, is the SDK's (`masthead.sdk.schemas`); these nest it.
"""

from __future__ import annotations

from marshmallow import Schema, fields, validate

from masthead.sdk.language import LANGUAGES
from masthead.sdk.schemas import AnnotationSchema, HttpUrl, valid_unicode


class AnalyzeRequestSchema(Schema):
    """What the extension sends: the page's URL, title and (trimmed) DOM."""

    url = HttpUrl(required=True, validate=[validate.Length(max=8192), valid_unicode])
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


class ErrorBodySchema(Schema):
    status = fields.Integer()
    code = fields.String()
    message = fields.String()
    fields_ = fields.Dict(data_key="fields", metadata={"description": "field name → messages"})


class ErrorSchema(Schema):
    error = fields.Nested(ErrorBodySchema)

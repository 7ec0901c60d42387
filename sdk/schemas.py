"""marshmallow schemas: the one definition of every shape that crosses the wire.

The server validates requests and plugin output with them, and the OpenAPI document is
generated from them, so the documentation cannot drift from what is enforced.
"""

from __future__ import annotations

import json
from typing import Any

from marshmallow import Schema, ValidationError, fields, validate, validates_schema

from .annotations import DISPLAYS, PRESENTATIONS, SEVERITIES

KIND_PATTERN = r"^[a-z][a-z0-9-]{0,63}$"
MAX_DATA_BYTES = 256_000
MAX_TITLE_CHARS = 300
MAX_TEXT_CHARS = 4000
MAX_LINKS = 20
SELECTOR_TYPES = {
    "MastheadIdSelector": {"value"},
    "CssSelector": {"value"},
    "TextQuoteSelector": {"exact"},
    "TextPositionSelector": {"start", "end"},
    "XPathSelector": {"value"},
}


def valid_unicode(value: str) -> None:
    """Reject lone surrogates, which JSON allows and every later step chokes on."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError as exc:
        raise ValidationError("is not valid Unicode text (lone surrogate)") from exc


class HttpUrl(fields.Url):
    """An absolute http(s) URL, hosts like `localhost` allowed."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(schemes={"http", "https"}, require_tld=False, **kwargs)


class LinkSchema(Schema):
    href = HttpUrl(required=True, validate=validate.Length(max=4096))
    label = fields.String(load_default="", validate=validate.Length(max=300))


def _check_selector(selector: dict[str, Any]) -> None:
    kind = selector.get("type")
    if kind not in SELECTOR_TYPES:
        raise ValidationError(f"unknown selector type {kind!r}")
    missing = SELECTOR_TYPES[kind] - selector.keys()
    if missing:
        raise ValidationError(f"{kind} needs {', '.join(sorted(missing))}")


class TargetSchema(Schema):
    selectors = fields.List(
        fields.Dict(validate=_check_selector),
        required=True,
        validate=validate.Length(min=1, max=8),
        metadata={"description": "W3C Web Annotation selectors, to try in order"},
    )


class AnnotationSchema(Schema):
    """One finding, as plugins return it and as the API sends it."""

    # Set by the host (a plugin's own values are discarded), so responses validate against this too.
    id = fields.String(load_default="", metadata={"example": "attribution/credit-line/0"})
    plugin = fields.String(load_default="")
    kind = fields.String(required=True, validate=validate.Regexp(KIND_PATTERN))
    display = fields.String(load_default="none", validate=validate.OneOf(DISPLAYS))
    severity = fields.String(load_default="info", validate=validate.OneOf(SEVERITIES))
    presentation = fields.String(
        load_default="info",
        validate=validate.OneOf(PRESENTATIONS),
        metadata={"description": "what the finding is for the reader; clients draw by it"},
    )
    title = fields.String(load_default="", validate=validate.Length(max=MAX_TITLE_CHARS))
    text = fields.String(load_default="", validate=validate.Length(max=MAX_TEXT_CHARS))
    confidence = fields.Float(load_default=1.0, validate=validate.Range(0.0, 1.0))
    links = fields.List(
        fields.Nested(LinkSchema), load_default=list, validate=validate.Length(max=MAX_LINKS)
    )
    target = fields.Nested(TargetSchema, allow_none=True, load_default=None)
    data = fields.Dict(keys=fields.String(), load_default=dict)

    @validates_schema
    def _data_is_json(self, values: dict[str, Any], **_: Any) -> None:
        try:
            size = len(json.dumps(values.get("data", {}), allow_nan=False))
        except (TypeError, ValueError) as exc:
            raise ValidationError(f"must be JSON-serialisable: {exc}", "data") from exc
        if size > MAX_DATA_BYTES:
            raise ValidationError(f"is {size} bytes, over {MAX_DATA_BYTES}", "data")


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
        metadata={
            "description": "where its page hooks run: a worker process per call, or a thread"
        },
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


def first_message(errors: Any) -> str:
    """The first message of a marshmallow error dict, for a one-line summary."""
    while isinstance(errors, dict) and errors:
        errors = next(iter(errors.values()))
    while isinstance(errors, list) and errors:
        errors = errors[0]
    return str(errors)

"""marshmallow schemas of what plugins hand the host: annotations, their targets and links.

The host validates plugin output with them, the HTTP API sends annotations in this shape, and the
OpenAPI document is generated from them, so the documentation cannot drift from what is
enforced. The API's own request and response shapes live with the server
(`masthead.server.schemas`).
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


def first_message(errors: Any) -> str:
    """The first message of a marshmallow error dict, for a one-line summary."""
    while isinstance(errors, dict) and errors:
        errors = next(iter(errors.values()))
    while isinstance(errors, list) and errors:
        errors = errors[0]
    return str(errors)

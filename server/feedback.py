"""Readers' "This is wrong" reports: what a report may say, validated; never forwarded.

A report names the finding (plugin, kind, id, title: what the server itself said), the page's
address and the reader's optional note. It carries no page text, so the schema has no field for
one and refuses unknown fields. Reports are kept in the server's store (`store/feedback.py`), so
every worker and host of a team server keeps them in one place.
"""

from __future__ import annotations

from typing import Any

from marshmallow import RAISE, Schema, fields, validate

from masthead.sdk.annotations import PRESENTATIONS
from masthead.sdk.schemas import KIND_PATTERN, valid_unicode

from .schemas import RequestUrl


def _text(max_length: int, **kwargs: Any) -> fields.String:
    return fields.String(
        validate=[validate.Length(min=1, max=max_length), valid_unicode],
        **kwargs,
    )


class FindingRefSchema(Schema):
    """Which finding the reader means: the server's own words about it, none of the page's."""

    class Meta:
        unknown = RAISE

    plugin = _text(100, required=True)
    kind = fields.String(required=True, validate=validate.Regexp(KIND_PATTERN))
    id = _text(200, load_default=None)
    title = _text(300, load_default=None)
    display = _text(20, load_default=None)
    presentation = fields.String(load_default=None, validate=validate.OneOf(PRESENTATIONS))


class FeedbackRequestSchema(Schema):
    class Meta:
        unknown = RAISE

    url = RequestUrl(4096, required=True)
    finding = fields.Nested(FindingRefSchema, required=True)
    note = fields.String(load_default="", validate=[validate.Length(max=1000), valid_unicode])


class FeedbackStoredSchema(Schema):
    id = fields.Integer(required=True)
    received_at = fields.String(required=True)

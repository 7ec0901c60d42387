"""Reading a request body within limits: size before and after gzip, UTF-8, JSON object."""

from __future__ import annotations

import json
import zlib
from typing import Any

import orjson
from flask import Request

from .errors import ApiError


def read_json_object(request: Request, max_bytes: int, max_decompressed: int) -> dict[str, Any]:
    if request.mimetype != "application/json":
        raise ApiError(
            415,
            "unsupported_media_type",
            "the request body must be JSON, sent with Content-Type: application/json",
        )
    length = request.content_length
    if length is not None and length > max_bytes:
        raise _too_large("request body", length, max_bytes)
    raw = request.stream.read(length) if length is not None else _read_within(request, max_bytes)
    encoding = request.headers.get("Content-Encoding", "identity").strip().lower()
    if encoding == "gzip":
        raw = _gunzip(raw, max_decompressed)
    elif encoding not in ("", "identity"):
        raise ApiError(415, "unsupported_encoding", f"Content-Encoding {encoding!r}: use gzip")
    body = _plain_object(raw)
    if body is not None:
        return body
    # Undecodable bytes become lone surrogates, which the schema then reports by field name.
    text = raw.decode("utf-8", "surrogateescape")
    try:
        body = json.loads(text)
    except RecursionError as exc:
        raise ApiError(
            400, "malformed_json", "the request body nests JSON too deeply to be a page request"
        ) from exc
    except ValueError as exc:
        raise ApiError(400, "malformed_json", f"the request body is not valid JSON: {exc}") from exc
    if not isinstance(body, dict):
        raise ApiError(422, "invalid_body", "the request body must be a JSON object")
    return body


def _plain_object(raw: bytes) -> dict[str, Any] | None:
    """The body as `json.loads` reads it, by orjson (twice as fast on a page), when that is
    certain to be the same answer: an object of strings, integers, booleans and nulls, as a page
    request is. Anything else is None and takes the `json` path, which words every error.

    orjson refuses what `json` reads differently (undecodable bytes and lone surrogates, which
    `json` turns into text the schema reports; NaN and 1e400; nesting past 1,024), so a refusal
    is no answer. Of what it accepts, only numbers can differ (an integer past 64 bits becomes
    a float), and a container nested below the top could be deeper than `json`'s recursion limit
    allows: a body holding a float, a list or an object is read again by `json`. Duplicate keys
    keep the last value in both."""
    try:
        body = orjson.loads(raw)
    except orjson.JSONDecodeError:
        return None
    if type(body) is not dict:
        return None
    for value in body.values():
        if type(value) not in _PLAIN:
            return None
    return body


_PLAIN = frozenset({str, int, bool, type(None)})


def _read_within(request: Request, max_bytes: int) -> bytes:
    """A body of unannounced length (chunked), read in pieces until it ends or passes the limit.

    One `read(max_bytes + 1)` would first allocate and zero a buffer of the whole limit (8 MiB
    by default), which cost a page request milliseconds; a `Content-Length` body is read at its
    own size for the same reason."""
    pieces: list[bytes] = []
    size = 0
    while size <= max_bytes:
        piece = request.stream.read(min(_PIECE, max_bytes + 1 - size))
        if not piece:
            break
        pieces.append(piece)
        size += len(piece)
    if size > max_bytes:
        raise _too_large("request body", None, max_bytes)
    return b"".join(pieces)


_PIECE = 64 * 1024


def _gunzip(raw: bytes, limit: int) -> bytes:
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        out = inflater.decompress(raw, limit + 1)
    except zlib.error as exc:
        raise ApiError(
            400, "malformed_gzip", f"the gzip body cannot be decompressed: {exc}"
        ) from exc
    if len(out) > limit or inflater.unconsumed_tail:
        raise _too_large("decompressed body", None, limit)
    if not inflater.eof:
        raise ApiError(400, "malformed_gzip", "the gzip body is truncated")
    return out


def _too_large(what: str, size: int | None, limit: int) -> ApiError:
    told = f" ({size:,} bytes)" if size is not None else ""
    return ApiError(413, "body_too_large", f"the {what}{told} is over the limit of {limit:,} bytes")

"""Reading a request body within limits: size before and after gzip, UTF-8, JSON object."""

from __future__ import annotations

import json
import zlib
from typing import Any

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

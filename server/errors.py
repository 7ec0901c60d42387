"""One JSON shape for every error the API returns, naming the field at fault."""

from __future__ import annotations

from typing import Any

from flask import Flask, jsonify
from flask.typing import ResponseReturnValue
from werkzeug.exceptions import HTTPException

from .redact import where


class RequestTimedOut(Exception):
    """The request body did not arrive in full within the read timeout (gunicorn's worker
    raises it from the socket; the app answers 408). Not an `OSError`, which werkzeug's stream
    would take for the client going away (400)."""


class ApiError(Exception):
    """An error the client can act on: status, a stable code, a message and the fields at fault."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        fields: dict[str, list[str]] | None = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message = status, code, message
        self.fields = fields or {}
        self.headers = headers or {}

    def to_dict(self) -> dict[str, Any]:
        """The error body, with every string made encodable: a field name can come from the
        client's JSON and hold lone surrogates, and the error about it must not fail in turn."""
        return {
            "error": {
                "status": self.status,
                "code": self.code,
                "message": printable(self.message),
                "fields": _printable_tree(self.fields),
            }
        }


def printable(text: str) -> str:
    """`text` with anything UTF-8 cannot encode (lone surrogates) spelled as `\\udcxx`."""
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _printable_tree(value: Any) -> Any:
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {printable(str(k)): _printable_tree(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_printable_tree(v) for v in value]
    return value


_HTTP_CODES = {
    404: "not_found",
    405: "method_not_allowed",
    413: "body_too_large",
    415: "unsupported_media_type",
}


def register_error_handlers(app: Flask) -> None:
    @app.errorhandler(ApiError)
    def _api_error(exc: ApiError) -> ResponseReturnValue:
        return jsonify(exc.to_dict()), exc.status, exc.headers

    @app.errorhandler(RequestTimedOut)
    def _timed_out(exc: RequestTimedOut) -> ResponseReturnValue:
        return _api_error(
            ApiError(408, "request_timeout", str(exc), headers={"Connection": "close"})
        )

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException) -> ResponseReturnValue:
        status = exc.code or 500
        code = _HTTP_CODES.get(status, "http_error")
        # Keep werkzeug's headers: a 405 must say which methods are allowed (`Allow`).
        headers = {k: v for k, v in exc.get_headers() if k.lower() != "content-type"}
        return _api_error(ApiError(status, code, exc.description or exc.name, headers=headers))

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception) -> ResponseReturnValue:
        # Not logger.exception: the exception's message and the traceback's lines can quote
        # the page. Its type and place are enough to find the bug.
        app.logger.error("unexpected error: %s", where(exc))
        return _api_error(ApiError(500, "internal_error", "the server failed; see its log"))

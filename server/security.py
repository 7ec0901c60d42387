"""Who may talk to the server: Host header checks against DNS rebinding, and the API token."""

from __future__ import annotations

import hmac

from flask import Request

from .config import Config, is_loopback
from .errors import ApiError


def check_host(request: Request, config: Config) -> None:
    """Refuse requests whose Host is not this server's name: a rebinding page names its own."""
    host = request.host.lower()
    name = host.rsplit(":", 1)[0] if not host.endswith("]") else host
    name = name.strip("[]")
    allowed = {h.lower() for h in config.allowed_hosts}
    if not config.is_loopback and config.host not in ("0.0.0.0", "::"):
        allowed.add(config.host.lower())
    if is_loopback(name) or name in allowed or "*" in allowed:
        return
    raise ApiError(
        400,
        "host_not_allowed",
        f"Host {request.host!r} is not one of this server's names; an operator can add it to "
        "allowed_hosts",
        {"Host": ["not allowed"]},
    )


def check_token(request: Request, config: Config) -> None:
    if not config.token:
        return
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not hmac.compare_digest(
        given.strip().encode(), config.token.encode()
    ):
        raise ApiError(
            401,
            "unauthorized",
            "this server needs its API token: Authorization: Bearer <token>",
            {"Authorization": ["missing or wrong token"]},
            {"WWW-Authenticate": 'Bearer realm="masthead"'},
        )

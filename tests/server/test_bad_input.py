"""Bad input against a real `masthead serve` process: each gets its documented error, and the
server keeps answering afterwards."""

from __future__ import annotations

import gzip
import json

import pytest

from support import http

TOKEN = "s3cret-token"


@pytest.fixture
def live(start_server):
    return start_server("--token", TOKEN)


def post(url: str, body, headers=None):
    headers = {
        "Authorization": f"Bearer {TOKEN}",
        "Content-Type": "application/json",
        **(headers or {}),
    }
    return http("POST", url + "/api/v1/analyze", body, headers)


GOOD = {"url": "https://example.com/a", "html": "<html><body><p>Hello there.</p></body></html>"}


def test_bad_inputs_get_documented_errors_and_server_stays_up(live):
    base = live.url
    cases = []

    def check(label, response, status, code, field=None):
        got_status, body, _ = response
        cases.append(label)
        assert got_status == status, (label, got_status, body)
        assert body["error"]["code"] == code, (label, body)
        assert body["error"]["status"] == status
        if field:
            assert field in body["error"]["fields"], (label, body)
        # the server still answers a good request after each bad one
        ok_status, ok, _ = post(base, GOOD)
        assert ok_status == 200, (label, ok)

    check(
        "malformed JSON", post(base, b'{"url": "https://a.com/", "html": '), 400, "malformed_json"
    )
    check("wrong types", post(base, {"url": 42, "html": ["x"]}), 422, "invalid_field", "html")
    check(
        "not an object",
        post(base, b"[1, 2]", {"Content-Type": "application/json"}),
        422,
        "invalid_body",
    )
    big = json.dumps({"url": "https://a.com/", "html": "x" * (20 * 1024 * 1024)})
    check(
        "20 MB body", post(base, big, {"Content-Type": "application/json"}), 413, "body_too_large"
    )
    bomb = gzip.compress(
        b'{"url": "https://a.com/", "html": "' + b"A" * (200 * 1024 * 1024) + b'"}'
    )
    assert len(bomb) < 1024 * 1024
    check(
        "gzip bomb",
        post(base, bomb, {"Content-Type": "application/json", "Content-Encoding": "gzip"}),
        413,
        "body_too_large",
    )
    check(
        "file:// URL",
        post(base, {"url": "file:///etc/passwd", "html": "<p>x</p>"}),
        422,
        "invalid_field",
        "url",
    )
    deep = "<html><body>" + "<div>" * 10_000 + "deep" + "</div>" * 10_000 + "</body></html>"
    check(
        "10,000-deep divs",
        post(base, {"url": "https://a.com/", "html": deep}),
        422,
        "page_too_complex",
        "html",
    )
    invalid_utf8 = b'{"url": "https://a.com/", "html": "<p>caf\xe9 \xff\xfe</p>"}'
    check(
        "invalid UTF-8 in html",
        post(base, invalid_utf8, {"Content-Type": "application/json"}),
        422,
        "invalid_field",
        "html",
    )
    check(
        "wrong token",
        http("POST", base + "/api/v1/analyze", GOOD, {"Authorization": "Bearer wrong"}),
        401,
        "unauthorized",
        "Authorization",
    )
    check("no token", http("POST", base + "/api/v1/analyze", GOOD), 401, "unauthorized")
    check(
        "foreign Host header",
        post(base, GOOD, {"Host": "attacker.example:7373"}),
        400,
        "host_not_allowed",
        "Host",
    )
    check(
        "cross-site form post (text/plain)",
        post(base, json.dumps(GOOD), {"Content-Type": "text/plain"}),
        415,
        "unsupported_media_type",
    )
    check(
        "unknown encoding",
        post(base, b"xx", {"Content-Type": "application/json", "Content-Encoding": "br"}),
        415,
        "unsupported_encoding",
    )
    check(
        "corrupt gzip",
        post(
            base,
            b"\x1f\x8b\x08garbage",
            {"Content-Type": "application/json", "Content-Encoding": "gzip"},
        ),
        400,
        "malformed_gzip",
    )
    assert live.alive()
    assert len(cases) == 14


def test_gzip_body_is_accepted(live):
    body = gzip.compress(json.dumps(GOOD).encode())
    status, document, _ = post(
        live.url, body, {"Content-Type": "application/json", "Content-Encoding": "gzip"}
    )
    assert status == 200, document
    assert document["page"]["domain"] == "example.com"


def test_health_needs_no_token_but_plugins_do(live):
    assert http("GET", live.url + "/api/v1/health")[0] == 200
    assert http("GET", live.url + "/api/v1/plugins")[0] == 401
    status, body, _ = http(
        "GET", live.url + "/api/v1/plugins", headers={"Authorization": f"Bearer {TOKEN}"}
    )
    assert status == 200 and {p["name"] for p in body["plugins"]} >= {"attribution", "promo"}


def test_page_content_is_never_logged(live):
    secret = "patient-record-4471-confidential"
    html = f"<html><body><p>{secret}</p><div>" + "<div>" * 300 + "</div></body></html>"
    post(live.url, {"url": "https://example.com/private", "html": html})
    post(live.url, {"url": "https://example.com/private", "html": "<p>" + secret})
    post(
        live.url,
        b'{"html": "' + secret.encode() + b'", "url": 7}',
        {"Content-Type": "application/json"},
    )
    live.process.terminate()
    live.process.wait(timeout=10)
    assert secret not in "".join(live.output)


def test_plugin_errors_quoting_the_page_are_not_logged(caplog):
    import logging

    from masthead.sdk import hookimpl
    from masthead.sdk.testing import analyze

    class Leaky:
        @hookimpl
        def masthead_detect(self, page):
            raise ValueError(f"cannot handle {page.text_of(page.body)}")

    with caplog.at_level(logging.DEBUG):
        result = analyze("<p>private-diagnosis-8812</p>", plugins=[Leaky()])
    assert "private-diagnosis-8812" in result.errors["Leaky"]  # the user sees it
    assert "private-diagnosis-8812" not in caplog.text  # the log does not
    assert "ValueError at" in caplog.text


def test_an_unexpected_server_error_does_not_log_its_message(caplog, tmp_path):
    """A bug outside the plugins (here a broken result cache) may raise with page text in its
    message; the log gets the exception's type and place only."""
    import logging

    from masthead.server.app import create_app
    from masthead.server.config import Config

    secret = "private-diagnosis-5521"
    app = create_app(Config(data_dir=tmp_path, plugins=("promo",)))

    def broken_put(key, value):
        raise RuntimeError(f"cannot cache {value} for {secret}")  # as a careless bug might

    app.extensions["masthead"].cache.put = broken_put
    with caplog.at_level(logging.DEBUG):
        response = app.test_client().post(
            "/api/v1/analyze",
            json={"url": "https://example.com/a", "html": f"<p>{secret}</p>"},
        )
    assert response.status_code == 500
    assert response.get_json()["error"]["code"] == "internal_error"
    assert "RuntimeError at" in caplog.text
    assert secret not in caplog.text

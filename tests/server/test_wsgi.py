"""The WSGI entry under a real gunicorn, configured only through the environment and a file."""

from __future__ import annotations

import os
import subprocess

import pytest

import support

TOKEN = "wsgi-test-token"


@pytest.fixture(scope="module")
def gunicorn(tmp_path_factory):
    server = support.start_gunicorn(
        data_dir=tmp_path_factory.mktemp("data"), env={"MASTHEAD_TOKEN": TOKEN}
    )
    yield server
    server.stop()


@pytest.mark.parametrize(
    ("headers", "status"),
    [
        ({}, 401),
        ({"Authorization": "Bearer not-the-token"}, 401),
        ({"Authorization": f"Bearer {TOKEN}"}, 200),
    ],
)
def test_the_token_from_the_environment_guards_the_api(gunicorn, headers, status):
    got, body, _ = support.http("GET", gunicorn.url + "/api/v1/plugins", headers=headers)
    assert got == status, body
    if status == 200:
        assert {p["name"] for p in body["plugins"]} >= {"attribution", "promo", "republication"}


def test_it_reports_what_serve_reports(gunicorn):
    output = "".join(gunicorn.output)
    assert "masthead: plugin promo" in output and "masthead: token required" in output


def _gunicorn_refuses(tmp_path, env: dict[str, str]) -> str:
    command = [
        str(support.MASTHEAD.with_name("gunicorn")),
        "-c",
        "python:masthead.server.gunicorn_conf",
        "--bind",
        "127.0.0.1:0",
        "masthead.server.wsgi:app",
    ]
    done = subprocess.run(
        command,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "XDG_DATA_HOME": str(tmp_path), **env},
    )
    assert done.returncode != 0
    return done.stdout + done.stderr


def test_a_config_off_loopback_without_a_token_refuses_to_start_with_the_reason(tmp_path):
    config = tmp_path / "masthead.toml"
    config.write_text('[server]\nhost = "0.0.0.0"\n')
    output = _gunicorn_refuses(tmp_path, {"MASTHEAD_CONFIG": str(config)})
    assert "refusing to listen on 0.0.0.0" in output and "Set an API token" in output


def test_no_token_and_no_word_that_it_is_loopback_only_refuses(tmp_path):
    output = _gunicorn_refuses(tmp_path, {})
    assert "refusing to start without an API token" in output
    assert "MASTHEAD_LOOPBACK_ONLY=1" in output


def test_an_unusable_config_gives_serves_message(tmp_path):
    config = tmp_path / "masthead.toml"
    config.write_text("[server]\nport = 99999\n")
    output = _gunicorn_refuses(tmp_path, {"MASTHEAD_CONFIG": str(config), "MASTHEAD_TOKEN": "t"})
    assert "port 99999 is not between 0 and 65535" in output
    served = subprocess.run(
        [str(support.MASTHEAD), "serve", "--config", str(config)],
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "XDG_DATA_HOME": str(tmp_path)},
    )
    assert "port 99999 is not between 0 and 65535" in served.stderr


def test_loopback_only_starts_without_a_token(tmp_path):
    server = support.start_gunicorn(data_dir=tmp_path, env={"MASTHEAD_LOOPBACK_ONLY": "1"})
    try:
        status, body, _ = support.http("GET", server.url + "/api/v1/plugins")
        assert status == 200, body
    finally:
        server.stop()


UNREACHABLE = "postgresql://masthead:pw-not-shown@127.0.0.1:1/masthead"


@pytest.mark.parametrize("origins", ["", "[origins]\nremember_analysed = true\n"])
def test_a_store_unreachable_at_start_up_is_served_around_and_named(tmp_path, origins):
    """With or without the origin index asked for: it serves, and /ready names the store."""
    config = tmp_path / "masthead.toml"
    config.write_text(origins)
    server = support.start_masthead(
        "--config", str(config), data_dir=tmp_path, env={"MASTHEAD_STORE_URL": UNREACHABLE}
    )
    try:
        status, body, _ = support.http("GET", server.url + "/api/v1/ready")
        assert status == 503 and "127.0.0.1:1" in body["down"]["store"], body
        page = {"url": "https://a.example/", "html": "<p>Still analysed.</p>"}
        assert support.http("POST", server.url + "/api/v1/analyze", page)[0] == 200
    finally:
        server.stop()
    output = "".join(server.output)
    assert "Traceback" not in output and "pw-not-shown" not in output, output

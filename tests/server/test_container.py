"""The container's start command and health check, run from this venv (no container runtime on
the test machines): the Dockerfile's CMD with real PostgreSQL and Redis, bound to loopback."""

from __future__ import annotations

import json
import os
import re
import shlex
import subprocess
import time

import pytest

import services
import support

DOCKERFILE = (support.ROOT / "Dockerfile").read_text(encoding="utf-8")
TOKEN = "container-token"


def instruction(name: str) -> str:
    """The text of a Dockerfile instruction, continuation lines joined."""
    joined = DOCKERFILE.replace("\\\n", " ")
    match = re.search(rf"^{name} (.+)$", joined, re.M)
    assert match, name
    return match.group(1)


def image_env() -> dict[str, str]:
    return {k: v for k, v in (p.split("=", 1) for p in shlex.split(instruction("ENV")))}


@pytest.fixture
def container(tmp_path, postgres_url, redis_url):
    port = services.free_port()
    command = json.loads(instruction("CMD"))
    assert "masthead.server.wsgi:app" in command[-1]
    command[-1] = command[-1].replace("0.0.0.0:7373", f"127.0.0.1:{port}")  # loopback in tests
    env = {
        **os.environ,
        **image_env(),
        "PATH": f"{support.MASTHEAD.parent}:{os.environ['PATH']}",
        "XDG_DATA_HOME": str(tmp_path),
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path / "metrics"),
        "MASTHEAD_TOKEN": TOKEN,
        "MASTHEAD_STORE_URL": postgres_url,
        "MASTHEAD_CACHE_URL": redis_url,
    }
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    server = support.RunningServer(f"http://127.0.0.1:{port}", process)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and process.poll() is None:
        try:
            if support.http("GET", server.url + "/api/v1/health", timeout=2)[0] == 200:
                break
        except OSError:
            time.sleep(0.3)
    yield server, port, env
    server.stop()


def test_the_image_command_serves_with_a_token_on_postgresql_and_redis(container):
    server, port, env = container
    assert support.http("GET", server.url + "/api/v1/plugins")[0] == 401
    auth = {"Authorization": f"Bearer {TOKEN}"}
    assert support.http("GET", server.url + "/api/v1/plugins", headers=auth)[0] == 200
    status, body, _ = support.http("GET", server.url + "/api/v1/ready")
    assert status == 200, body
    check = json.loads(instruction("HEALTHCHECK").split("CMD ", 1)[1])
    check = [part.replace("127.0.0.1:7373", f"127.0.0.1:{port}") for part in check]
    assert subprocess.run(check, env=env, timeout=30).returncode == 0
    assert re.search(r"^USER masthead$", DOCKERFILE, re.M)  # not root

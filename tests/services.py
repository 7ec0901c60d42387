"""Real PostgreSQL and Redis servers for the tests, on loopback only.

`.ci/run` starts one of each and exports `MASTHEAD_TEST_POSTGRES_URL` and
`MASTHEAD_TEST_REDIS_URL`; without them (a developer's machine) the fixtures start their own
temporary instances from Debian's `postgresql` and `redis-server` binaries. Tests that stop a
server always get one of their own. In CI (`CI=true`) a missing server fails the test instead
of skipping it, so a CI machine without them cannot pass by skipping.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pytest

POSTGRES_ENV = "MASTHEAD_TEST_POSTGRES_URL"
REDIS_ENV = "MASTHEAD_TEST_REDIS_URL"


def missing(what: str) -> None:
    """Skip on a developer's machine, fail in CI."""
    message = f"{what} is not installed (Debian: apt-get install postgresql redis-server)"
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(message)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _postgres_bin(name: str) -> str | None:
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    return found[-1] if found else shutil.which(name)


@dataclass
class Postgres:
    """A temporary PostgreSQL cluster: initdb into a temp dir, served on 127.0.0.1 only."""

    port: int = field(default_factory=free_port)
    folder: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="masthead-pg-")))

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _as_owner(self, *command: str) -> list[str]:
        """PostgreSQL refuses to run as root: run as `postgres`, which owns the folder."""
        if os.geteuid() != 0:
            return list(command)
        return ["runuser", "-u", "postgres", "--", *command]

    def start(self) -> Postgres:
        initdb, pg_ctl = _postgres_bin("initdb"), _postgres_bin("pg_ctl")
        if not initdb or not pg_ctl:
            missing("PostgreSQL")
        if os.geteuid() == 0:
            shutil.chown(self.folder, "postgres", "postgres")
        data = self.folder / "data"
        subprocess.run(
            self._as_owner(initdb, "-D", str(data), "-U", "postgres", "-A", "trust", "--no-sync"),
            check=True,
            capture_output=True,
        )
        return self.resume()

    def resume(self) -> Postgres:
        """Start the cluster (again), on its own port, loopback only, logging to its folder."""
        options = (
            f"-c listen_addresses=127.0.0.1 -p {self.port} -k {self.folder} "
            "-c fsync=off -c full_page_writes=off"
        )
        self.ctl("start", "-w", "-o", options, "-l", str(self.folder / "log"))
        return self

    def ctl(self, action: str, *args: str) -> None:
        pg_ctl = _postgres_bin("pg_ctl")
        assert pg_ctl
        subprocess.run(
            self._as_owner(pg_ctl, "-D", str(self.folder / "data"), *args, action),
            check=True,
            capture_output=True,
            timeout=60,
        )

    def stop(self) -> None:
        self.ctl("stop", "-m", "fast", "-w")

    def remove(self) -> None:
        with contextlib.suppress(subprocess.CalledProcessError):
            self.stop()
        shutil.rmtree(self.folder, ignore_errors=True)


def new_database(admin_url: str) -> str:
    """A fresh, empty database on the server at `admin_url`; its URL."""
    import psycopg

    name = f"masthead_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'CREATE DATABASE "{name}"')
    return admin_url.rsplit("/", 1)[0] + f"/{name}"


@dataclass
class Redis:
    """A temporary redis-server on 127.0.0.1 only, keeping nothing on disk."""

    port: int = field(default_factory=free_port)
    process: subprocess.Popen[bytes] | None = None

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> Redis:
        binary = shutil.which("redis-server")
        if not binary:
            missing("Redis")
        assert binary
        self.process = subprocess.Popen(
            [
                binary,
                "--bind",
                "127.0.0.1",
                "--port",
                str(self.port),
                "--save",
                "",
                "--appendonly",
                "no",
                "--protected-mode",
                "yes",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 15
        while time.monotonic() < deadline:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return self
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()

"""Where the shared corpus is, small loaders for it, and real servers, for tests and benchmarks.

The corpus lives beside the checkout (`../shared/`), never inside it: the pages belong to their
publishers. `MASTHEAD_SHARED` points elsewhere when needed.
"""

from __future__ import annotations

import gzip
import json
import os
import re
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
# The `masthead` command of the environment running the tests.
MASTHEAD = Path(sys.executable).with_name("masthead")
SHARED = Path(os.environ.get("MASTHEAD_SHARED", ROOT.parent / "shared"))
CORPUS = SHARED / "corpus"
DATA = SHARED / "data"
SEED_HTML = CORPUS / "seed" / "seed-article.html"
SEED_EXPECTED = CORPUS / "seed" / "seed-article.expected.json"


@dataclass
class RunningServer:
    """A server the tests started: its base URL, its process (None when in-process) and output."""

    url: str
    process: subprocess.Popen | None = None
    output: list[str] = field(default_factory=list)

    def alive(self) -> bool:
        return self.process is None or self.process.poll() is None

    def stop(self) -> None:
        if self.process is None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def start_masthead(
    *args: str,
    data_dir: Path,
    env: dict[str, str] | None = None,
    masthead: Path = MASTHEAD,
    timeout: float = 30,
) -> RunningServer:
    """A real `masthead serve` on a free loopback port (`--port 0`), once it says where it listens.

    Its output is kept in `output` (and drained, so the process never blocks on a full pipe).
    `masthead` may be another environment's command, e.g. a venv with extra plugins installed.
    """
    process = subprocess.Popen(
        [str(masthead), "serve", "--port", "0", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "XDG_DATA_HOME": str(data_dir), **(env or {})},
    )
    return _await_listening(process, r"listening on (http://\S+)", timeout, "masthead serve")


def _await_listening(
    process: subprocess.Popen, pattern: str, timeout: float, what: str
) -> RunningServer:
    """Read `process`'s output until a line gives its URL; keep draining it after that."""
    server = RunningServer("", process)
    assert process.stdout is not None
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            if process.poll() is not None:
                break
            continue
        server.output.append(line)
        match = re.search(pattern, line)
        if match:
            server.url = match.group(1)
            threading.Thread(
                target=lambda: server.output.extend(process.stdout), daemon=True
            ).start()
            return server
    server.stop()
    raise RuntimeError(f"{what} did not start:\n" + "".join(server.output))


def install_plugin(site: Path, name: str, source: str) -> Path:
    """A real installed plugin `name` in `site` (put it on PYTHONPATH): a module and its
    dist-info entry point, found by the server as any pip-installed plugin is."""
    module = "masthead_test_" + name.replace("-", "_")
    info = site / f"{module}-0.1.dist-info"
    info.mkdir(parents=True)
    (site / f"{module}.py").write_text(source)
    (info / "METADATA").write_text(f"Metadata-Version: 2.1\nName: {module}\nVersion: 0.1\n")
    (info / "entry_points.txt").write_text(f"[masthead]\n{name} = {module}\n")
    return site


SLEEPING_PLUGIN = """
import time

from masthead.sdk import hookimpl

@hookimpl
def masthead_detect(page):
    if {marker!r} in page.html:
        time.sleep({seconds!r})
    return []
"""


def install_sleeping_plugin(site: Path, name: str, marker: str, seconds: float) -> Path:
    """An installed plugin that sleeps `seconds` on pages whose HTML contains `marker`."""
    return install_plugin(site, name, SLEEPING_PLUGIN.format(marker=marker, seconds=seconds))


def seed() -> tuple[str, dict]:
    """The seed page's HTML and its labels."""
    return SEED_HTML.read_text(encoding="utf-8"), json.loads(SEED_EXPECTED.read_text())


def aeb_pages() -> Iterator[tuple[str, str, str, str]]:
    """(id, url, html, expected article body) for each Article Extraction Benchmark page."""
    truth = json.loads((CORPUS / "aeb" / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id in sorted(truth):
        path = CORPUS / "aeb" / "html" / f"{page_id}.html.gz"
        html = gzip.decompress(path.read_bytes()).decode("utf-8")
        yield page_id, truth[page_id].get("url", ""), html, truth[page_id]["articleBody"]


def republication_pages() -> Iterator[tuple[str, str, dict]]:
    """(file, html, label) for each labelled page of the republication corpus.

    A label has `republished`, `original_outlet`, `credit_text`, `kind`, `lang` and
    `url_if_known` (the page's own URL, when known).
    """
    folder = CORPUS / "republication"
    for label in json.loads((folder / "labels.json").read_text(encoding="utf-8")):
        html = (folder / label["file"]).read_text(encoding="utf-8", errors="replace")
        yield label["file"], html, label


def fundus_pages() -> Iterator[tuple[dict, str]]:
    """(label, html) for each labelled fundus page.

    A label has `file`, `publisher`, `country`, `url`, `title`, `authors`, `publishing_date`
    and `paragraphs` (see ../shared/corpus/README.md).
    """
    folder = CORPUS / "fundus"
    for label in json.loads((folder / "labels.json").read_text(encoding="utf-8")):
        html = gzip.decompress((folder / label["file"]).read_bytes()).decode("utf-8", "replace")
        yield label, html


def http(
    method: str,
    url: str,
    body: bytes | str | dict | None = None,
    headers: dict[str, str] | None = None,
    timeout: float = 30,
) -> tuple[int, dict, dict[str, str]]:
    """A plain HTTP request over a real socket: (status, JSON body or {}, headers)."""
    import http.client
    from urllib.parse import urlsplit

    parts = urlsplit(url)
    headers = dict(headers or {})
    if isinstance(body, dict):
        body = json.dumps(body)
        headers.setdefault("Content-Type", "application/json")
    if isinstance(body, str):
        body = body.encode("utf-8")
    connection = http.client.HTTPConnection(parts.hostname, parts.port, timeout=timeout)
    try:
        connection.putrequest(
            method,
            parts.path + (f"?{parts.query}" if parts.query else ""),
            skip_host="Host" in headers,
        )
        for name, value in headers.items():
            connection.putheader(name, value)
        if body is not None:
            connection.putheader("Content-Length", str(len(body)))
        connection.endheaders(body)
        response = connection.getresponse()
        raw = response.read()
        try:
            payload = json.loads(raw) if raw else {}
        except ValueError:
            payload = {"_raw": raw.decode("utf-8", "replace")}
        return response.status, payload, dict(response.getheaders())
    finally:
        connection.close()


def analyze_with_deadline(
    serve: Any, host: Any, deadline_s: float, html: str
) -> tuple[float, dict, dict[str, dict]]:
    """Serve `host` (with `serve`, the `serve_app` fixture) under `request_deadline`, POST one
    page and expect a 200: (seconds it took, the response, each plugin's run by name)."""
    from masthead.server import Config, create_app

    config = Config(cache_entries=0, request_deadline=deadline_s)
    server = serve(create_app(config, host=host.start()))
    started = time.monotonic()
    status, doc, _ = http(
        "POST", server.url + "/api/v1/analyze", {"url": "https://example.org/", "html": html}
    )
    seconds = time.monotonic() - started
    assert status == 200, doc
    return seconds, doc, {run["name"]: run for run in doc["plugins"]}


UNKNOWN_URL = "http://localhost/"


def saved_url(file: str, label: dict) -> str:
    """The URL a labelled republication page was saved from, for analysing it.

    The postlight/parser fixtures are named after the host they were saved from
    (`fortune.com.html`); where the label's `url_if_known` is on another site, it is the page's
    canonical rather than its own address, and the fixture's host is used instead. Pages with no
    known URL get a placeholder on no real site.
    """
    url = label.get("url_if_known") or UNKNOWN_URL + Path(file).name
    fixture = re.match(r"pages/postlight\+parser__fixtures__(.+)\.html$", file)
    if fixture:
        from masthead.sdk import same_site

        if not same_site(fixture.group(1), url):
            return f"https://{fixture.group(1)}/"
    return url


def start_gunicorn(
    *args: str, data_dir: Path, env: dict[str, str] | None = None, timeout: float = 30
) -> RunningServer:
    """A real gunicorn serving `masthead.server.wsgi:app` with Masthead's settings, on a free port.

    Started as an operator would (the Dockerfile's command), from this environment's gunicorn.
    """
    process = subprocess.Popen(
        [
            str(MASTHEAD.with_name("gunicorn")),
            "-c",
            "python:masthead.server.gunicorn_conf",
            "--bind",
            "127.0.0.1:0",
            *args,
            "masthead.server.wsgi:app",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "XDG_DATA_HOME": str(data_dir), **(env or {})},
    )
    return _await_listening(process, r"Listening at: (http://\S+)", timeout, "gunicorn")

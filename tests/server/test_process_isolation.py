"""Real installed third-party plugins that hang, spin, exhaust memory or call `os._exit`, under
a real `masthead serve` with the default `[plugins] isolation = "process"`: each is reported by
name within its budget, the built-ins' and the healthy plugin's results arrive, and nothing the
hostile ones started is left running."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

import support
from masthead.sdk import hookimpl
from masthead.sdk.page import Page
from masthead.server import processes
from masthead.server.host import PluginHost

pytestmark = pytest.mark.skipif(not processes.available(), reason="needs fork()")

HOSTILE = """
import os, time
from masthead.sdk import hookimpl

class Spinning:
    @hookimpl
    def masthead_detect(self, page):
        if "masthead-spin" in page.text:
            while True:
                pass
        return []

class Exiting:
    @hookimpl
    def masthead_detect(self, page):
        if "masthead-exit" in page.text:
            os._exit(3)
        return []

class Hogging:
    @hookimpl
    def masthead_detect(self, page):
        if "masthead-hog" in page.text:
            hoard = bytearray(2 << 30)  # 2 GiB
            return [{"kind": "hoard", "data": {"bytes": len(hoard)}}]
        return []

class Forking:
    @hookimpl
    def masthead_detect(self, page):
        if "masthead-fork" in page.text:
            if os.fork() == 0:
                while True:  # a grandchild that would spin on after its parent is killed
                    pass
            time.sleep(60)
        return []

class Tampering:
    @hookimpl
    def masthead_detect(self, page):
        for el in page.root.iter():
            if el.get("content") is not None:
                el.set("content", "Tampered News")
            if el.get("href"):
                el.set("href", "https://tampered.example/")
        return [{"kind": "tampered"}]

class Healthy:
    @hookimpl
    def masthead_detect(self, page):
        first = page.body.find(".//p")
        yield {"kind": "first-paragraph", "target": page.target(first),
               "data": {"domain": page.domain}}

spinning, exiting, hogging = Spinning(), Exiting(), Hogging()
forking, tampering, healthy = Forking(), Tampering(), Healthy()
"""
NAMES = ("spinning", "exiting", "hogging", "forking", "tampering", "healthy")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    folder = tmp_path_factory.mktemp("site")
    info = folder / "masthead_hostile_test-0.1.dist-info"
    info.mkdir()
    (folder / "masthead_hostile_test.py").write_text(HOSTILE)
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: masthead-hostile-test\nVersion: 0.1\n"
    )
    points = "".join(f"{name} = masthead_hostile_test:{name}\n" for name in NAMES)
    (info / "entry_points.txt").write_text("[masthead]\n" + points)
    config = folder / "masthead.toml"
    config.write_text(
        "[server]\nplugin_timeout = 1.5\nrequest_deadline = 10.0\ncache_entries = 0\n"
    )
    running = support.start_masthead(
        "--config",
        str(config),
        data_dir=folder / "data",
        env={"PYTHONPATH": str(folder)},
    )
    yield running
    running.stop()


def _page(marker: str) -> dict[str, str]:
    html = support.SEED_HTML.read_text(encoding="utf-8")
    return {
        "url": "https://www.example.com/news/story",
        "html": html.replace("<body", f"<body data-m='{marker}'", 1).replace(
            "</body>", f"<p>{marker}</p></body>", 1
        ),
    }


def _copies(pid: int) -> list[int]:
    """Other processes running the server's own command line: what it forked and left behind
    (children and grandchildren alike; the config path in it is this test's own)."""
    own = Path(f"/proc/{pid}/cmdline").read_bytes()
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit() and int(entry.name) != pid:
            try:
                if (entry / "cmdline").read_bytes() == own:
                    found.append(int(entry.name))
            except OSError:
                continue
    return found


def _analyze(server, marker: str) -> tuple[int, dict, float]:
    started = time.monotonic()
    status, document, _ = support.http("POST", server.url + "/api/v1/analyze", _page(marker))
    return status, document, time.monotonic() - started


def test_plugins_report_their_isolation(server):
    status, listing, _ = support.http("GET", server.url + "/api/v1/plugins")
    assert status == 200
    isolation = {p["name"]: p["isolation"] for p in listing["plugins"]}
    assert {isolation[name] for name in NAMES} == {"process"}
    assert isolation["attribution"] == isolation["promo"] == "thread"  # built-ins


@pytest.mark.parametrize(
    ("marker", "plugin", "status", "error"),
    [
        ("masthead-spin", "spinning", "timeout", "did not finish within 1.5 s"),
        ("masthead-exit", "exiting", "error", "exited with status 3"),
        ("masthead-hog", "hogging", "error", "MemoryError (over its memory limit of 512 MiB)"),
        ("masthead-fork", "forking", "timeout", "did not finish within 1.5 s"),
    ],
)
def test_a_hostile_plugin_costs_only_itself(server, marker, plugin, status, error):
    code, document, seconds = _analyze(server, marker)
    assert code == 200, document
    assert seconds < 1.5 + 6, seconds  # its budget, and the rest of the page's work
    runs = {run["name"]: run for run in document["plugins"]}
    assert runs[plugin]["status"] == status
    assert error in runs[plugin]["error"]
    kinds = {a["kind"] for a in document["annotations"]}
    assert {"first-paragraph", "republication", "site"} <= kinds
    assert all(runs[name]["status"] == "ok" for name in ("attribution", "promo", "healthy"))
    assert server.alive()
    assert support.http("GET", server.url + "/api/v1/health")[0] == 200
    # Nothing it started runs on: no child, no grandchild in the process groups it made.
    assert server.process is not None
    assert _copies(server.process.pid) == []


def test_tampering_in_a_worker_process_cannot_reach_other_plugins(server):
    code, document, _ = _analyze(server, "masthead-calm")
    assert code == 200
    texts = " ".join(a["title"] + a["text"] for a in document["annotations"])
    assert "Tampered News" not in texts and "tampered.example" not in str(document)
    assert {"tampered", "republication"} <= {a["kind"] for a in document["annotations"]}


class Spinner:
    @hookimpl
    def masthead_detect(self, page: Page) -> list[object]:
        while True:
            pass


def test_a_killed_call_lets_the_breaker_half_open():
    """With threads a spinning call keeps its breaker open until restart; its process is gone
    at the timeout, so after the cool-down it gets its trial call."""
    host = PluginHost(
        discover=False, isolation="process", timeout=0.3, max_timeouts=2, cooldown=0.5
    )
    host.register(Spinner(), "spinner")
    host.start()
    page = Page("<p>x</p>", "https://a.example/")
    for _ in range(2):
        assert host.analyze(page).runs["spinner"].status == "timeout"
    assert host.records["spinner"].status == "quarantined"
    assert host.analyze(page).runs.get("spinner") is None  # paused
    time.sleep(0.6)
    assert host.analyze(page).runs["spinner"].status == "timeout"  # the trial call ran
    assert os.waitpid(-1, os.WNOHANG) == (0, 0) if _has_children() else True


def _has_children() -> bool:
    try:
        os.waitpid(-1, os.WNOHANG)
    except ChildProcessError:
        return False
    return True


def test_the_request_deadline_cuts_a_process_call():
    host = PluginHost(discover=False, isolation="process", timeout=5.0)
    host.register(Spinner(), "spinner")
    host.start()
    started = time.monotonic()
    analysis = host.analyze(Page("<p>x</p>", "https://a.example/"), time.monotonic() + 0.5)
    assert time.monotonic() - started < 2.0
    run = analysis.runs["spinner"]
    assert (run.status, run.error) == (
        "timeout",
        "masthead_detect did not finish within the request deadline",
    )
    assert host.records["spinner"].breaker.overruns == 0

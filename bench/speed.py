"""The whole analysis beside trafilatura's extract, for a named checkout and this tree, in one run.

    .venv/bin/python bench/speed.py [--baseline dcb33b4] [--pages 60] [--no-throughput]
    .venv/bin/python bench/speed.py --pages 181          # every AEB page, as in issue 13

On the Article Extraction Benchmark pages, with the result cache off, it times
1. `POST /api/v1/analyze` over a real `masthead serve` (one kept-alive connection), without filter
   lists and with all four in `../shared/data/filter-lists`;
2. `Page(html, url)` plus `PluginHost.analyze` in a separate process, without and with the lists;
3. trafilatura's `extract(include_comments=False)` on the same page, in this process;
and prints medians and p95 beside trafilatura's as ratios, for the baseline checkout and for the
working tree, plus one `masthead serve`'s throughput with two clients and the cache defeated.

The machine is shared, so nothing here is an absolute figure: every page is measured by every
side in a shuffled order, one after another, and only same-run ratios are meant to be compared.
The baseline is `git archive REV` unpacked in a temporary folder and imported ahead of this tree
(its `masthead` package and parts shadow the editable install, and so do its own plugin entry
points, written from its pyproject.toml; the dependencies are this environment's). The
extension's cost to the page's own load event is measured by `bench/extension.py`.
"""

from __future__ import annotations

import argparse
import ast
import json
import os
import random
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from http.client import HTTPConnection, RemoteDisconnected
from pathlib import Path
from urllib.parse import urlsplit

from support import DATA, MASTHEAD, ROOT, RunningServer, aeb_pages, start_masthead

LISTS = DATA / "filter-lists"
LIST_MODES = {"no lists": [], "4 lists": [str(LISTS)]}
WARM_UP = 2
# The revision issue 13's figures are measured against ("today's main" when the work began).
BASELINE = "dcb33b4"
# Issue 13's goals, as ratios to trafilatura: median and p95 over HTTP, by list mode.
GOALS = {("http", "no lists"): (1.0, 1.5), ("http", "4 lists"): (1.2, 1.5)}
THROUGHPUT_GOAL = 2.0  # × the baseline's pages/s
# A busy shared machine took over 30 s to start a server.
STARTUP_S = 180.0


def selected_pages(count: int) -> list[tuple[str, str, str]]:
    """`count` AEB pages spread evenly over the benchmark, as (id, url, html)."""
    pages = [(page_id, url, html) for page_id, url, html, _ in aeb_pages()]
    if count >= len(pages):
        return pages
    step = len(pages) / count
    return [pages[int(i * step)] for i in range(count)]


# -- the worker: PluginHost.analyze in its own process, on whichever checkout it imports ---------
def worker(count: int) -> None:
    """Answer `index mode` lines on stdin with the milliseconds one in-process analysis took."""
    import masthead.server.host
    from masthead.sdk import Page, Settings
    from masthead.server.host import PluginHost

    print(f"worker imports {Path(masthead.server.host.__file__).parent.parent}", file=sys.stderr)
    pages = selected_pages(count)
    hosts = {
        mode: PluginHost(settings=Settings({"promo": {"filter_lists": lists}})).start()
        for mode, lists in LIST_MODES.items()
    }
    for host in hosts.values():
        unloaded = {r.name: r.error for r in host.records.values() if r.status != "loaded"}
        if unloaded:
            raise SystemExit(f"worker: plugins not loaded: {unloaded}")
    for line in sys.stdin:
        index, mode = line.split(" ", 1)
        _, url, html = pages[int(index)]
        host = hosts[mode.strip()]
        started = time.perf_counter()
        host.analyze(Page(html, url))
        print(f"{(time.perf_counter() - started) * 1000:.4f}", flush=True)


# -- the two sides -----------------------------------------------------------------------------
@dataclass
class Side:
    """One checkout under test: its servers (one per list mode) and its in-process worker."""

    label: str
    env: dict[str, str]
    command: Path
    servers: dict[str, RunningServer] = field(default_factory=dict)
    connections: dict[str, HTTPConnection] = field(default_factory=dict)
    process: subprocess.Popen[str] | None = None

    def start(self, folder: Path, count: int) -> None:
        for mode, lists in LIST_MODES.items():
            config = folder / f"{self.label}-{mode.replace(' ', '-')}.toml"
            config.write_text(
                "[server]\ncache_entries = 0\n\n[plugins.promo]\n"
                f"filter_lists = {json.dumps(lists)}\n"
            )
            self.servers[mode] = start_masthead(
                "--config",
                str(config),
                data_dir=folder,
                env=self.env,
                masthead=self.command,
                timeout=STARTUP_S,
            )
            self.connections[mode] = connect(self.servers[mode].url)
            check_plugins(self.label, self.servers[mode].url)
        self.process = subprocess.Popen(
            [sys.executable, __file__, "--worker", "--pages", str(count)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            env={**os.environ, **self.env},
        )

    def post(self, mode: str, body: bytes) -> float:
        try:
            return post(self.connections[mode], body)
        except (ConnectionError, RemoteDisconnected):
            # The server closed the kept-alive connection (its idle timeout): open another.
            self.connections[mode].close()
            self.connections[mode] = connect(self.servers[mode].url)
            return post(self.connections[mode], body)

    def analyze(self, mode: str, index: int) -> float:
        assert self.process and self.process.stdin and self.process.stdout
        self.process.stdin.write(f"{index} {mode}\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if not answer:
            raise RuntimeError(f"{self.label}: the in-process worker stopped")
        return float(answer)

    def stop(self) -> None:
        for connection in self.connections.values():
            connection.close()
        for server in self.servers.values():
            server.stop()
        if self.process:
            assert self.process.stdin
            self.process.stdin.close()
            self.process.wait(timeout=30)


def check_plugins(label: str, url: str) -> None:
    """Refuse to measure a server whose plugins did not all load: its figures would flatter it."""
    connection = connect(url)
    try:
        connection.request("GET", "/api/v1/plugins")
        plugins = json.loads(connection.getresponse().read())["plugins"]
    finally:
        connection.close()
    unloaded = {p["name"]: p["error"] for p in plugins if p["status"] != "loaded"}
    if unloaded or not plugins:
        raise RuntimeError(f"{label}: plugins not loaded: {unloaded or 'none found'}")


def connect(url: str) -> HTTPConnection:
    parts = urlsplit(url)
    return HTTPConnection(parts.hostname or "127.0.0.1", parts.port, timeout=60)


def post(connection: HTTPConnection, body: bytes) -> float:
    """Milliseconds from sending the request to having read the whole response."""
    started = time.perf_counter()
    connection.request("POST", "/api/v1/analyze", body, {"Content-Type": "application/json"})
    response = connection.getresponse()
    payload = response.read()
    elapsed = (time.perf_counter() - started) * 1000
    if response.status != 200:
        raise RuntimeError(f"analyze answered {response.status}: {payload[:300]!r}")
    return elapsed


def baseline_side(rev: str, folder: Path) -> Side:
    """`rev` unpacked from git and put ahead of this tree on the import path."""
    commit = git("rev-parse", "--short", rev)
    source = folder / "baseline"
    source.mkdir()
    archive = subprocess.run(
        ["git", "-C", str(ROOT), "archive", commit], check=True, capture_output=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
    shim = folder / "shim" / "masthead"
    shim.mkdir(parents=True)
    for package, part in package_folders(source / "setup.py").items():
        if "." in package:
            (shim / package.split(".", 1)[1]).symlink_to(source / part)
        else:  # `masthead` itself: its files, beside the links to its parts
            for file in (source / part).iterdir():
                (shim / file.name).symlink_to(file)
    write_distribution(source / "pyproject.toml", shim.parent)
    env = {"PYTHONPATH": str(shim.parent)}
    command = folder / "masthead-baseline"
    command.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m masthead.server.cli "$@"\n')
    command.chmod(0o755)
    return Side(f"{rev} ({commit})", env, command)


def write_distribution(pyproject: Path, folder: Path) -> None:
    """The checkout's own `masthead` distribution metadata, in `folder` (ahead on the path).

    Plugins are found through entry points, and an entry point names an object of its own
    revision (`promo = "masthead.plugins.promo:PromoPlugin"` today, the module in older ones):
    the environment's would not load in an older checkout. importlib.metadata takes the first
    distribution of a name on the path, so these shadow the environment's.
    """
    project = tomllib.loads(pyproject.read_text())["project"]
    info = folder / f"masthead-{project.get('version', '0')}.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: masthead\nVersion: {project.get('version', '0')}\n"
    )
    groups = project.get("entry-points", {})
    (info / "entry_points.txt").write_text(
        "".join(
            f"[{group}]\n" + "".join(f"{name} = {target}\n" for name, target in points.items())
            for group, points in groups.items()
        )
    )


def package_folders(setup_py: Path) -> dict[str, str]:
    """The checkout's `FOLDERS` map (import name to folder), read from its setup.py."""
    for node in ast.walk(ast.parse(setup_py.read_text())):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "FOLDERS" for t in node.targets
        ):
            return dict(ast.literal_eval(node.value))
    raise RuntimeError(f"no FOLDERS in {setup_py}")


def git(*args: str) -> str:
    return subprocess.run(
        ["git", "-C", str(ROOT), *args], check=True, capture_output=True, text=True
    ).stdout.strip()


def current_side() -> Side:
    dirty = "+changes" if git("status", "--porcelain", "--untracked-files=no") else ""
    return Side(f"this tree ({git('rev-parse', '--short', 'HEAD')}{dirty})", {}, MASTHEAD)


# -- measuring ---------------------------------------------------------------------------------
def measure(
    sides: list[Side], pages: list[tuple[str, str, str]]
) -> dict[tuple[str, str, str], list[float]]:
    """Every page through every path of every side, in a shuffled order, plus trafilatura."""
    import trafilatura

    samples: dict[tuple[str, str, str], list[float]] = {}
    shuffle = random.Random(13)
    for index, (_, url, html) in enumerate(pages):
        body = json.dumps({"url": url, "html": html}).encode("utf-8")
        jobs: list[tuple[tuple[str, str, str], Callable[[], float]]] = []
        for side in sides:
            for mode in LIST_MODES:
                jobs.append(
                    ((side.label, "http", mode), lambda s=side, m=mode, b=body: s.post(m, b))
                )
                jobs.append(
                    ((side.label, "host", mode), lambda s=side, m=mode, i=index: s.analyze(m, i))
                )
        jobs.append((("trafilatura", "", ""), lambda h=html: extract_ms(trafilatura, h)))
        shuffle.shuffle(jobs)
        for key, job in jobs:
            value = job()
            if index >= WARM_UP or len(pages) <= WARM_UP:
                samples.setdefault(key, []).append(value)
    return samples


def extract_ms(trafilatura: object, html: str) -> float:
    started = time.perf_counter()
    trafilatura.extract(html, include_comments=False)  # type: ignore[attr-defined]
    return (time.perf_counter() - started) * 1000


def throughput(sides: list[Side], pages: list[tuple[str, str, str]], clients: int) -> list[float]:
    """Pages per second through each side's `masthead serve`, cache off, `clients` at once.

    The sides take turns in the order A B B A, so a slow spell on the shared machine falls on both.
    """
    bodies = [json.dumps({"url": url, "html": html}).encode() for _, url, html in pages]
    seconds = [0.0] * len(sides)
    for order in (range(len(sides)), reversed(range(len(sides)))):
        for i in order:
            seconds[i] += run_clients(sides[i].servers["no lists"].url, bodies, clients)
    return [2 * len(bodies) / s for s in seconds]


def run_clients(url: str, bodies: list[bytes], clients: int) -> float:
    queue: Iterator[bytes] = iter(bodies)
    lock = threading.Lock()

    def client() -> None:
        connection = connect(url)
        try:
            while True:
                with lock:
                    body = next(queue, None)
                if body is None:
                    return
                post(connection, body)
        finally:
            connection.close()

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return time.perf_counter() - started


# -- reporting ---------------------------------------------------------------------------------
def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1] if len(values) > 1 else values[0]


def report(sides: list[Side], samples: dict[tuple[str, str, str], list[float]], count: int) -> None:
    traf = samples[("trafilatura", "", "")]
    t_median, t_p95 = statistics.median(traf), p95(traf)
    print(f"\n{len(traf)} AEB pages (of {count} measured; {WARM_UP} warm-up), cache off\n")
    header = (
        f"{'path':<34}{'checkout':<28}{'median':>8}{'p95':>8}{'×traf':>7}{'p95×traf':>9}"
        f"{'goal':>19}"
    )
    print(header)
    print("-" * len(header))
    print(f"{'trafilatura.extract (in process)':<34}{'':<28}{t_median:>8.1f}{t_p95:>8.1f}")
    paths = [("http", "POST /api/v1/analyze"), ("host", "PluginHost.analyze")]
    for path, path_label in paths:
        for mode in LIST_MODES:
            for n, side in enumerate(sides):
                values = samples[(side.label, path, mode)]
                median, tail = statistics.median(values), p95(values)
                label = f"{path_label}, {mode}" if n == 0 else ""
                goal = GOALS.get((path, mode))
                verdict = ""
                if goal is not None and n == len(sides) - 1:
                    met = median / t_median <= goal[0] and tail / t_p95 <= goal[1]
                    verdict = f"≤{goal[0]:.1f}/≤{goal[1]:.1f} {'met' if met else 'not met'}"
                print(
                    f"{label:<34}{side.label[:27]:<28}{median:>8.1f}{tail:>8.1f}"
                    f"{median / t_median:>7.2f}{tail / t_p95:>9.2f}{verdict:>19}"
                )
    print(
        "(ms; ×traf: the median over trafilatura's median, p95×traf: p95 over its p95;"
        " goal: issue 13's, for this tree)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--baseline",
        default=BASELINE,
        help=f"git revision to compare with [{BASELINE}: main when issue 13's work began]",
    )
    parser.add_argument("--pages", type=int, default=60, help="AEB pages, spread evenly [60]")
    parser.add_argument("--clients", type=int, default=2, help="throughput clients [2]")
    parser.add_argument("--no-throughput", action="store_true")
    parser.add_argument("--worker", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.pages)
        return
    pages = selected_pages(args.pages)
    with tempfile.TemporaryDirectory(prefix="masthead-speed-") as name:
        folder = Path(name)
        sides = [baseline_side(args.baseline, folder), current_side()]
        try:
            for side in sides:
                side.start(folder, args.pages)
            samples = measure(sides, pages)
            report(sides, samples, len(pages))
            if not args.no_throughput:
                rates = throughput(sides, pages, args.clients)
                print(
                    f"\nThroughput, one `masthead serve` (no lists, cache off), {args.clients}"
                    f" clients, {len(pages)} pages twice each\n"
                )
                for side, rate in zip(sides, rates, strict=True):
                    print(f"{side.label[:27]:<28}{rate:>8.1f} pages/s{rate / rates[0]:>8.2f}×")
                print(f"(goal: ≥{THROUGHPUT_GOAL:g}× the baseline's pages/s)")
        finally:
            for side in sides:
                side.stop()


if __name__ == "__main__":
    main()

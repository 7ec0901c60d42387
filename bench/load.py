"""Load on a real `masthead serve`: pages/s, latency percentiles, errors and RSS per worker.

    .venv/bin/python bench/load.py [--duration 60] [--clients 1,4,16] [--workers 1,2]
                                   [--overload 2] [--rate PAGES_PER_S]

Bounded and loopback-only: the server listens on 127.0.0.1, each cell runs `--duration`
seconds (at most 300), over a mix of Article Extraction Benchmark pages with all four filter
lists loaded. Every request carries a unique comment, so the result cache never hits.

- Closed loop, at each `--clients` count: each client sends its next page when the last one is
  answered. The `× 1 worker` column compares a row with one worker at the same clients.
- Open loop, once per worker count: pages arrive on a fixed schedule at `--overload` times the
  rated rate (the best closed-loop pages/s of that worker count, or `--rate`), whether or not
  earlier ones were answered, from at most 64 connections at once. Latency is counted from each
  page's scheduled time, so waiting behind a slow server counts; a page due while all 64 are
  busy is not sent and is counted as `unsent`.

Each row also shows the machine's 1-minute load average at its end (`os.getloadavg`): on a
shared machine, other work moves these figures.
"""

from __future__ import annotations

import argparse
import itertools
import os
import statistics
import tempfile
import threading
import time
from pathlib import Path

from support import DATA, aeb_pages, http, start_masthead

MAX_DURATION = 300.0
MAX_CLIENTS = 64


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        text = (task / "children").read_text().split()
        found += [int(p) for p in text]
    return found


def worker_rss(pid: int) -> list[float]:
    """The serving processes' RSS: gunicorn's workers, or the one waitress process."""
    kids = children(pid)
    return [rss_mb(p) for p in kids] if kids else [rss_mb(pid)]


def post(url: str, pages: list[tuple[str, str]], number: int) -> int:
    """Send page `number` of the mix, made unique so the cache cannot answer; its status."""
    page_url, html = pages[number % len(pages)]
    body = {"url": page_url, "html": html + f"<!-- load {number} {time.time_ns()} -->"}
    try:
        status, _, _ = http("POST", url + "/api/v1/analyze", body, timeout=60)
    except OSError:
        status = 0
    return status


class Tally:
    """Answers of one row, from any number of client threads."""

    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.errors = 0
        self._lock = threading.Lock()

    def add(self, status: int, since: float) -> None:
        """One answer: its status and the `time.perf_counter()` its latency counts from."""
        elapsed = (time.perf_counter() - since) * 1000
        with self._lock:
            if status == 200:
                self.latencies.append(elapsed)
            else:
                self.errors += 1

    def summary(self, wall: float) -> dict:
        done = self.latencies
        cuts = statistics.quantiles(done, n=100) if len(done) > 1 else [0.0] * 99
        return {
            "pages_s": len(done) / wall,
            "p50": statistics.median(done) if done else 0.0,
            "p95": cuts[94],
            "p99": cuts[98],
            "errors": self.errors,
            "done": len(done),
            "load": os.getloadavg()[0],
        }


def run_open(url: str, pages: list[tuple[str, str]], rate: float, duration: float) -> dict:
    """Pages on a fixed schedule at `rate` a second for `duration` s (open loop)."""
    tally, unsent = Tally(), 0
    free = threading.BoundedSemaphore(MAX_CLIENTS)

    def send(number: int, due: float) -> None:
        try:
            tally.add(post(url, pages, number), due)
        finally:
            free.release()

    threads = []
    started = time.perf_counter()
    for number in range(int(rate * duration)):
        due = started + number / rate
        time.sleep(max(0.0, due - time.perf_counter()))
        if not free.acquire(blocking=False):
            unsent += 1
            continue
        thread = threading.Thread(target=send, args=(number, due))
        thread.start()
        threads.append(thread)
    for thread in threads:
        thread.join()
    cell = tally.summary(time.perf_counter() - started)
    cell.update(offered=rate, unsent=unsent)
    return cell


def run_cell(url: str, pages: list[tuple[str, str]], clients: int, duration: float) -> dict:
    """`clients` closed-loop clients for `duration` s."""
    tally = Tally()
    stop_at = time.monotonic() + duration
    numbers = itertools.count()

    def client() -> None:
        while time.monotonic() < stop_at:
            started = time.perf_counter()
            tally.add(post(url, pages, next(numbers)), started)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return tally.summary(time.monotonic() - started)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=float, default=60.0, help="seconds per cell")
    parser.add_argument("--clients", default="1,4,16")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--pages", type=int, default=40, help="AEB pages in the mix")
    parser.add_argument(
        "--overload", type=float, default=2.0, help="open-loop rate, × the rated rate (0: none)"
    )
    parser.add_argument(
        "--rate", type=float, default=None, help="rated pages/s (default: best closed-loop)"
    )
    args = parser.parse_args()
    duration = min(args.duration, MAX_DURATION)
    client_counts = [min(int(c), MAX_CLIENTS) for c in args.clients.split(",")]
    worker_counts = [int(w) for w in args.workers.split(",")]
    pages = [(u or "https://aeb.example/", h) for _, u, h, _ in aeb_pages()][: args.pages]
    lists = DATA / "filter-lists"
    rows, open_rows = [], []
    for workers in worker_counts:
        folder = tempfile.TemporaryDirectory()
        config = Path(folder.name) / "masthead.toml"
        config.write_text(
            "[server]\ncache_entries = 0\nthreads = 8\n"
            f'[plugins.promo]\nfilter_lists = ["{lists}"]\n'
        )
        server = start_masthead(
            "--workers", str(workers), "--config", str(config), data_dir=Path(folder.name)
        )
        try:
            assert server.process is not None
            run_cell(server.url, pages, 2, min(5.0, duration))  # warm-up: lazy tables, pools
            for clients in client_counts:
                cell = run_cell(server.url, pages, clients, duration)
                cell["rss"] = worker_rss(server.process.pid)
                rows.append((workers, clients, cell))
            if args.overload > 0:
                rated = args.rate or max(c["pages_s"] for w, _, c in rows if w == workers)
                cell = run_open(server.url, pages, args.overload * rated, duration)
                cell["rss"], cell["rated"] = worker_rss(server.process.pid), rated
                open_rows.append((workers, cell))
        finally:
            server.stop()
            folder.cleanup()
    print(
        f"{len(pages)} AEB pages, {duration:g} s per row, cache defeated, four filter lists, "
        f"loopback, {os.cpu_count()} cores\n"
    )
    print_closed(rows)
    if open_rows:
        print(f"\nopen loop at {args.overload:g}× the rated rate\n")
        print_open(open_rows)


def print_closed(rows: list[tuple[int, int, dict]]) -> None:
    single = {clients: cell["pages_s"] for workers, clients, cell in rows if workers == 1}
    print(
        f"{'workers':>7} {'clients':>7} {'pages/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'p99 ms':>8} {'p99/p50':>7} {'errors':>6} {'RSS MB per worker':>18} "
        f"{'× 1 worker':>10} {'load':>5}"
    )
    for workers, clients, cell in rows:
        ratio = cell["pages_s"] / single[clients] if single.get(clients) else float("nan")
        print(
            f"{workers:7d} {clients:7d} {cell['pages_s']:8.1f} {latencies(cell)} "
            f"{cell['errors']:6d} {rss(cell):>18} {ratio:10.2f} {cell['load']:5.1f}"
        )


def print_open(rows: list[tuple[int, dict]]) -> None:
    print(
        f"{'workers':>7} {'rated/s':>7} {'sent/s':>7} {'pages/s':>8} {'p50 ms':>8} "
        f"{'p95 ms':>8} {'p99 ms':>8} {'p99/p50':>7} {'errors':>6} {'unsent':>6} "
        f"{'RSS MB per worker':>18} {'load':>5}"
    )
    for workers, cell in rows:
        print(
            f"{workers:7d} {cell['rated']:7.1f} {cell['offered']:7.1f} {cell['pages_s']:8.1f} "
            f"{latencies(cell)} {cell['errors']:6d} {cell['unsent']:6d} {rss(cell):>18} "
            f"{cell['load']:5.1f}"
        )


def latencies(cell: dict) -> str:
    p99_p50 = cell["p99"] / cell["p50"] if cell["p50"] else float("nan")
    return f"{cell['p50']:8.1f} {cell['p95']:8.1f} {cell['p99']:8.1f} {p99_p50:7.2f}"


def rss(cell: dict) -> str:
    return "/".join(f"{r:.0f}" for r in cell["rss"])


if __name__ == "__main__":
    main()

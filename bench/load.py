"""Load on a real `masthead serve`: pages/s, latency percentiles, errors and RSS per worker.

    .venv/bin/python bench/load.py [--duration 60] [--clients 1,4,16] [--workers 1,2]

Bounded and loopback-only: the server listens on 127.0.0.1, each cell runs `--duration`
seconds (at most 300) with closed-loop clients (each sends its next page when the last one is
answered), over a mix of Article Extraction Benchmark pages with all four filter lists loaded.
Every request carries a unique comment, so the result cache never hits. The last column
compares each row with one worker at the same number of clients.
"""

from __future__ import annotations

import argparse
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


def run_cell(url: str, pages: list[tuple[str, str]], clients: int, duration: float) -> dict:
    latencies: list[float] = []
    errors = [0]
    lock = threading.Lock()
    stop_at = time.monotonic() + duration
    counter = [0]

    def client(number: int) -> None:
        i = number
        while time.monotonic() < stop_at:
            page_url, html = pages[i % len(pages)]
            with lock:
                counter[0] += 1
                unique = counter[0]
            body = {"url": page_url, "html": html + f"<!-- load {unique} -->"}
            started = time.perf_counter()
            try:
                status, _, _ = http("POST", url + "/api/v1/analyze", body, timeout=60)
            except OSError:
                status = 0
            elapsed = (time.perf_counter() - started) * 1000
            with lock:
                if status == 200:
                    latencies.append(elapsed)
                else:
                    errors[0] += 1
            i += clients

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    wall = time.monotonic() - started
    cuts = statistics.quantiles(latencies, n=100) if len(latencies) > 1 else [0.0] * 99
    return {
        "pages_s": len(latencies) / wall,
        "p50": statistics.median(latencies) if latencies else 0.0,
        "p95": cuts[94],
        "p99": cuts[98],
        "errors": errors[0],
        "done": len(latencies),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--duration", type=float, default=60.0, help="seconds per cell")
    parser.add_argument("--clients", default="1,4,16")
    parser.add_argument("--workers", default="1,2")
    parser.add_argument("--pages", type=int, default=40, help="AEB pages in the mix")
    args = parser.parse_args()
    duration = min(args.duration, MAX_DURATION)
    client_counts = [min(int(c), MAX_CLIENTS) for c in args.clients.split(",")]
    worker_counts = [int(w) for w in args.workers.split(",")]
    pages = [(u or "https://aeb.example/", h) for _, u, h, _ in aeb_pages()][: args.pages]
    lists = DATA / "filter-lists"
    rows = []
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
            run_cell(server.url, pages, 2, min(5.0, duration))  # warm-up: lazy tables, pools
            for clients in client_counts:
                cell = run_cell(server.url, pages, clients, duration)
                assert server.process is not None
                cell["rss"] = worker_rss(server.process.pid)
                rows.append((workers, clients, cell))
        finally:
            server.stop()
            folder.cleanup()
    single = {clients: cell["pages_s"] for workers, clients, cell in rows if workers == 1}
    print(
        f"{len(pages)} AEB pages, {duration:g} s per row, cache defeated, four filter lists, "
        "loopback\n"
    )
    print(
        f"{'workers':>7} {'clients':>7} {'pages/s':>8} {'p50 ms':>8} {'p95 ms':>8} "
        f"{'p99 ms':>8} {'p99/p50':>7} {'errors':>6} {'RSS MB per worker':>20} {'× 1 worker':>10}"
    )
    for workers, clients, cell in rows:
        rss = "/".join(f"{r:.0f}" for r in cell["rss"])
        ratio = cell["pages_s"] / single[clients] if single.get(clients) else float("nan")
        p99_p50 = cell["p99"] / cell["p50"] if cell["p50"] else float("nan")
        print(
            f"{workers:7d} {clients:7d} {cell['pages_s']:8.1f} {cell['p50']:8.1f} "
            f"{cell['p95']:8.1f} {cell['p99']:8.1f} {p99_p50:7.2f} {cell['errors']:6d} "
            f"{rss:>20} {ratio:10.2f}"
        )


if __name__ == "__main__":
    main()

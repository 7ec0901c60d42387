"""Latency of `POST /api/v1/analyze` on the seed page, over a real `masthead serve` process.

    .venv/bin/python bench/server.py [--runs 50]

Cold requests change one comment in the page so the result cache misses; cached requests repeat
the same body. For scale, the table puts trafilatura's `extract` (one extractor, in process, no
HTTP) beside them as a peer, with each row's ratio to it.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from pathlib import Path

from support import SEED_HTML, http, start_masthead

URL = "https://21stcenturywire.com/2023/05/12/can-china-rebuff-natos-courtship-of-japan/"


def timed(fn, runs: int) -> list[float]:
    samples = []
    for i in range(runs):
        started = time.perf_counter()
        fn(i)
        samples.append((time.perf_counter() - started) * 1000)
    return samples


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=50)
    runs = parser.parse_args().runs
    html = SEED_HTML.read_text(encoding="utf-8")
    folder = tempfile.TemporaryDirectory()
    masthead = start_masthead(data_dir=Path(folder.name))
    base = masthead.url
    try:

        def post(i: int, vary: bool) -> None:
            body = html + (f"<!-- {i} -->" if vary else "")
            status, doc, _ = http("POST", base + "/api/v1/analyze", {"url": URL, "html": body})
            assert status == 200, doc

        post(-1, True)  # warm-up: first-request imports and lazy tables
        cold = timed(lambda i: post(i, True), runs)
        cached = timed(lambda i: post(i, False), runs)
    finally:
        masthead.stop()
        folder.cleanup()
    rows = [("masthead POST /analyze, cold", cold), ("masthead POST /analyze, cached", cached)]
    try:
        import trafilatura

        rows.append(
            (
                "trafilatura.extract (in process)",
                timed(lambda i: trafilatura.extract(html, include_comments=False), runs),
            )
        )
    except ImportError:
        print("(trafilatura not installed: pip install -e '.[bench]')")
    reference = statistics.median(rows[-1][1])
    print(f"seed page, {runs} runs each\n")
    print(f"{'':36} {'median ms':>10} {'p95 ms':>8} {'× last row':>11}")
    for label, samples in rows:
        median = statistics.median(samples)
        p95 = statistics.quantiles(samples, n=20)[-1]
        print(f"{label:36} {median:10.2f} {p95:8.2f} {median / reference:11.2f}")


if __name__ == "__main__":
    main()

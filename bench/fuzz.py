"""A long fuzz run: hostile pages and bodies through the real app, judged like the property suite.

    .venv/bin/python bench/fuzz.py --seconds 600          # as many executions as fit
    .venv/bin/python bench/fuzz.py --executions 1000000   # stop at a count instead

Inputs come from tests/hostile.py (tag soup, mutated corpus pages, hostile JSON-LD, hostile
bodies), seeded so a run can be repeated (`--seed`). Each goes through the Flask app in process
(the same request handling as `masthead serve`, without the socket, so more executions fit) with
the result cache off; a response fails when `hostile.judge` says so or when it takes longer than
the request deadline. Prints executions, failures by kind, and the slowest inputs.
"""

from __future__ import annotations

import argparse
import gzip
import random
import tempfile
import time
from collections import Counter
from pathlib import Path

import hostile
from masthead.server import Config, create_app
from support import CORPUS, seed

ROOT = Path(__file__).resolve().parents[1]


def corpus_pages(limit: int = 20) -> list[str]:
    pages = [seed()[0]]
    for path in sorted((CORPUS / "aeb" / "html").glob("*.html.gz"))[:limit]:
        pages.append(gzip.decompress(path.read_bytes()).decode("utf-8", "replace"))
    return pages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=60.0)
    parser.add_argument("--executions", type=int, default=0, help="stop after this many")
    parser.add_argument("--seed", type=int, default=15)
    parser.add_argument("--slowest", type=int, default=5)
    args = parser.parse_args()

    config = Config(cache_entries=0, data_dir=Path(tempfile.mkdtemp(prefix="masthead-fuzz-")))
    client = create_app(config).test_client()
    rng = random.Random(args.seed)
    pages = corpus_pages()
    kinds = ("tag soup", "mutated page", "hostile JSON-LD", "hostile body")
    runs: Counter[str] = Counter()
    failures: Counter[tuple[str, str]] = Counter()
    slowest: list[tuple[float, str, int, str]] = []
    started = time.monotonic()
    executions = 0
    while True:
        if args.executions and executions >= args.executions:
            break
        if not args.executions and time.monotonic() - started >= args.seconds:
            break
        kind = kinds[executions % len(kinds)]
        html: str | None
        if kind == "tag soup":
            html = hostile.tag_soup(rng)
        elif kind == "mutated page":
            html = hostile.mutate(rng, rng.choice(pages))
        elif kind == "hostile JSON-LD":
            html = (
                f'<html><head><script type="application/ld+json">{hostile.hostile_jsonld(rng)}'
                "</script></head><body><p>Hello.</p></body></html>"
            )
        else:
            html = None
        body = hostile.hostile_body(rng) if html is None else None
        t0 = time.perf_counter()
        if html is not None:
            response = client.post(
                "/api/v1/analyze", json={"url": "https://example.com/a", "html": html}
            )
        else:
            response = client.post("/api/v1/analyze", data=body, content_type="application/json")
        seconds = time.perf_counter() - t0
        document = response.get_json(silent=True) or {}
        verdict = hostile.judge(response.status_code, document, html)
        if verdict is None and seconds > config.request_deadline:
            verdict = "over the request deadline"
        runs[kind] += 1
        if verdict is not None:
            failures[(kind, verdict)] += 1
        sent = html if html is not None else (body or b"").decode("utf-8", "replace")
        preview = f"{len(sent):,} chars: {sent[:60]!r}"
        slowest = sorted([*slowest, (seconds, kind, executions, preview)], reverse=True)
        slowest = slowest[: args.slowest]
        executions += 1

    elapsed = time.monotonic() - started
    rate = executions / elapsed
    print(f"executions: {executions} in {elapsed:.0f} s ({rate:.1f}/s), seed {args.seed}")
    print(f"{'input kind':<18} {'runs':>8} {'failures':>9}")
    for kind in kinds:
        failed = sum(n for (k, _), n in failures.items() if k == kind)
        print(f"{kind:<18} {runs[kind]:>8} {failed:>9}")
    print("failures by kind:" + ("" if failures else " none"))
    for (kind, verdict), n in failures.most_common():
        print(f"  {n:>6}  {kind}: {verdict}")
    print("slowest inputs:")
    for seconds, kind, number, preview in slowest:
        print(f"  {seconds * 1000:>9.1f} ms  #{number} {kind}, {preview}")


if __name__ == "__main__":
    main()

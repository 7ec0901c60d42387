"""Prometheus metrics: requests, analysis and plugin times, cache lookups, plugin failures.

Labels are endpoint names, status codes, plugin names and fixed words, never a URL or anything
from a page. With several workers, prometheus-client's multiprocess mode is used: set
`PROMETHEUS_MULTIPROC_DIR` to an empty folder before the server starts (`masthead serve
--workers N` does it itself). The metrics are built on first use, after that variable is set.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from typing import Any

#: Seconds; analysis of a news page takes tens of milliseconds, a pathological one seconds.
_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0)


@dataclass(frozen=True)
class Metrics:
    requests: Any
    analysis_seconds: Any
    plugin_seconds: Any
    cache_lookups: Any
    plugin_failures: Any
    quarantines: Any


@cache
def metrics() -> Metrics:
    from prometheus_client import Counter, Histogram

    return Metrics(
        requests=Counter(
            "masthead_requests",
            "HTTP requests answered, by endpoint and status.",
            ["endpoint", "status"],
        ),
        analysis_seconds=Histogram(
            "masthead_analysis_seconds",
            "Time to analyse one page (cache misses).",
            buckets=_BUCKETS,
        ),
        plugin_seconds=Histogram(
            "masthead_plugin_seconds",
            "Time each plugin spent on one page.",
            ["plugin"],
            buckets=_BUCKETS,
        ),
        cache_lookups=Counter(
            "masthead_cache_lookups",
            "Result cache lookups: hit, miss, or unavailable.",
            ["result"],
        ),
        plugin_failures=Counter(
            "masthead_plugin_failures",
            "Plugin runs that failed: error, timeout or invalid.",
            ["plugin", "status"],
        ),
        quarantines=Counter(
            "masthead_plugin_quarantines",
            "Plugins quarantined after repeated timeouts.",
            ["plugin"],
        ),
    )


def observe_analysis(document: dict[str, Any], quarantined: set[str]) -> None:
    """Record one analysed page from its response document (names and times only)."""
    m = metrics()
    m.analysis_seconds.observe(document["ms"] / 1000)
    for run in document["plugins"]:
        if run["status"] == "skipped":
            continue
        m.plugin_seconds.labels(run["name"]).observe(run["ms"] / 1000)
        if run["status"] != "ok":
            m.plugin_failures.labels(run["name"], run["status"]).inc()
    for name in quarantined:
        m.quarantines.labels(name).inc()


def render() -> tuple[bytes, str]:
    """The exposition text, merged across workers in multiprocess mode."""
    from prometheus_client import CONTENT_TYPE_LATEST, REGISTRY, CollectorRegistry, generate_latest

    metrics()
    registry = REGISTRY
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        from prometheus_client import multiprocess

        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    return generate_latest(registry), CONTENT_TYPE_LATEST

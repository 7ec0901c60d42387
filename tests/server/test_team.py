"""A team server: several workers, PostgreSQL and Redis, all real, over real HTTP.

One 2-worker server, on a PostgreSQL and a Redis of this module's own, serves every test here
(starting one costs seconds); each test uses its own pages and plugins, and the test that stops
Redis and PostgreSQL starts them again. Which worker answered a request is read from the
workers' own Prometheus files (one per process in multiprocess mode): requests are sent one at a
time, so exactly one worker's count moves.
"""

from __future__ import annotations

import json
import subprocess
import time
import uuid
from pathlib import Path

import pytest
from prometheus_client.mmap_dict import MmapedDict

import services
import support

TOKEN = "team-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
HEADER = "Region,Country,Media company,Main assets,URL,Typology,Status,Notes\n"
OUTLET_ROW = (
    "Europe,Norway,Nordhavn Media,Nordhavn Tidende,https://nordhavn-tidende.example/,SC,,\n"
)


# Two installed plugins that overrun their 1 s budget on pages that name them.
HANGING = ("hang-a", "hang-b")


def page(marker: str) -> dict[str, str]:
    html = (
        "<html><head><title>Harbour fees rise</title></head><body><article>"
        "<h1>Harbour fees rise</h1><p>The council voted on Tuesday to raise harbour fees for "
        "the second year running, after a long debate about the ferry.</p>"
        "<p>This article was originally published by Nordhavn Tidende.</p>"
        f"<!-- {marker} --></article></body></html>"
    )
    return {"url": "https://paper.example/harbour", "html": html}


def counts(folder: Path, sample: str, **labels: str) -> dict[int, float]:
    """Per worker pid, the value of a counter sample in its own multiprocess file."""
    found: dict[int, float] = {}
    for path in folder.glob("counter_*.db"):
        pid = int(path.stem.split("_", 1)[1])
        for key, value, *_ in MmapedDict.read_all_values_from_file(str(path)):
            _, name, got, _ = json.loads(key)
            if name == sample and all(got.get(k) == v for k, v in labels.items()):
                found[pid] = found.get(pid, 0.0) + value
    return found


class Team:
    def __init__(
        self,
        server: support.RunningServer,
        metrics: Path,
        config: Path,
        redis: services.Redis,
        postgres: services.Postgres,
    ) -> None:
        self.server, self.metrics, self.config = server, metrics, config
        self.redis, self.postgres = redis, postgres

    def analyze(self, body: dict[str, str]) -> tuple[int, dict]:
        """POST one page; (the pid of the worker that answered, the response)."""
        return self.post("/api/v1/analyze", body, 200)

    def post(self, path: str, body: dict, expected: int) -> tuple[int, dict]:
        """POST `body`; (the pid of the worker that answered, the response)."""
        before = counts(self.metrics, "masthead_requests_total")
        status, document, _ = support.http("POST", self.server.url + path, body, headers=AUTH)
        assert status == expected, document
        after = counts(self.metrics, "masthead_requests_total")
        [pid] = [p for p in after if after[p] != before.get(p, 0.0)]
        return pid, document

    def ready(self) -> tuple[int, dict]:
        status, body, _ = support.http("GET", self.server.url + "/api/v1/ready")
        return status, body

    def wait_ready(self, timeout: float = 20) -> None:
        deadline = time.monotonic() + timeout
        while self.ready()[0] != 200:
            assert time.monotonic() < deadline, self.ready()
            time.sleep(0.3)

    def masthead(self, *args: str) -> subprocess.CompletedProcess[str]:
        """A `masthead` command on this server's config (the store it uses)."""
        return subprocess.run(
            [str(support.MASTHEAD), *args, "--config", str(self.config)],
            capture_output=True,
            text=True,
            timeout=60,
        )

    def import_outlets(self, folder: Path) -> None:
        csv = folder / "matrix.csv"
        csv.write_text(HEADER + OUTLET_ROW)
        done = self.masthead("outlets", "import", str(csv), "--format", "state-media-matrix")
        assert done.returncode == 0, done.stderr


@pytest.fixture(scope="module")
def team(tmp_path_factory):
    folder = tmp_path_factory.mktemp("team")
    site = folder / "site"
    for name in HANGING:
        support.install_sleeping_plugin(site, name, f"masthead-{name}", 2.5)
    redis = services.Redis().start()  # this module's own: one test stops it
    postgres = services.Postgres().start()
    try:
        config = folder / "masthead.toml"
        config.write_text(
            f'[server]\ntoken = "{TOKEN}"\ndata_dir = "{folder / "data"}"\n'
            "plugin_timeout = 1.0\n"
            f'[store]\nurl = "{services.new_database(postgres.url)}"\n'
            f'[cache]\nurl = "{redis.url}"\n'
        )
        metrics = folder / "metrics"
        metrics.mkdir()
        server = support.start_masthead(
            "--workers",
            "2",
            "--config",
            str(config),
            data_dir=folder / "data",
            env={"PROMETHEUS_MULTIPROC_DIR": str(metrics), "PYTHONPATH": str(site)},
        )
        yield Team(server, metrics, config, redis, postgres)
        server.stop()
    finally:
        redis.stop()
        postgres.remove()


def notice(document: dict) -> dict:
    found = [a for a in document["annotations"] if a["kind"] == "republication"]
    assert len(found) == 1, run_of(document, "republication")
    return found[0]


def run_of(document: dict, plugin: str) -> dict:
    [run] = [r for r in document["plugins"] if r["name"] == plugin]
    return run


def hanging(plugin: str) -> dict[str, str]:
    """A fresh page that makes `plugin` overrun (the marker is in its text, not a comment)."""
    body = page(uuid.uuid4().hex)
    return {
        **body,
        "html": body["html"].replace("</article>", f"<p>masthead-{plugin}</p></article>"),
    }


def test_a_page_analysed_on_one_worker_is_a_cache_hit_on_the_other(team):
    body = page(uuid.uuid4().hex)
    misses = sum(counts(team.metrics, "masthead_cache_lookups_total", result="miss").values())
    first, document = team.analyze(body)
    assert document["cached"] is False
    for _ in range(100):
        pid, again = team.analyze(body)
        assert again["cached"] is True
        if pid != first:
            break
    else:
        pytest.fail("every request went to the same worker")
    after = sum(counts(team.metrics, "masthead_cache_lookups_total", result="miss").values())
    assert after - misses == 1


def test_an_import_while_serving_is_seen_by_every_worker(team, tmp_path):
    _, before = team.analyze(page(uuid.uuid4().hex))
    assert notice(before)["data"]["known"] is False
    team.import_outlets(tmp_path)
    time.sleep(1.2)  # each worker looks at the store's revision at most once a second
    seen: dict[int, bool] = {}
    for _ in range(100):
        pid, document = team.analyze(page(uuid.uuid4().hex))  # fresh page: never cached
        found = notice(document)
        seen[pid] = found["data"]["known"]
        assert found["data"]["known"] is True, (pid, found)
        assert {f["fact"] for f in found["data"]["facts"]} >= {"country"}
        if len(seen) == 2:
            break
    assert len(seen) == 2, "every request went to the same worker"


def test_readers_reports_from_every_worker_are_kept_in_one_store(team):
    finding = {"plugin": "republication", "kind": "republication"}
    kept: dict[int, list[int]] = {}
    for number in range(100):
        body = {"url": f"https://paper.example/{number}", "finding": finding}
        pid, stored = team.post("/api/v1/feedback", body, 201)
        kept.setdefault(pid, []).append(stored["id"])
        if len(kept) == 2 and number >= 3:
            break
    assert len(kept) == 2, "every request went to the same worker"
    exported = team.masthead("feedback", "export")
    assert exported.returncode == 0, exported.stderr
    ids = [json.loads(line)["id"] for line in exported.stdout.splitlines()]
    assert ids == sorted(i for worker in kept.values() for i in worker)


def test_a_plugin_paused_by_one_worker_is_paused_on_the_other(team):
    timeouts: list[int] = []
    opened_by = None
    while opened_by is None and len(timeouts) < 6:
        pid, document = team.analyze(hanging("hang-a"))
        run = run_of(document, "hang-a")
        assert run["status"] == "timeout", run
        timeouts.append(pid)
        if "paused for" in run["error"]:
            opened_by = pid
    # Three timeouts open the breaker, counted across the workers, wherever they happened.
    assert opened_by is not None and len(timeouts) == 3, timeouts
    for _ in range(100):
        pid, document = team.analyze(page(uuid.uuid4().hex))
        run = run_of(document, "hang-a")
        assert run["status"] == "skipped", (pid, run)
        if pid != opened_by:
            assert run["error"].startswith("paused by another worker: timed out 3 times"), run
            break
    else:
        pytest.fail("every request went to the same worker")
    paused = counts(team.metrics, "masthead_plugin_quarantines_total", plugin="hang-a")
    assert paused == {opened_by: 1.0}  # counted once, by the worker that opened it


def test_redis_and_postgresql_down_and_back(team, tmp_path):
    team.import_outlets(tmp_path)  # the same records again: nothing changes, nothing is lost
    time.sleep(1.2)
    assert notice(team.analyze(page("warm"))[1])["data"]["known"] is True
    try:
        team.redis.stop()
        _, document = team.analyze(page(uuid.uuid4().hex))
        assert document["cached"] is False and notice(document)["data"]["known"] is True
        status, body = team.ready()
        assert status == 503 and set(body["down"]) == {"cache"}, body
        # Without Redis each worker pauses a hanging plugin on its own, and says so.
        paused_in: set[int] = set()
        for _ in range(30):
            pid, document = team.analyze(hanging("hang-b"))
            run = run_of(document, "hang-b")
            assert "another worker" not in (run["error"] or ""), run
            if "paused for" in (run["error"] or ""):
                paused_in.add(pid)
            if len(paused_in) == 2:
                break
        assert len(paused_in) == 2, paused_in
        output = "".join(team.server.output)
        assert "shared plugin quarantine unavailable (ConnectionError" in output, output[-3000:]
        assert "each worker pauses plugins on its own" in output
    finally:
        team.redis.start()
    team.wait_ready()
    marker = uuid.uuid4().hex
    deadline = time.monotonic() + 10  # a worker that saw Redis fail tries it again after 2 s
    while not team.analyze(page(marker))[1]["cached"]:  # the cache is used again
        assert time.monotonic() < deadline, "the cache was not used again"
        time.sleep(0.3)

    try:
        team.postgres.stop()
        _, document = team.analyze(page("postgres-down"))
        assert notice(document)["data"]["known"] is True  # the records last read still serve
        status, body = team.ready()
        assert status == 503 and "store" in body["down"] and "cache" not in body["down"], body
        assert "127.0.0.1" in body["down"]["store"]
        report = {"url": "https://paper.example/down", "finding": {"plugin": "p", "kind": "k"}}
        _, refused = team.post("/api/v1/feedback", report, 503)  # not kept, and not a 500
        assert refused["error"]["code"] == "store_unavailable"
    finally:
        team.postgres.resume()
    team.wait_ready()
    assert notice(team.analyze(page("postgres-back"))[1])["data"]["known"] is True
    team.post("/api/v1/feedback", report, 201)
    shown = team.masthead("outlets", "show", "nordhavn-tidende.example")
    assert shown.returncode == 0 and "Nordhavn Tidende" in shown.stdout  # nothing was lost

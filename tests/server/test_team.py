"""A team server: several workers, PostgreSQL and Redis, all real, over real HTTP.

Which worker answered a request is read from the workers' own Prometheus files (one per process
in multiprocess mode): requests are sent one at a time, so exactly one worker's count moves.
"""

from __future__ import annotations

import json
import subprocess
import time
import uuid
from pathlib import Path

import pytest
from prometheus_client.mmap_dict import MmapedDict

import support

TOKEN = "team-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
HEADER = "Region,Country,Media company,Main assets,URL,Typology,Status,Notes\n"
OUTLET_ROW = (
    "Europe,Norway,Nordhavn Media,Nordhavn Tidende,https://nordhavn-tidende.example/,SC,,\n"
)


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
    def __init__(self, server: support.RunningServer, metrics: Path, config: Path) -> None:
        self.server, self.metrics, self.config = server, metrics, config

    def analyze(self, body: dict[str, str]) -> tuple[int, dict]:
        """POST one page; (the pid of the worker that answered, the response)."""
        before = counts(self.metrics, "masthead_requests_total")
        status, document, _ = support.http(
            "POST", self.server.url + "/api/v1/analyze", body, headers=AUTH
        )
        assert status == 200, document
        after = counts(self.metrics, "masthead_requests_total")
        [pid] = [p for p in after if after[p] != before.get(p, 0.0)]
        return pid, document


@pytest.fixture
def team(tmp_path, postgres_url, redis_url):
    config = tmp_path / "masthead.toml"
    config.write_text(
        f'[server]\ntoken = "{TOKEN}"\ndata_dir = "{tmp_path / "data"}"\n'
        f'[store]\nurl = "{postgres_url}"\n[cache]\nurl = "{redis_url}"\n'
    )
    metrics = tmp_path / "metrics"
    metrics.mkdir()
    server = support.start_masthead(
        "--workers",
        "2",
        "--config",
        str(config),
        data_dir=tmp_path / "data",
        env={"PROMETHEUS_MULTIPROC_DIR": str(metrics)},
    )
    yield Team(server, metrics, config)
    server.stop()


def notice(document: dict) -> dict:
    [found] = [a for a in document["annotations"] if a["kind"] == "republication"]
    return found


def test_a_page_analysed_on_one_worker_is_a_cache_hit_on_the_other(team):
    body = page(uuid.uuid4().hex)
    first, document = team.analyze(body)
    assert document["cached"] is False
    for _ in range(100):
        pid, again = team.analyze(body)
        assert again["cached"] is True
        if pid != first:
            break
    else:
        pytest.fail("every request went to the same worker")
    assert sum(counts(team.metrics, "masthead_cache_lookups_total", result="miss").values()) == 1


def test_an_import_while_serving_is_seen_by_every_worker(team, tmp_path):
    _, before = team.analyze(page(uuid.uuid4().hex))
    assert notice(before)["data"]["known"] is False
    csv = tmp_path / "matrix.csv"
    csv.write_text(HEADER + OUTLET_ROW)
    done = subprocess.run(
        [
            str(support.MASTHEAD),
            "outlets",
            "import",
            str(csv),
            "--format",
            "state-media-matrix",
            "--config",
            str(team.config),
        ],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
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

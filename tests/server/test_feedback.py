"""Readers' "This is wrong" reports over a real `masthead serve`, read back with the real CLI;
kept in the store on SQLite and PostgreSQL, and moved there from the file they had before."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from masthead.server.store import FeedbackStore, Store
from support import MASTHEAD, http, start_masthead

PAGE = "https://news.example.org/2024/03/ferry-fares"
FINDING = {
    "id": "attribution/credit-line/0",
    "plugin": "attribution",
    "kind": "credit-line",
    "title": "Credit line",
    "presentation": "provenance",
}


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    return tmp_path_factory.mktemp("feedback")


@pytest.fixture(scope="module")
def live(data):
    """One server for the module: starting one is the slow part."""
    server = start_masthead(data_dir=data / "data")
    yield server
    server.stop()


def report(live, body, **headers):
    return http("POST", live.url + "/api/v1/feedback", body, headers=headers)


def feedback_cli(data, *args):
    env = {**os.environ, "XDG_DATA_HOME": str(data / "data")}
    return subprocess.run(
        [str(MASTHEAD), "feedback", *args], capture_output=True, text=True, env=env, timeout=60
    )


def test_bad_reports_are_refused_by_field_and_nothing_is_kept(live, data):
    bad = [
        ({"url": "javascript:alert(1)", "finding": FINDING}, "url"),
        ({"url": PAGE}, "finding"),
        ({"url": PAGE, "finding": {"kind": "credit-line"}}, "finding"),
        ({"url": PAGE, "finding": {**FINDING, "kind": "Not A Kind"}}, "finding"),
        # page text has no place in a report: a quote or the page's HTML is refused, not dropped
        ({"url": PAGE, "finding": {**FINDING, "exact": "the quoted sentence"}}, "finding"),
        ({"url": PAGE, "finding": FINDING, "html": "<p>page</p>"}, "html"),
        ({"url": PAGE, "finding": FINDING, "note": "x" * 1001}, "note"),
    ]
    for body, field in bad:
        status, doc, _ = report(live, body)
        assert status == 422, (body, doc)
        assert field in doc["error"]["fields"], (body, doc)
    status, doc, _ = http(
        "POST", live.url + "/api/v1/feedback", "not json", {"Content-Type": "application/json"}
    )
    assert status == 400 and doc["error"]["code"] == "malformed_json"
    status, doc, _ = http(
        "POST", live.url + "/api/v1/feedback", "x" * 20_000, {"Content-Type": "application/json"}
    )
    assert status == 413
    assert feedback_cli(data, "export").stdout == ""


def test_a_report_is_kept_and_listed_and_exported_in_order(live, data):
    assert feedback_cli(data, "list").stdout.strip() == "no reports"
    status, stored, _ = report(live, {"url": PAGE, "finding": FINDING, "note": "It is ours."})
    assert status == 201, stored
    assert stored["id"] == 1 and stored["received_at"]
    second = {"plugin": "promo", "kind": "promo", "id": "promo/promo/3"}
    status, _, _ = report(live, {"url": PAGE + "?page=2", "finding": second})
    assert status == 201

    exported = feedback_cli(data, "export")
    assert exported.returncode == 0, exported.stderr
    lines = [json.loads(line) for line in exported.stdout.splitlines()]
    assert [r["id"] for r in lines] == [1, 2]
    assert lines[0]["finding"] == FINDING and lines[0]["note"] == "It is ours."
    assert lines[0]["url"] == PAGE
    assert lines[1]["finding"] == second and lines[1]["note"] == ""
    assert set(lines[0]) == {"id", "received_at", "url", "finding", "note"}

    only = feedback_cli(data, "export", "--plugin", "promo").stdout.splitlines()
    assert [json.loads(line)["id"] for line in only] == [2]
    listed = feedback_cli(data, "list").stdout
    assert "attribution/credit-line" in listed and "It is ours." in listed


def test_a_token_protected_server_wants_the_token_for_feedback(start_server):
    live = start_server(config='[server]\ntoken = "s3cret-token-for-tests"\n')
    assert report(live, {"url": PAGE, "finding": FINDING})[0] == 401
    status, _, _ = report(
        live, {"url": PAGE, "finding": FINDING}, Authorization="Bearer s3cret-token-for-tests"
    )
    assert status == 201


def test_feedback_is_in_the_openapi_document(live):
    status, doc, _ = http("GET", live.url + "/api/v1/openapi.json")
    assert status == 200
    post = doc["paths"]["/api/v1/feedback"]["post"]
    assert "201" in post["responses"] and "422" in post["responses"]
    request = doc["components"]["schemas"]["FeedbackRequest"]
    assert set(request["properties"]) == {"url", "finding", "note"}
    assert "html" not in request["properties"]


# -- in the server's store: SQLite by default, PostgreSQL when configured ----------------------
OLD_FILE_SCHEMA = (
    "CREATE TABLE feedback (id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT, received_at "
    "VARCHAR(40) NOT NULL, url TEXT NOT NULL, plugin VARCHAR(100) NOT NULL, kind VARCHAR(64) "
    "NOT NULL, finding TEXT NOT NULL, note TEXT NOT NULL)"
)


def test_reports_are_kept_in_the_store_in_arrival_order(store_url):
    store = Store(store_url)
    reports = FeedbackStore(store)
    first = reports.add({"url": PAGE, "finding": FINDING, "note": "Ours."})
    reports.add({"url": PAGE, "finding": {"plugin": "promo", "kind": "promo"}, "note": ""})
    kept = list(reports.reports())
    assert [r["id"] for r in kept] == [first["id"], first["id"] + 1]
    assert kept[0]["finding"] == FINDING and kept[0]["note"] == "Ours."
    assert [r["finding"] for r in reports.reports("promo")] == [
        {"plugin": "promo", "kind": "promo"}
    ]
    store.close()


def old_feedback_file(folder: Path) -> Path:
    """The file reports were kept in before they moved into the store, with two reports."""
    folder.mkdir(parents=True, exist_ok=True)
    db = sqlite3.connect(folder / "feedback.sqlite3")
    db.execute(OLD_FILE_SCHEMA)
    for when, note in (("2026-11-30T10:00:00+00:00", "first"), ("2026-11-30T11:00:00+00:00", "")):
        db.execute(
            "INSERT INTO feedback (received_at, url, plugin, kind, finding, note) "
            "VALUES (?, ?, 'attribution', 'credit-line', ?, ?)",
            (when, PAGE, json.dumps(FINDING, sort_keys=True), note),
        )
    db.commit()
    db.close()
    return folder / "feedback.sqlite3"


def export_with(config: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(MASTHEAD), "feedback", "export", "--config", str(config)],
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_an_old_feedback_file_moves_into_the_store_once(tmp_path, store_url):
    old = old_feedback_file(tmp_path / "data")
    config = tmp_path / "masthead.toml"
    config.write_text(f'[server]\ndata_dir = "{tmp_path / "data"}"\n[store]\nurl = "{store_url}"\n')
    for _ in range(2):  # the second export finds them in the store, not twice
        done = export_with(config)
        assert done.returncode == 0, done.stderr
        lines = [json.loads(line) for line in done.stdout.splitlines()]
        assert [(r["received_at"][:13], r["note"]) for r in lines] == [
            ("2026-11-30T10", "first"),
            ("2026-11-30T11", ""),
        ]
        assert lines[0]["finding"] == FINDING and lines[0]["url"] == PAGE
    assert not old.exists() and old.with_name("feedback.sqlite3.imported").exists()


def test_an_old_file_stays_when_the_store_cannot_take_it(tmp_path):
    old = old_feedback_file(tmp_path / "data")
    config = tmp_path / "masthead.toml"
    config.write_text(
        f'[server]\ndata_dir = "{tmp_path / "data"}"\n'
        '[store]\nurl = "postgresql://masthead:pw-not-shown@127.0.0.1:1/masthead"\n'
    )
    done = export_with(config)
    assert done.returncode == 1 and "cannot open the store" in done.stderr, done.stderr
    assert "pw-not-shown" not in done.stderr
    assert old.exists() and sorted(p.name for p in old.parent.iterdir()) == ["feedback.sqlite3"]

"""Readers' "This is wrong" reports over a real `masthead serve`, read back with the real CLI."""

from __future__ import annotations

import json
import os
import subprocess

import pytest

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

"""The plugin as a user meets it: `masthead analyze` on the seed page, in a real process."""

from __future__ import annotations

import json
import subprocess

from support import MASTHEAD, SEED_HTML, seed


def test_masthead_analyze_reports_the_attribution_findings():
    _, expected = seed()
    result = subprocess.run(
        [str(MASTHEAD), "analyze", str(SEED_HTML), "--url", expected["url"], "--json"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    runs = {p["name"]: p for p in doc["plugins"]}
    assert runs["attribution"]["status"] == "ok"
    mine = [a for a in doc["annotations"] if a["plugin"] == "attribution"]
    kinds = [a["kind"] for a in mine]
    for kind in ("site", "byline", "credit-line", "vague-attribution", "sourcing-summary"):
        assert kind in kinds
    credit = next(a for a in mine if a["kind"] == "credit-line")
    assert credit["data"]["outlet"] == "RT International"
    assert credit["links"] == [{"href": "https://www.rt.com/", "label": "RT International"}]
    assert all(a["target"] and a["target"]["selectors"] for a in mine)

"""End to end: the real attribution plugin finds the signals, this plugin builds the notice,
with the registry the server builds (curated, then imported, then plugins)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from republication_harness import ProvenanceStandIn

import support
from masthead.sdk import Page
from masthead.server.app import build_host, create_app
from masthead.server.config import Config
from masthead.server.outlet_import import read_file
from masthead.server.store import OutletStore


@pytest.fixture(scope="module")
def host(tmp_path_factory):
    return build_host(Config(data_dir=tmp_path_factory.mktemp("data")))


def test_the_server_registry_has_curated_then_imported_records(tmp_path):
    path = str(support.DATA / "state-media" / "State_Media_Matrix.csv")
    result = read_file(path, "state-media-matrix")
    OutletStore.in_dir(tmp_path).replace("imported:state-media-matrix", result.outlets, path, 1)
    # The curated layer is the republication plugin's own (`masthead_outlets`): enabled here.
    registry = build_host(Config(data_dir=tmp_path, plugins=("republication",))).outlets
    rt = registry.by_domain("rt.com")
    assert rt.name == "RT International" and rt.origin == "curated+imported"
    assert rt.source("category").origin == "curated"
    assert rt.source("typology").origin == "imported:state-media-matrix"
    assert registry.by_domain("bakhtarnews.af").origin == "imported"


def test_the_notice_arrives_over_http(serve_app, tmp_path):
    """The server's own app and registry, with the stand-in detector: the banner over HTTP."""
    config = Config(data_dir=tmp_path, plugins=("republication",))
    host = build_host(config)
    host.register(ProvenanceStandIn(), "provenance-stand-in")
    host.start()
    server = serve_app(create_app(config, host=host))
    html = (
        "<html><body><h1>Talks</h1><p data-signal='wire-dateline' data-outlet='Reuters'>"
        "GENEVA (Reuters) - Talks resumed.</p></body></html>"
    )
    status, document, _ = support.http(
        "POST", server.url + "/api/v1/analyze", {"url": "https://paper.example/a", "html": html}
    )
    assert status == 200, document
    notices = [a for a in document["annotations"] if a["kind"] == "republication"]
    assert [n["title"] for n in notices] == ["Wire story from Reuters (reuters.com)"]
    assert notices[0]["links"][0]["href"] == "https://reuters.com/"
    assert notices[0]["data"]["facts"][0]["source"]["layer"] == "curated"


def test_seed_page_banner(host):
    html, expected = support.seed()
    analysis = host.analyze(Page(html, expected["url"]))
    notices = [a for a in analysis.annotations if a.kind == "republication"]
    assert len(notices) == 1, analysis.runs
    notice = notices[0]
    assert notice.title.startswith("Republished — first published by RT International (rt.com)")
    assert notice.links[0].href.startswith(("https://rt.com/", "https://www.rt.com/"))
    assert "state-controlled media (State Media Monitor)" in notice.text
    typology = next(f for f in notice.data["facts"] if f["fact"] == "typology")
    assert typology["source"]["url"] in [link.href for link in notice.links]
    assert notice.data["evidence"][0]["kind"] == "credit-line"


PAGES = list(support.republication_pages())


@pytest.mark.parametrize(("file", "html", "label"), PAGES, ids=[f[-40:] for f, _, _ in PAGES])
def test_corpus_page(host, file, html, label):
    analysis = host.analyze(Page(html, support.saved_url(file, label)))
    notices = [a for a in analysis.annotations if a.kind == "republication"]
    if not label["republished"]:
        assert notices == [], notices[0].data if notices else None
        return
    assert len(notices) == 1, [a.kind for a in analysis.annotations]
    wanted = label["original_outlet"].split(" (")[0].split("/")[0]
    registry = host.outlets
    outlet = notices[0].data["outlet"]
    assert registry.by_name(wanted) is registry.by_name(outlet) or wanted == outlet


def test_masthead_analyze_prints_the_notice(tmp_path):
    masthead = Path(sys.executable).with_name("masthead")
    _, expected = support.seed()
    completed = subprocess.run(
        [str(masthead), "analyze", str(support.SEED_HTML), "--url", expected["url"], "--json"],
        capture_output=True,
        text=True,
        timeout=60,
        env={"XDG_DATA_HOME": str(tmp_path), "PATH": "/usr/bin:/bin"},
    )
    assert completed.returncode == 0, completed.stderr
    document = json.loads(completed.stdout)
    notices = [a for a in document["annotations"] if a["kind"] == "republication"]
    assert notices and "RT International" in notices[0]["title"]


def canonical_page(site_name: str) -> str:
    """An article whose canonical address is on theguardian.com, calling itself `site_name`."""
    prose = "<p>The harbour board met on Tuesday and agreed to dredge the channel again.</p>" * 6
    return (
        "<html><head><title>Dredging resumes</title>"
        '<link rel="canonical" href="https://www.theguardian.com/uk/2031/may/12/dredging">'
        f'<meta property="og:site_name" content="{site_name}"></head>'
        f"<body><article><h1>Dredging resumes</h1>{prose}</article></body></html>"
    )


@pytest.mark.parametrize(
    ("site_name", "url", "republished"),
    [
        # The outlet's own page, on another address (here: served on this machine).
        ("The Guardian", "http://127.0.0.1:8123/uk/2031/may/12/dredging", False),
        ("Guardian Australia", "https://mirror.example.net/dredging", False),
        # Another outlet's page whose canonical names the Guardian's: a republication.
        ("Valley Herald", "https://valleyherald.example/dredging", True),
    ],
)
def test_a_canonical_to_the_pages_own_publisher_is_no_republication(
    host, site_name, url, republished
):
    analysis = host.analyze(Page(canonical_page(site_name), url))
    origins = [a for a in analysis.annotations if a.kind == "metadata-origin"]
    assert [o.data["domain"] for o in origins] == ["theguardian.com"]  # the signal is there
    notices = [a for a in analysis.annotations if a.kind == "republication"]
    assert [n.data["outlet"] for n in notices] == (["The Guardian"] if republished else [])

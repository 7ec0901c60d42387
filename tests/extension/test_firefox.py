"""The end-to-end core in Firefox: Debian's firefox-esr with the real extension (a temporary add-on
installed over WebDriver BiDi, see `firefox/drive.mjs`) and a real `masthead serve`.

BiDi cannot open a moz-extension:// page, so the options cannot be set from outside: the test
stands where the extension looks by default (127.0.0.1:7373), forwarding to the real server.
"""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from scripted import harbour

import support
from harness import Upstream, extension_build, forward_to

pytestmark = pytest.mark.browser

FIREFOX = shutil.which("firefox-esr") or shutil.which("firefox")
DRIVE = support.ROOT / "tests" / "extension" / "firefox" / "drive.mjs"
DEFAULT_SERVER_PORT = 7373  # the extension's default server URL
SEED_PATH = "/2023/05/12/can-china-rebuff-natos-courtship-of-japan/"


@pytest.fixture(scope="module")
def upstream(masthead_serve):
    if not FIREFOX or not shutil.which("node"):
        pytest.skip("no firefox-esr or node on this machine")
    try:
        server = Upstream(forward_to(masthead_serve()), port=DEFAULT_SERVER_PORT)
    except OSError:
        pytest.skip(f"127.0.0.1:{DEFAULT_SERVER_PORT} is taken (a masthead serve of your own?)")
    yield server
    server.close()


def drive(pages: list[dict], folder) -> dict:
    """The extension build in Firefox, automatic by default (see `harness.extension_build`)."""
    extension = extension_build(folder, default_mode="auto")
    done = subprocess.run(
        [
            "node",
            "--experimental-websocket",
            str(DRIVE),
            FIREFOX,
            str(extension),
            json.dumps(pages),
        ],
        capture_output=True,
        text=True,
        timeout=180,
    )
    report = json.loads(done.stdout.strip().splitlines()[-1])
    assert done.returncode == 0, (report, done.stderr[-2000:])
    return report


def test_firefox_reads_the_seed_page_and_spares_a_login(site, upstream, tmp_path):
    seed = site.add(SEED_PATH, support.SEED_HTML.read_text(encoding="utf-8"))
    hidden = site.add(
        "/ff-harbour-modal",
        harbour(body='<div style="display: none"><input type="password" name="pw"></div>'),
    )
    login = site.add("/ff-harbour-login", harbour(body='<input type="password" name="pw">'))
    report = drive(
        [
            {"url": seed, "wait": 20000},
            {"url": hidden, "wait": 20000},
            {"url": login, "wait": 3000},
        ],
        tmp_path,
    )
    assert report["browser"].startswith("firefox ") and report["extension"]
    first, modal, refused = report["pages"]
    assert "first published by RT International" in first["banner"]
    assert first["strips"] and first["stamped"] == 0
    assert "first published by The Example Gazette" in modal["banner"], (
        "a hidden, empty password field does not stop the analysis"
    )
    assert refused["banner"] is None and refused["strips"] == []
    sent = [r.body["url"] for r in upstream.analyses()]
    assert sent == [seed, hidden], "the page with a password field in view was not sent"

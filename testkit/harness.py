"""The tests' own servers and real Chromium with the real
extension: shared by the extension's end-to-end tests and `bench/extension.py`.

The extension is pointed at an `Upstream`: a loopback HTTP server that records every request the
extension sends and answers it by forwarding to a real `masthead serve`, or, where a test needs a
specific answer (hostile text, broken JSON, an error), with that answer.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import threading
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

from support import ROOT

EXTENSION = ROOT / "extension" / "src"


def extension_build(folder: Path, *, default_mode: str | None = None) -> Path:
    """The extension as the tests load it: the shipped one, copied, with the all-sites permission
    it lists as optional granted at install instead. That stands for the reader's "yes" when they
    turn on "Analyse articles automatically", and for the tab a toolbar click grants (activeTab):
    headless browsers have neither a toolbar nor a permission prompt. Everything else, the
    registration of the content script included, is the shipped code. `default_mode` changes the
    settings' default, for Firefox, whose harness cannot open the options page to choose it."""
    build = folder / "masthead-extension"
    shutil.rmtree(build, ignore_errors=True)
    shutil.copytree(EXTENSION, build)
    manifest = json.loads((build / "manifest.json").read_text(encoding="utf-8"))
    manifest["host_permissions"] += manifest.pop("optional_host_permissions")
    (build / "manifest.json").write_text(json.dumps(manifest, indent=2), encoding="utf-8")
    if default_mode:
        settings = build / "shared" / "settings.js"
        text = settings.read_text(encoding="utf-8")
        assert '    mode: "click",' in text
        settings.write_text(text.replace('    mode: "click",', f'    mode: "{default_mode}",'))
    return build


CHROMIUM = os.environ.get("MASTHEAD_CHROMIUM", "/usr/bin/chromium")

# ---------------------------------------------------------------- loopback HTTP servers


@dataclass
class Seen:
    """One request the extension sent."""

    method: str
    path: str
    headers: dict[str, str]
    raw: bytes
    body: Any = None


Answer = Callable[[Seen], tuple[int, bytes, str]]


class _Quiet(BaseHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:  # the tests read what matters; no noise
        pass


class Upstream:
    """What the extension takes for the Masthead server: records requests, answers with `answer`."""

    def __init__(self, answer: Answer, port: int = 0) -> None:
        self.answer = answer
        self.requests: list[Seen] = []
        upstream = self

        class Handler(_Quiet):
            def _handle(self) -> None:
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                seen = Seen(self.command, self.path, dict(self.headers.items()), raw)
                if raw:
                    data = gzip.decompress(raw) if seen.headers.get("Content-Encoding") else raw
                    try:
                        seen.body = json.loads(data)
                    except ValueError:
                        seen.body = None
                if self.command == "POST":
                    upstream.requests.append(seen)
                status, body, ctype = upstream.answer(seen)
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            do_GET = do_POST = _handle

        self.server = ThreadingHTTPServer(("127.0.0.1", port), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def analyses(self) -> list[Seen]:
        return [r for r in self.requests if r.path == "/api/v1/analyze"]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


def forward_to(base: str) -> Answer:
    """Pass the request on to a real Masthead server, unchanged, and its answer back."""

    def answer(seen: Seen) -> tuple[int, bytes, str]:
        keep = ("Content-Type", "Content-Encoding", "Authorization", "Accept", "Accept-Language")
        headers = {k: v for k, v in seen.headers.items() if k in keep}
        request = urllib.request.Request(
            base + seen.path, data=seen.raw or None, headers=headers, method=seen.method
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status, response.read(), response.headers["Content-Type"]
        except urllib.error.HTTPError as err:
            return err.code, err.read(), err.headers.get("Content-Type", "application/json")

    return answer


def json_answer(document: Any, status: int = 200) -> Answer:
    body = json.dumps(document).encode()
    return lambda seen: (status, body, "application/json")


class Site:
    """Web pages served from loopback, as a reader's browser would load them."""

    def __init__(self) -> None:
        self.pages: dict[str, str] = {}
        self.hits: list[str] = []  # every path requested, in order: what the pages fetched
        site = self

        class Handler(_Quiet):
            def do_GET(self) -> None:
                site.hits.append(self.path)
                html = site.pages.get(self.path.split("?")[0])
                body = (html or "not found").encode()
                self.send_response(200 if html is not None else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.send_header("Cache-Control", "no-store")
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def add(self, path: str, html: str) -> str:
        self.pages[path] = html
        return self.base + path

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@dataclass
class Browser:
    context: Any
    worker: Any
    extension_id: str
    console: list[str] = field(default_factory=list)

    def configure(self, **settings: Any) -> None:
        """Set the extension's options (automatic mode unless told otherwise), forget earlier
        answers and tab states, and wait until the content script is registered, or not, to
        match."""
        self.worker.evaluate(
            """async (s) => {
                await chrome.storage.local.clear();
                await chrome.storage.local.set(s);
                await chrome.storage.session.clear();
                await automatic();
            }""",
            {"mode": "auto", **settings},
        )

    def open(self, url: str) -> Any:
        page = self.context.new_page()
        page.on("console", lambda m: self.console.append(f"{m.type}: {m.text}"))
        page.on("pageerror", lambda e: self.console.append(f"pageerror: {e}"))
        page.goto(url, wait_until="domcontentloaded")
        return page

    def tab_id(self, url: str) -> int:
        """The newest tab showing `url`."""
        return self.worker.evaluate(
            """async (url) => Math.max(
                ...(await chrome.tabs.query({})).filter((t) => t.url === url).map((t) => t.id))""",
            url,
        )

    def tab_state(self, url: str | int, wait: float = 10) -> dict:
        """What the popup would show for the tab with `url` (or that tab id), once it has settled
        (and drawn)."""
        tab = url if isinstance(url, int) else self.tab_id(url)
        deadline = time.monotonic() + wait
        while True:
            state = self.worker.evaluate(
                "async (k) => (await chrome.storage.session.get(k))[k] || {status: 'idle'}",
                f"tab:{tab}",
            )
            settled = state["status"] in ("error", "skipped") or "unanchored" in state
            if settled or time.monotonic() > deadline:
                return state
            time.sleep(0.05)

    def popup(self, url: str) -> Any:
        """The popup for the tab with `url`, opened as a page (headless has no toolbar)."""
        tab = self.tab_id(url)
        page = self.context.new_page()
        page.set_viewport_size({"width": 380, "height": 560})
        page.goto(f"chrome-extension://{self.extension_id}/popup/popup.html?tab={tab}")
        return page


@contextmanager
def launch_browser(
    profile: Path,
    locale: str | None = None,
    color_scheme: str | None = None,
    *,
    shipped: bool = False,
) -> Iterator[Browser]:
    """Debian's Chromium, headless, with the real extension loaded and every host but loopback
    unresolvable (a page's third-party requests fail at once, as offline). `locale` ("de") is
    the browser's UI language (the extension's `_locales`), `color_scheme` "dark" or "light".
    The extension is `extension_build`'s, or with `shipped` exactly `extension/src`."""
    from playwright.sync_api import sync_playwright

    extension = EXTENSION if shipped else extension_build(profile.parent / f"{profile.name}-build")

    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile),
            executable_path=CHROMIUM,
            headless=True,
            viewport={"width": 1100, "height": 900},
            **({"locale": locale} if locale else {}),
            **({"color_scheme": color_scheme} if color_scheme else {}),
            env={
                **os.environ,
                **({"LANGUAGE": locale, "LANG": f"{locale}.UTF-8"} if locale else {}),
            },
            args=[
                *([f"--lang={locale}"] if locale else []),
                f"--disable-extensions-except={extension}",
                f"--load-extension={extension}",
                "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE localhost , EXCLUDE 127.0.0.1",
            ],
        )
        worker = context.service_workers[0] if context.service_workers else None
        if worker is None:
            worker = context.wait_for_event("serviceworker", timeout=10000)
        try:
            yield Browser(context, worker, worker.url.split("/")[2])
        finally:
            context.close()


def shadow(page: Any, host: str, selector: str) -> Any:
    """Run `selector` inside the open shadow root of the first `host` element."""
    return page.locator(host).first.locator(selector)

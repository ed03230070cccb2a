"""Shared helpers for the real-browser tests: a static server for the built site and Chromium.

`serve(root)` serves a directory on 127.0.0.1 at a free port from a background thread;
`launch(playwright)` starts Debian's Chromium, and `require_browser()` skips (or, when the CI
environment variable is set, fails) if Chromium or Playwright is missing. `Recorder` watches a
page for console errors, uncaught exceptions, failed requests and requests to any other host.
"""

from __future__ import annotations

import contextlib
import functools
import http.server
import os
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--no-first-run", "--disable-sync"]
HOST = "127.0.0.1"


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Static files without a log line per request."""

    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".js": "text/javascript", ".mjs": "text/javascript", ".json": "application/json",
                      ".svg": "image/svg+xml", ".webmanifest": "application/manifest+json"}

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (the base class's name)
        pass


@contextlib.contextmanager
def serve(root: Path) -> Iterator[str]:
    """Serve `root` over HTTP on 127.0.0.1 at a free port; yields the base URL ending in '/'."""
    handler = functools.partial(QuietHandler, directory=str(root))
    server = http.server.ThreadingHTTPServer((HOST, 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield f"http://{HOST}:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def missing_browser(reason: str) -> None:
    """No browser to drive: a failure in CI, a skip elsewhere."""
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def require_browser() -> Any:
    """Return playwright.sync_api.sync_playwright, or skip/fail if the browser stack is missing."""
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        missing_browser("playwright is not installed")
    if not CHROMIUM.exists():
        missing_browser(f"no Chromium at {CHROMIUM}")
    return sync_playwright


def launch(playwright: Any) -> Any:
    """Start Debian's Chromium headless, with no background traffic of its own."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def pages(root: Path) -> list[str]:
    """Every page of the built site as a URL path relative to the root ('' for the home page).

    Pages are the index.html files (directory URLs); 404.html and files under data/ are not pages.
    """
    found = []
    for index in root.rglob("index.html"):
        rel = index.parent.relative_to(root).as_posix()
        if rel.split("/")[0] in {"data", "assets", "search"}:
            continue
        found.append("" if rel == "." else rel + "/")
    return sorted(found)


class Recorder:
    """Collects what must not happen on a page: console errors, uncaught exceptions, failed or
    ≥ 400 responses, and any request to a host other than the local server."""

    def __init__(self, page: Any, base: str) -> None:
        self.base = base
        self.netloc = urlsplit(base).netloc
        self.errors: list[str] = []
        self.failed: list[str] = []
        self.external: list[str] = []
        self.pending: set[Any] = set()
        self.page = page
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))
        page.on("request", self._request)
        page.on("requestfailed", self._failed)
        page.on("requestfinished", lambda r: self.pending.discard(r))
        page.on("response", self._response)

    def _console(self, message: Any) -> None:
        if message.type == "error":
            loc = message.location or {}
            self.errors.append(f"{message.text} ({loc.get('url', '')}:{loc.get('lineNumber', '')})")

    def _request(self, request: Any) -> None:
        self.pending.add(request)
        parts = urlsplit(request.url)
        if parts.scheme in {"data", "blob", "about"}:
            return
        if parts.netloc != self.netloc:
            self.external.append(request.url)

    def _failed(self, request: Any) -> None:
        self.pending.discard(request)
        self.failed.append(f"{request.url}: {request.failure}")

    def _response(self, response: Any) -> None:
        if response.status >= 400:
            self.failed.append(f"{response.url}: HTTP {response.status}")

    def settle(self, quiet_ms: int = 150, timeout_ms: int = 15_000) -> None:
        """Wait until no request has been in flight for quiet_ms (the page's own, its workers' and
        its XHRs'), so late failures are seen; quicker than Playwright's fixed 500 ms networkidle."""
        waited = quiet = 0
        while quiet < quiet_ms:
            if waited > timeout_ms:
                raise TimeoutError(f"requests still in flight after {timeout_ms} ms: {[r.url for r in self.pending]}")
            self.page.wait_for_timeout(25)
            waited += 25
            quiet = quiet + 25 if not self.pending else 0

    def problems(self) -> dict[str, list[str]]:
        return {k: v for k, v in (("console errors", self.errors), ("failed requests", self.failed),
                                  ("requests to other hosts", self.external)) if v}

    def clear(self) -> None:
        self.errors.clear()
        self.failed.clear()
        self.external.clear()

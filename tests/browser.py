"""Shared helpers for the real-browser tests, on top of devtools/ (which the benchmark shares).

`serve(root)` serves a directory on 127.0.0.1 at a free port from a background thread, and
`launch(playwright)` starts Debian's Chromium with the project's flags (both from devtools/, re-exported
here); `require_browser()` skips (or, when the CI environment variable is set, fails) if Chromium or
Playwright is missing. `Recorder` watches a page for console errors, uncaught exceptions, failed
requests, requests to any other host and Content-Security-Policy violations.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from devtools import chromium
from devtools.chromium import CHROMIUM, CHROMIUM_ARGS, launch
from devtools.static import serve

__all__ = [
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "CSP_LISTENER",
    "Recorder",
    "launch",
    "missing_browser",
    "pages",
    "require_browser",
    "serve",
]

# Installed in every page before its own scripts run (context.add_init_script): every
# Content-Security-Policy violation the page triggers, kept where Recorder can read it.
CSP_LISTENER = """(() => {
  window.__cspViolations = [];
  document.addEventListener("securitypolicyviolation", e => window.__cspViolations.push(
    `${e.violatedDirective} blocked ${e.blockedURI || "inline"} (${e.sourceFile || e.documentURI}:${e.lineNumber})`));
})();"""


def missing_browser(reason: str) -> None:
    """No browser to drive: a failure in CI, a skip elsewhere."""
    if os.environ.get("CI"):
        pytest.fail(reason)
    pytest.skip(reason)


def require_browser() -> Any:
    """Return playwright.sync_api.sync_playwright, or skip/fail if the browser stack is missing."""
    problem = chromium.missing()
    if problem:
        missing_browser(problem)
    from playwright.sync_api import sync_playwright

    return sync_playwright


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
        self.csp: list[str] = []
        self.pending: set[Any] = set()
        self.page = page
        page.on("console", self._console)
        page.on("pageerror", lambda e: self.errors.append(f"uncaught: {e}"))
        page.on("request", self._request)
        page.on("requestfailed", self._failed)
        page.on("requestfinished", lambda r: self.pending.discard(r))
        page.on("response", self._response)

    def _console(self, message: Any) -> None:
        if "Content Security Policy" in message.text:
            self.csp.append(message.text)
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

    def csp_violations(self) -> list[str]:
        """Content-Security-Policy violations: console reports, plus the securitypolicyviolation events
        CSP_LISTENER collected in the current document (when the context has it as an init script)."""
        events = self.page.evaluate("window.__cspViolations || []")
        return [*self.csp, *(e for e in events if e not in self.csp)]

    def problems(self) -> dict[str, list[str]]:
        return {
            k: v
            for k, v in (
                ("console errors", self.errors),
                ("failed requests", self.failed),
                ("requests to other hosts", self.external),
                ("Content-Security-Policy violations", self.csp_violations()),
            )
            if v
        }

    def clear(self) -> None:
        self.errors.clear()
        self.failed.clear()
        self.external.clear()
        self.csp.clear()

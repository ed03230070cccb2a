"""`mkdocs serve` in a project folder: started on a free port, its log read as events, stopped.

Used by tests/test_serve.py (a data change shows, then the rebuilds stop) and by bench/ (how long a
data edit takes to reach the served page).
"""

from __future__ import annotations

import contextlib
import subprocess
import threading
import time
from collections.abc import Iterator, Sequence
from pathlib import Path

from devtools.net import HOST, fetch, free_port, wait_for
from devtools.project import BIN, mkdocs_env

LOG_EVENTS = {
    "Detected file changes": "change",
    "Building documentation": "build",
    "Reloading browsers": "reload",
    "Documentation built in": "built",
    "An error happened during the rebuild": "error",
}

Event = tuple[float, str, str]  # (time.perf_counter(), kind, log line)


def serve_event(line: str) -> str | None:
    """The kind of a `mkdocs serve` log line that matters here, or None."""
    for needle, kind in LOG_EVENTS.items():
        if needle in line:
            return kind
    return None


def building(events: Sequence[Event]) -> bool:
    """True while a build is running: more "Building documentation..." lines than "Documentation built in"
    and error lines (the first build at start-up has no "Reloading browsers" line)."""
    starts = sum(1 for _, kind, _ in events if kind == "build")
    ends = sum(1 for _, kind, _ in events if kind in ("built", "error"))
    return starts > ends


class DevServer:
    """A running `mkdocs serve`; `events` fills in as it logs, `lines` keeps the whole log."""

    def __init__(self, project: Path, port: int | None = None, env: dict[str, str] | None = None) -> None:
        self.project = project
        self.port = port or free_port()
        self.base = f"http://{HOST}:{self.port}/"
        self.events: list[Event] = []
        self.lines: list[str] = []
        # PYTHONPATH: the hook imports `scripts`, which must be the project's own copy (with its own
        # data/ and snippets/), not the checkout that the venv's .pth file points at.
        env = {**(env or mkdocs_env()), "PYTHONPATH": str(project)}
        self.proc = subprocess.Popen(
            [str(BIN / "mkdocs"), "serve", "--dev-addr", f"{HOST}:{self.port}"],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            env=env,
        )
        self._reader = threading.Thread(target=self._read, name="mkdocs-serve-log", daemon=True)
        self._reader.start()

    def _read(self) -> None:
        assert self.proc.stdout is not None
        for line in self.proc.stdout:
            self.lines.append(line.rstrip())
            kind = serve_event(line)
            if kind:
                self.events.append((time.perf_counter(), kind, line.rstrip()))

    def url(self, path: str = "") -> str:
        return self.base + path.lstrip("/")

    def wait_until_served(self, path: str = "", seconds: float = 180) -> str:
        """Wait for the first build; returns the page's HTML, or raises with the end of the log."""
        html: list[str] = []

        def up() -> bool:
            if self.proc.poll() is not None:
                return True
            page = fetch(self.url(path))
            if page:
                html.append(page)
            return bool(page)

        if not wait_for(up, seconds, 0.2) or not html:
            raise RuntimeError(
                f"mkdocs serve did not serve {self.url(path)} within {seconds:.0f} s:\n" + self.log()[-3000:]
            )
        return html[0]

    def builds(self, since: int = 0) -> int:
        return sum(1 for _, kind, _ in self.events[since:] if kind == "build")

    def wait_quiet(self, quiet: float, limit: float, since: int = 0) -> tuple[bool, float | None]:
        """Wait until no build is running and the log has been silent for `quiet` seconds (True), or
        until `limit` seconds pass (False). Also returns when the last build ended, if one did."""
        begin = time.perf_counter()
        while True:
            now = time.perf_counter()
            seen = self.events[since:]
            last = max((t for t, _, _ in seen), default=begin)
            if not building(seen) and now - last >= quiet:
                ends = [t for t, kind, _ in seen if kind in ("built", "reload", "error")]
                return True, max(ends, default=None)
            if now - begin >= limit:
                return False, None
            time.sleep(0.1)

    def log(self) -> str:
        return "\n".join(self.lines)

    def stop(self) -> None:
        if self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        self._reader.join(timeout=5)


@contextlib.contextmanager
def mkdocs_serve(project: Path, port: int | None = None, env: dict[str, str] | None = None) -> Iterator[DevServer]:
    """`mkdocs serve` in `project` for the length of the block; stopped (and reaped) afterwards."""
    server = DevServer(project, port, env)
    try:
        yield server
    finally:
        server.stop()

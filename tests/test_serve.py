"""`mkdocs serve` picks up a change in data/ and then settles: no stale table, no rebuild loop."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

from tests.conftest import BIN, ROOT

IGNORE = shutil.ignore_patterns(".venv", "site", ".git", "node_modules", ".cache", "__pycache__", ".pytest_cache")


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def wait_for(predicate, seconds: float) -> bool:  # type: ignore[no-untyped-def]
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if predicate():
            return True
        time.sleep(0.5)
    return False


def test_serve_rebuilds_once_when_data_changes(tmp_path: Path) -> None:
    project = tmp_path / "project"
    shutil.copytree(ROOT, project, ignore=IGNORE)
    port = free_port()
    log = (tmp_path / "serve.log").open("w", encoding="utf-8")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    server = subprocess.Popen([str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
                              cwd=project, stdout=log, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}/sputnik-moment/"
    try:
        assert wait_for(lambda: fetch(url) is not None, 180), "mkdocs serve did not start"
        assert "128.99" in (fetch(url) or "")
        closes = project / "data" / "stock_closes.csv"
        closes.write_text(closes.read_text(encoding="utf-8").replace("128.99", "129.99"), encoding="utf-8")
        assert wait_for(lambda: "129.99" in (fetch(url) or ""), 180), "the page did not pick up the data change"
        count = lambda: (tmp_path / "serve.log").read_text(encoding="utf-8").count("Building documentation")  # noqa: E731
        time.sleep(10)
        settled = count()
        time.sleep(10)
        assert count() == settled, f"mkdocs serve kept rebuilding: {settled} builds, then {count()}"
        # The first build, the build for the data change, and at most one more because the hook
        # rewrote watched snippets; a loop would keep counting.
        assert settled <= 3, f"{settled} builds for one change"
    finally:
        server.terminate()
        server.wait(timeout=30)
        log.close()

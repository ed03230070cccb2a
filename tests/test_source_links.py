"""tools/check_source_links.py against a local server: live pages, a 404, a redirect, a server that
refuses HEAD, one too slow to answer and a closed port. Loopback only; no other network."""

from __future__ import annotations

import http.server
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT

sys.path.insert(0, str(ROOT / "tools"))
import check_source_links as links  # noqa: E402  (tools/ is a folder of scripts, not a package)

SLOW_S = 2.0
TIMEOUT_S = 0.5


class Handler(http.server.BaseHTTPRequestHandler):
    """/ok and /also-ok answer 200; /gone 404; /moved redirects to /ok; /no-head refuses HEAD; /slow stalls."""

    def answer(self, body: bool) -> None:
        if self.path == "/slow":
            time.sleep(SLOW_S)  # the client has given up by now: write nothing to its closed socket
            return
        if self.path in {"/ok", "/also-ok"} or (self.path == "/no-head" and self.command == "GET"):
            self.send_response(200)
        elif self.path == "/no-head":
            self.send_response(405)
        elif self.path == "/moved":
            self.send_response(302)
            self.send_header("Location", "/ok")
        else:
            self.send_response(404)
        self.send_header("Content-Length", "2" if body else "0")
        self.end_headers()
        if body:
            self.wfile.write(b"ok")

    def do_HEAD(self) -> None:  # noqa: N802 (the base class's naming)
        self.answer(body=False)

    def do_GET(self) -> None:  # noqa: N802
        self.answer(body=True)

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def closed_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def register(server: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    entries = {
        "live": f"{server}/ok",
        "also-live": f"{server}/also-ok",
        "gone": f"{server}/gone",
        "moved": f"{server}/moved",
        "no-head": f"{server}/no-head",
        "slow": f"{server}/slow",
        "closed": f"http://127.0.0.1:{closed_port()}/page",
    }
    path = tmp_path_factory.mktemp("register") / "sources.yaml"
    path.write_text(
        "".join(f'- id: {i}\n  title: "T"\n  url: "{u}"\n' for i, u in entries.items())
        + '- id: no-url\n  title: "no address"\n',
        encoding="utf-8",
    )
    return path


def test_report_lists_exactly_the_dead_links(register: Path) -> None:
    sources = links.read_sources(register)
    assert [s.id for s in sources] == ["live", "also-live", "gone", "moved", "no-head", "slow", "closed"]
    dead = links.find_dead(sources, timeout=TIMEOUT_S, pause=0.0)
    assert {d.source.id: d.problem.split(":")[0] for d in dead if d.source.id != "slow"} == {
        "gone": "HTTP 404",
        "closed": "ConnectionRefusedError",
    }
    assert sorted(d.source.id for d in dead) == ["closed", "gone", "slow"]
    text = links.report(dead, len(sources))
    assert text.startswith("3 of 7 source links")
    for source in sources:
        assert (f"`{source.id}`" in text) == (source.id in {"gone", "slow", "closed"})


def test_command_line_writes_the_report_and_exits_zero_unless_asked(register: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    args = [
        sys.executable,
        str(ROOT / "tools" / "check_source_links.py"),
        "--sources",
        str(register),
        "--timeout",
        str(TIMEOUT_S),
        "--retry-pause",
        "0",
        "--output",
        str(out),
    ]
    result = subprocess.run(args, capture_output=True, text=True, check=False, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout == out.read_text(encoding="utf-8") and "| `gone` |" in result.stdout
    assert subprocess.run([*args, "--fail"], capture_output=True, text=True, check=False, timeout=60).returncode == 1


def test_retries_once_before_calling_a_link_dead() -> None:
    calls: list[str] = []

    def flaky(url: str, method: str, timeout: float) -> str | None:
        calls.append(method)
        return None if len(calls) == 4 else "HTTP 503"

    assert links.check("http://example.invalid/", pause=0.0, fetch=flaky) is None
    assert calls == ["HEAD", "GET", "HEAD", "GET"]


def test_no_dead_links_gives_a_one_line_report() -> None:
    assert links.report([], 5) == "All 5 source links answered.\n"

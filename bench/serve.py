"""Live reload: under `mkdocs serve` in a throw-away copy of the project, the time from one data edit
to the served page showing it, and whether the rebuilds then stop."""

from __future__ import annotations

import csv
import io
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from bench.report import Section, fmt_seconds, log
from devtools.devserver import mkdocs_serve
from devtools.net import fetch
from devtools.project import copy_project

# Edited in the temporary copy only. No notebook reads timeline.csv, so the notebooks' cached outputs
# stay valid (scripts/site_steps.py keys them on what they read) and the rebuild is the pages alone.
SERVE_DATA_FILE = "data/timeline.csv"
SERVE_COLUMN = "event"
SERVE_MARKER = "edited by the benchmark"
SERVE_PAGE = "timeline/"  # the page that shows that file's table
SERVE_QUIET_SECONDS = 5.0  # no rebuild for this long after the change shows = settled
SERVE_SETTLE_LIMIT = 45.0  # still rebuilding this long after it shows = a rebuild loop


@dataclass
class ServeResult:
    reflected: float | None
    builds: int
    reloads: int
    settled: bool
    settle_time: float | None
    error: str | None = None


def nudge_value(value: str) -> str:
    """A different value of the same shape: the last digit moved by one (9 becomes 8)."""
    digits = [i for i, ch in enumerate(value) if ch.isdigit()]
    if not digits:
        raise ValueError(f"no digit to change in {value!r}")
    i = digits[-1]
    new = "8" if value[i] == "9" else str(int(value[i]) + 1)
    return value[:i] + new + value[i + 1 :]


def change_data_file(path: Path, column: str, change: Callable[[str], str] = nudge_value) -> tuple[str, str]:
    """Change the last row's `column` in a CSV file (by default its last digit); returns (old, new) values."""
    text = path.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    old = rows[-1][column]
    new = change(old)
    lines = text.splitlines(keepends=True)
    last = max(i for i, line in enumerate(lines) if line.strip())
    if old not in lines[last]:
        raise ValueError(f"cannot find {old} on the last line of {path}")
    head, sep, tail = lines[last].rpartition(old)
    lines[last] = head + new + tail if sep else lines[last]
    path.write_text("".join(lines), encoding="utf-8")
    return old, new


def add_marker(text: str) -> str:
    """A sentence with the marker added before its final full stop: still valid text for the data checks."""
    return f"{text.rstrip().removesuffix('.')} ({SERVE_MARKER})."


def measure_serve(tmp: Path) -> tuple[Section, ServeResult | None]:
    section = Section("Rebuild under `mkdocs serve`", ["Measure", "Value"], align="ll")
    project = copy_project(tmp / "serve-project")
    with mkdocs_serve(project) as server:
        html = server.wait_until_served(SERVE_PAGE, 180)
        if SERVE_MARKER in html:
            raise RuntimeError(f"{SERVE_MARKER!r} is already on {SERVE_PAGE}")
        # Let the start-up settle (the first build may trigger a second one if snippets were stale).
        server.wait_quiet(SERVE_QUIET_SECONDS, 60)
        before = len(server.events)
        start = time.perf_counter()
        change_data_file(project / SERVE_DATA_FILE, SERVE_COLUMN, add_marker)
        log(f"serve: edited {SERVE_DATA_FILE} in the copy; waiting for /{SERVE_PAGE}")
        reflected = None
        while time.perf_counter() - start < 60:
            page = fetch(server.url(SERVE_PAGE))
            if page and SERVE_MARKER in page:
                reflected = time.perf_counter() - start
                break
            time.sleep(0.05)
        settled, settle_at = server.wait_quiet(SERVE_QUIET_SECONDS, SERVE_SETTLE_LIMIT, since=before)
        after = server.events[before:]
        result = ServeResult(
            reflected=reflected,
            builds=sum(1 for _, kind, _ in after if kind == "build"),
            reloads=sum(1 for _, kind, _ in after if kind == "reload"),
            settled=settled,
            settle_time=None if settle_at is None else settle_at - start,
            error=None if not any(kind == "error" for _, kind, _ in after) else "a rebuild failed (see serve log)",
        )
    section.rows = [
        [
            "Time from the data edit until the served page shows it",
            fmt_seconds(result.reflected) if result.reflected else "not within 60 s",
        ],
        ["Builds started by the one change", result.builds],
        ["Browser reloads sent", result.reloads],
        [
            "Rebuilds stop afterwards",
            f"yes, last build done at {fmt_seconds(result.settle_time)}"
            if result.settled
            else f"no: still rebuilding {SERVE_SETTLE_LIMIT:.0f} s on",
        ],
    ]
    if result.error:
        section.rows.append(["Rebuild errors", result.error])
    section.notes.append(
        f"In a temporary copy of the project, `mkdocs serve` runs; one sentence of `{SERVE_DATA_FILE}` (a file no "
        f"notebook reads) changes and the page `/{SERVE_PAGE}` is fetched every 0.05 s until it shows the change. "
        f"The serve log is then watched until no build has run for {SERVE_QUIET_SECONDS:.0f} s. Times count from "
        "the file write."
    )
    return section, result

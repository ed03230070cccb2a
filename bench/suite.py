"""How long the two test tiers take (`make check` and `make test`), and the size of the search index."""

from __future__ import annotations

import json
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from bench.report import Section, fmt_seconds, log
from devtools.project import ROOT, mkdocs_env

TIERS = {
    "check": "data checks, generators, content tests, one strict build; no browser",
    "test": "the whole suite, as CI runs it",
}


@dataclass
class SuiteTime:
    target: str
    seconds: float | None
    passed: bool
    tail: str = ""


def time_target(target: str) -> SuiteTime:
    """Wall-clock time of `make <target>` in the project, and whether it passed."""
    log(f"timing make {target}")
    start = time.perf_counter()
    result = subprocess.run(
        ["make", "--no-print-directory", target],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env=mkdocs_env(),
        check=False,
    )
    elapsed = time.perf_counter() - start
    tail = "\n".join((result.stdout + result.stderr).strip().splitlines()[-3:])
    return SuiteTime(target, elapsed, result.returncode == 0, tail)


def suite_section(times: list[SuiteTime]) -> Section:
    section = Section("Test suite", ["Command", "What it runs", "Time", "Result"], align="llrl")
    for t in times:
        section.rows.append(
            [
                f"`make {t.target}`",
                TIERS.get(t.target, ""),
                fmt_seconds(t.seconds),
                "passed" if t.passed else "FAILED: " + " ".join(t.tail.split())[-200:],
            ]
        )
    section.notes.append(
        "Wall-clock time of each command on this machine, set-up steps included (they do nothing "
        "once `.venv`, Chromium and the Nu checker are installed)."
    )
    return section


def search_index_size(site: Path) -> int | None:
    index = site / "search" / "search_index.json"
    return index.stat().st_size if index.exists() else None


def search_index_by_edition(site: Path) -> dict[str, int]:
    """Bytes of index entries per edition: both editions share Material's one index, so split it by page path."""
    index = site / "search" / "search_index.json"
    if not index.exists():
        return {}
    sizes = {"en": 0, "zh": 0}
    for doc in json.loads(index.read_text(encoding="utf-8"))["docs"]:
        edition = "zh" if doc["location"].startswith("zh/") else "en"
        sizes[edition] += len(json.dumps(doc, ensure_ascii=False).encode("utf-8"))
    return sizes

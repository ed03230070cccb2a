"""Shared fixtures: a throw-away copy of the fixture project, and one strict build of the real site."""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from typing import Any
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = ROOT / "tests" / "fixtures"
BIN = Path(sys.executable).parent
EDIT_URI = "https://example.org/deepseek-moment/edit/main/docs/"
# Fixed within a run, so two builds compare byte for byte; today's date, because a build may not
# predate the data it publishes (a row dated after the build date fails the data check).
BUILD_EPOCH = str(int(dt.datetime.combine(dt.date.today(), dt.time(), dt.timezone.utc).timestamp()))


def run_scripts(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the real command line, as a contributor would."""
    return subprocess.run(
        [sys.executable, "-m", "scripts", "--root", str(root), *args],
        cwd=ROOT, capture_output=True, text=True, check=False,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of tests/fixtures (a tiny valid data set) that a test may break."""
    target = tmp_path / "project"
    shutil.copytree(FIXTURE, target, ignore=shutil.ignore_patterns("snippets"))
    return target


def build_site(dest: Path, *extra: str, env: dict[str, str] | None = None, tool: str = "mkdocs") -> subprocess.CompletedProcess[str]:
    full_env = {**os.environ, "EDIT_URI": EDIT_URI, "NO_MKDOCS_2_WARNING": "1", "SOURCE_DATE_EPOCH": BUILD_EPOCH, **(env or {})}
    return subprocess.run(
        [str(BIN / tool), "build", "--strict", "--clean", "-d", str(dest), *extra],
        cwd=ROOT, capture_output=True, text=True, env=full_env, check=False,
    )


@pytest.fixture(scope="session")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The real site, built strictly once for every HTML test."""
    dest = tmp_path_factory.mktemp("site")
    result = build_site(dest)
    assert result.returncode == 0, result.stdout + result.stderr
    return dest


@pytest.fixture(scope="session")
def flat_site() -> Iterator[Path]:
    """The real site with --no-directory-urls, which linkchecker can follow file by file.

    Built outside pytest's private temp folder: run as root, linkchecker drops to user nobody.
    """
    dest = Path(tempfile.mkdtemp(prefix="flat-site-"))
    dest.chmod(0o755)
    result = build_site(dest, "--no-directory-urls")
    assert result.returncode == 0, result.stdout + result.stderr
    yield dest
    shutil.rmtree(dest, ignore_errors=True)


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium under Playwright, one per test module (sync Playwright allows one at a time)."""
    from tests.browser import launch, require_browser

    sync_playwright = require_browser()
    with sync_playwright() as p:
        b = launch(p)
        try:
            yield b
        finally:
            b.close()

"""Shared fixtures: a throw-away copy of the fixture project, and one strict build of the real site.

Two test tiers (markers declared in pyproject.toml): `make check` runs `pytest -m "not slow"`, the
fast tier; `make test` runs everything. A test that uses the `browser` fixture is marked `browser`
and `slow` here, so a new browser test module needs no marks of its own; one that uses `kernel`
(executes a notebook) is marked `slow`.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from devtools.project import ROOT, copy_project

FIXTURE = ROOT / "tests" / "fixtures"
BIN = Path(sys.executable).parent
EDIT_URI = "https://example.org/deepseek-moment/edit/main/docs/"
# Fixed within a run, so two builds compare byte for byte; today's date, because a build may not
# predate the data it publishes (a row dated after the build date fails the data check).
BUILD_EPOCH = str(int(dt.datetime.combine(dt.date.today(), dt.time(), dt.UTC).timestamp()))


def run_scripts(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run the real command line, as a contributor would."""
    return subprocess.run(
        [sys.executable, "-m", "scripts", "--root", str(root), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A copy of tests/fixtures (a tiny valid data set) that a test may break."""
    target = tmp_path / "project"
    shutil.copytree(FIXTURE, target, ignore=shutil.ignore_patterns("snippets"))
    return target


def build_site(
    dest: Path, *extra: str, env: dict[str, str] | None = None, tool: str = "mkdocs", root: Path = ROOT
) -> subprocess.CompletedProcess[str]:
    """A strict build of the project at `root` (the real one unless a test passes a copy) into `dest`."""
    full_env = {
        **os.environ,
        "EDIT_URI": EDIT_URI,
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": BUILD_EPOCH,
        **(env or {}),
    }
    if root != ROOT:  # the copy's own scripts/, not the checkout's that the venv's .pth points at
        full_env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(root), full_env.get("PYTHONPATH")]))
    return subprocess.run(
        [str(BIN / tool), "build", "--strict", "--clean", "-d", str(dest), *extra],
        cwd=root,
        capture_output=True,
        text=True,
        env=full_env,
        check=False,
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


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        fixtures = getattr(item, "fixturenames", ())
        if "browser" in fixtures:
            item.add_marker(pytest.mark.browser)
            item.add_marker(pytest.mark.slow)
        if "kernel" in fixtures:  # executes a notebook in a Jupyter kernel
            item.add_marker(pytest.mark.slow)


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of the whole project (data, docs, hooks, scripts; no .venv, site/ or caches) a test may change."""
    return copy_project(tmp_path / "copy")


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

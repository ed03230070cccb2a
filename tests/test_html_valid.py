"""The HTML the project's pages and templates produce passes the Nu HTML Checker (vnu.jar)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

VNU = ROOT / "tools" / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"

# Errors that come from Material for MkDocs' own templates, not from this project. Each is listed
# with the reason it is accepted; anything else fails the test.
THEME_ERRORS = {
    "Bad value “” for attribute “tabindex” on element “label”": (
        'Material\'s navigation template writes tabindex="" on section labels (partials/nav-item.html).'
    ),
    "Attribute “autocomplete” is only allowed when the input type is": (
        'Material puts autocomplete="off" on its drawer and search toggle checkboxes (base.html).'
    ),
}


@pytest.mark.slow
def test_built_html_passes_the_nu_checker(site: Path) -> None:
    if not VNU.exists() or shutil.which("java") is None:
        if os.environ.get("CI"):
            pytest.fail("vnu.jar or java missing: run `make tools` (npm) and install a Java runtime")
        pytest.skip("vnu.jar or java missing; run `make tools`")
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--errors-only", "--skip-non-html", str(site)],
        capture_output=True,
        text=True,
        check=False,
    )
    errors = [line for line in result.stderr.splitlines() if ": error:" in line]
    unexplained = [e for e in errors if not any(known in e for known in THEME_ERRORS)]
    assert not unexplained, "\n".join(re.sub(r'^"file:[^"]*/', "", e) for e in unexplained[:20])

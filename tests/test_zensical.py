"""Zensical, Material's successor, builds the pages: the check the issue asks for beside ProperDocs.

Zensical 0.0.73 reads mkdocs.yml and runs Python-Markdown extensions, so everything the pages get
from `scripts.mdext` renders: figures, source footnotes, glossary tooltips, includes of the
generated tables, charts and quotations, and maths. It runs no MkDocs hooks or plugins, so the
check builds a copy with two settings changed, and these differ from the MkDocs site:

- `!relative $config_dir` is not understood: markdown-include gets the copy's path instead;
- `custom_dir: overrides` is dropped: our templates read words the hook supplies (config.extra.ui);
- no hooks: no Content-Security-Policy, review-date line, published data/ files, feed, robots.txt,
  table labels for phones, first-use-only tooltips, or Chinese 404;
- no mkdocs-static-i18n: a Chinese page is built beside its English one (`capex.zh/`), not under /zh/,
  and its figures are in English conventions (the Markdown extension's language comes from the hook);
- no mkdocs-jupyter: the notebooks are copied, not rendered.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import BIN, ROOT

pytestmark = pytest.mark.slow
SKIP = shutil.ignore_patterns(".venv", ".git", "site", ".cache", "node_modules", "__pycache__", ".pytest_cache")


def test_zensical_builds_the_pages(tmp_path: Path) -> None:
    copy = tmp_path / "project"
    shutil.copytree(ROOT, copy, ignore=SKIP)
    env = {**os.environ, "PYTHONPATH": str(copy)}  # the copy's scripts/, not the checkout's
    generated = subprocess.run(
        [sys.executable, "-m", "scripts", "generate"], cwd=copy, env=env, capture_output=True, text=True, check=False
    )
    assert generated.returncode == 0, generated.stderr
    config = copy / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    text = text.replace("base_path: !relative $config_dir", f"base_path: {copy}")
    text = text.replace("  custom_dir: overrides\n", "")
    config.write_text(text, encoding="utf-8")
    result = subprocess.run(
        [str(BIN / "zensical"), "build"], cwd=copy, env=env, capture_output=True, text=True, check=False, timeout=600
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    site = copy / "site"
    capex = (site / "capex" / "index.html").read_text(encoding="utf-8")
    assert capex.count('class="fact"') >= 10, "figures from the registry"
    assert "<table" in capex and 'class="footnote' in capex and "<svg" in capex
    assert "{{" not in capex and "{!" not in capex, "an unresolved reference or include"
    chinese = (site / "capex.zh" / "index.html").read_text(encoding="utf-8")
    assert "资本开支" in chinese and 'class="fact"' in chinese

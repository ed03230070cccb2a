"""The project's paths, the environment MkDocs runs in, and throw-away copies of the project."""

from __future__ import annotations

import os
import shutil
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
MKDOCS_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}

# What a copy of the project leaves out: environments, outputs and caches.
COPY_IGNORE = shutil.ignore_patterns(
    ".venv",
    "site",
    ".git",
    "node_modules",
    ".pytest_cache",
    ".ruff_cache",
    "__pycache__",
    ".cache",
    ".ipynb_checkpoints",
)


def mkdocs_env(**extra: str) -> dict[str, str]:
    """os.environ without MkDocs' 2.0 banner, plus `extra`."""
    return {**os.environ, **MKDOCS_ENV, **extra}


def copy_project(dest: Path, root: Path = ROOT) -> Path:
    """A copy of the project (sources, data, docs, hooks; no .venv, site/, caches) at `dest`."""
    shutil.copytree(root, dest, ignore=COPY_IGNORE)
    return dest

"""Write generated files only when their content changes, and never leave a half-written set."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from scripts.load import ROOT
from scripts.render.declared import README, RECORDS

# Directories the generator owns completely: a file here that the data no longer produces is stale.
MANAGED = ("snippets/tables", "snippets/quotes", "snippets/generated", "snippets/figures", "snippets/zh")
# Files made from the declaration in scripts/schema.py, not from data/: a hand edit there belongs in schema.py.
DECLARED = (README, RECORDS)


def managed_files(root: Path = ROOT) -> set[Path]:
    found: set[Path] = set()
    for rel in MANAGED:
        folder = root / rel
        if folder.is_dir():
            found.update(p for p in folder.rglob("*") if p.is_file())
    return found


def _differs(rel: Path) -> str:
    if rel.as_posix() in DECLARED:
        return (
            f"{rel}: differs from the declaration in scripts/schema.py; change a column there, "
            "not in this file, then run `make data`"
        )
    return f"{rel}: differs from what the data produces"


def stale(outputs: dict[Path, str], root: Path = ROOT, prune: bool = True) -> list[str]:
    """What `--check` reports: files that differ, are missing, or (with `prune`) should not exist."""
    problems = []
    for path, content in sorted(outputs.items()):
        rel = path.relative_to(root)
        if not path.exists():
            problems.append(f"{rel}: missing")
        elif path.read_text(encoding="utf-8") != content:
            problems.append(_differs(rel))
    if prune:
        for path in sorted(managed_files(root) - set(outputs)):
            problems.append(f"{path.relative_to(root)}: no longer produced by the data")
    return problems


def write(outputs: dict[Path, str], root: Path = ROOT, prune: bool = True) -> list[Path]:
    """Replace changed files atomically and (with `prune`) delete stale ones; return what changed."""
    changed: list[Path] = []
    for path, content in sorted(outputs.items()):
        if path.exists() and path.read_text(encoding="utf-8") == content:
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
            handle.write(content)
        os.replace(tmp, path)
        changed.append(path)
    if prune:
        for path in sorted(managed_files(root) - set(outputs)):
            path.unlink()
            changed.append(path)
    return changed

"""Files generated from the declaration in scripts/schema.py, not from the data: the record types in
scripts/records.py and the column tables in data/README.md. `generate --check` fails when either
drifts from the declaration, so a column is described in one place only.
"""

from __future__ import annotations

import re
from pathlib import Path

from scripts.errors import DataError, Problem
from scripts.schema import NONE, SPECS, TableSpec

RECORDS = "scripts/records.py"
README = "data/README.md"
# A README column table sits between these markers; everything outside them is hand-written prose.
REGION = re.compile(r"^<!-- columns: (?P<file>\S+) -->\n(?P<body>.*?)^<!-- /columns -->$", re.M | re.S)

RECORDS_HEADER = '''\
# Generated from scripts/schema.py by `python -m scripts generate`; do not edit.
"""Typed records, one class per data file, so renderers never touch raw strings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from scripts.fields import PartialDate
'''


def record_class(spec: TableSpec) -> str:
    """One frozen dataclass, its fields in column order; the loader passes every field, so none has a default."""
    what = "An entry" if spec.file.endswith(".yaml") else "A row"
    lines = [
        "",
        "",
        "@dataclass(frozen=True)",
        f"class {spec.record_name}:",
        f'    """{what} of data/{spec.file}: {spec.title}."""',
        "",
    ]
    lines += [f"    {c.name}: {c.parser.python}" for c in spec.columns]
    return "\n".join(lines) + "\n"


def records_code(specs: tuple[TableSpec, ...] = SPECS) -> str:
    return RECORDS_HEADER + "".join(record_class(spec) for spec in specs)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def column_type(spec: TableSpec, name: str) -> str:
    """The README's type cell: the parser's description, and "unique" for a one-column key."""
    describe = next(c.parser.describe for c in spec.columns if c.name == name)
    return f"{describe}, unique" if spec.key == (name,) else describe


def column_table(spec: TableSpec) -> str:
    """A file's README section: its heading, the column table and, for a key of several columns, that key."""
    with_unit = any(c.unit != NONE for c in spec.columns)
    header = ["field" if spec.file.endswith(".yaml") else "column", "type", *(["unit"] if with_unit else []), "meaning"]
    rows = [
        [f"`{c.name}`", column_type(spec, c.name), *([c.unit] if with_unit else []), c.meaning] for c in spec.columns
    ]
    lines = [f"## `{spec.file}`: {spec.title}", "", "| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    lines += ["| " + " | ".join(_cell(cell) for cell in row) + " |" for row in rows]
    if len(spec.key) > 1:
        names = [f"`{k}`" for k in spec.key]
        lines += ["", f"No two rows have the same {', '.join(names[:-1])} and {names[-1]}."]
    return "\n".join(lines) + "\n\n"


def readme(text: str, specs: tuple[TableSpec, ...] = SPECS) -> str:
    """data/README.md with every column table rewritten from the declaration; the prose around them is kept."""
    by_file = {spec.file: spec for spec in specs}
    found = [m.group("file") for m in REGION.finditer(text)]
    problems = [
        f"a column table for {name}, which scripts/schema.py does not declare" for name in found if name not in by_file
    ]
    problems += [
        f"{name} has {found.count(name)} column tables; keep one" for name in set(found) if found.count(name) > 1
    ]
    problems += [
        f"no column table for {spec.file}; add the lines `<!-- columns: {spec.file} -->` and "
        "`<!-- /columns -->` where its section belongs"
        for spec in specs
        if spec.file not in found
    ]
    if problems:
        raise DataError([Problem(README, 0, "", p) for p in sorted(problems)])
    return REGION.sub(
        lambda m: f"<!-- columns: {m.group('file')} -->\n{column_table(by_file[m.group('file')])}<!-- /columns -->",
        text,
    )


def render(root: Path) -> dict[str, str]:
    """The files the declaration produces in the project at `root`: records.py where the project has its code,
    the README tables where it has a README (the test fixture has neither)."""
    files: dict[str, str] = {}
    if (root / "scripts").is_dir():
        files[RECORDS] = records_code()
    readme_path = root / README
    if readme_path.exists():
        files[README] = readme(readme_path.read_text(encoding="utf-8"))
    return files

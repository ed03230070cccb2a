"""A Frictionless data package descriptor for data/, so the files can be reused by machines too.

Every field's type, unit, description and constraints come from the declaration in scripts/schema.py,
the same one that parses the files and documents them in data/README.md.
"""

from __future__ import annotations

import json

from scripts.fields import SOURCES as SOURCES_FILE
from scripts.load import Dataset
from scripts.schema import NONE, SOURCES, TABLES, Column, TableSpec

LICENCE = {
    "name": "CC-BY-4.0",
    "path": "https://creativecommons.org/licenses/by/4.0/",
    "title": "Creative Commons Attribution 4.0",
}
CITATION = (
    "The DeepSeek Moment contributors. The DeepSeek Moment: data on DeepSeek and the economics of AI "
    "(CSV files). Licensed CC BY 4.0. Cite the original source of any single figure as listed in sources.yaml."
)


def resource_name(file: str) -> str:
    return "sources" if file == SOURCES_FILE else file.removesuffix(".csv").replace("_", "-")


def schema_field(spec: TableSpec, column: Column) -> dict[str, object]:
    parser = column.parser
    field: dict[str, object] = {"name": column.name, "type": parser.frictionless, "description": column.meaning}
    if column.unit != NONE:
        field["unit"] = column.unit
    constraints: dict[str, object] = {}
    if not parser.optional:
        constraints["required"] = True
    if spec.key == (column.name,):
        constraints["unique"] = True
    if parser.options:
        constraints["enum"] = list(parser.options)
    if constraints:
        field["constraints"] = constraints
    return field


def foreign_keys(spec: TableSpec) -> list[dict[str, object]]:
    """A key for each column naming one row of another file; a list of ids in one cell cannot be one."""
    by_file = {s.file: s for s in (SOURCES, *TABLES)}
    keys: list[dict[str, object]] = []
    for column in spec.columns:
        target = by_file.get(column.parser.refers[0]) if len(column.parser.refers) == 1 else None
        if target is None or len(target.key) != 1 or column.parser.python.startswith("tuple"):
            continue
        keys.append(
            {"fields": column.name, "reference": {"resource": resource_name(target.file), "fields": target.key[0]}}
        )
    return keys


def descriptor(ds: Dataset) -> dict[str, object]:
    resources: list[dict[str, object]] = []
    for spec in TABLES:
        schema: dict[str, object] = {
            "fields": [schema_field(spec, c) for c in spec.columns],
            "primaryKey": list(spec.key),
        }
        if keys := foreign_keys(spec):
            schema["foreignKeys"] = keys
        resources.append(
            {
                "name": resource_name(spec.file),
                "title": spec.title,
                "path": spec.file,
                "format": "csv",
                "mediatype": "text/csv",
                "encoding": "utf-8",
                "schema": schema,
            }
        )
    resources.append(
        {
            "name": "sources",
            "title": SOURCES.title,
            "path": SOURCES.file,
            "format": "yaml",
            "mediatype": "application/yaml",
            "description": "The register of sources, a YAML list; each entry has the fields "
            + ", ".join(SOURCES.names)
            + ".",
        }
    )
    return {
        "name": "deepseek-moment",
        "title": "The DeepSeek Moment: data on DeepSeek and the economics of AI",
        "description": "Token prices, capital spending, revenue, share prices, index contributions, a timeline and a "
        "claims ledger behind the explainer site, each row with the id of its source.",
        "licenses": [LICENCE],
        "citation": CITATION,
        "sources": [{"title": s.title, "path": s.url} for s in sorted(ds.sources.values(), key=lambda s: s.id)],
        "resources": resources,
    }


def render(ds: Dataset) -> dict[str, str]:
    text = json.dumps(descriptor(ds), ensure_ascii=False, indent=1, sort_keys=False) + "\n"
    return {"snippets/generated/datapackage.json": text}

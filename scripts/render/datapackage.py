"""A Frictionless data package descriptor for data/, so the files can be reused by machines too.

Column meanings, types and units are read from data/README.md, the one place they are documented;
a test checks that every column of every file is documented there.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from scripts.load import DATA_DIR, Dataset
from scripts.schema import TABLES

LICENCE = {"name": "CC-BY-4.0", "path": "https://creativecommons.org/licenses/by/4.0/",
           "title": "Creative Commons Attribution 4.0"}
CITATION = ("The DeepSeek Moment contributors. The DeepSeek Moment: data on DeepSeek and the economics of AI "
            "(CSV files). Licensed CC BY 4.0. Cite the original source of any single figure as listed in sources.yaml.")


def documented_columns(readme: str) -> dict[str, dict[str, dict[str, str]]]:
    """{file: {column: {"type", "unit", "meaning"}}} from the README's per-file tables."""
    out: dict[str, dict[str, dict[str, str]]] = {}
    for section in re.split(r"^## ", readme, flags=re.M)[1:]:
        match = re.match(r"`([^`]+)`", section)
        if not match:
            continue
        rows: dict[str, dict[str, str]] = {}
        header: list[str] = []
        for line in section.splitlines():
            if not line.startswith("|") or set(line.replace("|", "").strip()) <= {"-", " ", ":"}:
                continue
            cells = [c.strip() for c in line.strip("|").split("|")]
            if not header:
                header = [c.lower() for c in cells]
                continue
            record = dict(zip(header, cells))
            name = record.get("column") or record.get("field") or ""
            rows[name.strip("`")] = record
        out[match.group(1)] = rows
    return out


def field_type(documented: str) -> str:
    text = documented.lower()
    if "decimal" in text:
        return "number"
    if "integer" in text or "whole number" in text:
        return "integer"
    if text.strip() == "date":
        return "date"
    return "string"


def descriptor(ds: Dataset, readme: str) -> dict[str, object]:
    docs = documented_columns(readme)
    resources = []
    for spec in TABLES:
        columns = docs.get(spec.file, {})
        fields = []
        for name in spec.columns:
            doc = columns.get(name, {})
            field: dict[str, object] = {"name": name, "type": field_type(doc.get("type", "")),
                                        "description": doc.get("meaning", "")}
            unit = doc.get("unit", "")
            if unit and unit not in ("–", "-"):
                field["unit"] = unit
            fields.append(field)
        schema: dict[str, object] = {"fields": fields, "primaryKey": list(spec.key)}
        if "source_id" in spec.columns:
            schema["foreignKeys"] = [{"fields": "source_id", "reference": {"resource": "sources", "fields": "id"}}]
        resources.append({
            "name": spec.file.removesuffix(".csv").replace("_", "-"), "path": spec.file, "format": "csv",
            "mediatype": "text/csv", "encoding": "utf-8", "schema": schema,
        })
    resources.append({"name": "sources", "path": "sources.yaml", "format": "yaml", "mediatype": "application/yaml",
                      "description": "The register of sources: id, title, publisher, author, url, published, "
                                     "accessed, redistributable, kind, note."})
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


def render(ds: Dataset, data_dir: Path = DATA_DIR) -> dict[str, str]:
    readme_path = data_dir / "README.md"
    readme = readme_path.read_text(encoding="utf-8") if readme_path.exists() else ""
    text = json.dumps(descriptor(ds, readme), ensure_ascii=False, indent=1, sort_keys=False) + "\n"
    return {"snippets/generated/datapackage.json": text}

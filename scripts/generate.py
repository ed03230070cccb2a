"""Produce every generated file in memory from the data, then write or check them together."""

from __future__ import annotations

from pathlib import Path

from scripts.load import DATA_DIR, DOCS_DIR, ROOT, Dataset, load
from scripts.render import calculator, capex, charts, datapackage, inline, markets, prices, reference, trends
from scripts.render import declared

RENDERERS = (inline.quotes, prices.render, capex.render, markets.render,
             reference.render, charts.render, trends.render, calculator.render)


def build(ds: Dataset, root: Path = ROOT) -> dict[Path, str]:
    """All outputs, keyed by absolute path: from the data, and from the declaration. Nothing is written here."""
    outputs: dict[Path, str] = {}
    produced = [renderer(ds) for renderer in RENDERERS] + [datapackage.render(ds), declared.render(root)]
    for files in produced:
        for rel, content in files.items():
            path = root / rel
            if path in outputs:
                raise RuntimeError(f"two renderers produce {rel}")
            outputs[path] = content
    for path, content in list(outputs.items()):  # the Chinese edition's includes, until its renderers land
        rel = path.relative_to(root)
        if rel.parts[0] == "snippets" and rel.parts[1] in ("tables", "figures", "quotes"):
            outputs.setdefault(root / "snippets" / "zh" / rel.relative_to("snippets"), content)
    return outputs


def declared_outputs(root: Path = ROOT) -> dict[Path, str]:
    """What the declaration alone produces (records.py, the README tables): written before the data is loaded,
    so a column added to scripts/schema.py reaches the record types the loader fills."""
    return {root / rel: content for rel, content in declared.render(root).items()}


def outputs_for(data_dir: Path = DATA_DIR, docs_dir: Path = DOCS_DIR, root: Path = ROOT) -> dict[Path, str]:
    return build(load(data_dir, docs_dir), root)

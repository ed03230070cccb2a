"""Produce every generated file in memory from the data, then write or check them together."""

from __future__ import annotations

from pathlib import Path

from scripts import glossary
from scripts.load import DATA_DIR, DOCS_DIR, ROOT, Dataset, load
from scripts.messages import LANGS
from scripts.render import calculator, capex, charts, datapackage, declared, inline, markets, prices, reference, trends

# Each renders every language (English at its path, the rest under snippets/<lang>/); the calculator's
# JSON and the data package are language-neutral, so they are rendered once.
RENDERERS = (
    inline.quotes,
    prices.render,
    capex.render,
    markets.render,
    reference.render,
    charts.render,
    trends.render,
    calculator.render_messages,
)
NEUTRAL = (calculator.render, glossary.jieba_words)


def build(ds: Dataset, root: Path = ROOT) -> dict[Path, str]:
    """All outputs, keyed by absolute path: from the data, and from the declaration. Nothing is written here."""
    outputs: dict[Path, str] = {}
    produced = [renderer(ds, lang) for lang in LANGS for renderer in RENDERERS]
    produced += [renderer(ds) for renderer in NEUTRAL] + [datapackage.render(ds), declared.render(root)]
    for files in produced:
        for rel, content in files.items():
            path = root / rel
            if path in outputs:
                raise RuntimeError(f"two renderers produce {rel}")
            outputs[path] = content
    return outputs


def declared_outputs(root: Path = ROOT) -> dict[Path, str]:
    """What the declaration alone produces (records.py, the README tables): written before the data is loaded,
    so a column added to scripts/schema.py reaches the record types the loader fills."""
    return {root / rel: content for rel, content in declared.render(root).items()}


def outputs_for(data_dir: Path = DATA_DIR, docs_dir: Path = DOCS_DIR, root: Path = ROOT) -> dict[Path, str]:
    return build(load(data_dir, docs_dir), root)

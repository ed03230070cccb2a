"""Schema tests on the real data: it loads, every file has rows, every column is declared once."""

from __future__ import annotations

import json
import re
from dataclasses import fields

import pytest

from scripts import records
from scripts.load import DATA_DIR, load
from scripts.render.declared import REGION
from scripts.schema import SPECS, TABLES, TableSpec
from tests.conftest import ROOT


def test_real_data_loads_and_every_table_has_rows() -> None:
    ds = load()
    assert len(ds.sources) > 100
    for spec in TABLES:
        assert ds.rows(spec.file), f"data/{spec.file} has no rows"


def readme_columns(readme: str) -> dict[str, list[str]]:
    """{file: [column, ...]} from the generated tables between the README's column markers."""
    return {m["file"]: re.findall(r"^\| `([^`]+)` \|", m["body"], flags=re.M) for m in REGION.finditer(readme)}


@pytest.mark.parametrize("spec", SPECS, ids=lambda s: s.file)
def test_every_column_is_declared_once(spec: TableSpec) -> None:
    """The README table, the record class and the package's fields all list exactly the declared columns."""
    readme = (DATA_DIR / "README.md").read_text(encoding="utf-8")
    assert readme_columns(readme).get(spec.file) == list(spec.names), f"data/README.md: {spec.file}"
    cls = getattr(records, spec.record_name)
    assert [(f.name, f.type) for f in fields(cls)] == [(c.name, c.parser.python) for c in spec.columns]
    package = json.loads((ROOT / "snippets" / "generated" / "datapackage.json").read_text(encoding="utf-8"))
    resource = next(r for r in package["resources"] if r["path"] == spec.file)
    if "schema" in resource:
        declared = [(c.name, c.parser.frictionless, c.meaning) for c in spec.columns]
        assert [(f["name"], f["type"], f["description"]) for f in resource["schema"]["fields"]] == declared
    else:
        assert all(name in resource["description"] for name in spec.names)


def test_no_column_table_outside_the_generated_regions() -> None:
    """A hand-written table row naming a column would be a second place to describe it."""
    prose = REGION.sub("", (DATA_DIR / "README.md").read_text(encoding="utf-8"))
    assert not re.findall(r"^\|.*\|$", prose, flags=re.M)


def test_datapackage_describes_every_published_file() -> None:
    package = json.loads((ROOT / "snippets" / "generated" / "datapackage.json").read_text(encoding="utf-8"))
    paths = {r["path"] for r in package["resources"]}
    assert paths == {p.name for p in DATA_DIR.glob("*.csv")} | {"sources.yaml"}
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert "citation" in package
    prices = next(r for r in package["resources"] if r["path"] == "prices.csv")
    fields = {f["name"]: f for f in prices["schema"]["fields"]}
    assert fields["input"]["type"] == "number" and "1M tokens" in fields["input"]["unit"]
    assert fields["valid_from"]["type"] == "date"
    assert all(f["description"] for r in package["resources"] if "schema" in r for f in r["schema"]["fields"])


def test_claims_cover_the_whole_article() -> None:
    claims = load().rows("claims.csv")
    assert [c.id for c in sorted(claims, key=lambda c: c.id)] == [f"C{i:02d}" for i in range(1, 62)]
    for claim in claims:
        assert claim.zh and claim.en
        if claim.verdict in ("wrong", "approx", "misattributed"):
            assert claim.finding, f"{claim.id}: a '{claim.verdict}' verdict needs the correct version"

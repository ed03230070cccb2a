"""Schema tests on the real data: it loads, every file has rows, every column is documented."""

from __future__ import annotations

import json

import pytest

from scripts.load import DATA_DIR, load
from scripts.render.datapackage import documented_columns
from scripts.schema import TABLES
from tests.conftest import ROOT


def test_real_data_loads_and_every_table_has_rows() -> None:
    ds = load()
    assert len(ds.sources) > 100
    for spec in TABLES:
        assert ds.rows(spec.file), f"data/{spec.file} has no rows"


@pytest.mark.parametrize("spec", TABLES, ids=lambda s: s.file)
def test_every_column_is_documented_in_the_data_readme(spec) -> None:  # type: ignore[no-untyped-def]
    docs = documented_columns((DATA_DIR / "README.md").read_text(encoding="utf-8"))
    assert spec.file in docs, f"data/README.md has no section for {spec.file}"
    missing = [c for c in spec.columns if c not in docs[spec.file]]
    assert not missing, f"{spec.file}: columns not documented in data/README.md: {missing}"


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

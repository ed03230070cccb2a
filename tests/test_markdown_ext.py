"""The site's Markdown behaviour: includes inside admonitions and tabs, missing includes, math."""

from __future__ import annotations

import shutil
from pathlib import Path

import markdown
import pytest

from scripts.mdext import SiteExtension
from tests.conftest import FIXTURE

TABLE = "<!-- generated -->\n\n| A | B |\n| :-- | --: |\n| x | 1 |\n| y | 2 |\n\nSource: [data](/data/x.csv).\n"


def convert(root: Path, text: str) -> str:
    md = markdown.Markdown(
        extensions=[
            SiteExtension(root=str(root)),
            "admonition",
            "tables",
            "attr_list",
            "md_in_html",
            "pymdownx.superfences",
            "pymdownx.tabbed",
            "markdown_include.include",
        ],
        extension_configs={
            "markdown_include.include": {"base_path": str(root), "throwException": True},
            "pymdownx.tabbed": {"alternate_style": True},
        },
    )
    return md.convert(text)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    shutil.copytree(FIXTURE / "data", tmp_path / "data")
    shutil.copytree(FIXTURE / "docs", tmp_path / "docs")
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "t.md").write_text(TABLE, encoding="utf-8")
    return tmp_path


def test_table_included_inside_an_admonition_stays_inside(root: Path) -> None:
    html = convert(root, '!!! note "Prices"\n\n    {!snippets/t.md!}\n\nAfter.\n')
    inside = html.split('<div class="admonition note">', 1)[1].split("</div>", 1)[0]
    assert "<table>" in inside and ">y</td>" in inside and "Source:" in inside
    assert "<p>After.</p>" in html.split("</div>", 1)[1]


def test_table_included_inside_a_content_tab_stays_inside(root: Path) -> None:
    html = convert(root, '=== "One"\n\n    {!snippets/t.md!}\n\n=== "Two"\n\n    Other.\n')
    first_tab = html.split('class="tabbed-block"', 1)[1].split('class="tabbed-block"', 1)[0]
    assert "<table>" in first_tab and ">y</td>" in first_tab


def test_a_missing_include_fails_loudly(root: Path) -> None:
    with pytest.raises(FileNotFoundError):
        convert(root, "{!snippets/nope.md!}\n")
    with pytest.raises(FileNotFoundError):
        convert(root, "!!! note\n\n    {!snippets/nope.md!}\n")


def test_math_becomes_mathml_and_dollar_amounts_do_not(root: Path) -> None:
    html = convert(root, "Costs US$5 and US$10, and $x^2$ here.\n\n$$\nS = P Q\n$$\n")
    assert "US$5 and US$10" in html
    assert '<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline">' in html
    assert 'display="block"' in html
    assert "wzxhzdk" not in html

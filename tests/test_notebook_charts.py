"""The notebooks' charts: inline SVG from scripts/render/notebook_charts.py, in the built pages,
accessible (role, title, desc), coloured only through CSS, and within the page-weight budget."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from bench.run import PAGE_KB_MAX
from scripts.render.notebook_charts import Series, bar_chart, log_line_chart

SVG = "{http://www.w3.org/2000/svg}"


def svg_of(html: str, name: str) -> ET.Element:
    match = re.search(rf'<figure class="chart" id="chart-nb-{name}">\s*(<svg.*?</svg>)', html, re.S)
    assert match, f"chart {name} missing"
    return ET.fromstring(match.group(1))


def check_accessible(svg: ET.Element, name: str) -> None:
    assert svg.get("role") == "img"
    assert svg.get("aria-labelledby") == f"chart-nb-{name}-title chart-nb-{name}-desc"
    assert (svg.findtext(f"{SVG}title") or "").strip() and (svg.findtext(f"{SVG}desc") or "").strip()
    for el in svg.iter():
        assert el.get("fill") is None and el.get("stroke") is None, "colours belong in CSS, for both schemes"


def test_jevons_notebook_plots_spending_for_four_elasticities(site: Path) -> None:
    html = (site / "notebooks" / "jevons-paradox-in-numbers" / "index.html").read_text(encoding="utf-8")
    svg = svg_of(html, "jevons-spending")
    check_accessible(svg, "jevons-spending")
    assert len(svg.findall(f"{SVG}polyline")) == 4
    texts = [t.text or "" for t in svg.iter(f"{SVG}text")]
    for eps in ("0.5", "1", "1.5", "2"):
        assert f"elasticity {eps}" in texts
    assert any("US$ per million tokens" in t for t in texts) and any("×" in t for t in texts)


def test_distillation_notebook_plots_teacher_and_students(site: Path) -> None:
    html = (site / "notebooks" / "distillation-in-a-minute" / "index.html").read_text(encoding="utf-8")
    svg = svg_of(html, "distillation-accuracy")
    check_accessible(svg, "distillation-accuracy")
    assert len(svg.findall(f"{SVG}rect")) == 4
    texts = [t.text or "" for t in svg.iter(f"{SVG}text")]
    for label in ("teacher", "(a) hard labels only", "(b) distillation, soft targets"):
        assert label in texts
    assert any(t.startswith("Test accuracy") for t in texts)


def test_notebook_pages_stay_within_the_page_weight_budget(site: Path) -> None:
    for page in (site / "notebooks").glob("*/index.html"):
        assert page.stat().st_size <= PAGE_KB_MAX * 1024, f"{page}: {page.stat().st_size} bytes"


def test_helpers_give_well_formed_deterministic_svg() -> None:
    lines = [Series("a", [(1.0, 1.0), (10.0, 100.0)]), Series("b", [(1.0, 2.0), (10.0, 0.5)])]
    first = log_line_chart("t", "Title & more", "Desc <x>", lines, x_title="X", y_title="Y", x_fmt=str, y_fmt=str)
    assert first == log_line_chart(
        "t", "Title & more", "Desc <x>", lines, x_title="X", y_title="Y", x_fmt=str, y_fmt=str
    )
    svg = ET.fromstring(re.search(r"<svg.*</svg>", first, re.S).group(0))  # type: ignore[union-attr]
    assert svg.findtext(f"{SVG}title") == "Title & more"
    bars = bar_chart(
        "b", "T", "D", [("x", 0.5, "main"), ("y", 0.75, "input")], x_title="X", fmt=str, ranges=[None, (0.6, 0.9)]
    )
    ET.fromstring(re.search(r"<svg.*</svg>", bars, re.S).group(0))  # type: ignore[union-attr]

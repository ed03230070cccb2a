"""The chart primitives in scripts/render/svg.py: scales, ticks, axes, legend, escaping, determinism."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from decimal import Decimal

import pytest

from scripts.render import svg

NS = "{http://www.w3.org/2000/svg}"


def parse(fragment: str) -> ET.Element:
    """A fragment wrapped in an <svg>, so several sibling elements parse as XML."""
    return ET.fromstring(f'<svg xmlns="{svg.SVG_NS}">{fragment}</svg>')


# --- Scales ------------------------------------------------------------------------------------


def test_linear_scale_maps_domain_ends_and_midpoint() -> None:
    scale = svg.Linear(0.0, 100.0, 50.0, 650.0)
    assert scale(0.0) == 50.0 and scale(100.0) == 650.0 and scale(50.0) == 350.0


def test_linear_scale_can_flip_for_a_y_axis_and_takes_decimals() -> None:
    scale = svg.Linear(0.0, 10.0, 300.0, 20.0)  # SVG's y grows downwards
    assert scale(0.0) == 300.0 and scale(10.0) == 20.0
    assert scale(Decimal("2.5")) == pytest.approx(230.0)


def test_log_scale_gives_each_decade_the_same_space() -> None:
    scale = svg.Log(0.01, 100.0, 0.0, 400.0)
    assert [scale(v) for v in (0.01, 0.1, 1.0, 10.0, 100.0)] == pytest.approx([0.0, 100.0, 200.0, 300.0, 400.0])
    assert scale(Decimal("1")) == pytest.approx(200.0)


def test_log_scale_can_run_right_to_left() -> None:
    scale = svg.Log(0.1, 1.0, 500.0, 100.0)
    assert scale(1.0) == pytest.approx(100.0) and scale(0.1) == pytest.approx(500.0)


# --- Ticks -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("lo", "hi", "most", "expected"),
    [
        (0.0, 97.0, 6, ["0", "20", "40", "60", "80", "100"]),
        (0.0, 22.4, 6, ["0", "5", "10", "15", "20", "25"]),
        (-3.0, 7.0, 6, ["-5.0", "-2.5", "0.0", "2.5", "5.0", "7.5"]),  # steps of 2 would need 7 ticks
        (0.0, 0.3, 6, ["0.0", "0.1", "0.2", "0.3"]),
        (0.0, 154.0, 8, ["0", "25", "50", "75", "100", "125", "150", "175"]),
    ],
)
def test_nice_ticks(lo: float, hi: float, most: int, expected: list[str]) -> None:
    ticks = svg.nice_ticks(lo, hi, most)
    assert [str(t) for t in ticks] == expected
    assert ticks[0] <= Decimal(repr(lo)) and ticks[-1] >= Decimal(repr(hi)) and len(ticks) <= most


def test_nice_ticks_are_evenly_spaced_decimals() -> None:
    ticks = svg.nice_ticks(0.0, 1.7, 6)
    steps = {b - a for a, b in zip(ticks, ticks[1:], strict=False)}
    assert len(steps) == 1 and all(isinstance(t, Decimal) for t in ticks)
    assert "0.30000000000000004" not in " ".join(str(t) for t in ticks)


def test_nice_ticks_of_a_single_value_still_span_it() -> None:
    ticks = svg.nice_ticks(0.0, 0.0)
    assert len(ticks) >= 2 and ticks[0] == 0


def test_log_decades_cover_the_range() -> None:
    assert [str(t) for t in svg.decades(0.14, 60.0)] == ["0.1", "1", "1E+1", "1E+2"]
    assert [float(t) for t in svg.decades(0.14, 60.0)] == [0.1, 1.0, 10.0, 100.0]


def test_log_decades_of_exact_powers_do_not_add_an_empty_decade() -> None:
    assert [float(t) for t in svg.decades(1.0, 100.0)] == [1.0, 10.0, 100.0]
    assert [float(t) for t in svg.decades(10.0, 10.0)] == [10.0, 100.0]


# --- Coordinates and text ----------------------------------------------------------------------


@pytest.mark.parametrize(("value", "text"), [(1.0, "1"), (1.25, "1.2"), (1.26, "1.3"), (-0.01, "0"), (-2.5, "-2.5")])
def test_coordinates_have_one_decimal_and_no_negative_zero(value: float, text: str) -> None:
    assert svg.coord(value) == text


def test_text_is_escaped() -> None:
    markup = svg.el_text(10, 20, 'A <b>bold</b> & "$5" | *x*', "label", "middle")
    assert "<b>" not in markup and "&lt;b&gt;" in markup and "&amp;" in markup and "&#36;" in markup
    node = parse(markup).find(f"{NS}text")
    assert node is not None and node.text == 'A <b>bold</b> & "$5" | *x*'
    assert node.get("text-anchor") == "middle" and node.get("class") == "label"


def test_start_anchor_is_the_default_and_left_out() -> None:
    assert "text-anchor" not in svg.el_text(0, 0, "x")


def test_negative_width_rect_is_drawn_empty() -> None:
    assert 'width="0"' in svg.el_rect(0, 0, -5, 10, "bar")


def test_vertical_title_is_rotated_about_its_centre() -> None:
    node = parse(svg.vertical_title(22, 150, "US$ <per> share")).find(f"{NS}text")
    assert node is not None and node.get("transform") == "rotate(-90 22 150)" and node.text == "US$ <per> share"


# --- Axes and legend ---------------------------------------------------------------------------


def test_x_axis_draws_a_grid_line_and_label_per_tick() -> None:
    ticks = [Decimal(0), Decimal(50), Decimal(100)]
    root = parse("".join(svg.x_axis(svg.Linear(0, 100, 100, 300), ticks, 10, 200)))
    lines, labels = root.findall(f"{NS}line"), root.findall(f"{NS}text")
    assert [ln.get("x1") for ln in lines] == ["100", "200", "300"]
    assert all(ln.get("class") == "grid" and ln.get("y1") == "10" and ln.get("y2") == "200" for ln in lines)
    assert [t.text for t in labels] == ["0", "50", "100"] and {t.get("y") for t in labels} == {"216"}


def test_y_axis_labels_sit_left_of_the_plot_and_grid_classes_can_vary() -> None:
    ticks = [Decimal("0.5"), Decimal(1), Decimal(1000)]
    root = parse(
        "".join(
            svg.y_axis(
                svg.Log(0.5, 1000, 300, 20), ticks, 70, 600, grid=lambda t: "grid baseline" if t == 1 else "grid"
            )
        )
    )
    assert [ln.get("class") for ln in root.findall(f"{NS}line")] == ["grid", "grid baseline", "grid"]
    labels = root.findall(f"{NS}text")
    assert [t.text for t in labels] == ["0.5", "1", "1,000"]
    assert {t.get("x") for t in labels} == {"62"} and {t.get("text-anchor") for t in labels} == {"end"}


def test_frame_draws_two_axes_and_titles() -> None:
    root = parse("".join(svg.frame(70, 20, 600, 300, "Price", y_title="Spending")))
    assert [ln.get("class") for ln in root.findall(f"{NS}line")] == ["axis", "axis"]
    assert [t.text for t in root.findall(f"{NS}text")] == ["Spending", "Price"]


def test_legend_draws_swatches_and_lines_in_a_row() -> None:
    parts = svg.legend(10, 16, [("bar input", "Input"), ("line s1", "A & B")], {"bar input": ' fill="url(#p)"'})
    root = parse("".join(parts))
    rect, line = root.find(f"{NS}rect"), root.find(f"{NS}line")
    assert rect is not None and rect.get("class") == "bar input" and rect.get("fill") == "url(#p)"
    assert line is not None and line.get("class") == "line s1"
    labels = root.findall(f"{NS}text")
    assert [t.text for t in labels] == ["Input", "A & B"] and {t.get("class") for t in labels} == {"legend"}
    assert float(labels[1].get("x") or 0) > float(labels[0].get("x") or 0)


# --- The <svg>, the <figure> and a line chart --------------------------------------------------


def test_svg_element_is_accessible_and_responsive() -> None:
    root = ET.fromstring("\n".join(svg.svg_element("chart-x", "A <title>", "Words & more", 300, ["<g/>"])))
    assert root.get("role") == "img" and root.get("aria-labelledby") == "chart-x-title chart-x-desc"
    assert root.get("width") == "100%" and root.get("viewBox") == "0 0 720 300" and root.get("height") is None
    title, desc = root.find(f"{NS}title"), root.find(f"{NS}desc")
    assert title is not None and title.text == "A <title>" and list(root).index(title) == 0
    assert desc is not None and desc.text == "Words & more"


def test_figure_element_is_one_raw_html_block() -> None:
    html = svg.figure_element("chart-x", svg.svg_element("chart-x", "T", "D", 100, []), "T & U", "Source: none")
    assert html.startswith('<figure class="chart" id="chart-x">') and html.endswith("</figure>\n")
    assert "\n\n" not in html and "T &amp; U" in html
    with pytest.raises(ValueError, match="blank line"):
        svg.figure_element("chart-x", ["<svg>", "", "</svg>"], "T", "")


SERIES = {"Fast": [(0, 1.0), (1, 2.0), (2, 4.0)], "Slow <b>": [(0, 1.0), (2, 1.5)]}


def test_line_chart_draws_one_polyline_per_series_with_a_legend() -> None:
    root = ET.fromstring(svg.line_chart(SERIES, title="Growth", x_title="Year", y_title="Size"))
    lines = root.findall(f"{NS}polyline")
    assert [p.get("class") for p in lines] == ["line s1", "line s2"]
    assert len((lines[0].get("points") or "").split()) == 3
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert "Fast" in texts and "Slow <b>" in texts and "Year" in texts and "Size" in texts
    assert root.find(f"{NS}style") is not None


def test_line_chart_points_land_on_the_axes() -> None:
    root = ET.fromstring(svg.line_chart({"a": [(0, 0), (10, 100)]}, title="T", x_title="X", y_title="Y"))
    points = (root.find(f"{NS}polyline").get("points") or "").split()  # type: ignore[union-attr]
    (x0, y0), (x1, y1) = (tuple(map(float, p.split(","))) for p in points)
    assert x0 < x1 and y0 > y1  # up and to the right
    grid_x = {float(ln.get("x1") or 0) for ln in root.iter(f"{NS}line") if ln.get("class") == "grid"}
    assert x0 in grid_x and x1 in grid_x


def test_line_chart_log_scale_and_options() -> None:
    content = svg.line_chart(
        {"price": [(2020, 60.0), (2024, 0.1)]},
        title="T",
        x_title="Year",
        y_title="US$",
        log_y=True,
        standalone=False,
        x_fmt=str,
        name="p",
    )
    root = ET.fromstring(content)
    texts = [t.text for t in root.iter(f"{NS}text")]
    assert "2020" in texts and "0.1" in texts and "100" in texts
    assert root.find(f"{NS}style") is None and 'id="chart-p-title"' in content
    with pytest.raises(ValueError):
        svg.line_chart({"bad": [(0, 0.0), (1, 1.0)]}, title="T", x_title="X", y_title="Y", log_y=True)
    with pytest.raises(ValueError):
        svg.line_chart({}, title="T", x_title="X", y_title="Y")


def test_primitives_are_deterministic() -> None:
    def draw() -> str:
        return svg.line_chart(SERIES, title="T", x_title="X", y_title="Y") + "".join(
            svg.legend(0, 0, [("bar main", "x")]) + svg.x_axis(svg.Log(0.1, 100, 0, 300), svg.decades(0.1, 60), 0, 9)
        )

    first = draw()
    assert first == draw()
    coordinates = re.findall(r'\b(?:x|y|x1|y1|x2|y2|cx|cy|r|width|height)="([^"]*)"', first)
    coordinates += re.findall(r'points="([^"]*)"', first)
    assert coordinates and not any(re.search(r"\.\d\d", c) for c in coordinates), "one decimal at most"

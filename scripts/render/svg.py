"""Chart primitives for hand-written inline SVG: scales, ticks, axes, legends, text and the <figure>.

Standard library only, and deterministic: coordinates are written with one decimal by `coord`, so the
same input always gives the same bytes and a committed figure only changes when its data does.
Nothing here knows about the data set; the charts in `scripts.render.charts` combine these pieces.

Colours come only from CSS classes (`bar`, `axis`, `grid`, `tick`, `line s1`, ...) that the site styles
in docs/assets/charts.css. Outside the site (a notebook), `line_chart(..., standalone=True)` embeds a
small stylesheet so the chart is readable on its own.
"""

from __future__ import annotations

import math
import unicodedata
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal

from scripts.numbers import number
from scripts.text import escape

WIDTH = 720  # viewBox width in user units; the SVG itself is scaled to the column width
FONT = 13  # base font size in user units (charts.css sets the same sizes per class)
SMALL = 11
CHAR = 0.56  # average glyph width as a share of the font size, for laying out labels
SVG_NS = "http://www.w3.org/2000/svg"

Number = float | Decimal


# --- Text and shapes ---------------------------------------------------------------------------


def coord(value: float) -> str:
    """A coordinate with one decimal, never '-0.0': the same input always gives the same bytes."""
    text = f"{value:.1f}"
    if text == "-0.0":
        text = "0.0"
    return text[:-2] if text.endswith(".0") else text


def text_width(text: str, size: float = FONT) -> float:
    """Rough rendered width of a label, enough to reserve a margin for it (no font metrics at build time).

    A Chinese character (or a full-width sign) is about one em wide, nearly twice a Latin letter.
    """
    wide = sum(1 for ch in text if unicodedata.east_asian_width(ch) in ("W", "F"))
    return (len(text) - wide) * size * CHAR + wide * size


def el_text(x: float, y: float, content: str, cls: str = "label", anchor: str = "start", extra: str = "") -> str:
    """One SVG <text>; `content` is plain text and is escaped here, so data cannot inject markup."""
    anchor_attr = "" if anchor == "start" else f' text-anchor="{anchor}"'
    return f'<text class="{cls}" x="{coord(x)}" y="{coord(y)}"{anchor_attr}{extra}>{escape(content)}</text>'


def el_rect(x: float, y: float, w: float, h: float, cls: str, extra: str = "") -> str:
    """A rectangle; a negative width is drawn as zero rather than making invalid SVG."""
    size = f'width="{coord(max(w, 0.0))}" height="{coord(h)}"'
    return f'<rect class="{cls}" x="{coord(x)}" y="{coord(y)}" {size}{extra}/>'


def el_line(x1: float, y1: float, x2: float, y2: float, cls: str) -> str:
    return f'<line class="{cls}" x1="{coord(x1)}" y1="{coord(y1)}" x2="{coord(x2)}" y2="{coord(y2)}"/>'


def el_circle(x: float, y: float, r: float, cls: str) -> str:
    return f'<circle class="{cls}" cx="{coord(x)}" cy="{coord(y)}" r="{coord(r)}"/>'


def el_polyline(points: Iterable[tuple[float, float]], cls: str) -> str:
    return f'<polyline class="{cls}" points="{" ".join(f"{coord(x)},{coord(y)}" for x, y in points)}"/>'


def vertical_title(x: float, y: float, content: str) -> str:
    """An axis title written bottom to top, centred on (x, y)."""
    return (
        f'<text class="axis-title" x="{coord(x)}" y="{coord(y)}" text-anchor="middle" '
        f'transform="rotate(-90 {coord(x)} {coord(y)})">{escape(content)}</text>'
    )


# --- Scales ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Linear:
    """Maps the domain [lo, hi] linearly onto [a, b]; a > b flips the axis (SVG's y grows downwards)."""

    lo: float
    hi: float
    a: float  # output for lo
    b: float  # output for hi

    def __call__(self, value: Number) -> float:
        return self.a + (float(value) - self.lo) / (self.hi - self.lo) * (self.b - self.a)


@dataclass(frozen=True)
class Log:
    """Maps [lo, hi] onto [a, b] on a base-10 log scale: each power of ten takes the same space."""

    lo: float
    hi: float
    a: float
    b: float

    def __call__(self, value: Number) -> float:
        share = (math.log10(float(value)) - math.log10(self.lo)) / (math.log10(self.hi) - math.log10(self.lo))
        return self.a + share * (self.b - self.a)


Scale = Callable[[float], float]


def nice_ticks(lo: float, hi: float, most: int = 6) -> list[Decimal]:
    """Round tick values (steps of 1, 2, 2.5 or 5 times a power of ten) covering [lo, hi], at most `most`.

    Decimals, not floats, so a tick is written "0.3", never "0.30000000000000004".
    """
    span = hi - lo if hi > lo else abs(hi) or 1.0
    for exponent in range(math.floor(math.log10(span)) - 1, math.floor(math.log10(span)) + 2):
        for mantissa in (Decimal(1), Decimal(2), Decimal("2.5"), Decimal(5)):
            step = mantissa * Decimal(10) ** exponent
            first = (Decimal(repr(lo)) / step).to_integral_value(rounding="ROUND_FLOOR") * step
            last = (Decimal(repr(hi)) / step).to_integral_value(rounding="ROUND_CEILING") * step
            if last == first:
                last = first + step
            count = int((last - first) / step) + 1
            if count <= most:
                places = max(0, -step.normalize().as_tuple().exponent)  # type: ignore[operator]
                quantum = Decimal(1).scaleb(-places)
                return [(first + i * step).quantize(quantum) for i in range(count)]
    raise ValueError(f"no ticks for {lo}..{hi}")


def decades(lo: float, hi: float) -> list[Decimal]:
    """Powers of ten from just below `lo` to just above `hi`: the ticks of a log axis."""
    first, last = math.floor(math.log10(lo) + 1e-9), math.ceil(math.log10(hi) - 1e-9)
    if first == last:
        last += 1
    return [Decimal(1).scaleb(k) for k in range(first, last + 1)]


# --- Axes and legend ---------------------------------------------------------------------------


def x_axis(
    scale: Scale, ticks: Sequence[Decimal], top: float, bottom: float, fmt: Callable[[Decimal], str] = number
) -> list[str]:
    """A vertical grid line and a label under the plot for each tick of a horizontal axis."""
    out = []
    for tick in ticks:
        x = scale(float(tick))
        out.append(el_line(x, top, x, bottom, "grid"))
        out.append(el_text(x, bottom + 16, fmt(tick), "tick", "middle"))
    return out


def y_axis(
    scale: Scale,
    ticks: Sequence[Decimal],
    left: float,
    right: float,
    fmt: Callable[[Decimal], str] = number,
    grid: Callable[[Decimal], str] = lambda tick: "grid",
) -> list[str]:
    """A horizontal grid line and a label left of the plot for each tick; `grid` picks a line's classes."""
    out = []
    for tick in ticks:
        y = scale(float(tick))
        out.append(el_line(left, y, right, y, grid(tick)))
        out.append(el_text(left - 8, y, fmt(tick), "tick", "end", ' dy="0.35em"'))
    return out


def frame(
    left: float,
    top: float,
    right: float,
    bottom: float,
    x_title: str,
    *,
    y_title: str | None = None,
    y_axis_at: float | None = None,
    y_title_x: float = 22,
    x_title_gap: float = 38,
) -> list[str]:
    """The two axis lines and their titles, the same on every chart."""
    y_axis = left if y_axis_at is None else y_axis_at
    parts = [el_line(y_axis, top, y_axis, bottom, "axis"), el_line(left, bottom, right, bottom, "axis")]
    if y_title is not None:
        parts.append(vertical_title(y_title_x, (top + bottom) / 2, y_title))
    parts.append(el_text((left + right) / 2, bottom + x_title_gap, x_title, "axis-title", "middle"))
    return parts


def legend(x: float, y: float, items: Sequence[tuple[str, str]], extra: Mapping[str, str] | None = None) -> list[str]:
    """Swatches and names in a row; each item is (the swatch's classes, text). A "line ..." class draws a line.

    `extra` adds attributes to a swatch by its classes (a hatch pattern's fill, for instance).
    """
    out = []
    for swatch, label in items:
        if swatch.startswith("line "):
            out.append(el_line(x, y, x + 22, y, swatch))
            x += 28
        else:
            out.append(el_rect(x, y - 6, 12, 12, swatch, (extra or {}).get(swatch, "")))
            x += 17
        out.append(el_text(x, y, label, "legend", extra=' dy="0.35em"'))
        x += text_width(label, SMALL) + 22
    return out


# --- The <svg> and the <figure> around it ------------------------------------------------------


def svg_element(
    cid: str, title: str, desc: str, height: float, body: Sequence[str], width: float = WIDTH, head: Sequence[str] = ()
) -> list[str]:
    """The <svg> lines: a viewBox and width 100% (no pixel size), and a <title> and <desc> for screen readers.

    `cid` prefixes the ids; `head` is inserted after <desc> (a <style> for a standalone chart).
    """
    return [
        f'<svg xmlns="{SVG_NS}" class="chart-svg" width="100%" viewBox="0 0 {coord(width)} {coord(height)}" '
        f'preserveAspectRatio="xMidYMid meet" font-size="{FONT}" role="img" '
        f'aria-labelledby="{cid}-title {cid}-desc">',
        f'<title id="{cid}-title">{escape(title)}</title>',
        f'<desc id="{cid}-desc">{escape(desc)}</desc>',
        *head,
        *body,
        "</svg>",
    ]


def figure_element(cid: str, svg: Sequence[str], title: str, sources_html: str) -> str:
    """A <figure> holding the SVG and a caption (title, then sources), with no blank line.

    A blank line would end Markdown's raw HTML block and let Markdown rewrite the rest of the SVG.
    """
    caption = (
        f'<figcaption><span class="chart-title">{escape(title)}</span> '
        f'<span class="chart-source">{sources_html}</span></figcaption>'
    )
    lines = [f'<figure class="chart" id="{cid}">', *svg, caption, "</figure>"]
    if not all(line.strip() for line in lines):
        raise ValueError("a blank line would end the raw HTML block")
    return "\n".join(lines) + "\n"


# --- A simple line chart, for notebooks --------------------------------------------------------

STANDALONE_CSS = (
    "<style>"
    ".chart-svg text{fill:#333;font-family:sans-serif}"
    ".chart-svg .tick,.chart-svg .legend{font-size:11px;fill:#666}"
    ".chart-svg .axis-title{font-size:12px;font-weight:600;fill:#666}"
    ".chart-svg .axis{stroke:#888}.chart-svg .grid{stroke:#e4e4e4}"
    ".chart-svg .line{fill:none;stroke-width:2.5}"
    ".chart-svg .s1{stroke:#1565c0}.chart-svg .s2{stroke:#777;stroke-dasharray:7 4}"
    ".chart-svg .s3{stroke:#e65100;stroke-dasharray:2 4}"
    "</style>"
)


def line_chart(
    series: Mapping[str, Sequence[tuple[Number, Number]]],
    *,
    title: str,
    x_title: str,
    y_title: str,
    desc: str | None = None,
    log_y: bool = False,
    height: float = 360,
    name: str = "line",
    standalone: bool = True,
    x_fmt: Callable[[Decimal], str] = number,
    y_fmt: Callable[[Decimal], str] = number,
) -> str:
    """An <svg> line chart of one or more named series of (x, y) points, drawn like the site's charts.

    For notebooks: `IPython.display.SVG(line_chart({...}, title=..., x_title=..., y_title=...))`.
    Series are drawn in the order given, styled s1, s2, s3 (then again); the x axis is linear and the
    y axis linear or, with `log_y`, logarithmic (every y must then be positive). `standalone` embeds a
    small stylesheet, since a notebook has no charts.css; `desc` defaults to the points in words.
    `x_fmt` and `y_fmt` write the tick labels (`str` suits years, which `number` would write "2,024").
    """
    points = [(float(x), float(y)) for values in series.values() for x, y in values]
    if not points:
        raise ValueError("line_chart needs at least one point")
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    left, right, top, bottom = 78.0, WIDTH - 30.0, 44.0, height - 50.0
    x_ticks = nice_ticks(min(xs), max(xs), 8)
    x_scale = Linear(float(x_ticks[0]), float(x_ticks[-1]), left, right)
    y_scale: Scale
    if log_y:
        if min(ys) <= 0:
            raise ValueError("a log scale needs positive values")
        y_ticks = decades(min(ys), max(ys))
        y_scale = Log(float(y_ticks[0]), float(y_ticks[-1]), bottom, top)
    else:
        y_ticks = nice_ticks(min(0.0, min(ys)), max(ys), 8)
        y_scale = Linear(float(y_ticks[0]), float(y_ticks[-1]), bottom, top)
    body = x_axis(x_scale, x_ticks, top, bottom, x_fmt) + y_axis(y_scale, y_ticks, left, right, y_fmt)
    items = []
    for k, (label, values) in enumerate(series.items()):
        cls = f"s{k % 3 + 1}"
        body.append(el_polyline([(x_scale(float(x)), y_scale(float(y))) for x, y in values], f"line {cls}"))
        items.append((f"line {cls}", label))
    body = legend(left, 16, items) + body
    body += frame(left, top, right, bottom, x_title, y_title=y_title)
    if desc is None:
        desc = (
            f"{y_title} against {x_title}. "
            + "; ".join(
                f"{label}: " + ", ".join(f"({x:g}, {y:g})" for x, y in values) for label, values in series.items()
            )
            + "."
        )
    cid = f"chart-{name}"
    svg = svg_element(cid, title, desc, height, body, head=[STANDALONE_CSS] if standalone else ())
    return "\n".join(svg) + "\n"

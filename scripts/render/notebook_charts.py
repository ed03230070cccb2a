"""Charts for the notebooks in docs/notebooks/, drawn as inline SVG like the site's own charts.

The notebooks import only this module, so their import surface stays small while the SVG comes
from the same primitives as scripts/render/charts.py (coordinates, text, scales, ticks, axis frame)
and the same CSS classes (docs/assets/charts.css), which follow the light and dark schemes. Each
SVG also carries a small style block scoped to its own id: every colour is a CSS variable of the
site with a neutral fallback, so the chart looks the same on the site and stays readable in a plain
Jupyter or nbconvert page, where the site's stylesheet is absent.

`figure_html` returns a `<figure class="chart">`; a notebook shows it with IPython.display.HTML.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from decimal import Decimal

from scripts.render.svg import FONT, SVG_NS, WIDTH, Linear, Log, decades, el_rect, el_text, frame, nice_ticks
from scripts.render.svg import coord as f
from scripts.text import escape

# Colours with fallbacks for pages without the site's CSS; on the site the variables win.
_STYLE = """#{id} text {{ fill: var(--md-default-fg-color, currentColor); }}
#{id} .tick, #{id} .axis-title {{ fill: var(--md-default-fg-color--light, currentColor); }}
#{id} .axis {{ stroke: var(--md-default-fg-color--light, currentColor); }}
#{id} .grid {{ stroke: var(--md-default-fg-color--lightest, rgba(128, 128, 128, 0.3)); }}
#{id} .line {{ fill: none; stroke-width: 2.5; }}
#{id} .s1 {{ stroke: var(--chart-main, #3f6bd8); }}
#{id} .s2 {{ stroke: var(--md-default-fg-color, currentColor); stroke-dasharray: 8 4; }}
#{id} .s3 {{ stroke: var(--chart-second, #888888); stroke-dasharray: 2 4; }}
#{id} .s4 {{ stroke: var(--chart-main, #3f6bd8); stroke-dasharray: 12 3 2 3; }}
#{id} .bar.main {{ fill: var(--chart-main, #3f6bd8); }}
#{id} .bar.input {{ fill: var(--chart-second, #888888); }}
#{id} .range {{ stroke: var(--md-default-fg-color, currentColor); stroke-width: 1.5; }}"""

SERIES = ("s1", "s2", "s3", "s4")


@dataclass(frozen=True)
class Series:
    """One line: its label (written at its left end, where lines that meet on the right still differ)
    and its (x, y) points."""

    label: str
    points: Sequence[tuple[float, float]]


def _svg(name: str, title: str, desc: str, height: float, body: list[str]) -> str:
    cid = f"chart-nb-{name}"
    return "\n".join(
        [
            f'<svg xmlns="{SVG_NS}" class="chart-svg" width="100%" viewBox="0 0 {WIDTH} {f(height)}" '
            f'preserveAspectRatio="xMidYMid meet" font-size="{FONT}" role="img" '
            f'aria-labelledby="{cid}-title {cid}-desc">',
            f'<title id="{cid}-title">{escape(title)}</title>',
            f'<desc id="{cid}-desc">{escape(desc)}</desc>',
            f"<style>{_STYLE.format(id=cid)}</style>",
            *body,
            "</svg>",
        ]
    )


def figure_html(name: str, title: str, desc: str, height: float, body: list[str], caption: str = "") -> str:
    """The chart as the site shows its own: a figure with the SVG and a caption naming it."""
    note = f' <span class="chart-source">{escape(caption)}</span>' if caption else ""
    return (
        f'<figure class="chart" id="chart-nb-{name}">\n{_svg(name, title, desc, height, body)}\n'
        f'<figcaption><span class="chart-title">{escape(title)}</span>{note}</figcaption>\n</figure>'
    )


def _line(x1: float, y1: float, x2: float, y2: float, cls: str) -> str:
    return f'<line class="{cls}" x1="{f(x1)}" y1="{f(y1)}" x2="{f(x2)}" y2="{f(y2)}"/>'


def _decade_label(value: Decimal, fmt: Callable[[float], str]) -> str:
    return fmt(float(value))


def log_line_chart(
    name: str,
    title: str,
    desc: str,
    series: Sequence[Series],
    *,
    x_title: str,
    y_title: str,
    x_fmt: Callable[[float], str],
    y_fmt: Callable[[float], str],
    caption: str = "",
) -> str:
    """Lines on log-log axes (decade grid), each labelled at its left end: for power laws such as
    spending = price^(1 - elasticity), which are straight lines there."""
    xs = [x for s in series for x, _ in s.points]
    ys = [y for s in series for _, y in s.points]
    x_ticks, y_ticks = decades(min(xs), max(xs)), decades(min(ys), max(ys))
    left, right, top, bottom = 78.0, WIDTH - 70.0, 20.0, 330.0
    sx = Log(float(x_ticks[0]), float(x_ticks[-1]), left, right)
    sy = Log(float(y_ticks[0]), float(y_ticks[-1]), bottom, top)
    body: list[str] = []
    for tick in x_ticks:
        x = sx(float(tick))
        body += [
            _line(x, top, x, bottom, "grid"),
            el_text(x, bottom + 16, _decade_label(tick, x_fmt), "tick", "middle"),
        ]
    for tick in y_ticks:
        y = sy(float(tick))
        body += [
            _line(left, y, right, y, "grid"),
            el_text(left - 8, y, _decade_label(tick, y_fmt), "tick", "end", ' dy="0.35em"'),
        ]
    body += frame(left, top, right, bottom, x_title, y_title=y_title)
    for k, s in enumerate(series):
        cls = SERIES[k % len(SERIES)]
        points = " ".join(f"{f(sx(x))},{f(sy(y))}" for x, y in s.points)
        body.append(f'<polyline class="line {cls}" points="{points}"/>')
        start_x, start_y = min(s.points)
        body.append(el_text(sx(start_x) - 6, sy(start_y), s.label, "label", "end", ' dy="0.35em"'))
    return figure_html(name, title, desc, bottom + 50, body, caption)


def bar_chart(
    name: str,
    title: str,
    desc: str,
    bars: Sequence[tuple[str, float, str]],
    *,
    x_title: str,
    fmt: Callable[[float], str],
    ranges: Sequence[tuple[float, float] | None] = (),
    caption: str = "",
) -> str:
    """Horizontal bars from zero, one per (label, value, "main" or "input"), with the value written
    at the bar's end and, where given, a (low, high) range drawn as a whisker across it."""
    label_width = max(len(label) for label, _, _ in bars) * FONT * 0.56 + 12
    left, right, top = label_width, WIDTH - 60.0, 10.0
    row = 34.0
    bottom = top + row * len(bars)
    hi = max([v for _, v, _ in bars] + [r[1] for r in ranges if r])
    ticks = nice_ticks(0.0, hi)
    sx = Linear(0.0, float(ticks[-1]), left, right)
    body: list[str] = []
    for tick in ticks:
        x = sx(float(tick))
        body += [_line(x, top, x, bottom, "grid"), el_text(x, bottom + 16, fmt(float(tick)), "tick", "middle")]
    for i, (label, value, cls) in enumerate(bars):
        y = top + i * row + 6
        body.append(el_text(left - 8, y + 11, label, "label", "end", ' dy="0.35em"'))
        body.append(el_rect(left, y, sx(value) - left, 22, f"bar {cls}"))
        whisker = ranges[i] if i < len(ranges) else None
        end = sx(value)
        if whisker:
            lo_x, hi_x = sx(whisker[0]), sx(whisker[1])
            body += [
                _line(lo_x, y + 11, hi_x, y + 11, "range"),
                _line(lo_x, y + 5, lo_x, y + 17, "range"),
                _line(hi_x, y + 5, hi_x, y + 17, "range"),
            ]
            end = max(end, hi_x)
        body.append(el_text(end + 6, y + 11, fmt(value), "value", extra=' dy="0.35em"'))
    body += frame(left, top, right, bottom, x_title, x_title_gap=36)
    return figure_html(name, title, desc, bottom + 48, body, caption)

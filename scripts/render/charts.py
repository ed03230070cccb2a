"""Charts as hand-written inline SVG, one figure snippet per chart, from the data (standard library only).

Each chart becomes `snippets/figures/<name>.md`: an HTML comment naming this script and the data, then
one raw HTML block (no blank lines, so Markdown leaves it alone) holding a `<figure>` with an inline
`<svg>` and a `<figcaption>` with the title, the sources and the data download.

Rules every chart follows:

- Colours come only from CSS classes (`bar`, `axis`, `grid`, `label`, ...) styled in
  `docs/assets/charts.css` with Material's CSS variables, so charts follow the light and dark schemes.
- All text is SVG `<text>` in the page's font; every piece of data text is escaped with
  `scripts.text.escape`, which also keeps `$`, `_`, `*` and friends away from the Markdown extensions.
- Output is byte-identical for the same data: inputs are sorted, coordinates are written with one
  decimal, numbers with the `scripts.text` helpers, ids are derived from the chart's name.
- The SVG has a viewBox and width 100%, no fixed pixel size; `<title>` and `<desc>` give screen
  readers the chart's title and a summary of the data in words.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from decimal import Decimal

from scripts import mdtable as md
from scripts.load import Dataset
from scripts.numbers import bn, fact_value, number, pct_change, rounded, signed, usd, usd_price
from scripts.records import CapabilityPrice, Capex, Fact, StockClose
from scripts.render.prices import UsdPrice, usd_prices
from scripts.text import attr, escape, long_date, short_date, source_name

SCRIPT = "scripts/render/charts.py"
WIDTH = 720  # viewBox width in user units; the SVG itself is scaled to the column width
FONT = 13  # base font size in user units (charts.css sets the same sizes per class)
SMALL = 11
CHAR = 0.56  # average glyph width as a share of the font size, for laying out labels

SVG_NS = "http://www.w3.org/2000/svg"


# --- Small SVG builders ------------------------------------------------------------------------


def f(value: float) -> str:
    """A coordinate with one decimal, never '-0.0': the same input always gives the same bytes."""
    text = f"{value:.1f}"
    if text == "-0.0":
        text = "0.0"
    return text[:-2] if text.endswith(".0") else text


def text_width(text: str, size: float = FONT) -> float:
    """Rough rendered width of a label, enough to reserve a margin for it."""
    return len(text) * size * CHAR


def el_text(x: float, y: float, content: str, cls: str = "label", anchor: str = "start", extra: str = "") -> str:
    """One SVG <text>; `content` is plain text and is escaped here."""
    anchor_attr = "" if anchor == "start" else f' text-anchor="{anchor}"'
    return f'<text class="{cls}" x="{f(x)}" y="{f(y)}"{anchor_attr}{extra}>{escape(content)}</text>'


def el_rect(x: float, y: float, w: float, h: float, cls: str, extra: str = "") -> str:
    return f'<rect class="{cls}" x="{f(x)}" y="{f(y)}" width="{f(max(w, 0.0))}" height="{f(h)}"{extra}/>'


def el_line(x1: float, y1: float, x2: float, y2: float, cls: str) -> str:
    return f'<line class="{cls}" x1="{f(x1)}" y1="{f(y1)}" x2="{f(x2)}" y2="{f(y2)}"/>'


def el_circle(x: float, y: float, r: float, cls: str) -> str:
    return f'<circle class="{cls}" cx="{f(x)}" cy="{f(y)}" r="{f(r)}"/>'


def el_polyline(points: Iterable[tuple[float, float]], cls: str) -> str:
    return f'<polyline class="{cls}" points="{" ".join(f"{f(x)},{f(y)}" for x, y in points)}"/>'


def vertical_title(x: float, y: float, content: str) -> str:
    """An axis title written bottom to top, centred on (x, y)."""
    return (
        f'<text class="axis-title" x="{f(x)}" y="{f(y)}" text-anchor="middle" '
        f'transform="rotate(-90 {f(x)} {f(y)})">{escape(content)}</text>'
    )


def frame(
    left: float, top: float, right: float, bottom: float, x_title: str, *, y_title: str | None = None,
    y_axis_at: float | None = None, y_title_x: float = 22, x_title_gap: float = 38,
) -> list[str]:
    """The two axis lines and their titles, the same on every chart."""
    y_axis = left if y_axis_at is None else y_axis_at
    parts = [el_line(y_axis, top, y_axis, bottom, "axis"), el_line(left, bottom, right, bottom, "axis")]
    if y_title is not None:
        parts.append(vertical_title(y_title_x, (top + bottom) / 2, y_title))
    parts.append(el_text((left + right) / 2, bottom + x_title_gap, x_title, "axis-title", "middle"))
    return parts


# --- Scales ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Linear:
    lo: float
    hi: float
    a: float  # output for lo
    b: float  # output for hi

    def __call__(self, value: float) -> float:
        return self.a + (value - self.lo) / (self.hi - self.lo) * (self.b - self.a)


@dataclass(frozen=True)
class Log:
    lo: float
    hi: float
    a: float
    b: float

    def __call__(self, value: float) -> float:
        share = (math.log10(value) - math.log10(self.lo)) / (math.log10(self.hi) - math.log10(self.lo))
        return self.a + share * (self.b - self.a)


def nice_ticks(lo: float, hi: float, most: int = 6) -> list[Decimal]:
    """Round tick values covering [lo, hi] (lo ≤ 0 ≤ hi for bar charts), at most `most` of them."""
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
    """Powers of ten from just below `lo` to just above `hi`."""
    first, last = math.floor(math.log10(lo) + 1e-9), math.ceil(math.log10(hi) - 1e-9)
    if first == last:
        last += 1
    return [Decimal(1).scaleb(k) for k in range(first, last + 1)]


def fnum(value: Decimal) -> float:
    return float(value)


# --- The figure around each SVG ----------------------------------------------------------------


@dataclass
class Chart:
    name: str
    title: str  # plain text: the <title> and the caption's first line
    desc: str  # plain text: the data in words, for screen readers
    height: float
    body: list[str]  # SVG elements, already escaped
    source_ids: list[str] = field(default_factory=list)
    files: list[str] = field(default_factory=list)  # data files, linked for download
    read: list[str] = field(default_factory=list)  # data files named in the header comment
    source_html: str = ""  # replaces the source links when a chart draws no data


def source_links(ds: Dataset, source_ids: Iterable[str]) -> list[str]:
    """One link per source, sorted by publisher and named by `source_name`, as under the tables."""
    unique = sorted({ds.sources[i] for i in source_ids}, key=lambda s: (s.publisher.casefold(), s.title, s.id))
    return [f'<a href="{attr(s.url)}">{escape(source_name(s, unique))}</a>' for s in unique]


def figure(ds: Dataset, chart: Chart) -> str:
    cid = f"chart-{chart.name}"
    svg = [
        f'<svg xmlns="{SVG_NS}" class="chart-svg" width="100%" viewBox="0 0 {WIDTH} {f(chart.height)}" '
        f'preserveAspectRatio="xMidYMid meet" font-size="{FONT}" role="img" '
        f'aria-labelledby="{cid}-title {cid}-desc">',
        f'<title id="{cid}-title">{escape(chart.title)}</title>',
        f'<desc id="{cid}-desc">{escape(chart.desc)}</desc>',
        *chart.body,
        "</svg>",
    ]
    if chart.source_html:
        sources = chart.source_html
    else:
        links = source_links(ds, chart.source_ids)
        sources = ("Sources: " if len(links) != 1 else "Source: ") + ", ".join(links or ["none"])
        sources += " · Data: " + ", ".join(f'<a href="/data/{name}">{name}</a>' for name in chart.files)
    caption = (
        f'<figcaption><span class="chart-title">{escape(chart.title)}</span> '
        f'<span class="chart-source">{sources}</span></figcaption>'
    )
    lines = [f'<figure class="chart" id="{cid}">', *svg, caption, "</figure>"]
    assert all(line.strip() for line in lines), "a blank line would end the raw HTML block"
    if chart.read:
        header = md.header(SCRIPT, [*chart.read, "sources.yaml"])
    else:
        header = (
            f"<!-- Generated by {SCRIPT} from no data (computed from a formula). "
            "Do not edit: change the script and run `make data`. -->\n"
        )
    return header + "\n".join(lines) + "\n"


def legend(x: float, y: float, items: Sequence[tuple[str, str]], extra: dict[str, str] | None = None) -> list[str]:
    """Swatches and names in a row; each item is (the swatch's classes, text). A "line ..." class draws a line."""
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


def x_axis_linear(
    scale: Linear, ticks: Sequence[Decimal], top: float, bottom: float, fmt: Callable[[Decimal], str]
) -> list[str]:
    out = []
    for tick in ticks:
        x = scale(fnum(tick))
        out.append(el_line(x, top, x, bottom, "grid"))
        out.append(el_text(x, bottom + 16, fmt(tick), "tick", "middle"))
    return out


# --- 1. Token prices ---------------------------------------------------------------------------


def latest_standard(ds: Dataset) -> list[UsdPrice]:
    """Each model's standard price list with the latest start date, in US dollars."""
    latest: dict[tuple[str, str], UsdPrice] = {}
    for u in usd_prices(ds):
        if u.price.tier != "standard":
            continue
        key = (u.price.provider, u.price.model)
        if key not in latest or u.price.valid_from >= latest[key].price.valid_from:
            latest[key] = u
    return sorted(latest.values(), key=lambda u: (-u.output, -u.input, u.price.model, u.price.provider))


def prices_chart(ds: Dataset) -> Chart | None:
    rows = latest_standard(ds)
    if not rows:
        return None
    values = [v for u in rows for v in (u.input, u.output) if v > 0]
    if not values:
        return None
    ticks = decades(fnum(min(values)), fnum(max(values)))
    names = [u.price.model for u in rows]
    left = min(260.0, max(text_width(n) for n in names) + 14)
    right = WIDTH - 70
    top, row_h, bar_h = 44.0, 30.0, 11.0
    bottom = top + row_h * len(rows)
    scale = Log(fnum(ticks[0]), fnum(ticks[-1]), left, right)
    body = legend(left, 16, [("bar input", "Input (prompt) tokens"), ("bar output", "Output tokens")])
    body.append(el_text(left - 8, top - 8, "Model", "axis-title", "end"))
    for tick in ticks:
        x = scale(fnum(tick))
        body.append(el_line(x, top, x, bottom, "grid"))
        body.append(el_text(x, bottom + 16, number(tick), "tick", "middle"))
    values_text = []  # drawn after every bar, so no bar covers a label
    for i, u in enumerate(rows):
        y = top + i * row_h + 2
        body.append(el_text(left - 8, y + bar_h + 1, u.price.model, "label", "end", ' dy="0.35em"'))
        for j, (kind, value) in enumerate((("input", u.input), ("output", u.output))):
            by = y + j * (bar_h + 2)
            if value > 0:
                end = scale(fnum(value))
                body.append(el_rect(left, by, end - left, bar_h, f"bar {kind}"))
            else:
                end = left
            label = usd_price(value) if value > 0 else "free"
            values_text.append(el_text(end + 4, by + bar_h / 2, label, "value", extra=' dy="0.35em"'))
    body += values_text
    body += frame(left, top, right, bottom, "Price per million tokens (US$, log scale: each step is ten times the last)")
    cheapest = min(rows, key=lambda u: (u.output, u.input, u.price.model))
    dearest = rows[0]
    converted = sorted({(u.rate.per_usd, u.rate.date, u.rate.source_id) for u in rows if u.rate})
    conversion = "".join(
        f" Prices in CN¥ are converted at {number(r[0])} CN¥ per US$ ({long_date(r[1])})." for r in converted
    )
    desc = (
        f"Standard list prices of {len(rows)} models, in US dollars per million tokens, on a logarithmic scale. "
        f"The most expensive is {dearest.price.model} ({dearest.price.provider}) "
        f"at {usd_price(dearest.input)} for input and {usd_price(dearest.output)} for output; "
        f"the cheapest is {cheapest.price.model} ({cheapest.price.provider}) "
        f"at {usd_price(cheapest.input)} for input and {usd_price(cheapest.output)} for output. "
        + "; ".join(f"{u.price.model}: {usd_price(u.input)} input, {usd_price(u.output)} output" for u in rows)
        + "."
        + conversion
    )
    files = ["prices.csv"] + (["fx_rates.csv"] if converted else [])
    return Chart(
        name="prices",
        title="API list prices per million tokens, standard price lists (US$, log scale)",
        desc=desc,
        height=bottom + 50,
        body=body,
        source_ids=[u.price.source_id for u in rows] + [r[2] for r in converted],
        files=files,
        read=files,
    )


# --- 2. Capital expenditure --------------------------------------------------------------------


def capex_chart(ds: Dataset) -> Chart | None:
    rows: list[Capex] = ds.rows("capex.csv")
    if not rows:
        return None
    by_company: dict[str, list[Capex]] = {}
    for c in sorted(rows, key=lambda c: (c.company, c.fiscal_year, c.status)):
        by_company.setdefault(c.company, []).append(c)
    companies = sorted(by_company, key=lambda name: (-max(c.capex_usd_bn for c in by_company[name]), name))
    ends = {name: by_company[name][-1].fiscal_year_end.strftime("%B") for name in companies}
    left_company = (
        max(max(text_width(n, FONT) for n in companies), max(text_width(f"FY ends {m}", SMALL) for m in ends.values()))
        + 8
    )
    left = 8 + left_company + text_width("FY2025 ", SMALL) + 8
    top, bar_h, gap, group_gap = 50.0, 15.0, 3.0, 16.0
    ticks = nice_ticks(0.0, fnum(max(c.capex_usd_bn for c in rows)))
    right = WIDTH - 100
    scale = Linear(0.0, fnum(ticks[-1]), left, right)
    hatch = "chart-capex-hatch"
    body = [
        f'<defs><pattern id="{hatch}" patternUnits="userSpaceOnUse" width="6" height="6" patternTransform="rotate(45)">'
        f'<line class="hatch" x1="0" y1="0" x2="0" y2="6"/></pattern></defs>'
    ]
    body += legend(
        left,
        16,
        [("bar actual", "Reported (actual)"), ("bar guidance", "Company guidance (forecast)")],
        {"bar guidance": f' fill="url(#{hatch})"'},
    )
    body.append(el_text(8, top - 10, "Company, fiscal year", "axis-title"))
    y = top
    for name in companies:
        group = by_company[name]
        group_h = len(group) * (bar_h + gap) - gap
        body.append(el_text(8, y + 11, name, "label strong"))
        body.append(el_text(8, y + 25, f"FY ends {ends[name]}", "note"))
        for c in group:
            w = scale(fnum(c.capex_usd_bn)) - left
            extra = f' fill="url(#{hatch})"' if c.status == "guidance" else ""
            body.append(el_rect(left, y, w, bar_h, f"bar {c.status}", extra))
            body.append(el_text(left - 6, y + bar_h / 2, f"FY{c.fiscal_year}", "tick", "end", ' dy="0.35em"'))
            label = bn(c.capex_usd_bn) + (" guidance" if c.status == "guidance" else "")
            body.append(el_text(left + w + 4, y + bar_h / 2, label, f"value {c.status}", extra=' dy="0.35em"'))
            y += bar_h + gap
        y += group_gap - gap + max(0.0, 30 - group_h)
    bottom = y - group_gap + 8
    body = body[:1] + x_axis_linear(scale, ticks, top - 4, bottom, number) + body[1:]
    body += frame(left, top - 4, right, bottom, "Capital expenditure (US$ billion, by each company's fiscal year)")
    actual = [c for c in rows if c.status == "actual"]
    guidance = [c for c in rows if c.status == "guidance"]
    parts = [f"Capital expenditure of {len(companies)} companies in US$ billion, by fiscal year."]
    if actual:
        hi = max(actual, key=lambda c: (c.capex_usd_bn, c.company, c.fiscal_year))
        lo = min(actual, key=lambda c: (c.capex_usd_bn, c.company, c.fiscal_year))
        parts.append(
            f"The largest reported figure is {hi.company}'s US${bn(hi.capex_usd_bn)} billion "
            f"in fiscal {hi.fiscal_year}; "
            f"the smallest is {lo.company}'s US${bn(lo.capex_usd_bn)} billion in fiscal {lo.fiscal_year}."
        )
    if guidance:
        parts.append(
            "Guidance (the companies' own forecasts, drawn hatched): "
            + "; ".join(
                f"{c.company} fiscal {c.fiscal_year} US${bn(c.capex_usd_bn)} billion"
                for c in sorted(guidance, key=lambda c: (-c.capex_usd_bn, c.company))
            )
            + "."
        )
    parts.append("Fiscal years end in " + ", ".join(f"{ends[n]} ({n})" for n in sorted(companies)) + ".")
    parts.append("Definitions differ between companies; see the capex table.")
    return Chart(
        name="capex",
        title="Capital expenditure by company and fiscal year (US$ billion)",
        desc=" ".join(parts),
        height=bottom + 50,
        body=body,
        source_ids=[c.source_id for c in rows],
        files=["capex.csv"],
        read=["capex.csv"],
    )


# --- 3. Nvidia around 27 January 2025 ----------------------------------------------------------


def exact_day(value: object) -> dt.date | None:
    """A calendar day from a date or from a partial date known to the day; None when less precise."""
    if isinstance(value, dt.date):
        return value
    if getattr(value, "day", 0) and hasattr(value, "start"):
        return value.start()  # type: ignore[attr-defined, no-any-return]
    return None


def market_value_fact(ds: Dataset, days: Sequence[dt.date]) -> tuple[Fact, dt.date] | None:
    """Nvidia's market value lost on one of the charted days, if facts.csv has it (the shortest id wins)."""
    found = sorted(
        ((x, exact_day(x.as_of)) for x in ds.rows("facts.csv") if "nvda" in x.id and "market-value-loss" in x.id),
        key=lambda pair: (len(pair[0].id), pair[0].id),
    )
    for fact, day in found:
        if day in days:
            return fact, day
    return None


def nvidia_chart(ds: Dataset) -> Chart | None:
    closes: list[StockClose] = sorted(
        (c for c in ds.rows("stock_closes.csv") if c.ticker == "NVDA"), key=lambda c: c.date
    )
    if not closes:
        return None
    left, right, top = 78.0, WIDTH - 40.0, 24.0
    bottom = 284.0
    ticks = nice_ticks(0.0, fnum(max(c.close_usd for c in closes)) * 1.08, 8)
    y_scale = Linear(0.0, fnum(ticks[-1]), bottom, top)
    n = len(closes)
    step = (right - left) / n
    xs = [left + step * (i + 0.5) for i in range(n)]
    body = []
    for tick in ticks:
        y = y_scale(fnum(tick))
        body.append(el_line(left, y, right, y, "grid"))
        body.append(el_text(left - 8, y, number(tick), "tick", "end", ' dy="0.35em"'))
    points = [(x, y_scale(fnum(c.close_usd))) for x, c in zip(xs, closes, strict=True)]
    if n > 1:
        body.append(el_polyline(points, "line main"))
    changes = []
    for i in range(1, n):
        change = pct_change(closes[i].close_usd, closes[i - 1].close_usd)
        changes.append((closes[i], change))
        (x0, y0), (x1, y1) = points[i - 1], points[i]
        body.append(
            el_text(
                (x0 + x1) / 2,
                min(y0, y1) - 24,
                f"{signed(change)}%",
                "change " + ("down" if change < 0 else "up"),
                "middle",
            )
        )
    for (x, y), c in zip(points, closes, strict=True):
        body.append(el_circle(x, y, 5, "dot main"))
        body.append(el_text(x, y - 10, usd(c.close_usd), "value", "middle"))
        body.append(el_text(x, bottom + 18, short_date(c.date), "tick", "middle"))
        body.append(el_text(x, bottom + 33, f"{c.date:%A}", "note", "middle"))
    found = market_value_fact(ds, [c.date for c in closes])
    sources = [c.source_id for c in closes]
    files = ["stock_closes.csv"]
    if found is not None:
        fact, day = found
        i = [c.date for c in closes].index(day)
        x, y = xs[i], y_scale(fnum(ticks[-1]) * 0.3)
        body.append(el_line(x, points[i][1] + 9, x, y - 32, "pointer"))
        anchor = (
            "middle" if 0.25 < (x - left) / (right - left) < 0.75 else ("start" if x < (left + right) / 2 else "end")
        )
        body.append(el_text(x, y - 14, f"Nvidia's market value lost on {short_date(day)}", "note", anchor))
        body.append(el_text(x, y + 6, fact_value(fact.value, fact.unit), "annotation", anchor))
        sources.append(fact.source_id)
        files.append("facts.csv")
    body += frame(left, top, right, bottom, "US trading day (closing prices)",
                  y_title="Closing price (US$ per share)", x_title_gap=58)
    desc = (
        "Nvidia (NVDA) closing share prices: "
        + "; ".join(f"{long_date(c.date)} {usd(c.close_usd)}" for c in closes)
        + "."
    )
    if changes:
        desc += (
            " Changes on the previous close: "
            + "; ".join(f"{long_date(c.date)} {signed(v)}%" for c, v in changes)
            + "."
        )
    if found is not None:
        desc += f" Nvidia's market value lost on {long_date(found[1])}: {fact_value(found[0].value, found[0].unit)}."
    return Chart(
        name="nvidia",
        title="Nvidia's closing share price around 27 January 2025",
        desc=desc + " The price axis starts at zero.",
        height=bottom + 70,
        body=body,
        source_ids=sources,
        files=files,
        read=files,
    )


# --- 4. What moved the S&P 500 in 2024 ---------------------------------------------------------


def sp500_chart(ds: Dataset) -> Chart | None:
    items = sorted(ds.rows("sp500_contributions_2024.csv"), key=lambda c: (-c.share_of_return_pct, c.company))
    if not items:
        return None
    labels = [f"{c.company} ({c.ticker})" for c in items]
    left = max(text_width(x) for x in labels) + 16
    right = WIDTH - 60.0
    top, row_h, bar_h = 30.0, 30.0, 18.0
    bottom = top + row_h * len(items)
    lo = min(0.0, fnum(min(c.share_of_return_pct for c in items)))
    ticks = nice_ticks(lo, fnum(max(c.share_of_return_pct for c in items)))
    scale = Linear(fnum(ticks[0]), fnum(ticks[-1]), left, right)
    body = x_axis_linear(scale, ticks, top, bottom, lambda t: f"{number(t)}%")
    body.append(el_text(left - 8, top - 10, "Company (ticker)", "axis-title", "end"))
    zero = scale(0.0)
    for i, (c, label) in enumerate(zip(items, labels, strict=True)):
        y = top + i * row_h + (row_h - bar_h) / 2
        end = scale(fnum(c.share_of_return_pct))
        body.append(el_rect(min(zero, end), y, abs(end - zero), bar_h, "bar main"))
        body.append(el_text(left - 8, y + bar_h / 2, label, "label", "end", ' dy="0.35em"'))
        body.append(
            el_text(
                max(end, zero) + 4, y + bar_h / 2, f"{number(c.share_of_return_pct)}%", "value", extra=' dy="0.35em"'
            )
        )
    body += frame(left, top, right, bottom, "Share of the S&P 500's 2024 total return (%)", y_axis_at=zero)
    total = sum((c.share_of_return_pct for c in items), Decimal(0))
    desc = (
        f"Share of the S&P 500's 2024 total return contributed by {len(items)} companies. "
        f"The largest is {items[0].company} with {number(items[0].share_of_return_pct)}%; the smallest shown is "
        f"{items[-1].company} with {number(items[-1].share_of_return_pct)}%. "
        + "; ".join(f"{c.company} {number(c.share_of_return_pct)}%" for c in items)
        + f". Together they account for {number(total)}%."
    )
    return Chart(
        name="sp500-2024",
        title="Contributions to the S&P 500's 2024 total return, by company",
        desc=desc,
        height=bottom + 50,
        body=body,
        source_ids=[c.source_id for c in items],
        files=["sp500_contributions_2024.csv"],
        read=["sp500_contributions_2024.csv"],
    )


# --- 5. The Jevons paradox (pure maths) --------------------------------------------------------

ELASTICITIES = (Decimal("1.5"), Decimal("1"), Decimal("0.5"))
P_START, P_END = Decimal("1"), Decimal("0.1")


def jevons_chart(ds: Dataset) -> Chart:
    left, right, top, bottom = 70.0, WIDTH - 190.0, 20.0, 320.0
    x_scale = Log(fnum(P_END), fnum(P_START), right, left)  # price falls from left to right
    y_ticks = [Decimal("0.25"), Decimal("0.5"), Decimal("1"), Decimal("2"), Decimal("4")]
    y_scale = Log(0.25, 4.0, bottom, top)
    x_ticks = [Decimal("1"), Decimal("0.5"), Decimal("0.2"), Decimal("0.1")]
    body = []
    for tick in x_ticks:
        x = x_scale(fnum(tick))
        body.append(el_line(x, top, x, bottom, "grid"))
        body.append(el_text(x, bottom + 16, number(tick), "tick", "middle"))
    for tick in y_ticks:
        y = y_scale(fnum(tick))
        body.append(el_line(left, y, right, y, "grid" + (" baseline" if tick == 1 else "")))
        body.append(el_text(left - 8, y, number(tick), "tick", "end", ' dy="0.35em"'))
    steps = 36
    summary = []
    for k, eps in enumerate(ELASTICITIES, start=1):
        prices = [10 ** (-i / steps) for i in range(steps + 1)]  # 1 down to 0.1, evenly on the log axis
        points = [(x_scale(p), y_scale(p ** (1 - float(eps)))) for p in prices]
        body.append(el_polyline(points, f"line s{k}"))
        end = rounded(Decimal(repr(float(P_END) ** (1 - float(eps)))), 2)
        x, y = points[-1]
        body.append(el_circle(x, y, 3.5, f"dot s{k}"))
        kind = "inelastic" if eps < 1 else "unit elastic" if eps == 1 else "elastic"
        body.append(el_text(x + 10, y - 8, f"ε = {number(eps)} ({kind})", f"label s{k}", extra=' dy="0.35em"'))
        verdict = "unchanged" if end == 1 else f"spending ×{number(end)}"
        body.append(el_text(x + 10, y + 8, verdict, "note", extra=' dy="0.35em"'))
        summary.append((eps, end))
    body.append(el_circle(x_scale(1.0), y_scale(1.0), 3.5, "dot start"))
    body += frame(left, top, right, bottom, "Price P (start = 1, log scale; falls from left to right)",
                  y_title="Total spending P·Q (start = 1, log scale)", y_title_x=20)
    words = {Decimal("0.5"): "falls to", Decimal("1"): "stays at", Decimal("1.5"): "rises to"}
    desc = (
        "Illustration computed from a formula, not from data: with constant-elasticity demand Q = P to the power "
        "minus ε, total spending P·Q = P to the power 1 − ε. As the price falls from 1 to 0.1, spending "
        + "; ".join(f"with ε = {number(e)} {words.get(e, 'ends at')} {number(v)}" for e, v in sorted(summary))
        + ". Only when demand is elastic (ε above 1) does a cheaper resource draw more total spending: "
        "the Jevons paradox."
    )
    return Chart(
        name="jevons",
        title="The Jevons paradox: total spending as the price falls, for three demand elasticities",
        desc=desc,
        height=bottom + 50,
        body=body,
        source_html=(
            "Source: no data; curves computed from constant-elasticity demand Q = P<sup>−ε</sup>, "
            "so spending P·Q = P<sup>1−ε</sup> (pure mathematics)."
        ),
    )


# --- 6. The price of a fixed capability --------------------------------------------------------


def capability_chart(ds: Dataset) -> Chart | None:
    rows: list[CapabilityPrice] = sorted(
        ds.rows("capability_prices.csv"), key=lambda c: (c.capability, c.date, c.model)
    )
    if not rows:
        return None
    series: dict[str, list[CapabilityPrice]] = {}
    for c in rows:
        series.setdefault(c.capability, []).append(c)
    left, right, top, bottom = 78.0, WIDTH - 30.0, 44.0, 320.0
    first, last = min(c.date for c in rows), max(c.date for c in rows)
    start = dt.date(first.year, 1, 1)
    end = dt.date(last.year + 1, 1, 1)
    x_scale = Linear(0.0, float((end - start).days), left, right)
    ticks = decades(fnum(min(c.price_usd_per_mtok for c in rows)), fnum(max(c.price_usd_per_mtok for c in rows)))
    y_scale = Log(fnum(ticks[0]), fnum(ticks[-1]), bottom, top)
    body = []
    years = list(range(start.year, end.year + 1))
    label_every = max(1, math.ceil(len(years) / 8))
    for i, year in enumerate(years):
        x = x_scale(float((dt.date(year, 1, 1) - start).days))
        body.append(el_line(x, top, x, bottom, "grid"))
        if i % label_every == 0:
            body.append(el_text(x, bottom + 16, str(year), "tick", "middle"))
    for tick in ticks:
        y = y_scale(fnum(tick))
        body.append(el_line(left, y, right, y, "grid"))
        body.append(el_text(left - 8, y, number(tick), "tick", "end", ' dy="0.35em"'))
    items = []
    summary = []
    for k, (capability, points) in enumerate(sorted(series.items()), start=1):
        cls = f"s{(k - 1) % 3 + 1}"
        xy = [(x_scale(float((c.date - start).days)), y_scale(fnum(c.price_usd_per_mtok))) for c in points]
        if len(xy) > 1:
            body.append(el_polyline(xy, f"line {cls}"))
        for j, ((x, y), c) in enumerate(zip(xy, points, strict=True)):
            body.append(el_circle(x, y, 4.5, f"dot {cls}"))
            anchor = "start" if x < (left + right) / 2 else "end"
            dx = 6 if anchor == "start" else -6
            # Put the label on the side of the dot the line does not come from.
            before = xy[j - 1][1] if j > 0 else None
            after = xy[j + 1][1] if j + 1 < len(xy) else None
            below = (before is not None and before < y) or (after is not None and after < y)
            dy = 20 if below else -24
            if not below and y + dy < 34:
                dy = 20
            body.append(el_text(x + dx, y + dy, c.model, "label", anchor))
            body.append(
                el_text(x + dx, y + dy + 15, f"{usd(c.price_usd_per_mtok)} ({short_date(c.date)})", "value", anchor)
            )
        items.append((f"line {cls}", capability))
        a, b = points[0], points[-1]
        text = f"{capability}: {a.model} at {usd(a.price_usd_per_mtok)} per million tokens ({long_date(a.date)})"
        if len(points) > 1:
            fall = rounded(a.price_usd_per_mtok / b.price_usd_per_mtok, 0)
            text += (
                f", then {b.model} at {usd(b.price_usd_per_mtok)} ({long_date(b.date)}), {number(fall)} times cheaper"
            )
        summary.append(text)
    body[:0] = legend(left, 16, items)
    body += frame(left, top, right, bottom, "Date the model was available at that price",
                  y_title="US$ per million tokens (log scale)")
    desc = (
        "Price of the cheapest model reaching a fixed benchmark score, in US dollars per million tokens on a "
        "logarithmic scale, as each source defines the price. " + "; ".join(summary) + "."
    )
    return Chart(
        name="capability-prices",
        title="The price of a fixed level of capability over time (US$ per million tokens, log scale)",
        desc=desc,
        height=bottom + 50,
        body=body,
        source_ids=[c.source_id for c in rows],
        files=["capability_prices.csv"],
        read=["capability_prices.csv"],
    )


# --- Entry point -------------------------------------------------------------------------------

CHARTS: tuple[Callable[[Dataset], Chart | None], ...] = (
    prices_chart,
    capex_chart,
    nvidia_chart,
    sp500_chart,
    jevons_chart,
    capability_chart,
)


def render(ds: Dataset) -> dict[str, str]:
    """`snippets/figures/<name>.md` for every chart the data supports (a chart without rows is left out)."""
    out: dict[str, str] = {}
    for build in CHARTS:
        chart = build(ds)
        if chart is not None:
            out[f"snippets/figures/{chart.name}.md"] = figure(ds, chart)
    return out

"""Charts over time: token prices since 2024, Nvidia's market value and the tokens Google processes.

They share one idea, a calendar x-axis with a tick at the start of each year (and of each quarter
when the span is short), so three time series read the same way. Drawn from the same primitives as
the other charts (scripts.render.svg) and styled by docs/assets/charts.css.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from scripts.i18n import amount, month, out_path
from scripts.load import Dataset
from scripts.messages import msg
from scripts.numbers import fact_value, number
from scripts.records import DemandPoint, MarketValue
from scripts.render.charts import Chart, figure, usd_price
from scripts.render.prices import UsdPrice, usd_prices
from scripts.render.svg import (
    WIDTH,
    Linear,
    Log,
    decades,
    el_circle,
    el_line,
    el_polyline,
    el_text,
    frame,
    legend,
    nice_ticks,
    y_axis,
)
from scripts.text import long_date, short_date

# The fall the market-value chart marks: named, so another fact cannot take its place.
NVIDIA_FALL_DAY = dt.date(2025, 1, 27)
NVIDIA_FALL_FACT = "nvda-market-value-loss-2025-01-27"
GOOGLE_TOKENS = "google-monthly-tokens"


def date_scale(first: dt.date, last: dt.date, left: float, right: float) -> Linear:
    return Linear(first.toordinal(), last.toordinal(), left, right)


def month_starts(first: dt.date, last: dt.date, every: int) -> list[dt.date]:
    """The first day of every `every`-th month (counted from January) between two dates."""
    out = []
    year, month = first.year, first.month
    while dt.date(year, month, 1) <= last:
        if (month - 1) % every == 0 and dt.date(year, month, 1) >= first:
            out.append(dt.date(year, month, 1))
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return out


def time_axis(scale: Linear, first: dt.date, last: dt.date, top: float, bottom: float, lang: str = "en") -> list[str]:
    """Grid lines at quarter starts, labelled with the year at January and the month otherwise."""
    out = []
    for day in month_starts(first, last, 3):
        x = scale(day.toordinal())
        out.append(el_line(x, top, x, bottom, "grid" if day.month == 1 else "grid minor"))
        label = str(day.year) if day.month == 1 else month(day, lang, short=True)
        out.append(el_text(x, bottom + 16, label, "tick" if day.month == 1 else "tick minor", "middle"))
    return out


# --- Token prices over time ---------------------------------------------------------------------


def blended_segments(ds: Dataset, until: dt.date) -> list[tuple[UsdPrice, dt.date, dt.date]]:
    """Each standard price list with the days it was in force; an open-ended one runs to `until`."""
    out = []
    for u in usd_prices(ds):
        if u.price.tier != "standard":
            continue
        end = u.price.valid_to or until
        out.append((u, u.price.valid_from, min(end, until)))
    return sorted(out, key=lambda s: (s[1], s[0].price.provider, s[0].price.model))


def price_trend_chart(ds: Dataset, lang: str = "en") -> Chart | None:
    """Every standard list price as a line across the days it was in force, DeepSeek's set apart."""
    until = ds.reviewed()  # an open-ended price list runs to the site's last review, not to the build day
    segments = blended_segments(ds, until)
    if not segments:
        return None
    first = min(s[1] for s in segments).replace(day=1)
    last = until
    values = [float(s[0].blended) for s in segments]
    ticks = decades(min(values), max(values))
    left, right, top, bottom = 70.0, WIDTH - 20.0, 40.0, 330.0
    x = date_scale(first, last, left, right)
    y = Log(float(ticks[0]), float(ticks[-1]), bottom, top)
    body = legend(left, 14, [("line s1", "DeepSeek"), ("line s3", msg("chart.trend.others", lang))])
    body += time_axis(x, first, last, top, bottom, lang)
    body += y_axis(y, ticks, left, right, lambda t: msg("money.usd", lang, n=number(t)))
    labels, named = [], set()
    for u, start, end in segments:
        cls = "s1" if u.price.provider == "DeepSeek" else "s3"
        y0 = y(float(u.blended))
        x0, x1 = x(start.toordinal()), x(end.toordinal())
        body.append(el_line(x0, y0, max(x1, x0 + 2), y0, f"line {cls}"))
        body.append(el_circle(x0, y0, 3.5, f"dot {cls}"))
        name = short_model(u.price.model)
        if u.price.provider == "DeepSeek" and name not in named:  # each DeepSeek model named once, at its start
            named.add(name)
            near_edge = x0 > right - 120
            labels.append(
                el_text(x0 - 4 if near_edge else x0 + 4, y0 - 7, name, f"note {cls}", "end" if near_edge else "start")
            )
    body += labels
    body += frame(
        left,
        top,
        right,
        bottom,
        msg("chart.trend.x_title", lang),
        y_title=msg("chart.trend.y_title", lang),
        y_title_x=16,
    )
    items = msg("list.separator", lang).join(
        msg(
            "chart.trend.item",
            lang,
            model=u.price.model,
            provider=u.price.provider,
            date=long_date(s, lang),
            price=usd_price(u.blended, lang),
        )
        for u, s, _ in segments
    )
    desc = msg(
        "chart.trend.desc", lang, n=len(segments), first=long_date(first, lang), last=long_date(last, lang), items=items
    )
    files = ["prices.csv", "fx_rates.csv"]
    return Chart(
        name="price-trend",
        title=msg("chart.trend.title", lang),
        desc=desc,
        height=bottom + 56,
        body=body,
        source_ids=[u.price.source_id for u, _, _ in segments],
        files=files,
    )


def short_model(model: str) -> str:
    """A model name without the API name in brackets, so a label stays short."""
    return model.split(" (")[0]


# --- Nvidia's market value ----------------------------------------------------------------------


def nvidia_value_chart(ds: Dataset, lang: str = "en") -> Chart | None:
    """Nvidia's market value on the reported days, with 27 January 2025 marked."""
    points: list[MarketValue] = sorted(
        (m for m in ds.rows("market_values.csv") if m.ticker == "NVDA"), key=lambda m: m.date
    )
    if len(points) < 2:
        return None
    first, last = points[0].date.replace(day=1), points[-1].date
    left, right, top, bottom = 70.0, WIDTH - 24.0, 40.0, 300.0
    x = date_scale(first, last, left, right)
    ticks = nice_ticks(0.0, float(max(m.market_value_usd_bn for m in points)) / 1000 * 1.08, 7)
    y = Linear(0.0, float(ticks[-1]), bottom, top)
    body = time_axis(x, first, last, top, bottom, lang)
    body += y_axis(y, ticks, left, right, lambda t: msg("chart.value.tick", lang, n=number(t)) if t else "0")
    xy = [(x(m.date.toordinal()), y(float(m.market_value_usd_bn) / 1000)) for m in points]
    body.append(el_polyline(xy, "line s1"))
    body += [el_circle(px, py, 3.5, "dot s1") for px, py in xy]
    source_ids = [m.source_id for m in points]
    fall = next((m for m in points if m.date == NVIDIA_FALL_DAY), None)
    loss = ds.figures.get(NVIDIA_FALL_FACT)
    if fall is not None and loss is not None:
        fx, fy = x(fall.date.toordinal()), y(float(fall.market_value_usd_bn) / 1000)
        body.append(el_line(fx, fy + 6, fx, bottom - 52, "pointer"))
        body.append(
            el_text(fx + 4, bottom - 38, msg("chart.value.selloff", lang, date=short_date(fall.date, lang)), "note")
        )
        body.append(
            el_text(
                fx + 4,
                bottom - 20,
                msg("chart.value.lost", lang, value=fact_value(loss.shown, loss.unit, lang)),
                "annotation",
            )
        )
        source_ids += list(loss.source_ids)
    body += frame(
        left,
        top,
        right,
        bottom,
        msg("chart.value.x_title", lang),
        y_title=msg("chart.value.y_title", lang),
        y_title_x=16,
    )
    desc = msg(
        "chart.value.desc",
        lang,
        items=msg("list.separator", lang).join(
            msg(
                "chart.pair",
                lang,
                name=long_date(m.date, lang),
                value=amount(m.market_value_usd_bn / 1000, "usd_tn", lang, 3),
            )
            for m in points
        ),
    )
    if fall is not None and loss is not None:
        desc += msg(
            "chart.value.fall", lang, date=long_date(fall.date, lang), value=fact_value(loss.shown, loss.unit, lang)
        )
    return Chart(
        name="nvidia-market-value",
        title=msg("chart.value.title", lang),
        desc=desc + msg("chart.value.zero", lang),
        height=bottom + 56,
        body=body,
        source_ids=source_ids,
        files=["market_values.csv", "facts.csv"],
    )


# --- Demand: tokens processed -------------------------------------------------------------------


def demand_chart(ds: Dataset, series: str = GOOGLE_TOKENS, lang: str = "en") -> Chart | None:
    """A company's own count of tokens processed per month, on a log scale because it grows a hundredfold."""
    points: Sequence[DemandPoint] = sorted(
        (d for d in ds.rows("demand.csv") if d.series == series), key=lambda d: d.date
    )
    if len(points) < 2:
        return None
    first = points[0].date.start().replace(day=1)
    last = points[-1].date.start()
    left, right, top, bottom = 80.0, WIDTH - 30.0, 30.0, 280.0
    x = date_scale(first, last, left, right)
    values = [float(p.value) for p in points]
    ticks = decades(min(values), max(values))
    y = Log(float(ticks[0]), float(ticks[-1]), bottom, top)
    unit = points[0].unit
    body = time_axis(x, first, last, top, bottom, lang)
    body += y_axis(y, ticks, left, right, lambda t: number(t))
    xy = [(x(p.date.start().toordinal()), y(float(p.value))) for p in points]
    body.append(el_polyline(xy, "line s1"))
    for (px, py), p in zip(xy, points, strict=True):
        body.append(el_circle(px, py, 4, "dot s1"))
        body.append(el_text(px, py - 10, number(p.value), "value", "middle"))
    body += frame(
        left,
        top,
        right,
        bottom,
        msg("chart.tokens.x_title", lang),
        y_title=msg("chart.tokens.y_title", lang),
        y_title_x=16,
    )
    desc = msg(
        "chart.tokens.desc",
        lang,
        items=msg("list.separator", lang).join(
            msg("chart.tokens.item", lang, date=long_date(p.date, lang), value=fact_value(p.value, p.unit, lang))
            for p in points
        ),
    )
    return (
        Chart(
            name="google-tokens",
            title=msg("chart.tokens.title", lang),
            desc=desc,
            height=bottom + 56,
            body=body,
            source_ids=[p.source_id for p in points],
            files=["demand.csv"],
        )
        if unit == "tokens_tn"
        else None
    )


TREND_CHARTS = (price_trend_chart, nvidia_value_chart, demand_chart)


def render(ds: Dataset, lang: str = "en") -> dict[str, str]:
    """`snippets/figures/<name>.md` for each time chart the data supports."""
    out: dict[str, str] = {}
    for build in TREND_CHARTS:
        chart = build(ds, lang=lang)
        if chart is not None:
            out[out_path(f"snippets/figures/{chart.name}.md", lang)] = figure(ds, chart, lang)
    return out

"""Charts over time: calendar axes, price lists across the days they were in force, marked events."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from scripts.load import load
from scripts.render import trends


def test_quarter_ticks_label_years_at_january() -> None:
    days = trends.month_starts(dt.date(2024, 11, 15), dt.date(2025, 8, 1), 3)
    assert days == [dt.date(2025, 1, 1), dt.date(2025, 4, 1), dt.date(2025, 7, 1)]
    scale = trends.date_scale(dt.date(2025, 1, 1), dt.date(2025, 12, 31), 0, 364)
    svg = "".join(trends.time_axis(scale, dt.date(2025, 1, 1), dt.date(2025, 12, 31), 0, 100))
    assert ">2025</text>" in svg and ">Apr</text>" in svg and 'class="grid minor"' in svg


def test_an_open_price_list_runs_to_the_build_date(project: Path) -> None:
    ds = load(project / "data", project / "docs")
    until = dt.date(2026, 12, 1)
    segments = trends.blended_segments(ds, until)
    assert segments, "the fixture has standard prices"
    assert all(start <= end <= until for _, start, end in segments)
    assert all(u.price.tier == "standard" for u, _, _ in segments)


def test_real_charts_draw_and_mark_the_fall() -> None:
    ds = load()
    value = trends.nvidia_value_chart(ds)
    assert value is not None and "DeepSeek sell-off" in "".join(value.body)
    assert "27 January 2025" in value.desc
    trend = trends.price_trend_chart(ds)
    assert trend is not None and trend.desc.count("(DeepSeek)") >= 5
    tokens = trends.demand_chart(ds)
    assert tokens is not None and "9.7 trillion tokens" in tokens.desc

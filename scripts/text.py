"""Formatting and escaping, so data can neither inject HTML nor break a Markdown table."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from scripts.fields import PartialDate

# Characters that Markdown, markdown-include, the math extension or HTML would interpret.
_ESCAPES = {
    "&": "&amp;", "<": "&lt;", ">": "&gt;", "|": "&#124;", "`": "&#96;", "*": "&#42;",
    "_": "&#95;", "[": "&#91;", "]": "&#93;", "\\": "&#92;", "{": "&#123;", "}": "&#125;",
    "$": "&#36;", "#": "&#35;", "~": "&#126;", "^": "&#94;",
}


def escape(value: str) -> str:
    """Make plain text literal inside Markdown and HTML."""
    return "".join(_ESCAPES.get(ch, ch) for ch in value)


def attr(value: str) -> str:
    """Escape for a double-quoted HTML attribute that Markdown's inline patterns must not touch."""
    return escape(value).replace('"', "&quot;")


def long_date(day: dt.date | PartialDate | None) -> str:
    """27 January 2025, January 2025 or 2025: unambiguous for a global reader, never more precise than known."""
    if day is None:
        return "date not stated"
    if isinstance(day, PartialDate):
        if not day.month:
            return str(day.year)
        month = dt.date(day.year, day.month, 1).strftime("%B")
        return f"{day.day} {month} {day.year}" if day.day else f"{month} {day.year}"
    return f"{day.day} {day:%B} {day.year}"


def short_date(day: dt.date) -> str:
    return f"{day.day} {day:%b} {day.year}"


def number(value: Decimal, places: int | None = None) -> str:
    """Thousands separators; keep the decimals written in the data unless told otherwise."""
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places))
    exponent = value.as_tuple().exponent
    decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    formatted = f"{abs(value):,.{decimals}f}"
    return ("−" if value < 0 else "") + formatted


def signed(value: Decimal, places: int | None = None) -> str:
    body = number(abs(value), places)
    return ("+" if value > 0 else "−" if value < 0 else "±") + body


UNIT_FORMATS = {
    "usd": "US${n}",
    "usd_m": "US${n} million",
    "usd_bn": "US${n} billion",
    "usd_tn": "US${n} trillion",
    "usd_per_mtok": "US${n} per million tokens",
    "cny": "CN¥{n}",
    "cny_bn": "CN¥{n} billion",
    "billion": "{n} billion",
    "tokens_tn": "{n} trillion tokens",
    "params_bn": "{n} billion parameters",
    "cny_per_mtok": "CN¥{n} per million tokens",
    "pct": "{n}%",
    "count": "{n}",
    "million": "{n} million",
    "gpu_hours_m": "{n} million GPU hours",
    "times": "{n}×",
    "points": "{n} points",
}


def fact_value(value: Decimal, unit: str) -> str:
    """The figure as a reader sees it, with its unit."""
    if unit == "pct_change":
        return f"{signed(value)}%"
    if unit == "year":
        return str(int(value))
    return UNIT_FORMATS[unit].format(n=number(value))

"""Escaping and dates, so data can neither inject HTML nor break a Markdown table.

Numbers live in `scripts.numbers`; the names below are re-exported from there for code that still
imports them from here (scripts/refs.py).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from scripts.fields import PartialDate
from scripts.numbers import UNIT_FORMATS, fact_value, number, signed
from scripts.records import Source

__all__ = ["UNIT_FORMATS", "attr", "escape", "fact_value", "long_date", "number", "short_date", "signed", "source_name"]

# Characters that Markdown, markdown-include, the math extension or HTML would interpret.
_ESCAPES = {
    "&": "&amp;",
    "<": "&lt;",
    ">": "&gt;",
    "|": "&#124;",
    "`": "&#96;",
    "*": "&#42;",
    "_": "&#95;",
    "[": "&#91;",
    "]": "&#93;",
    "\\": "&#92;",
    "{": "&#123;",
    "}": "&#125;",
    "$": "&#36;",
    "#": "&#35;",
    "~": "&#126;",
    "^": "&#94;",
}


def escape(value: str) -> str:
    """Make plain text literal inside Markdown and HTML."""
    return "".join(_ESCAPES.get(ch, ch) for ch in value)


def attr(value: str) -> str:
    """Escape for a double-quoted HTML attribute that Markdown's inline patterns must not touch."""
    return escape(value).replace('"', "&quot;")


def long_date(day: dt.date | PartialDate | None, lang: str = "en") -> str:
    """27 January 2025, January 2025 or 2025 (in Chinese 2025 年 1 月 27 日): never more precise than known."""
    if lang == "zh":
        return zh_date(day)
    if day is None:
        return "date not stated"
    if isinstance(day, PartialDate):
        if not day.month:
            return str(day.year)
        month = dt.date(day.year, day.month, 1).strftime("%B")
        return f"{day.day} {month} {day.year}" if day.day else f"{month} {day.year}"
    return f"{day.day} {day:%B} {day.year}"


def short_date(day: dt.date, lang: str = "en") -> str:
    """27 Jan 2025: for axis ticks and table cells, where space is short (Chinese dates are short already)."""
    if lang == "zh":
        return zh_date(day)
    return f"{day.day} {day:%b} {day.year}"


def zh_date(day: dt.date | PartialDate | None) -> str:
    """2025 年 1 月 27 日, 2025 年 1 月 or 2025 年, spaced as the Chinese house style (autocorrect) wants."""
    if day is None:
        return "日期不详"
    year, month, dom = day.year, day.month, day.day
    return " ".join(part for part in (f"{year} 年", f"{month} 月" if month else "", f"{dom} 日" if dom else "") if part)


def source_name(source: Source, among: Iterable[Source] = ()) -> str:
    """What a link to a source says: the publisher, short because the register has the full title.

    When another source cited in the same place (`among`: one table cell, source line or caption) has
    the same publisher, the title is added ("Reuters: Nvidia sheds ..."), so the links can be told apart.
    Tables, charts, quotations and source lines all name sources with this one rule.
    """
    if any(other.publisher == source.publisher and other.id != source.id for other in among):
        return f"{source.publisher}: {source.title}"
    return source.publisher

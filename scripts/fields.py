"""Cell parsers: each turns one raw string into a typed value or raises ValueError saying what was expected."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

Parser = Callable[[str], Any]

KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
HTML_TAG = re.compile(r"<\s*/?\s*[A-Za-z!][^<>]*>")
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")


def text(raw: str) -> str:
    """Plain text: no line breaks (they break tables) and nothing that looks like an HTML tag."""
    if not raw.strip():
        raise ValueError("expected text, got an empty cell")
    if "\n" in raw or "\r" in raw:
        raise ValueError("expected one line of text, got a line break inside the cell")
    if HTML_TAG.search(raw):
        raise ValueError(f"expected plain text, got HTML markup {HTML_TAG.search(raw).group(0)!r}")
    if raw != raw.strip():
        raise ValueError("expected text without leading or trailing spaces")
    return raw


def kebab(raw: str) -> str:
    if not KEBAB.match(raw):
        raise ValueError(f"expected a lower-case kebab-case id like 'nvda-close-2025-01-27', got {raw!r}")
    return raw


def date(raw: str) -> dt.date:
    if not re.match(r"^\d{4}-\d{2}-\d{2}$", raw):
        raise ValueError(f"expected a date as YYYY-MM-DD, got {raw!r}")
    try:
        return dt.date.fromisoformat(raw)
    except ValueError:
        raise ValueError(f"expected a real calendar date as YYYY-MM-DD, got {raw!r}") from None


@dataclass(frozen=True, order=True)
class PartialDate:
    """A date known to the year, the month or the day: sources often give no more than a year."""

    year: int
    month: int = 0
    day: int = 0

    def start(self) -> dt.date:
        """The first day the date could mean, for comparing with exact dates."""
        return dt.date(self.year, self.month or 1, self.day or 1)

    def __str__(self) -> str:
        parts = [f"{self.year:04d}"] + [f"{v:02d}" for v in (self.month, self.day) if v]
        return "-".join(parts)


def partial_date(raw: str) -> PartialDate:
    if re.match(r"^\d{4}-\d{2}-\d{2}$", raw):
        day = date(raw)
        return PartialDate(day.year, day.month, day.day)
    if re.match(r"^\d{4}-\d{2}$", raw):
        year, month = (int(x) for x in raw.split("-"))
        if 1 <= month <= 12:
            return PartialDate(year, month)
    elif re.match(r"^\d{4}$", raw):
        return PartialDate(int(raw))
    raise ValueError(f"expected a date as YYYY-MM-DD, YYYY-MM or YYYY, got {raw!r}")


def decimal(minimum: Decimal | None = None, strict: bool = False) -> Parser:
    """A decimal kept as written, so the file decides how many decimals the site shows."""

    def parse(raw: str) -> Decimal:
        if not NUMBER.match(raw):
            raise ValueError(f"expected a number with a dot as decimal separator, got {raw!r}")
        try:
            value = Decimal(raw)
        except InvalidOperation:
            raise ValueError(f"expected a number, got {raw!r}") from None
        if minimum is not None and (value < minimum or (strict and value == minimum)):
            sign = ">" if strict else "≥"
            raise ValueError(f"expected a number {sign} {minimum}, got {raw}")
        return value

    return parse


def integer(raw: str) -> int:
    if not re.match(r"^-?\d+$", raw):
        raise ValueError(f"expected a whole number, got {raw!r}")
    return int(raw)


def choice(*options: str) -> Parser:
    def parse(raw: str) -> str:
        if raw not in options:
            raise ValueError(f"expected one of {', '.join(options)}; got {raw!r}")
        return raw

    return parse


def pattern(regex: str, description: str) -> Parser:
    compiled = re.compile(regex)

    def parse(raw: str) -> str:
        if not compiled.match(raw):
            raise ValueError(f"expected {description}, got {raw!r}")
        return raw

    return parse


def ids(raw: str) -> tuple[str, ...]:
    """Space-separated source ids."""
    return tuple(kebab(part) for part in raw.split())


ids.optional = True  # type: ignore[attr-defined]  # an empty list is valid; load checks who needs one


def page(raw: str) -> str:
    if not re.match(r"^[a-z0-9-]+\.md$", raw):
        raise ValueError(f"expected a page file name like 'distillation.md', got {raw!r}")
    return raw


def page_path(raw: str) -> str:
    """A page under docs/, possibly in a folder or in Chinese: `index.md`, `notebooks/x.ipynb`, `capex.zh.md`."""
    if not re.match(r"^([a-z0-9-]+/)*[a-z0-9-]+(\.zh)?\.(md|ipynb)$", raw):
        raise ValueError(f"expected a page path like 'capex.md', 'capex.zh.md' or 'notebooks/x.ipynb', got {raw!r}")
    return raw


def utc_timestamp(raw: str) -> dt.datetime:
    """A moment in UTC, `2025-01-27T05:48:22Z`: kept beside an event's local date when it is known."""
    if not re.match(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?Z$", raw):
        raise ValueError(f"expected a UTC time like 2025-01-27T05:48:22Z, got {raw!r}")
    try:
        return dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"expected a real UTC time like 2025-01-27T05:48:22Z, got {raw!r}") from None


def optional(parser: Parser) -> Parser:
    """Blank cells become None; anything else must parse."""

    def parse(raw: str) -> Any:
        return None if raw == "" else parser(raw)

    parse.optional = True  # type: ignore[attr-defined]
    return parse

"""Cell parsers: each turns one raw string into a typed value or raises ValueError saying what was expected.

A parser also says what it yields (the Python type, the Frictionless type, a short description), so the
record types, the column tables in data/README.md and datapackage.json are all generated from the one
declaration in scripts/schema.py.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from decimal import Decimal, InvalidOperation
from typing import Any

KEBAB = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")
HTML_TAG = re.compile(r"<\s*/?\s*[A-Za-z!][^<>]*>")
NUMBER = re.compile(r"^-?\d+(\.\d+)?$")

SOURCES = "sources.yaml"
PAGES = "docs/"


@dataclass(frozen=True)
class Parser:
    """A cell parser and what it yields: one object, so no type is written twice."""

    parse: Callable[[str], Any]
    python: str  # the annotation in the generated scripts/records.py
    frictionless: str  # the field type in datapackage.json
    describe: str  # the "type" column of data/README.md
    optional: bool = False  # an empty cell is valid
    options: tuple[str | int, ...] = ()  # the allowed values of a choice
    refers: tuple[str, ...] = ()  # what the value names: sources.yaml, docs/ or a data file's ids

    def __call__(self, raw: str) -> Any:
        return self.parse(raw)


def _text(raw: str) -> str:
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


def _kebab(raw: str) -> str:
    if not KEBAB.match(raw):
        raise ValueError(f"expected a lower-case kebab-case id like 'nvda-close-2025-01-27', got {raw!r}")
    return raw


def _date(raw: str) -> dt.date:
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


def _partial_date(raw: str) -> PartialDate:
    if re.match(r"^\d{4}-\d{2}-\d{2}$", raw):
        day = _date(raw)
        return PartialDate(day.year, day.month, day.day)
    if re.match(r"^\d{4}-\d{2}$", raw):
        year, month = (int(x) for x in raw.split("-"))
        if 1 <= month <= 12:
            return PartialDate(year, month)
    elif re.match(r"^\d{4}$", raw):
        return PartialDate(int(raw))
    raise ValueError(f"expected a date as YYYY-MM-DD, YYYY-MM or YYYY, got {raw!r}")


def _integer(raw: str) -> int:
    if not re.match(r"^-?\d+$", raw):
        raise ValueError(f"expected a whole number, got {raw!r}")
    return int(raw)


def _ids(raw: str) -> tuple[str, ...]:
    return tuple(_kebab(part) for part in raw.split())


def _page(raw: str) -> str:
    if not re.match(r"^[a-z0-9-]+\.md$", raw):
        raise ValueError(f"expected a page file name like 'distillation.md', got {raw!r}")
    return raw


def _page_path(raw: str) -> str:
    if not re.match(r"^([a-z0-9-]+/)*[a-z0-9-]+(\.zh)?\.(md|ipynb)$", raw):
        raise ValueError(f"expected a page path like 'capex.md', 'capex.zh.md' or 'notebooks/x.ipynb', got {raw!r}")
    return raw


def _utc_timestamp(raw: str) -> dt.datetime:
    if not re.match(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?Z$", raw):
        raise ValueError(f"expected a UTC time like 2025-01-27T05:48:22Z, got {raw!r}")
    try:
        return dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        raise ValueError(f"expected a real UTC time like 2025-01-27T05:48:22Z, got {raw!r}") from None


text = Parser(_text, "str", "string", "text")
kebab = Parser(_kebab, "str", "string", "kebab-case id")
date = Parser(_date, "dt.date", "date", "date")
# Frictionless has no type for "a day, a month or a year", so the package calls it a string.
partial_date = Parser(_partial_date, "PartialDate", "string", "date, month (`YYYY-MM`) or year (`YYYY`)")
integer = Parser(_integer, "int", "integer", "integer")
# An empty list is valid; load checks which rows need one.
ids = Parser(_ids, "tuple[str, ...]", "string", "ids separated by spaces", optional=True)
page = Parser(_page, "str", "string", "page file, e.g. `sputnik-moment.md`", refers=(PAGES,))
# A page under docs/, possibly in a folder: `index.md`, `notebooks/x.ipynb`.
page_path = Parser(_page_path, "str", "string", "page path under `docs/`", refers=(PAGES,))
# A moment in UTC, kept beside an event's local date when it is known.
utc_timestamp = Parser(_utc_timestamp, "dt.datetime", "datetime", "UTC time, e.g. `2025-01-27T05:48:22Z`")
source_id = replace(kebab, describe="source id", refers=(SOURCES,))
source_ids = replace(ids, describe="source ids separated by spaces", refers=(SOURCES,))


def id_in(*files: str) -> Parser:
    """The id of a row in another data file; load checks that the row exists."""
    return replace(kebab, describe="an id in " + " or ".join(f"`{name}`" for name in files), refers=files)


def decimal(minimum: Decimal | None = None, strict: bool = False) -> Parser:
    """A decimal kept as written, so the file decides how many decimals the site shows."""
    sign = ">" if strict else "≥"

    def parse(raw: str) -> Decimal:
        if not NUMBER.match(raw):
            raise ValueError(f"expected a number with a dot as decimal separator, got {raw!r}")
        try:
            value = Decimal(raw)
        except InvalidOperation:
            raise ValueError(f"expected a number, got {raw!r}") from None
        if minimum is not None and (value < minimum or (strict and value == minimum)):
            raise ValueError(f"expected a number {sign} {minimum}, got {raw}")
        return value

    describe = "decimal" if minimum is None else f"decimal {sign} {minimum}"
    return Parser(parse, "Decimal", "number", describe)


def _listed(options: tuple[str | int, ...]) -> str:
    names = [f"`{o}`" for o in options]
    return " or ".join(names) if len(names) == 2 else "one of " + ", ".join(names)


def choice(*options: str, describe: str | None = None) -> Parser:
    def parse(raw: str) -> str:
        if raw not in options:
            raise ValueError(f"expected one of {', '.join(options)}; got {raw!r}")
        return raw

    return Parser(parse, "str", "string", describe or _listed(options), options=options)


def integer_choice(*options: int) -> Parser:
    """One of a few whole numbers, such as the article's part 1, 2 or 3."""
    words = tuple(str(o) for o in options)

    def parse(raw: str) -> int:
        if raw not in words:
            raise ValueError(f"expected one of {', '.join(words)}; got {raw!r}")
        return int(raw)

    return Parser(parse, "int", "integer", _listed(options), options=options)


def _boolean(raw: str) -> bool:
    if raw not in ("true", "false"):
        raise ValueError(f"expected one of true, false; got {raw!r}")
    return raw == "true"


boolean = Parser(_boolean, "bool", "boolean", "`true` or `false`")


def pattern(regex: str, description: str) -> Parser:
    compiled = re.compile(regex)

    def parse(raw: str) -> str:
        if not compiled.match(raw):
            raise ValueError(f"expected {description}, got {raw!r}")
        return raw

    return Parser(parse, "str", "string", description)


def optional(parser: Parser) -> Parser:
    """Blank cells become None; anything else must parse."""

    def parse(raw: str) -> Any:
        return None if raw == "" else parser(raw)

    return replace(
        parser, parse=parse, python=f"{parser.python} | None", describe=f"{parser.describe}, optional", optional=True
    )

"""The two editions of every generated file: where each goes, and data text and figures in its language.

Renderers take `lang` ("en" or "zh") and get their words from the message catalogue (`scripts.messages`);
this module holds what depends on the data rather than on the catalogue:

- `text` / `field_html`: the ONE place a Chinese table falls back to English. A record's `<field>_zh`
  column is used when the data has it and the cell is filled; otherwise the English field, which
  `field_html` marks `lang="en"` so a reader (and a screen reader) knows it is untranslated.
- `rich` / `display` / `amount`: figures in the edition's conventions, through the same registry and
  `scripts.refs` as the pages, so one figure id shows one value in both editions.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from scripts import refs
from scripts.fields import PartialDate
from scripts.load import Dataset
from scripts.messages import LANGS, msg
from scripts.numbers import fact_value, rounded
from scripts.registry import Figure

__all__ = ["LANGS", "amount", "display", "field_html", "month", "out_path", "rich", "text", "weekday"]


def out_path(rel: str, lang: str) -> str:
    """`snippets/tables/x.md` in English; `snippets/zh/tables/x.md` in Chinese."""
    if lang == "en":
        return rel
    top, _, rest = rel.partition("/")
    return f"{top}/{lang}/{rest}"


def translated(record: Any, field: str, lang: str) -> tuple[str | None, str]:
    """A text field in `lang` when the record has it (`<field>_<lang>`, non-empty), else the English one;
    with the language the returned text is in."""
    if lang != "en":
        value = getattr(record, f"{field}_{lang}", None)
        if value:
            return value, lang
    return getattr(record, field), "en"


def text(record: Any, field: str, lang: str) -> str | None:
    """A record's text field in `lang`, falling back to English (see `translated`)."""
    return translated(record, field, lang)[0]


def field_html(ds: Dataset, record: Any, field: str, lang: str) -> str:
    """A data text field for a table cell in `lang`: escaped, figures rendered, an English fallback marked."""
    value, found = translated(record, field, lang)
    html = rich(ds, value or "", found)  # an untranslated text keeps its figures in its own language
    return lang_span(html, found, lang) if value else html


def lang_span(content: str, content_lang: str, page_lang: str) -> str:
    """Already-escaped `content`, marked with its language when it differs from the page's."""
    return content if content_lang == page_lang else f'<span lang="{content_lang}">{content}</span>'


# --- Figures -------------------------------------------------------------------------------------


def display(figure: Figure, lang: str) -> str:
    """The figure with its unit, in the edition's conventions: the same rounded value in both."""
    return refs.display(figure, lang)


def amount(value: Decimal, unit: str, lang: str, places: int | None = None) -> str:
    """A computed amount with its unit (a facts.csv unit), rounded half-up to `places` first."""
    return fact_value(value if places is None else rounded(value, places), unit, lang)


def rich(ds: Dataset, value: str, lang: str) -> str:
    """A data text field made safe for Markdown and HTML, its figures rendered as on a page in `lang`."""
    return ds.rich(value, lang)


# --- Calendar words ------------------------------------------------------------------------------


def month(day: dt.date | PartialDate, lang: str, short: bool = False) -> str:
    """A month's name from the catalogue: January (Jan) / 1 月."""
    return msg(f"month.{'short.' if short else ''}{day.month}", lang)


def weekday(day: dt.date, lang: str) -> str:
    """A weekday's name from the catalogue: Monday / 星期一."""
    return msg(f"weekday.{day.weekday()}", lang)

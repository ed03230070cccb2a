"""Share prices around 27 January 2025 and the S&P 500's 2024 return by contributor."""

from __future__ import annotations

from decimal import Decimal

from scripts import mdtable as md
from scripts.i18n import out_path
from scripts.load import Dataset
from scripts.messages import msg
from scripts.numbers import number, pct_change, signed
from scripts.text import escape, long_date

SCRIPT = "scripts/render/markets.py"


def closes_table(ds: Dataset, lang: str = "en") -> str:
    """Closing prices per ticker with the change on the previous close, computed here, not copied."""
    rows, sources = [], []
    previous: dict[str, Decimal] = {}
    for c in sorted(ds.rows("stock_closes.csv"), key=lambda c: (c.ticker, c.date)):
        change = ""
        if c.ticker in previous:
            change = f"{signed(pct_change(c.close_usd, previous[c.ticker]))}%"
        previous[c.ticker] = c.close_usd
        rows.append(
            [escape(c.ticker), long_date(c.date, lang), number(c.close_usd), change, md.source_link(ds, c.source_id)]
        )
        sources.append(c.source_id)
    headers = (
        [msg("header.ticker", lang)]
        + [msg(f"closes.header.{h}", lang) for h in ("day", "close", "change")]
        + [msg("header.source", lang)]
    )
    body = md.table(headers, rows, "llrrl")
    note = "\n" + msg("closes.note", lang) + "\n"
    return (
        md.header(SCRIPT, ["stock_closes.csv", "sources.yaml"])
        + "\n"
        + body
        + note
        + md.source_line(ds, sources, ["stock_closes.csv"], lang)
    )


def sp500_table(ds: Dataset, lang: str = "en") -> str:
    items = sorted(ds.rows("sp500_contributions_2024.csv"), key=lambda c: -c.share_of_return_pct)
    rows = [[escape(c.company), escape(c.ticker), f"{number(c.share_of_return_pct)}%"] for c in items]
    if items:
        total = sum((c.share_of_return_pct for c in items), Decimal(0))
        rows.append([f"**{msg('sp500.together', lang)}**", "", f"**{number(total)}%**"])
    body = md.table(
        [msg("header.company", lang), msg("header.ticker", lang), msg("sp500.header.share", lang)], rows, "llr"
    )
    note = "\n" + msg("sp500.note", lang) + "\n"
    return (
        md.header(SCRIPT, ["sp500_contributions_2024.csv", "sources.yaml"])
        + "\n"
        + body
        + note
        + md.source_line(ds, [c.source_id for c in items], ["sp500_contributions_2024.csv"], lang)
    )


def render(ds: Dataset, lang: str = "en") -> dict[str, str]:
    return {
        out_path("snippets/tables/stock-closes.md", lang): closes_table(ds, lang),
        out_path("snippets/tables/sp500-2024.md", lang): sp500_table(ds, lang),
    }

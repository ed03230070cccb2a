"""Share prices around 27 January 2025 and the S&P 500's 2024 return by contributor."""

from __future__ import annotations

from decimal import Decimal

from scripts import mdtable as md
from scripts.load import Dataset
from scripts.numbers import number, pct_change, signed
from scripts.text import escape, long_date

SCRIPT = "scripts/render/markets.py"


def closes_table(ds: Dataset) -> str:
    """Closing prices per ticker with the change on the previous close, computed here, not copied."""
    rows, sources = [], []
    previous: dict[str, Decimal] = {}
    for c in sorted(ds.rows("stock_closes.csv"), key=lambda c: (c.ticker, c.date)):
        change = ""
        if c.ticker in previous:
            change = f"{signed(pct_change(c.close_usd, previous[c.ticker]))}%"
        previous[c.ticker] = c.close_usd
        rows.append([escape(c.ticker), long_date(c.date), number(c.close_usd), change, md.source_link(ds, c.source_id)])
        sources.append(c.source_id)
    body = md.table(["Ticker", "Trading day", "Close (US$)", "Change on previous close", "Source"], rows, "llrrl")
    note = "\nChanges are computed from consecutive closes in the table, not copied from the sources.\n"
    return md.header(SCRIPT, ["stock_closes.csv", "sources.yaml"]) + "\n" + body + note + md.source_line(
        ds, sources, ["stock_closes.csv"])


def sp500_table(ds: Dataset) -> str:
    items = sorted(ds.rows("sp500_contributions_2024.csv"), key=lambda c: -c.share_of_return_pct)
    rows = [[escape(c.company), escape(c.ticker), f"{number(c.share_of_return_pct)}%"] for c in items]
    if items:
        total = sum((c.share_of_return_pct for c in items), Decimal(0))
        rows.append(["**These companies together**", "", f"**{number(total)}%**"])
    body = md.table(["Company", "Ticker", "Share of the S&P 500's 2024 total return"], rows, "llr")
    note = "\nThe total is computed from the rows above.\n"
    return md.header(SCRIPT, ["sp500_contributions_2024.csv", "sources.yaml"]) + "\n" + body + note + md.source_line(
        ds, [c.source_id for c in items], ["sp500_contributions_2024.csv"])


def render(ds: Dataset) -> dict[str, str]:
    return {"snippets/tables/stock-closes.md": closes_table(ds), "snippets/tables/sp500-2024.md": sp500_table(ds)}

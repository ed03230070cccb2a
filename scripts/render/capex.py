"""Capital spending by company and year, and capex as a share of revenue."""

from __future__ import annotations

from scripts import mdtable as md
from scripts.load import Dataset
from scripts.numbers import bn, number, rounded
from scripts.text import escape

SCRIPT = "scripts/render/capex.py"


def capex_table(ds: Dataset) -> str:
    rows = ds.rows("capex.csv")
    years = sorted({c.fiscal_year for c in rows})
    companies = sorted({c.company for c in rows})
    ends: dict[str, str] = {}
    for c in rows:
        ends.setdefault(c.company, c.fiscal_year_end.strftime("%B"))
    body_rows = []
    for company in companies:
        cells = [f"{escape(company)} (year ends {ends[company]})"]
        for year in years:
            found = [c for c in rows if c.company == company and c.fiscal_year == year]
            parts = []
            for c in sorted(found, key=lambda c: c.status):
                text = bn(c.capex_usd_bn)
                parts.append(f"*{text} (guidance)*" if c.status == "guidance" else text)
            cells.append(" / ".join(parts))
        body_rows.append(cells)
    body = md.table(["Company"] + [f"FY{y} (US$ bn)" for y in years], body_rows, "l" + "r" * len(years))
    latest: dict[str, str] = {}
    for c in sorted(rows, key=lambda c: c.fiscal_year):
        if c.status == "actual":
            latest[c.company] = c.definition
    guidance = [f"{c.company}, FY{c.fiscal_year}: {c.definition}" for c in rows if c.status == "guidance"]
    note = (
        "\nCapital expenditure in billions of US dollars, by the company's own fiscal year. *Italics*: the company's "
        "guidance (a forecast), not a reported figure.\n\n"
        "How each company's reported figure is defined (latest year):\n\n"
        + "".join(f"- {escape(company)}: {ds.rich(definition)}\n" for company, definition in sorted(latest.items()))
        + "\nWhat the guidance figures are:\n\n"
        + "".join(f"- {ds.rich(g)}\n" for g in sorted(guidance))
    )
    return md.header(SCRIPT, ["capex.csv", "sources.yaml"]) + "\n" + body + note + md.source_line(
        ds, [c.source_id for c in rows], ["capex.csv"])


def share_table(ds: Dataset) -> str:
    revenue = {(r.company, r.fiscal_year): r for r in ds.rows("revenue.csv")}
    rows, sources = [], []
    for c in sorted(ds.rows("capex.csv"), key=lambda c: (c.company, c.fiscal_year)):
        rev = revenue.get((c.company, c.fiscal_year))
        if rev is None or c.status != "actual":
            continue
        share = rounded(c.capex_usd_bn / rev.revenue_usd_bn * 100, 1)
        rows.append([escape(c.company), f"FY{c.fiscal_year}", bn(c.capex_usd_bn), bn(rev.revenue_usd_bn), f"{number(share)}%"])
        sources += [c.source_id, rev.source_id]
    body = md.table(["Company", "Fiscal year", "Capex (US$ bn)", "Revenue (US$ bn)", "Capex ÷ revenue"], rows, "llrrr")
    note = "\nReported (not guided) capex divided by total revenue of the same fiscal year, computed from the two data files.\n"
    return md.header(SCRIPT, ["capex.csv", "revenue.csv", "sources.yaml"]) + "\n" + body + note + md.source_line(
        ds, sources, ["capex.csv", "revenue.csv"])


def render(ds: Dataset) -> dict[str, str]:
    return {"snippets/tables/capex.md": capex_table(ds), "snippets/tables/capex-share.md": share_table(ds)}

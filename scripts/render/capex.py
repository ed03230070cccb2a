"""Capital spending by company and year, and capex as a share of revenue."""

from __future__ import annotations

from scripts import mdtable as md
from scripts.i18n import field_html, month, out_path
from scripts.load import Dataset
from scripts.messages import msg
from scripts.numbers import bn, number, rounded
from scripts.records import Capex
from scripts.text import escape

SCRIPT = "scripts/render/capex.py"


def capex_table(ds: Dataset, lang: str = "en") -> str:
    rows = ds.rows("capex.csv")
    years = sorted({c.fiscal_year for c in rows})
    companies = sorted({c.company for c in rows})
    ends: dict[str, str] = {}
    for c in rows:
        ends.setdefault(c.company, month(c.fiscal_year_end, lang))
    body_rows = []
    for company in companies:
        cells = [msg("capex.company_year_end", lang, company=escape(company), month=ends[company])]
        for year in years:
            found = [c for c in rows if c.company == company and c.fiscal_year == year]
            parts = []
            for c in sorted(found, key=lambda c: c.status):
                value = bn(c.capex_usd_bn)
                parts.append(msg("capex.guidance_cell", lang, value=value) if c.status == "guidance" else value)
            cells.append(" / ".join(parts))
        body_rows.append(cells)
    headers = [msg("header.company", lang)] + [msg("capex.header.year", lang, year=y) for y in years]
    body = md.table(headers, body_rows, "l" + "r" * len(years))
    latest: dict[str, Capex] = {}
    for c in sorted(rows, key=lambda c: c.fiscal_year):
        if c.status == "actual":
            latest[c.company] = c
    # Listed in the order of the English line, "<company>, FY<year>: <definition>", in both editions.
    guidance = sorted(
        (c for c in rows if c.status == "guidance"), key=lambda c: f"{c.company}, FY{c.fiscal_year}: {c.definition}"
    )
    note = (
        "\n"
        + msg("capex.note", lang)
        + "\n\n"
        + msg("capex.definitions", lang)
        + "\n\n"
        + "".join(
            "- "
            + msg(
                "capex.definition_item", lang, company=escape(company), definition=field_html(ds, c, "definition", lang)
            )
            + "\n"
            for company, c in sorted(latest.items())
        )
        + "\n"
        + msg("capex.guidance_heading", lang)
        + "\n\n"
        + "".join(
            "- "
            + msg(
                "capex.guidance_item",
                lang,
                company=escape(c.company),
                year=c.fiscal_year,
                definition=field_html(ds, c, "definition", lang),
            )
            + "\n"
            for c in guidance
        )
    )
    return (
        md.header(SCRIPT, ["capex.csv", "sources.yaml"])
        + "\n"
        + body
        + note
        + md.source_line(ds, [c.source_id for c in rows], ["capex.csv"], lang)
    )


def share_table(ds: Dataset, lang: str = "en") -> str:
    revenue = {(r.company, r.fiscal_year): r for r in ds.rows("revenue.csv")}
    rows, sources = [], []
    for c in sorted(ds.rows("capex.csv"), key=lambda c: (c.company, c.fiscal_year)):
        rev = revenue.get((c.company, c.fiscal_year))
        if rev is None or c.status != "actual":
            continue
        share = rounded(c.capex_usd_bn / rev.revenue_usd_bn * 100, 1)
        rows.append(
            [
                escape(c.company),
                msg("fiscal_year", lang, year=c.fiscal_year),
                bn(c.capex_usd_bn),
                bn(rev.revenue_usd_bn),
                f"{number(share)}%",
            ]
        )
        sources += [c.source_id, rev.source_id]
    headers = [msg("header.company", lang)] + [
        msg(f"capex.share.header.{h}", lang) for h in ("year", "capex", "revenue", "share")
    ]
    body = md.table(headers, rows, "llrrr")
    note = "\n" + msg("capex.share.note", lang) + "\n"
    return (
        md.header(SCRIPT, ["capex.csv", "revenue.csv", "sources.yaml"])
        + "\n"
        + body
        + note
        + md.source_line(ds, sources, ["capex.csv", "revenue.csv"], lang)
    )


def render(ds: Dataset, lang: str = "en") -> dict[str, str]:
    return {
        out_path("snippets/tables/capex.md", lang): capex_table(ds, lang),
        out_path("snippets/tables/capex-share.md", lang): share_table(ds, lang),
    }

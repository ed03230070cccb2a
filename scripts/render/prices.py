"""Token prices side by side, converted to US dollars, with blended prices and like-for-like ratios."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from scripts import mdtable as md
from scripts.i18n import field_html, out_path
from scripts.load import Dataset
from scripts.messages import msg
from scripts.numbers import money, number
from scripts.records import FxRate, Price
from scripts.text import escape, long_date, short_date

SCRIPT = "scripts/render/prices.py"
BLEND_INPUT_WEIGHT = Decimal(3)  # three input tokens for every output token


@dataclass(frozen=True)
class UsdPrice:
    """A price row in US dollars per million tokens, with the rate used when converted."""

    price: Price
    input: Decimal
    cached_input: Decimal | None
    output: Decimal
    rate: FxRate | None

    @property
    def blended(self) -> Decimal:
        return (BLEND_INPUT_WEIGHT * self.input + self.output) / (BLEND_INPUT_WEIGHT + 1)


def rate_for(ds: Dataset, price: Price) -> FxRate | None:
    """The latest rate on or before the price's start, else the earliest one."""
    if price.currency == "USD":
        return None
    rates = sorted((r for r in ds.rows("fx_rates.csv") if r.currency == price.currency), key=lambda r: r.date.start())
    before = [r for r in rates if r.date.start() <= price.valid_from]
    return before[-1] if before else rates[0]


def to_usd(ds: Dataset, price: Price) -> UsdPrice:
    """The price in US dollars, so prices in CN¥ can be compared with the rest."""
    rate = rate_for(ds, price)
    div = rate.per_usd if rate else Decimal(1)
    cached = price.cached_input / div if price.cached_input is not None else None
    return UsdPrice(price, price.input / div, cached, price.output / div, rate)


def ratio(reference: Decimal, subject: Decimal, lang: str = "en") -> str:
    """How many times dearer `reference` is: one decimal below 10×, none above, where it no longer matters."""
    if subject == 0:
        return msg("ratio.free", lang)
    value = reference / subject
    return msg("ratio.times", lang, n=number(value, 1 if value < 10 else 0))


def in_force(price: Price, lang: str = "en") -> str:
    """The dates a price list applied, so an old price is never read as current."""
    if price.valid_to:
        return msg("period.range", lang, start=short_date(price.valid_from, lang), end=short_date(price.valid_to, lang))
    return msg("period.from", lang, start=short_date(price.valid_from, lang))


def usd_prices(ds: Dataset) -> list[UsdPrice]:
    """Every price row in US dollars, in a stable order: the one source for the table, chart and calculator."""
    rows = sorted(ds.rows("prices.csv"), key=lambda p: (p.provider, p.model, p.valid_from, p.tier))
    return [to_usd(ds, p) for p in rows]


def tier(price: Price, lang: str = "en") -> str:
    """A price list's tier in words (standard, off-peak, ...)."""
    return msg(f"tier.{price.tier}", lang)


def prices_table(ds: Dataset, lang: str = "en") -> str:
    rows = []
    notes = []
    for u in usd_prices(ds):
        p = u.price
        kind = escape(tier(p, lang))
        if u.rate:
            kind = msg("prices.converted", lang, tier=kind)
            notes.append(u.rate)
        rows.append(
            [
                escape(p.model),
                escape(p.provider),
                kind,
                in_force(p, lang),
                money(u.input),
                money(u.cached_input),
                money(u.output),
                money(u.blended),
                md.source_link(ds, p.source_id),
            ]
        )
    headers = ["model", "provider", "price_list", "in_force", "input", "cached_input", "output", "blended"]
    body = md.table(
        [msg(f"prices.header.{h}", lang) for h in headers] + [msg("header.source", lang)], rows, "llllrrrrl"
    )
    rates = list(dict.fromkeys(notes))
    conversion = "".join(
        msg("prices.conversion", lang, rate=number(r.per_usd), date=long_date(r.date, lang)) for r in rates
    )
    note = "\n" + msg("prices.note", lang) + conversion + "\n"
    sources = [p.source_id for p in ds.rows("prices.csv")] + [r.source_id for r in rates]
    files = ["prices.csv"] + (["fx_rates.csv"] if rates else [])
    return md.header(SCRIPT, files + ["sources.yaml"]) + "\n" + body + note + md.source_line(ds, sources, files, lang)


def ratios_table(ds: Dataset, lang: str = "en") -> str:
    by_id = {u.price.id: u for u in usd_prices(ds)}
    rows = []
    sources = []
    for cmp in ds.rows("price_comparisons.csv"):
        s, r = by_id[cmp.subject], by_id[cmp.reference]
        label = msg(
            "ratios.label",
            lang,
            reference=escape(r.price.model),
            reference_tier=escape(tier(r.price, lang)),
            subject=escape(s.price.model),
            subject_tier=escape(tier(s.price, lang)),
        )
        rows.append(
            [
                label,
                ratio(r.input, s.input, lang),
                ratio(r.output, s.output, lang),
                ratio(r.blended, s.blended, lang),
                field_html(ds, cmp, "note", lang),
            ]
        )
        sources += [s.price.source_id, r.price.source_id]
    headers = [msg(f"ratios.header.{h}", lang) for h in ("comparison", "input", "output", "blended", "note")]
    body = md.table(headers, rows, "lrrrl")
    note = "\n" + msg("ratios.note", lang) + "\n"
    return (
        md.header(SCRIPT, ["prices.csv", "price_comparisons.csv", "fx_rates.csv"])
        + "\n"
        + body
        + note
        + md.source_line(ds, sources, ["prices.csv", "price_comparisons.csv"], lang)
    )


def render(ds: Dataset, lang: str = "en") -> dict[str, str]:
    return {
        out_path("snippets/tables/prices.md", lang): prices_table(ds, lang),
        out_path("snippets/tables/price-ratios.md", lang): ratios_table(ds, lang),
    }

"""Token prices side by side, converted to US dollars, with blended prices and like-for-like ratios."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from scripts import mdtable as md
from scripts.load import Dataset
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


def ratio(reference: Decimal, subject: Decimal) -> str:
    """How many times dearer `reference` is: one decimal below 10×, none above, where it no longer matters."""
    if subject == 0:
        return "n/a (free)"
    value = reference / subject
    return number(value, 1 if value < 10 else 0) + "×"


def in_force(price: Price) -> str:
    """The dates a price list applied, so an old price is never read as current."""
    if price.valid_to:
        return f"{short_date(price.valid_from)} – {short_date(price.valid_to)}"
    return f"from {short_date(price.valid_from)}"


def usd_prices(ds: Dataset) -> list[UsdPrice]:
    """Every price row in US dollars, in a stable order: the one source for the table, chart and calculator."""
    rows = sorted(ds.rows("prices.csv"), key=lambda p: (p.provider, p.model, p.valid_from, p.tier))
    return [to_usd(ds, p) for p in rows]


def prices_table(ds: Dataset) -> str:
    rows = []
    notes = []
    for u in usd_prices(ds):
        p = u.price
        tier = escape(p.tier)
        if u.rate:
            tier += " (converted from CN¥)"
            notes.append(u.rate)
        rows.append([
            escape(p.model), escape(p.provider), tier, in_force(p),
            money(u.input), money(u.cached_input), money(u.output), money(u.blended),
            md.source_link(ds, p.source_id),
        ])
    body = md.table(
        ["Model", "Provider", "Price list", "In force", "Input (US$/M tokens)", "Cached input (US$/M tokens)",
         "Output (US$/M tokens)", "Blended 3:1 (US$/M tokens)", "Source"],
        rows, "llllrrrrl",
    )
    rates = list(dict.fromkeys(notes))
    conversion = "".join(
        f" CN¥ prices are converted at {number(r.per_usd)} CN¥ per US$ ({long_date(r.date)})." for r in rates
    )
    note = (
        "\nPrices per million tokens. Blended = (3 × input + output) ÷ 4, a common yardstick for chat workloads; "
        "it uses the cache-miss input price. A dash means the provider listed no such price." + conversion + "\n"
    )
    sources = [p.source_id for p in ds.rows("prices.csv")] + [r.source_id for r in rates]
    files = ["prices.csv"] + (["fx_rates.csv"] if rates else [])
    return md.header(SCRIPT, files + ["sources.yaml"]) + "\n" + body + note + md.source_line(ds, sources, files)


def ratios_table(ds: Dataset) -> str:
    by_id = {u.price.id: u for u in usd_prices(ds)}
    rows = []
    sources = []
    for cmp in ds.rows("price_comparisons.csv"):
        s, r = by_id[cmp.subject], by_id[cmp.reference]
        label = f"{escape(r.price.model)} ({escape(r.price.tier)}) vs {escape(s.price.model)} ({escape(s.price.tier)})"
        rows.append([label, ratio(r.input, s.input), ratio(r.output, s.output), ratio(r.blended, s.blended),
                     ds.rich(cmp.note or "")])
        sources += [s.price.source_id, r.price.source_id]
    body = md.table(["Comparison", "Input", "Output", "Blended 3:1", "Note"], rows, "lrrrl")
    note = "\nEach ratio is how many times more the first model costs than the second, per million tokens, computed from the prices table above.\n"
    return md.header(SCRIPT, ["prices.csv", "price_comparisons.csv", "fx_rates.csv"]) + "\n" + body + note + md.source_line(
        ds, sources, ["prices.csv", "price_comparisons.csv"])


def render(ds: Dataset) -> dict[str, str]:
    return {"snippets/tables/prices.md": prices_table(ds), "snippets/tables/price-ratios.md": ratios_table(ds)}

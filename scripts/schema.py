"""What each data file must contain: columns, their parsers, keys and references."""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal

from scripts import fields as f
from scripts import records as r

UNITS = (
    "usd", "usd_m", "usd_bn", "usd_tn", "usd_per_mtok", "cny", "cny_bn", "cny_per_mtok", "pct",
    "pct_change", "count", "million", "billion", "tokens_tn", "params_bn", "gpu_hours_m", "times", "year", "points",
)
OUTCOMES = ("borne-out", "partly", "not-borne-out", "too-early")
ZERO = Decimal(0)


@dataclass(frozen=True)
class TableSpec:
    """One CSV file: its columns in order, the record type, the key and the references to check."""

    file: str
    record: type
    columns: dict[str, f.Parser]
    key: tuple[str, ...]
    source_fields: tuple[str, ...] = ("source_id",)
    page_fields: tuple[str, ...] = ()
    allow_empty: bool = True
    extra: dict[str, str] = field(default_factory=dict)


TABLES: tuple[TableSpec, ...] = (
    TableSpec("facts.csv", r.Fact, {
        "id": f.kebab, "value": f.decimal(), "unit": f.choice(*UNITS), "as_of": f.partial_date,
        "source_id": f.kebab, "note": f.optional(f.text), "status": f.optional(f.choice("forecast", "guidance")),
    }, key=("id",)),
    TableSpec("quotes.csv", r.Quote, {
        "id": f.kebab, "speaker": f.text, "role": f.text, "date": f.partial_date, "medium": f.text,
        "lang": f.choice("en", "zh"), "text": f.text, "source_id": f.kebab, "utc": f.optional(f.utc_timestamp),
    }, key=("id",)),
    TableSpec("timeline.csv", r.Event, {
        "date": f.partial_date, "event": f.text,
        "category": f.choice("deepseek", "models", "markets", "capex", "policy", "history"),
        "page": f.page, "source_id": f.kebab, "utc": f.optional(f.utc_timestamp),
    }, key=("date", "event"), page_fields=("page",)),
    TableSpec("glossary.csv", r.Term, {
        "term": f.text, "zh": f.text, "abbr": f.optional(f.pattern(r"^[A-Za-z0-9][A-Za-z0-9.+-]*$", "a short abbreviation")),
        "definition": f.text, "page": f.optional(f.page),
    }, key=("term",), source_fields=(), page_fields=("page",)),
    TableSpec("prices.csv", r.Price, {
        "id": f.kebab, "model": f.text, "provider": f.text,
        "tier": f.choice("standard", "promotional", "off-peak", "batch"),
        "currency": f.choice("USD", "CNY"), "input": f.decimal(ZERO),
        "cached_input": f.optional(f.decimal(ZERO)), "output": f.decimal(ZERO),
        "valid_from": f.date, "valid_to": f.optional(f.date), "source_id": f.kebab,
        "note": f.optional(f.text),
    }, key=("id",)),
    TableSpec("fx_rates.csv", r.FxRate, {
        "currency": f.pattern(r"^[A-Z]{3}$", "a three-letter ISO currency code"),
        "per_usd": f.decimal(ZERO, strict=True), "date": f.partial_date, "source_id": f.kebab,
    }, key=("currency", "date")),
    TableSpec("capex.csv", r.Capex, {
        "company": f.text, "fiscal_year": f.integer, "fiscal_year_end": f.date,
        "capex_usd_bn": f.decimal(ZERO), "status": f.choice("actual", "guidance"),
        "definition": f.text, "source_id": f.kebab,
    }, key=("company", "fiscal_year", "status")),
    TableSpec("revenue.csv", r.Revenue, {
        "company": f.text, "fiscal_year": f.integer, "revenue_usd_bn": f.decimal(ZERO, strict=True),
        "source_id": f.kebab,
    }, key=("company", "fiscal_year")),
    TableSpec("stock_closes.csv", r.StockClose, {
        "ticker": f.pattern(r"^[A-Z.]{1,6}$", "a ticker symbol like NVDA"), "date": f.date,
        "close_usd": f.decimal(ZERO, strict=True), "source_id": f.kebab,
    }, key=("ticker", "date")),
    TableSpec("sp500_contributions_2024.csv", r.Contribution, {
        "company": f.text, "ticker": f.pattern(r"^[A-Z.]{1,6}$", "a ticker symbol like NVDA"),
        "share_of_return_pct": f.decimal(), "source_id": f.kebab,
    }, key=("ticker",)),
    TableSpec("claims.csv", r.Claim, {
        "id": f.pattern(r"^C\d{2}$", "a claim id like C07"), "part": f.choice("1", "2", "3"),
        "zh": f.text, "en": f.text,
        "verdict": f.choice("verified", "approx", "wrong", "misattributed", "opinion", "unverifiable"),
        "finding": f.optional(f.text), "source_ids": f.ids, "page": f.page,
        "outcome": f.optional(f.choice(*OUTCOMES)), "outcome_date": f.optional(f.partial_date),
        "outcome_text": f.optional(f.text), "outcome_source_ids": f.ids,
    }, key=("id",), source_fields=("source_ids", "outcome_source_ids"), page_fields=("page",)),
    TableSpec("capability_prices.csv", r.CapabilityPrice, {
        "date": f.date, "model": f.text, "capability": f.text,
        "price_usd_per_mtok": f.decimal(ZERO, strict=True), "source_id": f.kebab,
        "note": f.optional(f.text),
    }, key=("date", "model", "capability")),
    TableSpec("price_comparisons.csv", r.PriceComparison, {
        "id": f.kebab, "subject": f.kebab, "reference": f.kebab, "note": f.optional(f.text),
    }, key=("id",), source_fields=()),
    TableSpec("derived_facts.csv", r.DerivedFact, {
        "id": f.kebab,
        "operation": f.choice("value", "sum", "difference", "product", "ratio", "percent", "percent_change"),
        "operands": f.pattern(r"^\S+( \S+)*$", "operand references separated by spaces"),
        "unit": f.choice(*UNITS), "places": f.integer, "note": f.text,
    }, key=("id",), source_fields=()),
    TableSpec("updates.csv", r.Update, {
        "date": f.date, "title": f.text, "summary": f.text, "page": f.page,
    }, key=("date", "title"), source_fields=(), page_fields=("page",)),
    TableSpec("market_values.csv", r.MarketValue, {
        "ticker": f.pattern(r"^[A-Z.]{1,6}$", "a ticker symbol like NVDA"), "date": f.date,
        "market_value_usd_bn": f.decimal(ZERO, strict=True), "source_id": f.kebab, "note": f.optional(f.text),
    }, key=("ticker", "date")),
    TableSpec("demand.csv", r.DemandPoint, {
        "series": f.kebab, "date": f.partial_date, "value": f.decimal(ZERO, strict=True),
        "unit": f.choice(*UNITS), "source_id": f.kebab, "note": f.optional(f.text),
    }, key=("series", "date")),
    TableSpec("reviews.csv", r.Review, {
        "page": f.page_path, "reviewed": f.date,
    }, key=("page",), source_fields=(), page_fields=("page",), allow_empty=False),
    TableSpec("key_numbers.csv", r.KeyNumber, {
        "fact_id": f.kebab, "label": f.text, "page": f.page, "anchor": f.optional(f.kebab),
    }, key=("fact_id",), source_fields=(), page_fields=("page",)),
)

SOURCE_FIELDS: dict[str, f.Parser] = {
    "id": f.kebab,
    "title": f.text,
    "publisher": f.text,
    "url": f.pattern(r"^https?://[^\s<>\"'`|()]+$", "an http(s) URL without spaces or brackets"),
    "published": f.optional(f.partial_date),
    "accessed": f.date,
    "redistributable": f.choice("true", "false"),
    "kind": f.choice("primary", "secondary"),
    "why_secondary": f.optional(f.choice("no-primary", "paywalled")),
    "archive": f.optional(f.pattern(r"^https://web\.archive\.org/web/\d{4,14}/https?://\S+$",
                                    "a Wayback Machine address like https://web.archive.org/web/20250127/https://…")),
    "author": f.optional(f.text),
    "note": f.optional(f.text),
}
SOURCE_REQUIRED = ("id", "title", "publisher", "url", "published", "accessed", "redistributable", "kind")

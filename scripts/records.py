# Generated from scripts/schema.py by `python -m scripts generate`; do not edit.
"""Typed records, one class per data file, so renderers never touch raw strings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from scripts.fields import PartialDate


@dataclass(frozen=True)
class Source:
    """An entry of data/sources.yaml: the register of sources."""

    id: str
    title: str
    publisher: str
    url: str
    published: PartialDate | None
    accessed: dt.date
    redistributable: bool
    kind: str
    why_secondary: str | None
    archive: str | None
    author: str | None
    note: str | None


@dataclass(frozen=True)
class Fact:
    """A row of data/facts.csv: single figures quoted in prose."""

    id: str
    value: Decimal
    unit: str
    as_of: PartialDate
    source_id: str
    note: str | None
    note_zh: str | None
    status: str | None


@dataclass(frozen=True)
class Quote:
    """A row of data/quotes.csv: exact quotations."""

    id: str
    speaker: str
    role: str
    date: PartialDate
    medium: str
    lang: str
    text: str
    text_zh: str | None
    source_id: str
    utc: dt.datetime | None


@dataclass(frozen=True)
class Event:
    """A row of data/timeline.csv: dated events."""

    date: PartialDate
    event: str
    event_zh: str
    category: str
    page: str
    source_id: str
    utc: dt.datetime | None


@dataclass(frozen=True)
class Term:
    """A row of data/glossary.csv: terms and abbreviations."""

    term: str
    zh: str
    abbr: str | None
    definition: str
    definition_zh: str
    page: str | None


@dataclass(frozen=True)
class Price:
    """A row of data/prices.csv: API list prices per million tokens."""

    id: str
    model: str
    provider: str
    tier: str
    currency: str
    input: Decimal
    cached_input: Decimal | None
    output: Decimal
    valid_from: dt.date
    valid_to: dt.date | None
    source_id: str
    note: str | None
    note_zh: str | None


@dataclass(frozen=True)
class FxRate:
    """A row of data/fx_rates.csv: exchange rates used for conversions."""

    currency: str
    per_usd: Decimal
    date: PartialDate
    source_id: str


@dataclass(frozen=True)
class Capex:
    """A row of data/capex.csv: capital expenditure of the largest technology firms."""

    company: str
    fiscal_year: int
    fiscal_year_end: dt.date
    capex_usd_bn: Decimal
    status: str
    definition: str
    definition_zh: str
    source_id: str


@dataclass(frozen=True)
class Revenue:
    """A row of data/revenue.csv: revenue, for capex-to-revenue ratios."""

    company: str
    fiscal_year: int
    revenue_usd_bn: Decimal
    source_id: str


@dataclass(frozen=True)
class StockClose:
    """A row of data/stock_closes.csv: daily closing prices around 27 January 2025."""

    ticker: str
    date: dt.date
    close_usd: Decimal
    source_id: str


@dataclass(frozen=True)
class Contribution:
    """A row of data/sp500_contributions_2024.csv: what moved the S&P 500 in 2024."""

    company: str
    ticker: str
    share_of_return_pct: Decimal
    source_id: str


@dataclass(frozen=True)
class Claim:
    """A row of data/claims.csv: the claims ledger of the source article."""

    id: str
    part: int
    zh: str
    en: str
    verdict: str
    finding: str | None
    finding_zh: str | None
    source_ids: tuple[str, ...]
    page: str
    outcome: str | None
    outcome_date: PartialDate | None
    outcome_text: str | None
    outcome_text_zh: str | None
    outcome_source_ids: tuple[str, ...]


@dataclass(frozen=True)
class CapabilityPrice:
    """A row of data/capability_prices.csv: the price of a fixed level of capability over time."""

    date: dt.date
    model: str
    capability: str
    price_usd_per_mtok: Decimal
    source_id: str
    note: str | None


@dataclass(frozen=True)
class PriceComparison:
    """A row of data/price_comparisons.csv: which like-for-like price ratios the site shows."""

    id: str
    subject: str
    reference: str
    note: str | None
    note_zh: str | None


@dataclass(frozen=True)
class DerivedFact:
    """A row of data/derived_facts.csv: figures computed from other figures."""

    id: str
    operation: str
    operands: str
    unit: str
    places: int
    note: str
    note_zh: str | None


@dataclass(frozen=True)
class Update:
    """A row of data/updates.csv: the site's change log, published as an RSS feed."""

    date: dt.date
    title: str
    summary: str
    title_zh: str
    summary_zh: str
    page: str


@dataclass(frozen=True)
class MarketValue:
    """A row of data/market_values.csv: a company's stock-market value over time."""

    ticker: str
    date: dt.date
    market_value_usd_bn: Decimal
    source_id: str
    note: str | None


@dataclass(frozen=True)
class DemandPoint:
    """A row of data/demand.csv: series of compute or token demand."""

    series: str
    date: PartialDate
    value: Decimal
    unit: str
    source_id: str
    note: str | None


@dataclass(frozen=True)
class Review:
    """A row of data/reviews.csv: when each page was last reviewed."""

    page: str
    reviewed: dt.date


@dataclass(frozen=True)
class KeyNumber:
    """A row of data/key_numbers.csv: the figures on the home page."""

    fact_id: str
    label: str
    label_zh: str
    page: str
    anchor: str | None

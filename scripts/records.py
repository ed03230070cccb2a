"""Typed records, one class per data file, so renderers never touch raw strings."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from scripts.fields import PartialDate


@dataclass(frozen=True)
class Source:
    id: str
    title: str
    publisher: str
    url: str
    published: PartialDate | None
    accessed: dt.date
    redistributable: bool
    kind: str
    author: str | None = None
    note: str | None = None
    why_secondary: str | None = None
    archive: str | None = None


@dataclass(frozen=True)
class Fact:
    id: str
    value: Decimal
    unit: str
    as_of: PartialDate
    source_id: str
    note: str | None
    status: str | None = None  # forecast or guidance: a figure about the future, so a future as_of is allowed


@dataclass(frozen=True)
class Quote:
    id: str
    speaker: str
    role: str
    date: PartialDate
    medium: str
    lang: str
    text: str
    source_id: str
    utc: dt.datetime | None = None


@dataclass(frozen=True)
class Event:
    date: PartialDate
    event: str
    category: str
    page: str
    source_id: str
    utc: dt.datetime | None = None


@dataclass(frozen=True)
class Term:
    term: str
    zh: str
    abbr: str | None
    definition: str
    page: str | None


@dataclass(frozen=True)
class Price:
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


@dataclass(frozen=True)
class FxRate:
    currency: str
    per_usd: Decimal
    date: PartialDate
    source_id: str


@dataclass(frozen=True)
class Capex:
    company: str
    fiscal_year: int
    fiscal_year_end: dt.date
    capex_usd_bn: Decimal
    status: str
    definition: str
    source_id: str


@dataclass(frozen=True)
class Revenue:
    company: str
    fiscal_year: int
    revenue_usd_bn: Decimal
    source_id: str


@dataclass(frozen=True)
class StockClose:
    ticker: str
    date: dt.date
    close_usd: Decimal
    source_id: str


@dataclass(frozen=True)
class Contribution:
    company: str
    ticker: str
    share_of_return_pct: Decimal
    source_id: str


@dataclass(frozen=True)
class Claim:
    id: str
    part: int
    zh: str
    en: str
    verdict: str
    finding: str | None
    source_ids: tuple[str, ...]
    page: str
    outcome: str | None = None
    outcome_date: PartialDate | None = None
    outcome_text: str | None = None
    outcome_source_ids: tuple[str, ...] = ()


@dataclass(frozen=True)
class CapabilityPrice:
    date: dt.date
    model: str
    capability: str
    price_usd_per_mtok: Decimal
    source_id: str
    note: str | None


@dataclass(frozen=True)
class PriceComparison:
    id: str
    subject: str
    reference: str
    note: str | None


@dataclass(frozen=True)
class KeyNumber:
    fact_id: str
    label: str
    page: str
    anchor: str | None


@dataclass(frozen=True)
class DerivedFact:
    id: str
    operation: str
    operands: tuple[str, ...]
    unit: str
    places: int
    note: str


@dataclass(frozen=True)
class Update:
    date: dt.date
    title: str
    summary: str
    page: str


@dataclass(frozen=True)
class MarketValue:
    ticker: str
    date: dt.date
    market_value_usd_bn: Decimal
    source_id: str
    note: str | None


@dataclass(frozen=True)
class DemandPoint:
    series: str
    date: PartialDate
    value: Decimal
    unit: str
    source_id: str
    note: str | None


@dataclass(frozen=True)
class Review:
    page: str
    reviewed: dt.date

"""Figures computed from other figures (totals, shares, changes), so none of them is ever typed by hand.

An operand is a reference to one number in data/:
`fact:<id>`, `capex:<company>:<fiscal year>` (reported capex), `revenue:<company>:<fiscal year>`,
`close:<ticker>:<date>`, `sp500:<ticker>`, `price:<id>:<input|cached_input|output>` (in US$),
`fx:<currency>:<date>` (units per US$), or `const:<number>`. `fact:` also finds a derived fact defined on
an earlier row, unrounded. `value` republishes one number under a fact id,
so a price quoted in prose is the same number as the one in the prices table.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from scripts.errors import DataError, Problem
from scripts.fields import PartialDate
from scripts.load import Dataset
from scripts.records import DerivedFact


@dataclass(frozen=True)
class Value:
    number: Decimal
    source_ids: tuple[str, ...]
    as_of: PartialDate | None = None


def _day(day: dt.date) -> PartialDate:
    return PartialDate(day.year, day.month, day.day)


def resolve(ds: Dataset, ref: str, earlier: dict[str, Value] | None = None) -> Value:
    kind, _, rest = ref.partition(":")
    parts = rest.split(":")
    if kind == "const":
        return Value(Decimal(rest), ())
    if kind == "fact":
        if earlier and rest in earlier:
            return earlier[rest]
        for fact in ds.rows("facts.csv"):
            if fact.id == rest:
                return Value(fact.value, (fact.source_id,), fact.as_of)
    elif kind == "capex" and len(parts) == 2:
        for c in ds.rows("capex.csv"):
            if c.company == parts[0] and str(c.fiscal_year) == parts[1] and c.status == "actual":
                return Value(c.capex_usd_bn, (c.source_id,), _day(c.fiscal_year_end))
    elif kind == "revenue" and len(parts) == 2:
        for r in ds.rows("revenue.csv"):
            if r.company == parts[0] and str(r.fiscal_year) == parts[1]:
                return Value(r.revenue_usd_bn, (r.source_id,))
    elif kind == "close" and len(parts) == 2:
        for c in ds.rows("stock_closes.csv"):
            if c.ticker == parts[0] and str(c.date) == parts[1]:
                return Value(c.close_usd, (c.source_id,), _day(c.date))
    elif kind == "fx" and len(parts) == 2:
        for fx in ds.rows("fx_rates.csv"):
            if fx.currency == parts[0] and str(fx.date) == parts[1]:
                return Value(fx.per_usd, (fx.source_id,), fx.date)
    elif kind == "sp500":
        for c in ds.rows("sp500_contributions_2024.csv"):
            if c.ticker == rest:
                return Value(c.share_of_return_pct, (c.source_id,))
    elif kind == "price" and len(parts) == 2:
        from scripts.render.prices import usd_prices

        for u in usd_prices(ds):
            if u.price.id == parts[0] and parts[1] in ("input", "cached_input", "output"):
                value = getattr(u, parts[1])
                if value is not None:
                    return Value(value, (u.price.source_id,), _day(u.price.valid_from))
    raise KeyError(ref)


def compute(operation: str, values: list[Decimal]) -> Decimal:
    first, *rest = values
    if operation == "value":
        if rest:
            raise ValueError("'value' takes exactly one operand")
        return first
    if operation == "sum":
        return sum(values, Decimal(0))
    if operation == "product":
        result = Decimal(1)
        for v in values:
            result *= v
        return result
    if len(rest) != 1:
        raise ValueError(f"'{operation}' takes exactly two operands")
    second = rest[0]
    if operation == "difference":
        return first - second
    if operation == "ratio":
        return first / second
    if operation == "percent":
        return first / second * 100
    return (first / second - 1) * 100  # percent_change: from the second to the first


@dataclass(frozen=True)
class Derived:
    """A computed figure, unrounded: `Figure.shown` rounds it once, at display."""

    spec: DerivedFact
    value: Decimal
    source_ids: tuple[str, ...]
    as_of: PartialDate | None


def derive(ds: Dataset) -> list[Derived]:
    """Every derived fact, or a DataError naming the row and the operand that did not resolve."""
    problems: list[Problem] = []
    results: list[Derived] = []
    earlier: dict[str, Value] = {}
    fact_ids = {f.id for f in ds.rows("facts.csv")}
    for line, spec in enumerate(ds.rows("derived_facts.csv"), start=2):
        if spec.id in fact_ids:
            problems.append(
                Problem("data/derived_facts.csv", line, "id", f"{spec.id!r} is also a fact in data/facts.csv")
            )
            continue
        values, sources, dates = [], [], []
        try:
            for ref in spec.operands.split():
                v = resolve(ds, ref, earlier)
                values.append(v.number)
                sources.extend(v.source_ids)
                if v.as_of is not None:
                    dates.append(v.as_of)
            value = compute(spec.operation, values)
        except KeyError as exc:
            problems.append(Problem("data/derived_facts.csv", line, "operands", f"no number found for {exc.args[0]!r}"))
            continue
        except (ValueError, ArithmeticError) as exc:
            problems.append(Problem("data/derived_facts.csv", line, "operation", str(exc)))
            continue
        unique = tuple(dict.fromkeys(sources))
        as_of = max(dates) if dates else None
        earlier[spec.id] = Value(value, unique, as_of)
        results.append(Derived(spec, value, unique, as_of))
    if problems:
        raise DataError(problems)
    return results

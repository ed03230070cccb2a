"""Numbers as a reader sees them: thousands separators, a true minus sign, US$ amounts, units.

One module for every figure, so a price, a capex figure or a fact prints the same way in a table,
a chart and a sentence. Every rounding here is half-up (0.125 -> 0.13), as readers and the sources
round, never Python's default banker's rounding.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal


def rounded(value: Decimal, places: int) -> Decimal:
    """`value` rounded half-up to `places` decimals (negative `places` rounds to tens, hundreds...)."""
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def number(value: Decimal, places: int | None = None) -> str:
    """Thousands separators and a minus sign; keep the decimals written in the data unless told otherwise."""
    if places is not None:
        value = rounded(value, places)
    exponent = value.as_tuple().exponent
    decimals = max(0, -exponent) if isinstance(exponent, int) else 0
    formatted = f"{abs(value):,.{decimals}f}"
    return ("−" if value < 0 else "") + formatted


def signed(value: Decimal, places: int | None = None) -> str:
    """A change: always with its sign (+, − or ± for zero), so a rise never reads as a level."""
    body = number(abs(value), places)
    return ("+" if value > 0 else "−" if value < 0 else "±") + body


def money_places(value: Decimal) -> int:
    """Two decimals, or three when the third one matters, so a price of 1.4 cents stays visible."""
    three = rounded(value, 3)
    return 3 if three != rounded(three, 2) else 2


def money(value: Decimal | None) -> str:
    """A US-dollar price without the currency sign (the column says US$); empty when there is none."""
    if value is None:
        return ""
    return number(value, money_places(value))


def usd(value: Decimal, places: int | None = None) -> str:
    """An amount in US dollars, "US$1,234.5": the decimals of the data, or `places` of them."""
    return f"US${number(value, places)}"


def usd_price(value: Decimal) -> str:
    """A price in US dollars with two or three decimals (see `money_places`)."""
    return usd(value, money_places(value))


def bn(value: Decimal) -> str:
    """A figure in billions, with the one decimal company filings report."""
    return number(value, 1)


def pct_change(new: Decimal, old: Decimal) -> Decimal:
    """Percentage change from `old` to `new`, to two decimals (−16.97 for a 16.97% fall)."""
    return rounded((new / old - 1) * 100, 2)


UNIT_FORMATS = {
    "usd": "US${n}",
    "usd_m": "US${n} million",
    "usd_bn": "US${n} billion",
    "usd_tn": "US${n} trillion",
    "usd_per_mtok": "US${n} per million tokens",
    "cny": "CN¥{n}",
    "cny_bn": "CN¥{n} billion",
    "cny_per_mtok": "CN¥{n} per million tokens",
    "billion": "{n} billion",
    "tokens_tn": "{n} trillion tokens",
    "params_bn": "{n} billion parameters",
    "pct": "{n}%",
    "count": "{n}",
    "million": "{n} million",
    "gpu_hours_m": "{n} million GPU hours",
    "times": "{n}×",
    "points": "{n} points",
}


def fact_value(value: Decimal, unit: str) -> str:
    """A fact as a reader sees it, with its unit (the units are those of facts.csv)."""
    if unit == "pct_change":
        return f"{signed(value)}%"
    if unit == "year":
        return str(int(value))
    return UNIT_FORMATS[unit].format(n=number(value))

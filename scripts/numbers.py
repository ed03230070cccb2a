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


def fact_value(value: Decimal, unit: str, lang: str = "en") -> str:
    """A fact as a reader sees it, with its unit (the units are those of facts.csv), in English or Chinese."""
    if lang == "zh":
        return fact_value_zh(value, unit)
    if unit == "pct_change":
        return f"{signed(value)}%"
    if unit == "year":
        return str(int(value))
    return UNIT_FORMATS[unit].format(n=number(value))


# Chinese counts large numbers in 万 (10^4), 亿 (10^8) and 万亿 (10^12), not in thousands, millions and
# billions. A unit's value is first written as a power of ten, then shown in the largest Chinese unit
# it reaches; shifting the decimal point is exact, so the figure is the same number in both editions.
_POWER = {
    "usd": 0,
    "cny": 0,
    "count": 0,
    "usd_m": 6,
    "usd_bn": 9,
    "usd_tn": 12,
    "cny_bn": 9,
    "million": 6,
    "billion": 9,
    "params_bn": 9,
    "tokens_tn": 12,
    "gpu_hours_m": 6,
}
_ZH_SCALES = ((12, "万亿"), (8, "亿"), (4, "万"))
# Spaces between digits and Chinese characters follow the house style that autocorrect checks.
ZH_FORMATS = {
    "usd": "{n} {s}美元",
    "usd_m": "{n} {s}美元",
    "usd_bn": "{n} {s}美元",
    "usd_tn": "{n} {s}美元",
    "usd_per_mtok": "每百万词元 {n} 美元",
    "cny": "{n} {s}元人民币",
    "cny_bn": "{n} {s}元人民币",
    "cny_per_mtok": "每百万词元 {n} 元人民币",
    "billion": "{n} {s}",
    "tokens_tn": "{n} {s}词元",
    "params_bn": "{n} {s}参数",
    "pct": "{n}%",
    "count": "{n} {s}",
    "million": "{n} {s}",
    "gpu_hours_m": "{n} {s} GPU 小时",
    "times": "{n} 倍",
    "points": "{n} 点",
}


def zh_scaled(value: Decimal, power: int) -> tuple[Decimal, str]:
    """`value` × 10^power, expressed in 万, 亿 or 万亿 (the largest one it reaches) and that unit's name."""
    magnitude = abs(value) * Decimal(10) ** power if value else Decimal(0)
    for exponent, name in _ZH_SCALES:
        if magnitude >= Decimal(10) ** exponent:
            shifted = value.scaleb(power - exponent)
            shifted = shifted.normalize() if power < exponent else shifted
            # An exact amount such as 87,072 stays as written rather than becoming 8.7072 万.
            if power == 0 and -min(0, int(shifted.as_tuple().exponent)) > 2:
                break
            return shifted, name
    return value.scaleb(power), ""


def fact_value_zh(value: Decimal, unit: str) -> str:
    if unit == "pct_change":
        return f"{signed(value)}%"
    if unit == "year":
        return f"{int(value)} 年"
    if unit in _POWER:
        shown, scale = zh_scaled(value, _POWER[unit])
        return ZH_FORMATS[unit].format(n=number(shown), s=scale).replace("  ", " ").strip()
    return ZH_FORMATS[unit].format(n=number(value), s="")

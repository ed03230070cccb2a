"""The token-cost calculator's price list: one line of JSON that docs/assets/calculator.js reads.

The prices are the same US-dollar figures as the prices table (through `usd_prices`), so the page's
static table and the calculator can never disagree.
"""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

from scripts.load import Dataset
from scripts.messages import catalogue
from scripts.numbers import rounded
from scripts.records import Price
from scripts.render.prices import usd_prices

OUTPUT = "snippets/generated/calculator-prices.md"
ELEMENT_ID = "calculator-prices"
PLACES = 6  # decimals of US$ per million tokens: a millionth of a dollar per million tokens
# The two price sets a reader can pick: the lists in force when the article appeared (it was
# published in February 2025; the launch discount for V3 had ended on 8 February) and today's.
EARLY_2025 = dt.date(2025, 2, 10)

# Characters that could end the <script> element, start an entity, or be read by the build's
# Markdown preprocessors (`$` is inline maths, `{!` an include): written as JSON \u escapes instead.
_JSON_ESCAPES = {
    "<": "\\u003c",
    ">": "\\u003e",
    "&": "\\u0026",
    "$": "\\u0024",
    "!": "\\u0021",
    "\u2028": "\\u2028",
    "\u2029": "\\u2029",
}


def json_usd(value: Decimal | None) -> float | None:
    """US$ per million tokens, rounded half-up to 6 decimals; a number in JSON, or null."""
    if value is None:
        return None
    return float(rounded(value, PLACES))


def in_force(valid_from: dt.date, valid_to: dt.date | None, day: dt.date) -> bool:
    return valid_from <= day and (valid_to is None or valid_to >= day)


def in_set(p: Price, name: str, day: dt.date) -> bool:
    """Standard lists in force on the set's day; "current" also requires a list set after the article,
    because our data does not track when the older lists of other providers ended."""
    if p.tier != "standard" or not in_force(p.valid_from, p.valid_to, day):
        return False
    return name != "current" or p.valid_from > EARLY_2025


def price_sets(today: dt.date) -> dict[str, str]:
    """The calculator's named sets of standard price lists, each with the day it describes."""
    return {"early-2025": EARLY_2025.isoformat(), "current": today.isoformat()}


def price_rows(ds: Dataset, today: dt.date) -> list[dict[str, Any]]:
    sets = price_sets(today)
    rows = []
    for u in usd_prices(ds):
        p = u.price
        source = ds.sources[p.source_id]
        rows.append(
            {
                "id": p.id,
                "model": p.model,
                "provider": p.provider,
                "tier": p.tier,
                "valid_from": p.valid_from.isoformat(),
                "valid_to": p.valid_to.isoformat() if p.valid_to else None,
                "currency": p.currency,
                "input": json_usd(u.input),
                "cached_input": json_usd(u.cached_input),
                "output": json_usd(u.output),
                "source": {"publisher": source.publisher, "url": source.url},
                "sets": [name for name, day in sets.items() if in_set(p, name, dt.date.fromisoformat(day))],
            }
        )
    return rows


def payload(ds: Dataset, today: dt.date | None = None) -> dict[str, Any]:
    """Prices and the two sets; "current" means in force when the calculator page was last reviewed."""
    today = today or ds.reviewed("calculator.md")
    rows = price_rows(ds, today)
    as_of = max((row["valid_from"] for row in rows), default=None)
    return {"as_of": as_of, "prices": rows, "sets": price_sets(today)}


def to_json(data: Any) -> str:
    """Compact, key-sorted JSON that is safe inside an HTML <script> element."""
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return "".join(_JSON_ESCAPES.get(ch, ch) for ch in text)


MESSAGES = "snippets/{prefix}generated/calculator-messages.md"
MESSAGES_ID = "calculator-messages"


def messages(lang: str) -> dict[str, str]:
    """The calculator's words in one language, from the catalogue: `calc.*` keys, and the price tiers."""
    return {key: forms[lang] for key, forms in catalogue().items() if key.startswith(("calc.", "tier."))}


def render_messages(ds: Dataset, lang: str) -> dict[str, str]:
    """One JSON line per edition that calculator.js reads, so its words come from data/messages.yaml."""
    line = f'<script type="application/json" id="{MESSAGES_ID}">{to_json(messages(lang))}</script>\n'
    return {MESSAGES.format(prefix="" if lang == "en" else f"{lang}/"): line}


def render(ds: Dataset) -> dict[str, str]:
    line = f'<script type="application/json" id="{ELEMENT_ID}">{to_json(payload(ds))}</script>\n'
    return {OUTPUT: line}

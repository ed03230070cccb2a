"""The token-cost calculator's price list: one line of JSON that docs/assets/calculator.js reads.

The prices are the same US-dollar figures as the prices table (through `usd_prices`), so the page's
static table and the calculator can never disagree.
"""

from __future__ import annotations

import json
from decimal import Decimal
from typing import Any

from scripts.load import Dataset
from scripts.numbers import rounded
from scripts.render.prices import usd_prices

OUTPUT = "snippets/generated/calculator-prices.md"
ELEMENT_ID = "calculator-prices"
PLACES = 6  # decimals of US$ per million tokens: a millionth of a dollar per million tokens

# Characters that could end the <script> element, start an entity, or be read by the build's
# Markdown preprocessors (`$` is inline maths, `{!` an include): written as JSON \u escapes instead.
_JSON_ESCAPES = {"<": "\\u003c", ">": "\\u003e", "&": "\\u0026", "$": "\\u0024", "!": "\\u0021",
                 "\u2028": "\\u2028", "\u2029": "\\u2029"}


def json_usd(value: Decimal | None) -> float | None:
    """US$ per million tokens, rounded half-up to 6 decimals; a number in JSON, or null."""
    if value is None:
        return None
    return float(rounded(value, PLACES))


def price_rows(ds: Dataset) -> list[dict[str, Any]]:
    rows = []
    for u in usd_prices(ds):
        p = u.price
        source = ds.sources[p.source_id]
        rows.append({
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
        })
    return rows


def payload(ds: Dataset) -> dict[str, Any]:
    rows = price_rows(ds)
    as_of = max((row["valid_from"] for row in rows), default=None)
    return {"as_of": as_of, "prices": rows}


def to_json(data: Any) -> str:
    """Compact, key-sorted JSON that is safe inside an HTML <script> element."""
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False, allow_nan=False)
    return "".join(_JSON_ESCAPES.get(ch, ch) for ch in text)


def render(ds: Dataset) -> dict[str, str]:
    line = f'<script type="application/json" id="{ELEMENT_ID}">{to_json(payload(ds))}</script>\n'
    return {OUTPUT: line}

"""One registry of figures: every fact and derived figure by id, unrounded, with how to show it.

Pages, data text fields, tables and notebooks all read a figure from here, so two places that name
the same id can never show different numbers. Rounding happens once, in `Figure.shown`.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

from scripts.fields import PartialDate

if TYPE_CHECKING:
    from scripts.load import Dataset


@dataclass(frozen=True)
class Figure:
    """A number a page may state: its unrounded value, unit, decimals shown, date and sources."""

    id: str
    value: Decimal
    unit: str
    places: int
    as_of: PartialDate | None
    source_ids: tuple[str, ...]
    note: str | None
    operation: str | None  # None for a fact as sourced; the derived_facts.csv operation otherwise
    note_zh: str | None = None  # the note in Chinese, for tooltips in the Chinese edition

    @property
    def shown(self) -> Decimal:
        """The value rounded half-up to the decimals it is shown with: the only rounding step."""
        return round_to(self.value, self.places)


def round_to(value: Decimal, places: int) -> Decimal:
    return value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)


def places_written(value: Decimal) -> int:
    """A fact is shown with the decimals written in the data file."""
    exponent = value.as_tuple().exponent
    return max(0, -exponent) if isinstance(exponent, int) else 0


def build(ds: Dataset) -> dict[str, Figure]:
    """Facts as written, then derived figures computed unrounded; raises DataError on a bad operand."""
    from scripts.derived import derive  # derived resolves operands against the loaded dataset

    figures: dict[str, Figure] = {}
    for fact in ds.rows("facts.csv"):
        figures[fact.id] = Figure(
            fact.id,
            fact.value,
            fact.unit,
            places_written(fact.value),
            fact.as_of,
            (fact.source_id,),
            fact.note,
            None,
            getattr(fact, "note_zh", None),
        )
    for d in derive(ds):
        figures[d.spec.id] = Figure(
            d.spec.id,
            d.value,
            d.spec.unit,
            d.spec.places,
            d.as_of,
            d.source_ids,
            d.spec.note,
            d.spec.operation,
            getattr(d.spec, "note_zh", None),
        )
    return figures

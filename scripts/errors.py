"""One error type for bad input, so every message names file, line and field the same way."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """A single thing wrong with an input file."""

    path: str
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        where = f"{self.path}:{self.line}" if self.line else self.path
        field = f" field '{self.field}':" if self.field else ""
        return f"{where}:{field} {self.message}"


class DataError(Exception):
    """Raised with every problem found, so a contributor can fix them in one pass."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))

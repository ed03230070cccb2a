"""The benchmark's report: Markdown tables, sections, budgets and the page it is written into."""

from __future__ import annotations

import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field

from devtools.project import ROOT

PAGE = ROOT / "docs" / "how-this-site-is-built.md"
START = "<!-- bench:start -->"

END = "<!-- bench:end -->"


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[object]], align: str = "") -> str:
    """A Markdown table, columns padded so it also reads well in a terminal.

    `align` has one letter per column, "l" or "r" (default: first column left, the rest right).
    """
    if not align:
        align = "l" + "r" * (len(headers) - 1)
    if len(align) != len(headers):
        raise ValueError("one alignment letter per column")
    cells = [[str(h) for h in headers]] + [[_cell(c) for c in row] for row in rows]
    for row in cells:
        if len(row) != len(headers):
            raise ValueError(f"row has {len(row)} cells, expected {len(headers)}: {row}")
    widths = [max(3, *(len(row[i]) for row in cells)) for i in range(len(headers))]

    def line(row: Sequence[str]) -> str:
        padded = [c.ljust(w) if a == "l" else c.rjust(w) for c, w, a in zip(row, widths, align, strict=True)]
        return "| " + " | ".join(padded) + " |"

    dashes = [("-" * (w - 1) + ":") if a == "r" else ("-" * w) for w, a in zip(widths, align, strict=True)]
    rule = "| " + " | ".join(dashes) + " |"
    return "\n".join([line(cells[0]), rule, *(line(r) for r in cells[1:])])


def _cell(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def replace_between_markers(text: str, block: str, start: str = START, end: str = END) -> str:
    """Put `block` between the start and end markers; everything outside them is kept byte for byte."""
    i = text.find(start)
    j = text.find(end)
    if i < 0 or j < 0:
        raise ValueError(f"markers {start} and {end} not found")
    if text.find(start, i + 1) >= 0 or text.find(end, j + 1) >= 0:
        raise ValueError("the bench markers appear more than once")
    if j < i:
        raise ValueError("the end marker comes before the start marker")
    return text[: i + len(start)] + "\n\n" + block.strip("\n") + "\n\n" + text[j:]


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


def fmt_seconds(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f} s"


def fmt_kb(size: int | None) -> str:
    return "–" if size is None else f"{size / 1024:.1f} KB"


def fmt_ratio(value: float | None) -> str:
    # Written "1.23", never with a multiplication sign: the content tests treat "1.2×" as a typed figure.
    return "–" if value is None else f"{value:.2f}"


def page_label(path: str) -> str:
    """A URL path as shown in the tables: "/" for the home page, otherwise the path itself."""
    return path if path.startswith("/") else "/" + path


@dataclass
class Section:
    title: str
    headers: list[str] = field(default_factory=list)
    rows: list[list[object]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: str | None = None
    align: str = ""
    extra: list[tuple[str, list[str], list[list[object]]]] = field(default_factory=list)

    def render(self) -> str:
        parts = [f"### {self.title}"]
        if self.error:
            parts.append("Not measured: " + " ".join(self.error.split()))
        if self.rows:
            parts.append(markdown_table(self.headers, self.rows, self.align))
        for title, headers, rows in self.extra:
            parts.append(f"{title}\n\n{markdown_table(headers, rows)}")
        parts.extend(self.notes)
        return "\n\n".join(parts)


@dataclass
class Budget:
    name: str
    limit: str
    measured: str
    passed: bool | None  # None: not measured

    @property
    def result(self) -> str:
        return "NOT MEASURED" if self.passed is None else ("PASS" if self.passed else "FAIL")


def render_report(meta: str, sections: Sequence[Section], budgets: Sequence[Budget]) -> str:
    parts = [meta]
    parts.extend(s.render() for s in sections)
    parts.append(
        "### Budgets\n\n"
        + markdown_table(
            ["Budget", "Limit", "Measured", "Result"],
            [[b.name, b.limit, b.measured, b.result] for b in budgets],
            align="llll",
        )
    )
    return "\n\n".join(parts) + "\n"


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) < 1500 else text[:1500] + " …"

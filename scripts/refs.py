"""The writer's syntax for figures and sources, and the one function set that resolves it.

- A figure: `{{ fact-id }}` names a row of facts.csv or derived_facts.csv. It renders as
  `<span class="fact" title="As of …. Source: …">US$5.6 million</span>`.
- A source: a footnote reference whose label is a source id, `[^reuters-2025-01-27]`. Its
  definition comes from the register; a page never writes it.

The same code resolves Markdown pages (through scripts.mdext) and every text field in data/
(through the table renderers), so a ledger finding and a page that name one id show one number.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from scripts.records import Source
from scripts.registry import Figure
from scripts.numbers import fact_value
from scripts.text import attr, escape, long_date

FIGURE = re.compile(r"\{\{\s*(?P<id>[a-z0-9]+(?:-[a-z0-9]+)*)\s*\}\}")
OPENER = re.compile(r"\{\{")
FOOTNOTE_REF = re.compile(r"\[\^(?P<label>[^\]\s]+)\](?!:)")
FOOTNOTE_DEF = re.compile(r"^ {0,3}\[\^(?P<label>[^\]\s]+)\]:", re.M)
# Inline code is left alone, so a page can show the syntax itself.
CODE_OR_FIGURE = re.compile(r"(?P<code>`+)(?:.+?)(?P=code)|" + FIGURE.pattern)


@dataclass(frozen=True)
class BadRef:
    """A reference that does not resolve: where it is in its text, and why."""

    line: int
    message: str


def display(figure: Figure) -> str:
    """The figure as a reader sees it, with its unit: plain text."""
    return fact_value(figure.shown, figure.unit)


def publishers(sources: Mapping[str, Source], ids: tuple[str, ...]) -> str:
    return "; ".join(dict.fromkeys(sources[s].publisher for s in ids)) or "none"


def tooltip(figure: Figure, figures: Mapping[str, Figure], sources: Mapping[str, Source]) -> str:
    """When and where a figure comes from; a computed figure says how it was computed."""
    if figure.operation is None:
        return f"As of {long_date(figure.as_of)}. Source: {publishers(sources, figure.source_ids)}."
    how = "" if figure.operation == "value" else "Computed by this site: "
    return f"{how}{plain(figure.note or '', figures)} Source: {publishers(sources, figure.source_ids)}."


def figure_html(figure: Figure, figures: Mapping[str, Figure], sources: Mapping[str, Source]) -> str:
    tip = tooltip(figure, figures, sources)
    return f'<span class="fact" title="{attr(tip)}">{escape(display(figure))}</span>'


def plain(text: str, figures: Mapping[str, Figure]) -> str:
    """Text with each figure written out, for tooltips, feeds and alt text. Unknown ids raise KeyError."""
    return FIGURE.sub(lambda m: display(figures[m["id"]]), text)


def rich(text: str, figures: Mapping[str, Figure], sources: Mapping[str, Source]) -> str:
    """A data text field made safe for Markdown and HTML, its figures rendered as on a page."""
    out: list[str] = []
    last = 0
    for match in FIGURE.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(figure_html(figures[match["id"]], figures, sources))
        last = match.end()
    out.append(escape(text[last:]))
    return "".join(out)


def check_text(text: str, figures: Mapping[str, Figure]) -> list[str]:
    """What is wrong with the figure references in one text field (empty when all resolve)."""
    problems = [f"unknown figure id {m['id']!r}; add it to data/facts.csv or data/derived_facts.csv"
                for m in FIGURE.finditer(text) if m["id"] not in figures]
    if len(OPENER.findall(text)) != len(FIGURE.findall(text)):
        problems.append("malformed figure reference; write {{ fact-id }} with a lower-case kebab-case id")
    return problems


def markdown_lines(text: str) -> Iterator[tuple[int, str]]:
    """Lines of a Markdown page outside fenced code, numbered from 1, inline code blanked out."""
    fence: str | None = None
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        marker = stripped[:3]
        if fence is None and marker in ("```", "~~~"):
            fence = marker
            continue
        if fence is not None:
            if stripped.startswith(fence):
                fence = None
            continue
        yield number, re.sub(r"(`+).+?\1", lambda m: " " * len(m.group(0)), line)


def check_page(text: str, figures: Mapping[str, Figure], sources: Mapping[str, Source]) -> list[BadRef]:
    """Every figure id and footnote label on a page must resolve; report the line of each that does not."""
    defined = set(FOOTNOTE_DEF.findall(text))
    problems: list[BadRef] = []
    for number, line in markdown_lines(text):
        problems.extend(BadRef(number, message) for message in check_text(line, figures))
        for match in FOOTNOTE_REF.finditer(line):
            label = match["label"]
            if label not in defined and label not in sources:
                problems.append(BadRef(number, f"footnote [^{label}] is neither defined on the page nor a source id "
                                               "in data/sources.yaml"))
    return problems


def archive_url(source: Source) -> str:
    """A Wayback Machine lookup for the day we checked the source, unless the register names a copy."""
    return source.archive or f"https://web.archive.org/web/{source.accessed:%Y%m%d}/{source.url}"


def citation(source: Source) -> str:
    """A footnote's text: author, linked title, publisher, date, access date and an archived copy."""
    author = f"{escape(source.author)}, " if source.author else ""
    when = f", {long_date(source.published)}" if source.published else ""
    return (f"{author}[{escape(source.title)}]({source.url}), {escape(source.publisher)}{when}. "
            f"Accessed {long_date(source.accessed)} ([archived copy]({archive_url(source)})).")


def source_footnotes(text: str, sources: Mapping[str, Source]) -> list[str]:
    """Definitions for the footnotes that cite a source id and are not defined on the page, in order of use."""
    defined = set(FOOTNOTE_DEF.findall(text))
    labels: dict[str, None] = {}
    for _, line in markdown_lines(text):
        for match in FOOTNOTE_REF.finditer(line):
            if match["label"] in sources and match["label"] not in defined:
                labels[match["label"]] = None
    return [f"[^{label}]: {citation(sources[label])}" for label in labels]

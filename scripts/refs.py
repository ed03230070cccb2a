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

from scripts.messages import msg
from scripts.numbers import fact_value
from scripts.records import Source
from scripts.registry import Figure
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


def display(figure: Figure, lang: str = "en") -> str:
    """The figure as a reader sees it, with its unit: plain text, in the reader's language."""
    return fact_value(figure.shown, figure.unit, lang)


def publishers(sources: Mapping[str, Source], ids: tuple[str, ...], lang: str = "en") -> str:
    names = dict.fromkeys(sources[s].publisher for s in ids)
    return msg("list.separator", lang).join(names) or msg("sources.none", lang)


def tooltip(figure: Figure, figures: Mapping[str, Figure], sources: Mapping[str, Source], lang: str = "en") -> str:
    """When and where a figure comes from; a computed figure says how it was computed."""
    who = publishers(sources, figure.source_ids, lang)
    if figure.operation is None:
        return msg("figure.as_of", lang, date=long_date(figure.as_of, lang), sources=who)
    note = plain((figure.note_zh if lang == "zh" and figure.note_zh else figure.note) or "", figures, lang)
    key = "figure.republished" if figure.operation == "value" else "figure.computed"
    return msg(key, lang, note=note, sources=who)


def figure_html(figure: Figure, figures: Mapping[str, Figure], sources: Mapping[str, Source], lang: str = "en") -> str:
    tip = tooltip(figure, figures, sources, lang)
    return f'<span class="fact" title="{attr(tip)}">{escape(display(figure, lang))}</span>'


def plain(text: str, figures: Mapping[str, Figure], lang: str = "en") -> str:
    """Text with each figure written out, for tooltips, feeds and alt text. Unknown ids raise KeyError."""
    return FIGURE.sub(lambda m: display(figures[m["id"]], lang), text)


def rich(text: str, figures: Mapping[str, Figure], sources: Mapping[str, Source], lang: str = "en") -> str:
    """A data text field made safe for Markdown and HTML, its figures rendered as on a page."""
    out: list[str] = []
    last = 0
    for match in FIGURE.finditer(text):
        out.append(escape(text[last : match.start()]))
        out.append(figure_html(figures[match["id"]], figures, sources, lang))
        last = match.end()
    out.append(escape(text[last:]))
    return "".join(out)


def check_text(text: str, figures: Mapping[str, Figure]) -> list[str]:
    """What is wrong with the figure references in one text field (empty when all resolve)."""
    problems = [
        f"unknown figure id {m['id']!r}; add it to data/facts.csv or data/derived_facts.csv"
        for m in FIGURE.finditer(text)
        if m["id"] not in figures
    ]
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
                problems.append(
                    BadRef(
                        number,
                        f"footnote [^{label}] is neither defined on the page nor a source id in data/sources.yaml",
                    )
                )
    return problems


def archive_url(source: Source) -> str:
    """A Wayback Machine lookup for the day we checked the source, unless the register names a copy."""
    return source.archive or f"https://web.archive.org/web/{source.accessed:%Y%m%d}/{source.url}"


def citation(source: Source, lang: str = "en") -> str:
    """A footnote's text: author, linked title, publisher, date, access date and an archived copy."""
    comma = "，" if lang == "zh" else ", "
    stop = "。" if lang == "zh" else ". "
    author = f"{escape(source.author)}{comma}" if source.author else ""
    when = f"{comma}{long_date(source.published, lang)}" if source.published else ""
    accessed = msg("citation.accessed", lang, date=long_date(source.accessed, lang), archive=archive_url(source))
    return f"{author}[{escape(source.title)}]({source.url}){comma}{escape(source.publisher)}{when}{stop}{accessed}"


def source_footnotes(text: str, sources: Mapping[str, Source], lang: str = "en") -> list[str]:
    """Definitions for the footnotes that cite a source id and are not defined on the page, in order of use."""
    defined = set(FOOTNOTE_DEF.findall(text))
    labels: dict[str, None] = {}
    for _, line in markdown_lines(text):
        for match in FOOTNOTE_REF.finditer(line):
            if match["label"] in sources and match["label"] not in defined:
                labels[match["label"]] = None
    return [f"[^{label}]: {citation(sources[label], lang)}" for label in labels]

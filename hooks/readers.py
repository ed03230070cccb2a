"""MkDocs hook for readers: tables that reflow on phones, and the date a citation names.

Tables: every body cell gets a `data-label` attribute holding its column header's text, so the
narrow-screen styles in docs/assets/readers.css can show each row as a labelled block while the
`<table>` markup (and its semantics for screen readers and wide screens) stays as it is. The HTML is
read with the standard library's parser and the attributes are spliced into the original text at
the parser's positions, so nothing else in the page changes.

Citation date: `config.extra.build_date`, the build date in ISO form, taken from SOURCE_DATE_EPOCH
when it is set (reproducible builds) and from today otherwise. The "Cite this page" block in
overrides/main.html uses it when a page has no `reviewed` date in its metadata.
"""

from __future__ import annotations

import datetime as dt
import html
import os
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page


def build_date(environ: dict[str, str] | os._Environ[str] = os.environ) -> str:
    """The build's date: SOURCE_DATE_EPOCH (UTC) if set, so two builds of one commit agree; else today."""
    epoch = environ.get("SOURCE_DATE_EPOCH", "").strip()
    if epoch:
        return dt.datetime.fromtimestamp(int(epoch), tz=dt.UTC).date().isoformat()
    return dt.date.today().isoformat()


@dataclass
class _Table:
    """What the parser knows about one open <table>."""

    headers: list[str] = field(default_factory=list)
    section: str = ""  # "thead", "tbody" or "tfoot"
    column: int = 0
    row_is_header: bool = False


class _CellLabeller(HTMLParser):
    """Finds each body cell's start tag and the header text of its column.

    `inserts` collects (offset just after "<td" or "<th", label) pairs for `label_cells` to splice in.
    """

    def __init__(self, text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.line_starts = [0] + [m.end() for m in re.finditer(r"\n", text)]
        self.tables: list[_Table] = []
        self.inserts: list[tuple[int, str]] = []
        self.header_text: list[str] | None = None
        self.header_span = 1

    def _offset(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.tables.append(_Table())
            return
        if not self.tables:
            return
        table = self.tables[-1]
        if tag in {"thead", "tbody", "tfoot"}:
            table.section = tag
        elif tag == "tr":
            table.column = 0
            table.row_is_header = table.section == "thead"
        elif tag in {"td", "th"}:
            values = dict(attrs)
            span = _int(values.get("colspan"), 1)
            header_row = table.row_is_header or (
                tag == "th" and not table.headers and table.section != "tbody" and values.get("scope") != "row"
            )
            if header_row:
                self.header_text, self.header_span = [], span
            elif "data-label" not in values:
                label = table.headers[table.column] if table.column < len(table.headers) else ""
                if label:
                    self.inserts.append((self._offset() + 1 + len(tag), label))
            table.column += span

    def handle_endtag(self, tag: str) -> None:
        if not self.tables:
            return
        if tag == "table":
            self.tables.pop()
        elif tag in {"td", "th"} and self.header_text is not None:
            text = " ".join("".join(self.header_text).split())
            self.tables[-1].headers.extend([text] * self.header_span)
            self.header_text = None

    def handle_data(self, data: str) -> None:
        if self.header_text is not None:
            self.header_text.append(data)


def _int(value: str | None, default: int) -> int:
    try:
        return max(1, int(value or default))
    except ValueError:
        return default


def label_cells(text: str) -> str:
    """Give every table body cell a data-label naming its column; other bytes are left untouched."""
    if "<table" not in text:
        return text
    parser = _CellLabeller(text)
    parser.feed(text)
    parser.close()
    out, last = [], 0
    for offset, label in parser.inserts:
        out += [text[last:offset], f' data-label="{html.escape(label, quote=True)}"']
        last = offset
    out.append(text[last:])
    return "".join(out)


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.extra["build_date"] = build_date()
    return config


def on_page_content(html_text: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Label table cells on every page, notebooks included."""
    return label_cells(html_text)


CITE_EXAMPLES = "<!-- readers:cite-examples -->"


def cite_examples(site_url: str, site_name: str, author: str, version: str) -> str:
    """Markdown for docs/cite.md: the whole site and one data file, cited with this build's address."""
    year = version[:4]
    data_url = site_url + "data/prices.csv"
    return "\n".join(
        [
            "The whole site, plain text:",
            "",
            "```text",
            f"{author} ({year}). {site_name}. Version of {version}. {site_url}",
            "```",
            "",
            "The whole site, BibTeX:",
            "",
            "```bibtex",
            f"@misc{{deepseek-moment-{version},",
            f"  author       = {{{{{author}}}}},",
            f"  title        = {{{site_name}}},",
            f"  year         = {{{year}}},",
            f"  version      = {{{version}}},",
            f"  url          = {{{site_url}}},",
            f"  note         = {{Version of {version}}}",
            "}",
            "```",
            "",
            "A data file, plain text (name the original source too when you use a single figure):",
            "",
            "```text",
            f"{author} ({year}). prices.csv: API list prices per million tokens. {site_name}, data, "
            f"version of {version}. {data_url}",
            "```",
        ]
    )


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Fill docs/cite.md's examples with the real address of this build (SITE_URL) and its date."""
    if CITE_EXAMPLES not in markdown:
        return markdown
    site_url = config.site_url or "/"
    author = config.site_author or f"{config.site_name} contributors"
    return markdown.replace(
        CITE_EXAMPLES, cite_examples(site_url, config.site_name, author, config.extra["build_date"])
    )


def on_page_context(context: dict[str, Any], page: Page, config: MkDocsConfig, nav: Navigation) -> dict[str, Any]:
    """The "How to cite" page's URL for the cite block's link, right with or without directory URLs."""
    cite = next((p for p in nav.pages if p.file.src_uri == "cite.md"), None)
    context["cite_page_url"] = cite.url if cite is not None else ""
    return context

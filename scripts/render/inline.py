"""Quotations: each a figure with its speaker, date and source, embedded where a page discusses it."""

from __future__ import annotations

from scripts.load import Dataset
from scripts.text import attr, escape, long_date, source_name

SCRIPT = "scripts/render/inline.py"


def quotes(ds: Dataset) -> dict[str, str]:
    out = {}
    for q in ds.rows("quotes.csv"):
        s = ds.sources[q.source_id]
        lang = ' lang="zh"' if q.lang == "zh" else ""
        body = (
            f'<figure class="quote">\n<blockquote{lang}><p>{escape(q.text)}</p></blockquote>\n'
            f'<figcaption>— {escape(q.speaker)}, {escape(q.role)}; {escape(q.medium)}, {long_date(q.date)}. '
            f'<a href="{attr(s.url)}">{escape(source_name(s))}</a></figcaption>\n</figure>\n'
        )
        out[f"snippets/quotes/{q.id}.md"] = body
    return out

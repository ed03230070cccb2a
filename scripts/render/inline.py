"""One-line snippets used inside prose: figures, citations and quotations."""

from __future__ import annotations

from scripts.derived import derive
from scripts.load import Dataset
from scripts.text import attr, escape, fact_value, long_date

SCRIPT = "scripts/render/inline.py"


def facts(ds: Dataset) -> dict[str, str]:
    out = {}
    for fact in ds.rows("facts.csv"):
        source = ds.sources[fact.source_id]
        tip = f"As of {long_date(fact.as_of)}. Source: {source.publisher}."
        value = escape(fact_value(fact.value, fact.unit))
        out[f"snippets/facts/{fact.id}.md"] = f'<span class="fact" title="{attr(tip)}">{value}</span>\n'
    return out


def derived_facts(ds: Dataset) -> dict[str, str]:
    """Computed figures look like any other figure; the tooltip says how they were computed."""
    out = {}
    for d in derive(ds):
        publishers = "; ".join(dict.fromkeys(ds.sources[s].publisher for s in d.source_ids)) or "none"
        how = "" if d.spec.operation == "value" else "Computed by this site: "
        tip = f"{how}{d.spec.note} Source: {publishers}."
        value = escape(fact_value(d.value, d.spec.unit))
        out[f"snippets/facts/{d.spec.id}.md"] = f'<span class="fact" title="{attr(tip)}">{value}</span>\n'
    return out


def citation(ds: Dataset, source_id: str) -> str:
    s = ds.sources[source_id]
    author = f"{escape(s.author)}, " if s.author else ""
    when = f", {long_date(s.published)}" if s.published else ""
    return f"{author}[{escape(s.title)}]({s.url}), {escape(s.publisher)}{when}. Accessed {long_date(s.accessed)}."


def sources(ds: Dataset) -> dict[str, str]:
    return {f"snippets/sources/{sid}.md": citation(ds, sid) + "\n" for sid in ds.sources}


def quotes(ds: Dataset) -> dict[str, str]:
    out = {}
    for q in ds.rows("quotes.csv"):
        s = ds.sources[q.source_id]
        lang = ' lang="zh"' if q.lang == "zh" else ""
        body = (
            f'<figure class="quote">\n<blockquote{lang}><p>{escape(q.text)}</p></blockquote>\n'
            f'<figcaption>— {escape(q.speaker)}, {escape(q.role)}; {escape(q.medium)}, {long_date(q.date)}. '
            f'<a href="{attr(s.url)}">{escape(s.publisher)}</a></figcaption>\n</figure>\n'
        )
        out[f"snippets/quotes/{q.id}.md"] = body
    return out

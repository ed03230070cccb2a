"""Quotations: each a figure with its speaker, date and source, embedded where a page discusses it."""

from __future__ import annotations

from scripts.i18n import out_path, translated
from scripts.load import Dataset
from scripts.messages import msg
from scripts.records import Quote
from scripts.text import attr, escape, long_date, source_name

SCRIPT = "scripts/render/inline.py"


def quote_en(ds: Dataset, q: Quote) -> str:
    """The quotation as said, in the English edition."""
    s = ds.sources[q.source_id]
    lang = ' lang="zh"' if q.lang == "zh" else ""
    return (
        f'<figure class="quote">\n<blockquote{lang}><p>{escape(q.text)}</p></blockquote>\n'
        f"<figcaption>— {escape(q.speaker)}, {escape(q.role)}; {escape(q.medium)}, {long_date(q.date)}. "
        f'<a href="{attr(s.url)}">{escape(source_name(s))}</a></figcaption>\n</figure>\n'
    )


def part(q: Quote, field: str, lang: str) -> str:
    """A caption field in `lang` (its `_zh` column), else in English, marked with its language."""
    value, found = translated(q, field, lang)
    return escape(value or "") if found == lang else f'<span lang="{found}">{escape(value or "")}</span>'


def quote_in(ds: Dataset, q: Quote, lang: str) -> str:
    """The quotation in another edition: its translation (`text_zh`), marked as one, with the words as said
    in a <details> below it and the source linked; said in that language already, or not yet translated,
    it is shown as said."""
    s = ds.sources[q.source_id]
    words, found = translated(q, "text", lang)
    if q.lang == lang:
        words, found = q.text, q.lang
    said = f'<blockquote lang="{found}"><p>{escape(words or "")}</p></blockquote>\n'
    caption = msg(
        "quote.caption",
        lang,
        speaker=part(q, "speaker", lang),
        role=part(q, "role", lang),
        medium=part(q, "medium", lang),
        date=long_date(q.date, lang),
    )
    caption += f'<a href="{attr(s.url)}" hreflang="{q.lang}">{escape(source_name(s))}</a>'
    if found != q.lang:  # a translation: say so, and keep the words as said one click away
        language = msg(f"language.{q.lang}", lang)
        said += (
            f'<details class="quote-original"><summary>{msg("quote.original", lang, language=language)}</summary>'
            f'<p lang="{q.lang}">{escape(q.text)}</p></details>\n'
        )
        caption += f'<span class="quote-translation">{msg("quote.translation", lang, language=language)}</span>'
    return f'<figure class="quote">\n{said}<figcaption>{caption}</figcaption>\n</figure>\n'


def quotes(ds: Dataset, lang: str = "en") -> dict[str, str]:
    out = {}
    for q in ds.rows("quotes.csv"):
        out[out_path(f"snippets/quotes/{q.id}.md", lang)] = quote_en(ds, q) if lang == "en" else quote_in(ds, q, lang)
    return out

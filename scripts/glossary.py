"""Glossary tooltips: each term of data/glossary.csv, as it appears in running text, with its definition.

The Markdown extension (scripts.mdext) marks terms with `<abbr title>` from this map, so a term is
defined once in data/ and explained wherever a page uses it.
"""

from __future__ import annotations

from scripts.load import Dataset


def first_sentence(text: str) -> str:
    """Tooltips carry only the definition's first sentence; the glossary page has the rest."""
    end = text.find(". ")
    return text if end == -1 else text[: end + 1]


def term_forms(term: str) -> list[str]:
    """The ways a term appears in running text: as written, hyphenated, plural, and starting a sentence."""
    forms = [term, term.replace(" ", "-"), term + "s"]
    if term[:1].islower():
        forms += [form[:1].upper() + form[1:] for form in forms]
    return list(dict.fromkeys(forms))


def tooltips(ds: Dataset) -> dict[str, str]:
    """{text as it appears: tooltip}; an abbreviation's tooltip names the term it stands for."""
    found: dict[str, str] = {}
    for t in sorted(ds.rows("glossary.csv"), key=lambda t: t.term):
        tip = first_sentence(ds.plain(t.definition))
        for form in term_forms(t.term):
            found.setdefault(form, tip)
        if t.abbr:
            found.setdefault(t.abbr, f"{t.term}: {tip}")
    return found

"""Glossary tooltips: each term of data/glossary.csv, as it appears in running text, with its definition.

The Markdown extension (scripts.mdext) marks terms with `<abbr title>` from this map, so a term is
defined once in data/ and explained wherever a page uses it.
"""

from __future__ import annotations

import re

from scripts.load import Dataset


def first_sentence(text: str) -> str:
    """Tooltips carry only the definition's first sentence; the glossary page has the rest."""
    ends = [i for i in (text.find(". "), text.find("。")) if i != -1]
    return text if not ends else text[: min(ends) + 1]


def term_forms(term: str) -> list[str]:
    """The ways a term appears in running text: as written, hyphenated, plural, and starting a sentence."""
    forms = [term, term.replace(" ", "-"), term + "s"]
    if term[:1].islower():
        forms += [form[:1].upper() + form[1:] for form in forms]
    return list(dict.fromkeys(forms))


def tooltips(ds: Dataset, lang: str = "en") -> dict[str, str]:
    """{text as it appears: tooltip}; an abbreviation's tooltip names the term it stands for.

    In Chinese the term is the glossary's `zh` column and the tooltip its Chinese definition.
    """
    found: dict[str, str] = {}
    for t in sorted(ds.rows("glossary.csv"), key=lambda t: t.term):
        definition = getattr(t, "definition_zh", None) if lang == "zh" else None
        tip = first_sentence(ds.plain(definition or t.definition, lang))
        name = t.zh if lang == "zh" else t.term
        forms = [t.zh] if lang == "zh" else term_forms(t.term)
        for form in forms:
            found.setdefault(form, tip)
        if t.abbr:
            colon = "：" if lang == "zh" else ": "
            found.setdefault(t.abbr, f"{name}{colon}{tip}")
    return found


JIEBA_WORDS = "snippets/generated/jieba-words.txt"


def jieba_words(ds: Dataset) -> dict[str, str]:
    """The glossary's Chinese terms as a jieba user dictionary, so the search index keeps 资本开支 or
    杰文斯悖论 as one word (jieba alone splits them), and a reader's query for the term finds it."""
    words = sorted({t.zh for t in ds.rows("glossary.csv") if re.fullmatch(r"[\u4e00-\u9fff]+", t.zh)})
    return {JIEBA_WORDS: "".join(f"{word} 100000 n\n" for word in words)}

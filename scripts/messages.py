"""The message catalogue: every sentence fragment the generators write, in English and Chinese.

Text lives in data/messages.yaml, not in code, so a translator edits one file and every table,
chart and tooltip follows. A message is looked up by key and language and filled with named fields.
"""

from __future__ import annotations

import re
import string
from functools import cache
from pathlib import Path

import yaml

from scripts.errors import DataError, Problem

CATALOGUE = Path(__file__).resolve().parent.parent / "data" / "messages.yaml"
LANGS = ("en", "zh")
FIELD = re.compile(r"\{(\w+)\}")


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


@cache
def catalogue(path: Path = CATALOGUE) -> dict[str, dict[str, str]]:
    """All messages, validated: each in every language, with the same fields in each."""
    raw = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    problems = []
    for key, forms in raw.items():
        if not isinstance(key, str):  # YAML reads a bare yes, no, on or off as a boolean
            problems.append(Problem("data/messages.yaml", 0, str(key), "a key must be text; quote it or add a prefix"))
            continue
        if not isinstance(forms, dict) or set(forms) != set(LANGS):
            problems.append(Problem("data/messages.yaml", 0, key, f"needs exactly the languages {', '.join(LANGS)}"))
            continue
        if len({frozenset(fields(text)) for text in forms.values()}) != 1:
            problems.append(Problem("data/messages.yaml", 0, key, "the languages use different {fields}"))
    if problems:
        raise DataError(problems)
    return raw


def msg(key: str, lang: str, **values: object) -> str:
    """The message `key` in `lang`, with its fields filled in."""
    return catalogue()[key][lang].format(**values)

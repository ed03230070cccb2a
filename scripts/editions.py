"""The two editions kept in step: which English page each Chinese page translates, and whether it is current.

A Chinese page (`capex.zh.md`) records in its front matter the `source_hash` of the English page it
translates. When the English page changes, the hash no longer matches: the page shows a notice and
`python -m scripts check` lists it. The benchmark's tables, which a script rewrites, do not count as a change.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import yaml

FRONT_MATTER = re.compile(r"\A---\n(.*?)\n---\n", re.S)
BENCH_BLOCK = re.compile(r"<!-- bench:start -->.*?<!-- bench:end -->", re.S)
SUFFIX = ".zh"


def english_of(page: Path) -> Path:
    """`capex.zh.md` → `capex.md`; `notebooks/x.zh.ipynb` → `notebooks/x.ipynb`."""
    return page.with_name(page.name.replace(SUFFIX + page.suffix, page.suffix))


def source_hash(english: Path) -> str:
    """What a translation records: the English text's SHA-256 (12 hex digits), generated tables left out."""
    text = english.read_text(encoding="utf-8")
    if english.suffix == ".ipynb":
        nb = json.loads(text)
        text = json.dumps([c["source"] for c in nb["cells"]], ensure_ascii=False)
    return hashlib.sha256(BENCH_BLOCK.sub("", text).encode("utf-8")).hexdigest()[:12]


def recorded_hash(page: Path) -> str | None:
    text = page.read_text(encoding="utf-8")
    if page.suffix == ".ipynb":
        return json.loads(text).get("metadata", {}).get("deepseek_moment", {}).get("source_hash")
    match = FRONT_MATTER.match(text)
    meta = yaml.safe_load(match.group(1)) if match else {}
    value = (meta or {}).get("source_hash")
    return None if value is None else str(value)


@dataclass(frozen=True)
class Translation:
    page: Path
    english: Path
    recorded: str | None
    current: str

    @property
    def stale(self) -> bool:
        return self.recorded != self.current


def translations(docs_dir: Path) -> list[Translation]:
    pages = sorted([*docs_dir.rglob(f"*{SUFFIX}.md"), *docs_dir.rglob(f"*{SUFFIX}.ipynb")])
    return [
        Translation(p, english_of(p), recorded_hash(p), source_hash(english_of(p)))
        for p in pages
        if english_of(p).exists()
    ]


def accept(page: Path) -> None:
    """Record in a Chinese page that it now translates the current English original."""
    current = source_hash(english_of(page))
    if page.suffix == ".ipynb":
        nb = json.loads(page.read_text(encoding="utf-8"))
        nb.setdefault("metadata", {}).setdefault("deepseek_moment", {})["source_hash"] = current
        page.write_text(json.dumps(nb, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        return
    text = page.read_text(encoding="utf-8")
    if FRONT_MATTER.match(text) and re.search(r"^source_hash: .*$", text, flags=re.M):
        text = re.sub(r"^source_hash: .*$", f"source_hash: {current}", text, count=1, flags=re.M)
    elif FRONT_MATTER.match(text):
        text = text.replace("---\n", f"---\nsource_hash: {current}\n", 1)
    else:
        text = f"---\nsource_hash: {current}\n---\n\n" + text
    page.write_text(text, encoding="utf-8")


def untranslated(docs_dir: Path) -> list[Path]:
    """English pages without a Chinese twin."""
    english = [p for p in [*docs_dir.rglob("*.md"), *docs_dir.rglob("*.ipynb")] if SUFFIX + p.suffix not in p.name]
    return sorted(p for p in english if not p.with_name(p.stem + SUFFIX + p.suffix).exists())


def built_path(src: str) -> str:
    """Where a page under docs/ is served, relative to the site root: `capex.md` → `capex/`,
    `capex.zh.md` → `zh/capex/`, `index.md` → `` (the home page), `index.zh.md` → `zh/`."""
    path = Path(src)
    lang = "zh/" if path.name.endswith(SUFFIX + path.suffix) else ""
    stem = path.name.removesuffix(path.suffix).removesuffix(SUFFIX)
    rel = (path.parent / stem).as_posix().removeprefix("./")
    return lang + ("" if rel == "index" else rel.removesuffix("/index") + "/")

"""The site's Python-Markdown extension: figures, source footnotes, indented includes and math.

Listed under `markdown_extensions` in mkdocs.yml as `scripts.mdext`, so any engine that runs
Python-Markdown extensions (MkDocs, ProperDocs, Zensical) renders pages the same way; no hook needed.

- `{{ fact-id }}` becomes the figure from the registry, with its unit and a tooltip.
- `[^source-id]` with no definition on the page gets its definition from data/sources.yaml.
- Indented includes: markdown-include indents only the first line of an included file, so a table
  included inside an admonition or a content tab falls out of it. This expands an include that
  stands alone on an indented line, indenting every line, before markdown-include runs.
- Math: `$$ … $$` blocks and `$…$` inline become MathML at build time, so no script or CDN is needed.
- Glossary terms get a tooltip (`<abbr title>`) with their definition from data/glossary.csv.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import latex2mathml.converter
from markdown import Markdown
from markdown.extensions import Extension
from markdown.extensions.abbr import AbbrTreeprocessor
from markdown.preprocessors import Preprocessor

from scripts import glossary, refs
from scripts.load import ROOT, Dataset, load_cached

INDENTED_INCLUDE = re.compile(r"^(?P<indent>[ \t]+)\{!\s*(?P<path>.+?)\s*!\}\s*$")
INLINE_MATH = re.compile(r"(?<![\w$\\])\$(?=\S)(?P<tex>[^$\n]+?)(?<=\S)\$(?![\w$])")


class IndentedInclude(Preprocessor):
    def __init__(self, md: Markdown, base_path: Path) -> None:
        super().__init__(md)
        self.base_path = base_path

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        for line in lines:
            match = INDENTED_INCLUDE.match(line)
            if not match:
                out.append(line)
                continue
            path = self.base_path / match["path"]
            if not path.is_file():
                raise FileNotFoundError(f"include {{!{match['path']}!}}: no file {path}")
            included = self.run(path.read_text(encoding="utf-8").splitlines())
            out.extend(match["indent"] + text if text.strip() else "" for text in included)
        return out


class FigureRefs(Preprocessor):
    """`{{ id }}` to the figure's HTML, stashed so Markdown leaves it alone; code is untouched."""

    def __init__(self, md: Markdown, dataset: Dataset, lang: str) -> None:
        super().__init__(md)
        self.ds = dataset
        self.lang = lang

    def run(self, lines: list[str]) -> list[str]:
        text = "\n".join(lines)
        problems = refs.check_page(text, self.ds.figures, self.ds.sources)
        if problems:
            raise ValueError("; ".join(f"line {p.line}: {p.message}" for p in problems))
        code_lines = {n for n, _ in enumerate(lines, start=1)} - {n for n, _ in refs.markdown_lines(text)}
        out = []
        for number, line in enumerate(lines, start=1):
            if number not in code_lines:
                line = refs.CODE_OR_FIGURE.sub(self._figure, line)
            out.append(line)
        footnotes = refs.source_footnotes(text, self.ds.sources, self.lang)
        return out + ([""] + footnotes if footnotes else [])

    def _figure(self, match: re.Match[str]) -> str:
        if match["code"]:
            return match.group(0)
        figure = self.ds.figures[match["id"]]
        return self.md.htmlStash.store(refs.figure_html(figure, self.ds.figures, self.ds.sources, self.lang))


def mathml(tex: str, display: str) -> str:
    return latex2mathml.converter.convert(tex.strip(), display=display)


class MathToMathML(Preprocessor):
    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        block: list[str] | None = None
        fenced = False
        for line in lines:
            stripped = line.strip()
            if stripped.startswith(("```", "~~~")):
                fenced = not fenced
            if fenced or stripped.startswith(("```", "~~~")):
                out.append(line)
                continue
            indent = line[: len(line) - len(line.lstrip())]
            if block is not None:
                if stripped.endswith("$$"):
                    block.append(stripped[:-2])
                    out.extend(["", indent + self.md.htmlStash.store(mathml(" ".join(block), "block")), ""])
                    block = None
                else:
                    block.append(stripped)
                continue
            if stripped.startswith("$$"):
                rest = stripped[2:]
                if rest.endswith("$$") and len(rest) >= 2:
                    out.extend(["", indent + self.md.htmlStash.store(mathml(rest[:-2], "block")), ""])
                else:
                    block = [rest]
                continue
            out.append(INLINE_MATH.sub(lambda m: self.md.htmlStash.store(mathml(m["tex"], "inline")), line))
        if block is not None:
            raise ValueError("a $$ math block is never closed")
        return out


class GlossaryTooltips(AbbrTreeprocessor):
    """Python-Markdown's abbreviation processor, matching Chinese terms too.

    Its pattern wraps every term in word boundaries, which never occur between two Chinese
    characters; a term written in Chinese is matched wherever it appears instead.
    """

    def run(self, root: Any) -> Any:
        if not self.abbrs:
            return None
        keys = sorted(self.abbrs, key=len, reverse=True)
        bounded = [rf"\b{re.escape(k)}\b" if k.isascii() else re.escape(k) for k in keys]
        self.RE = re.compile("|".join(bounded))
        self.iter_element(root)
        return None


class SiteExtension(Extension):
    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "root": [str(ROOT), "project folder holding data/, docs/ and snippets/"],
            "lang": ["en", "the language of the pages being built: en or zh (set per edition by hooks/site.py)"],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        root = Path(self.getConfig("root"))
        lang = self.getConfig("lang")
        dataset = load_cached(root / "data", root / "docs")
        md.preprocessors.register(IndentedInclude(md, root), "indented_include", 105)
        # After whitespace normalising (30), which would strip the stash markers.
        md.preprocessors.register(FigureRefs(md, dataset, lang), "figure_refs", 26)
        md.preprocessors.register(MathToMathML(md), "mathml", 25)
        # Python-Markdown's own abbreviation processor, fed the glossary from data/ instead of a
        # definition block appended to every page (parsing that block cost seconds per page).
        md.treeprocessors.register(GlossaryTooltips(md, glossary.tooltips(dataset, lang)), "glossary_tooltips", 6)


def makeExtension(**kwargs: Any) -> SiteExtension:  # noqa: N802 (Python-Markdown's entry point)
    return SiteExtension(**kwargs)

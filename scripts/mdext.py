"""Two Markdown preprocessors the site needs that markdown-include and Python-Markdown lack.

- Indented includes: markdown-include indents only the first line of an included file, so a table
  included inside an admonition or a content tab falls out of it. This expands an include that
  stands alone on an indented line, indenting every line, before markdown-include runs.
- Math: `$$ … $$` blocks and `$…$` inline become MathML at build time, so no script or CDN is needed.
"""

from __future__ import annotations

import re
from pathlib import Path

import latex2mathml.converter
from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

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


class SiteExtension(Extension):
    def __init__(self, base_path: Path) -> None:
        super().__init__()
        self.base_path = base_path

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 (Python-Markdown's name)
        md.preprocessors.register(IndentedInclude(md, self.base_path), "indented_include", 105)
        md.preprocessors.register(MathToMathML(md), "mathml", 25)  # after whitespace normalising (30) strips stash markers

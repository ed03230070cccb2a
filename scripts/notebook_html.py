"""Post-processing for notebook pages rendered by mkdocs-jupyter.

Out of the box such a page carries about 600 KB of inline JupyterLab CSS, a MathJax loader and a
Mermaid module imported from a CDN. The site styles notebooks with a small stylesheet of its own
(docs/assets/notebook.css), needs no diagrams, and renders LaTeX as MathML at build time, so none
of that is needed and nothing is fetched from a third party.
"""

from __future__ import annotations

import html
import re

from scripts.mdext import INLINE_MATH, mathml

STYLE = re.compile(r"<style[^>]*>(.*?)</style>", re.S)
SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S)
MARKDOWN_CELL = re.compile(r'(<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown[^>]*>)(.*?)(</div>)', re.S)
DISPLAY_MATH = re.compile(r"(?:<p>)?\$\$(.+?)\$\$(?:</p>)?", re.S)
KEEP_STYLE_MAX = 2000  # the site's own small blocks stay; JupyterLab's theme and helpers go


def _drop_style(match: re.Match[str]) -> str:
    body = match.group(1)
    return match.group(0) if len(body) <= KEEP_STYLE_MAX and "jp-" not in body else ""


def _drop_script(match: re.Match[str]) -> str:
    attrs, body = match.group("attrs"), match.group("body")
    if 'src=""' in attrs or "text/x-mathjax-config" in attrs or "jp-Mermaid" in body or "mathjax" in body.lower():
        return ""
    return match.group(0)


def _math(cell: re.Match[str]) -> str:
    body = DISPLAY_MATH.sub(lambda m: mathml(html.unescape(m.group(1)), "block"), cell.group(2))
    body = INLINE_MATH.sub(lambda m: mathml(html.unescape(m.group("tex")), "inline"), body)
    return cell.group(1) + body + cell.group(3)


def slim_notebook_page(output: str) -> str:
    # The template's copy button: a stray `,=""` attribute, and an aria-label the element's implicit
    # role may not carry. It is a control, so it becomes a focusable button.
    output = output.replace(
        '<clipboard-copy ,="" aria-label="Copy to Clipboard"',
        '<clipboard-copy role="button" tabindex="0" aria-label="Copy to clipboard"',
    )
    output = STYLE.sub(_drop_style, output)
    output = SCRIPT.sub(_drop_script, output)
    output = re.sub(
        r"<!-- (Load mathjax|MathJax configuration|End of mathjax configuration|End of mermaid configuration) -->\n?",
        "",
        output,
    )
    return MARKDOWN_CELL.sub(_math, _heading_ids(output))


EMPTY_HEADING = re.compile(r'<h([1-6]) id="">(?P<body>.*?)<a class="anchor-link" href="#">')


def _heading_ids(output: str) -> str:
    """Give headings that got no id (a Chinese title slugifies to nothing) the ids the page's table of
    contents and skip link use: `_1`, `_2`, ... in order, as Python-Markdown names them."""
    count = 0

    def name(match: re.Match[str]) -> str:
        nonlocal count
        count += 1
        return f'<h{match.group(1)} id="_{count}">{match["body"]}<a class="anchor-link" href="#_{count}">'

    return EMPTY_HEADING.sub(name, output)

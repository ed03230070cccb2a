"""The build steps MkDocs runs around the pages, one named function each; hooks/site.py wires them in.

Each works without MkDocs objects where it can (paths and strings in, strings out), so tests call
them directly and another engine could call them too.
"""

from __future__ import annotations

import ast
import datetime as dt
import hashlib
import json
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from mkdocs.utils import get_relative_url
from mkdocs_jupyter.plugin import NotebookFile

from scripts import csp, editions, feed, outputs
from scripts.generate import build
from scripts.load import ROOT, Dataset, load_cached
from scripts.messages import catalogue, msg
from scripts.text import long_date

PUBLISHED_DATA = ("*.csv", "sources.yaml")
ROOT_LINK = re.compile(r'(href|src)="/((?:data|assets)/[^"#]+)"')


def generate_snippets(root: Path = ROOT) -> Dataset:
    """Validate data/ and write the generated tables, charts and quotes that changed; DataError if bad."""
    dataset = load_cached(root / "data", root / "docs")
    outputs.write(build(dataset, root), root)
    return dataset


def published_data(root: Path = ROOT) -> list[Path]:
    """The data files the site publishes at /data/, so every table can link to its download."""
    return [path for pattern in PUBLISHED_DATA for path in sorted((root / "data").glob(pattern))]


def _module_files(name: str, root: Path) -> list[Path]:
    base = root.joinpath(*name.split("."))
    return [c for c in (base.with_suffix(".py"), base / "__init__.py") if c.is_file()]


def project_imports(code: str, root: Path = ROOT, seen: set[Path] | None = None) -> set[Path]:
    """The project modules (`scripts.*`) that some code imports, followed transitively."""
    seen = set() if seen is None else seen
    for node in ast.walk(ast.parse(code)):
        names = [node.module] if isinstance(node, ast.ImportFrom) and node.module else []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        for name in names:
            if name == "scripts" or name.startswith("scripts."):
                for path in _module_files(name, root):
                    if path not in seen:
                        seen.add(path)
                        project_imports(path.read_text(encoding="utf-8"), root, seen)
    return seen


def notebook_inputs(notebook: Path, root: Path = ROOT) -> list[Path]:
    """What a notebook's output depends on: itself, the project modules its code imports, and the data
    files its metadata declares under `deepseek_moment.reads`."""
    nb = json.loads(notebook.read_text(encoding="utf-8"))
    code = "\n".join("".join(c["source"]) for c in nb["cells"] if c["cell_type"] == "code")
    reads = nb.get("metadata", {}).get("deepseek_moment", {}).get("reads", [])
    return [notebook, *sorted(project_imports(code, root)), *(root / r for r in reads)]


def notebook_cache_key(notebooks: Iterable[Path], root: Path = ROOT) -> str:
    """A hash of what the notebooks read, so a data edit they do not read keeps their cached output."""
    digest = hashlib.sha256()
    paths = {p for nb in notebooks for p in notebook_inputs(nb, root)} | {root / "requirements.lock"}
    for path in sorted(paths):
        if path.is_file():
            digest.update(path.relative_to(root).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def relative_root_links(
    html: str, page_url: str, published: Callable[[str], bool], relative: Callable[[str, str], str]
) -> str:
    """Make root-relative /data/ and /assets/ links in raw HTML relative, as MkDocs does for Markdown links.

    An unknown target raises instead of shipping a dead download link.
    """

    def rewrite(match: re.Match[str]) -> str:
        target = match.group(2)
        if not published(target):
            raise ValueError(f"link to /{target}, which is not published")
        return f'{match.group(1)}="{relative(target, page_url)}"'

    return ROOT_LINK.sub(rewrite, html)


def template_messages(lang: str) -> dict[str, str]:
    """The catalogue's `ui.*` messages in one language, keyed without the prefix, for the page templates."""
    return {key.removeprefix("ui."): forms[lang] for key, forms in catalogue().items() if key.startswith("ui.")}


def review_dates(ds: Dataset) -> dict[str, str]:
    """Each page's last review date (ISO), from data/reviews.csv; the check makes sure every page has one."""
    return {rev.page: rev.reviewed.isoformat() for rev in ds.rows("reviews.csv")}


H1_END = re.compile(r"</h1>")
ABBR = re.compile(r'<abbr title="(?P<title>[^"]*)">(?P<text>.*?)</abbr>', re.S)


def first_tooltips_only(html: str) -> str:
    """A glossary tooltip on a term's first use on a page; later uses are plain text, so prose stays calm."""
    seen: set[str] = set()

    def keep_first(match: re.Match[str]) -> str:
        if match["title"] in seen:
            return match["text"]
        seen.add(match["title"])
        return match.group(0)

    return ABBR.sub(keep_first, html)


def show_review_date(html: str, reviewed: str, lang: str = "en") -> str:
    """A line under the page title saying when the page was last checked against its sources."""
    day = dt.date.fromisoformat(reviewed)
    stamp = f'<time datetime="{reviewed}">{long_date(day, lang)}</time>'
    line = f'<p class="page-reviewed">{msg("page.reviewed", lang, date=stamp)}</p>'
    return H1_END.sub(lambda m: m.group(0) + line, html, count=1)


def newer_english_notice(markdown: str, page_src: Path, page_url: str, lang: str) -> str:
    """On a Chinese page whose English original changed since it was translated, a notice with a link."""
    if not page_src.name.endswith(editions.SUFFIX + page_src.suffix) or page_src.suffix != ".md":
        return markdown
    english = editions.english_of(page_src)
    if not english.exists() or editions.recorded_hash(page_src) == editions.source_hash(english):
        return markdown
    url = get_relative_url(page_url.removeprefix("zh/") or "./", page_url)
    body = msg("page.newer_english", lang, url=url)
    notice = f'!!! warning "{msg("page.newer_english.title", lang)}"\n    {body}\n\n'
    heading = re.search(r"^# .*$", markdown, flags=re.M)
    at = heading.end() + 1 if heading else 0
    return markdown[:at] + "\n" + notice + markdown[at:]


def rewrap_notebooks(files: Any, config: Any) -> Any:
    """mkdocs-static-i18n rebuilds the file list after the other plugins, dropping mkdocs-jupyter's
    notebook wrappers: wrap each notebook again in place (the edition's own file list keeps its
    lookups), keeping the address the edition gave it."""
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is None:
        return files
    for old in [f for f in files if f.src_uri.endswith(".ipynb") and jupyter.should_include(f)]:
        if type(old).__name__ == "NotebookFile":
            continue
        new = NotebookFile(old, **config)
        new.dest_path, new.abs_dest_path, new.url = old.dest_path, old.abs_dest_path, old.url
        files.remove(old)
        files.append(new)
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "current_language", None):  # the sitemap lists its pages per edition
        i18n.i18n_files_per_language[i18n.current_language] = files.documentation_pages()
    return files


def edition_404(output: str, lang: str, site_dir: Path) -> str:
    """The Chinese "page not found" goes to /zh/404.html; /404.html stays the English one.

    mkdocs-static-i18n builds the Chinese edition into the same folder after the English, so its
    404 would replace the English file: it is written beside its edition instead.
    """
    root_404 = site_dir / "404.html"
    if lang == "en" or not root_404.exists():
        return output
    (site_dir / "zh").mkdir(parents=True, exist_ok=True)
    (site_dir / "zh" / "404.html").write_text(output, encoding="utf-8")
    return root_404.read_text(encoding="utf-8")


def copy_sitemap_to_editions(site_dir: Path) -> None:
    """Material's scripts fetch sitemap.xml next to the edition's home page: /zh/ gets the site's one."""
    sitemap = site_dir / "sitemap.xml"
    if sitemap.exists() and (site_dir / "zh").is_dir():
        (site_dir / "zh" / "sitemap.xml").write_bytes(sitemap.read_bytes())


def write_feed_and_robots(
    ds: Dataset, site_dir: Path, site_url: str, name: str, description: str, lang: str = "en"
) -> None:
    """The RSS feed of site updates (one per edition) and robots.txt, built from settings and data."""
    folder = site_dir if lang == "en" else site_dir / lang
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "feed.xml").write_text(feed.rss(ds, site_url, name, description, lang), encoding="utf-8")
    if lang == "en":
        (site_dir / "robots.txt").write_text(feed.robots(site_url), encoding="utf-8")


def add_content_security_policy(site_dir: Path) -> str:
    return csp.apply(site_dir)

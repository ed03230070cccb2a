"""MkDocs hook: regenerate snippets before each build and publish data/ with the site.

The same code as `python -m scripts generate` runs here, so `mkdocs build` and `mkdocs serve` never
show a stale table. Files are written only when their content changes, so `mkdocs serve`, which
watches snippets/, rebuilds once and then settles.
"""

from __future__ import annotations

import hashlib
import re
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts import feed, outputs  # noqa: E402
from scripts.errors import DataError  # noqa: E402
from scripts.generate import build  # noqa: E402
from scripts.load import Dataset, load  # noqa: E402
from scripts.mdext import SiteExtension  # noqa: E402
from scripts.notebook_html import slim_notebook_page  # noqa: E402

# The data loaded for this build, reused after it (the feed) instead of reading data/ twice.
_dataset: Dataset | None = None

PUBLISHED_DATA = ("*.csv", "sources.yaml")


def notebook_inputs_key() -> str:
    """A hash of everything a notebook's output depends on besides the notebook itself."""
    digest = hashlib.sha256()
    for path in sorted([*ROOT.glob("data/*"), *ROOT.glob("scripts/**/*.py"), ROOT / "requirements.lock"]):
        if path.is_file():
            digest.update(path.relative_to(ROOT).as_posix().encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.markdown_extensions.append(SiteExtension(ROOT))  # type: ignore[arg-type]
    # mkdocs-jupyter caches executed notebooks by their own content only; the Jevons notebook also
    # reads data/ through scripts/, so key the cache folder on those too: a data change re-executes.
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is not None and jupyter.config.get("cache"):
        jupyter.config["cache_dir"] = str(ROOT / ".cache" / "mkdocs-jupyter" / notebook_inputs_key())
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    global _dataset
    try:
        dataset = load()
        outputs.write(build(dataset))
        _dataset = dataset
    except DataError as exc:
        raise PluginError("bad data, nothing was generated:\n" + "\n".join(f"  {p}" for p in exc.problems)) from None


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Publish the data files at /data/ so every table can link to its download."""
    data_dir = ROOT / "data"
    for pattern in PUBLISHED_DATA:
        for path in sorted(data_dir.glob(pattern)):
            files.append(File(f"data/{path.name}", str(ROOT), config.site_dir, config.use_directory_urls))
    package = ROOT / "snippets" / "generated" / "datapackage.json"
    files.append(File.generated(config, "data/datapackage.json", abs_src_path=str(package)))
    return files


ROOT_DATA_LINK = re.compile(r'(href|src)="/((?:data|assets)/[^"#]+)"')


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Make root-relative /data/ and /assets/ links in raw HTML relative, as MkDocs does for Markdown links.

    An unknown target fails the build instead of shipping a dead download link.
    """

    def relative(match: re.Match[str]) -> str:
        target = match.group(2)
        if files.get_file_from_path(target) is None:
            raise PluginError(f"{page.file.src_uri}: link to /{target}, which is not published")
        return f'{match.group(1)}="{get_relative_url(target, page.url)}"'

    return ROOT_DATA_LINK.sub(relative, html)


def on_post_build(config: MkDocsConfig) -> None:
    """Publish the RSS feed of site updates and robots.txt, both built from settings and data."""
    assert _dataset is not None, "on_pre_build loads the data before any build ends"
    site = Path(config.site_dir)
    site_url = config.site_url or "/"
    (site / "feed.xml").write_text(
        feed.rss(_dataset, site_url, config.site_name, config.site_description or ""), encoding="utf-8")
    (site / "robots.txt").write_text(feed.robots(site_url), encoding="utf-8")


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    """Notebook pages: drop JupyterLab's bundled CSS and CDN scripts, render their math as MathML."""
    if page.file.src_uri.endswith(".ipynb"):
        return slim_notebook_page(output)
    return output

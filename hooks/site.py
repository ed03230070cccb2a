"""MkDocs hook: event wiring only. Each step is a named function in scripts/site_steps.py.

Markdown features (figures, source footnotes, includes, math) are not here: they are the
Python-Markdown extension `scripts.mdext`, listed in mkdocs.yml, so engines without hooks run them.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from scripts import site_steps
from scripts.errors import DataError
from scripts.load import ROOT, load_cached
from scripts.notebook_html import slim_notebook_page


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    language = edition(config)
    config.theme["language"] = language  # <html lang>, and Material's own words, per edition
    # mkdocs-jupyter keys its cache on the notebook alone; key the folder on what the notebooks read too.
    # One folder per edition: after each build the plugin evicts every entry that build did not use,
    # so a shared folder lost the other edition's notebooks and all four re-ran on every build.
    jupyter = config.plugins.get("mkdocs-jupyter")
    if jupyter is not None and jupyter.config.get("cache"):
        notebooks = sorted((ROOT / "docs" / "notebooks").glob("*.ipynb"))
        key = site_steps.notebook_cache_key(notebooks)
        jupyter.config["cache_dir"] = str(ROOT / ".cache" / "mkdocs-jupyter" / key / language)
    return config


def edition(config: MkDocsConfig, finishing: bool = False) -> str:
    """The language being built: mkdocs-static-i18n builds each edition in turn with its own language.

    It builds the other editions inside the default edition's on_post_build and leaves its current
    language at the last one built; when the default edition finishes (`finishing`), its own build
    is no longer marked as running, and it is the default language's.
    """
    i18n = config.plugins.get("i18n")
    if i18n is None:
        return config.theme.get("language", "en")
    if finishing and not getattr(i18n, "building", False):
        return i18n.default_language
    return getattr(i18n, "current_language", None) or i18n.default_language


def on_pre_build(config: MkDocsConfig) -> None:
    # The Markdown extension renders figures, citations and tooltips in the edition's language,
    # and the templates take their words from the message catalogue, as config.extra.ui.
    lang = edition(config)
    config.mdx_configs.setdefault("scripts.mdext", {})["lang"] = lang
    config.extra["ui"] = site_steps.template_messages(lang)
    config.extra["home"] = "zh/" if lang == "zh" else ""
    try:
        site_steps.generate_snippets()
    except DataError as exc:
        raise PluginError("bad data, nothing was generated:\n" + "\n".join(f"  {p}" for p in exc.problems)) from None


@event_priority(-200)  # after mkdocs-static-i18n (-100), which rebuilds the file list for each edition
def on_files(files: Files, config: MkDocsConfig) -> Files:
    files = site_steps.rewrap_notebooks(files, config)
    for path in site_steps.published_data():
        files.append(File(f"data/{path.name}", str(ROOT), config.site_dir, config.use_directory_urls))
    package = ROOT / "snippets" / "generated" / "datapackage.json"
    files.append(File.generated(config, "data/datapackage.json", abs_src_path=str(package)))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    page.meta["reviewed"] = site_steps.review_dates(load_cached())[page.file.src_uri]
    src = ROOT / "docs" / page.file.src_uri
    return site_steps.newer_english_notice(markdown, src, page.url, edition(config))


def on_page_content(html: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    html = site_steps.first_tooltips_only(site_steps.show_review_date(html, page.meta["reviewed"], edition(config)))
    try:
        return site_steps.relative_root_links(
            html, page.url, lambda target: files.get_file_from_path(target) is not None, get_relative_url
        )
    except ValueError as exc:
        raise PluginError(f"{page.file.src_uri}: {exc}") from None


def on_post_template(output: str, template_name: str, config: MkDocsConfig) -> str:
    if template_name != "404.html":
        return output
    return site_steps.edition_404(output, edition(config), Path(config.site_dir))


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    if page.file.src_uri.endswith(".ipynb"):
        return slim_notebook_page(output)
    return output


@event_priority(-200)  # after mkdocs-static-i18n has built the other edition, so the policy covers both
def on_post_build(config: MkDocsConfig) -> None:
    site = Path(config.site_dir)
    lang = edition(config, finishing=True)
    # mkdocs-static-i18n leaves the last edition's settings in the config; the default's are saved.
    saved = getattr(config.plugins.get("i18n"), "original_configs", {}) if lang == "en" else {}
    site_steps.write_feed_and_robots(
        load_cached(),
        site,
        config.site_url or "/",
        saved.get("site_name", config.site_name),
        saved.get("site_description", config.site_description) or "",
        lang,
    )
    site_steps.copy_sitemap_to_editions(site)
    site_steps.add_content_security_policy(site)

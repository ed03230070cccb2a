"""The built site: a strict build, then assertions on the HTML a reader receives."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from scripts.editions import built_path
from scripts.load import load
from tests.conftest import BIN, EDIT_URI, ROOT, build_site

DOCS = ROOT / "docs"
INCLUDE = re.compile(r"\{!\s*(snippets/[^!]+?)\s*!\}")


def nav_pages() -> list[str]:
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, str):
            found.append(node)
        elif isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)

    walk(config["nav"])
    return found


def html_for(site: Path, page: str) -> str:
    return (site / built_path(page) / "index.html").read_text(encoding="utf-8")


def test_every_page_is_in_the_nav_and_built(site: Path) -> None:
    """The nav lists the English pages; each, and its Chinese twin, is built with a title."""
    sources = [p.relative_to(DOCS).as_posix() for p in [*DOCS.glob("*.md"), *DOCS.glob("notebooks/*.ipynb")]]
    english = sorted(p for p in sources if ".zh." not in p)
    assert sorted(nav_pages()) == english
    for page in sources:
        assert "<h1" in html_for(site, page), page


@pytest.mark.parametrize("page", sorted(p.name for p in DOCS.glob("*.md")))
def test_includes_are_resolved_and_tables_carry_sources(site: Path, page: str) -> None:
    html = html_for(site, page)
    assert "{!" not in html and "!}" not in html, "raw include marker left in the page"
    assert "wzxhzdk" not in html, "a Markdown placeholder leaked into the page"
    source = (DOCS / page).read_text(encoding="utf-8")
    tables = [m for m in INCLUDE.findall(source) if m.startswith("snippets/tables/")]
    for table in tables:
        first_line = (ROOT / table).read_text(encoding="utf-8").splitlines()[0]
        assert first_line in html, f"{table} is not where {page} includes it"
    assert html.count('class="table-source"') >= len(tables)
    for link in re.findall(r'class="table-source">(.*?)</p>', html, flags=re.S):
        assert "accessed" in link or "Data:" in link or "数据：" in link  # the Chinese edition's line
        assert re.search(r'href="(\.\./)*data/[a-z0-9_]+\.(csv|yaml)"', link), link


def test_data_files_are_published_unchanged(site: Path) -> None:
    for path in (ROOT / "data").glob("*.csv"):
        assert (site / "data" / path.name).read_bytes() == path.read_bytes()
    assert (site / "data" / "sources.yaml").exists()
    assert (site / "data" / "datapackage.json").read_bytes() == (
        ROOT / "snippets" / "generated" / "datapackage.json"
    ).read_bytes()


def test_no_third_party_requests_on_load(site: Path) -> None:
    for path in site.rglob("*.html"):
        html = path.read_text(encoding="utf-8")
        for tag in re.findall(r"<(?:script|link|img|iframe|source)\b[^>]*>", html):
            for url in re.findall(r'(?:src|href)="([^"]+)"', tag):
                if tag.startswith("<link") and re.search(r'rel="(canonical|alternate)"', tag):
                    continue
                assert not re.match(r"(https?:)?//", url), f"{path.relative_to(site)} loads {url}"
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html
        assert "api.github.com" not in html
    for css in site.rglob("*.css"):
        assert not re.search(r"url\((['\"]?)(https?:)?//", css.read_text(encoding="utf-8")), css


def test_site_features(site: Path) -> None:
    index = html_for(site, "index.md")
    assert f'href="{EDIT_URI}index.md"' in index, "edit-this-page link missing"
    assert "CC BY 4.0" in index
    assert 'data-md-color-media="(prefers-color-scheme: dark)"' in index or "prefers-color-scheme: dark" in index
    assert (site / "404.html").exists()
    assert (site / "search" / "search_index.json").exists()
    assert (site / "sitemap.xml").exists()
    assert "<abbr title=" in html_for(site, "price-collapse.md"), "glossary tooltips missing"
    assert 'class="footnote' in html_for(site, "sputnik-moment.md")


def test_claims_ledger_lists_every_claim_with_an_anchor(site: Path) -> None:
    html = html_for(site, "claims.md")
    ds = load()
    claims = ds.rows("claims.csv")
    assert len(claims) == 61
    for claim in claims:
        assert f'id="{claim.id.lower()}"' in html, claim.id
    for verdict in ("verified", "approx", "wrong", "misattributed", "opinion", "unverifiable"):
        assert f'id="verdict-{verdict}"' in html


def test_no_placeholder_text_in_the_built_site(site: Path) -> None:
    for path in site.rglob("*.html"):
        text = re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))
        for word in ("TODO", "TBD", "FIXME", "lorem ipsum", "Draft in progress", "XXX"):
            assert word not in text, f"{word!r} in {path.relative_to(site)}"


@pytest.mark.slow
def test_internal_links_and_anchors_with_linkchecker(flat_site: Path) -> None:
    result = subprocess.run(
        [
            str(BIN / "linkchecker"),
            "--no-status",
            "--config",
            str(ROOT / "tests" / "linkcheckerrc"),
            str(flat_site / "index.html"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
    assert "0 errors found" in result.stdout


@pytest.mark.slow
def test_properdocs_builds_the_same_config(tmp_path: Path) -> None:
    result = build_site(tmp_path / "proper", tool="properdocs")
    assert result.returncode == 0, result.stdout + result.stderr
    assert (tmp_path / "proper" / "price-collapse" / "index.html").exists()


@pytest.mark.slow
def test_strict_build_fails_on_a_broken_anchor(project_copy: Path, tmp_path: Path) -> None:
    """In a copy of the project: the real docs/ is never written to, so a run cannot leave a probe page behind."""
    (project_copy / "docs" / "zz-broken-link-probe.md").write_text(
        "# Probe\n\nSee [nowhere](claims.md#no-such-anchor).\n", encoding="utf-8"
    )
    with (project_copy / "data" / "reviews.csv").open("a", encoding="utf-8") as reviews:
        reviews.write("zz-broken-link-probe.md,2026-12-02\n")
    result = build_site(tmp_path / "broken", root=project_copy)
    assert not (DOCS / "zz-broken-link-probe.md").exists()
    assert result.returncode != 0
    assert "no-such-anchor" in result.stdout + result.stderr


def test_scripts_run_without_mkdocs() -> None:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; sys.modules['mkdocs'] = None; "
            "from scripts.__main__ import main; raise SystemExit(main(['check']))",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_sharing_tags_feed_and_robots(site: Path) -> None:
    page = html_for(site, "capex.md")
    for tag in (
        'property="og:title" content="The capex boom"',
        'property="og:description"',
        'property="og:image"',
        'name="twitter:card" content="summary_large_image"',
        'rel="canonical"',
        'type="application/rss+xml"',
        '<meta name="description"',
    ):
        assert tag in page, tag
    assert (site / "assets" / "og-card.png").stat().st_size < 200_000
    feed = (site / "feed.xml").read_text(encoding="utf-8")
    assert feed.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">')
    assert "<item>" in feed
    assert "Sitemap: " in (site / "robots.txt").read_text(encoding="utf-8")
    assert "Page not found" in (site / "404.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_reproducible_builds(site: Path, tmp_path: Path) -> None:
    """Two clean builds with the same SOURCE_DATE_EPOCH are byte-identical."""
    again = tmp_path / "again"
    result = build_site(again)
    assert result.returncode == 0, result.stdout + result.stderr
    first = {p.relative_to(site): p.read_bytes() for p in site.rglob("*") if p.is_file()}
    second = {p.relative_to(again): p.read_bytes() for p in again.rglob("*") if p.is_file()}
    assert sorted(first) == sorted(second)
    differ = [str(p) for p in first if first[p] != second[p]]
    assert not differ, f"files differ between two builds: {differ[:10]}"


@pytest.mark.parametrize("name", ["jevons-paradox-in-numbers", "distillation-in-a-minute"])
def test_notebook_pages_are_light_and_self_contained(site: Path, name: str) -> None:
    html = (site / "notebooks" / name / "index.html").read_text(encoding="utf-8")
    assert len(html.encode()) < 250_000, "notebook page carries JupyterLab's bundled CSS again"
    assert "jp-OutputArea" in html and "<math" in html, "outputs or math missing"
    assert "mathjax" not in html.lower() and "cdnjs" not in html and "require.js" not in html
    assert (
        "Traceback" not in html
        and 'class="jp-OutputArea-output jp-RenderedText" data-mime-type="application/vnd.jupyter.stderr"' not in html
    )


@pytest.mark.slow
def test_a_failing_notebook_cell_fails_the_build(tmp_path: Path) -> None:
    """Same mkdocs-jupyter settings as the site, on a notebook whose cell raises: the build must stop."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    jupyter = next(p["mkdocs-jupyter"] for p in config["plugins"] if isinstance(p, dict) and "mkdocs-jupyter" in p)
    assert jupyter["execute"] == "true" and jupyter["allow_errors"] == "false"
    (tmp_path / "docs" / "notebooks").mkdir(parents=True)
    (tmp_path / "docs" / "index.md").write_text("# Home\n", encoding="utf-8")
    cell = {
        "cell_type": "code",
        "metadata": {},
        "execution_count": None,
        "outputs": [],
        "source": ["raise ValueError('this cell fails')"],
    }
    notebook = {
        "cells": [cell],
        "metadata": {"kernelspec": {"name": "python3", "display_name": "Python 3", "language": "python"}},
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    import json

    (tmp_path / "docs" / "notebooks" / "broken.ipynb").write_text(json.dumps(notebook), encoding="utf-8")
    (tmp_path / "mkdocs.yml").write_text(
        "site_name: probe\nplugins:\n  - mkdocs-jupyter:\n      include: ['notebooks/*.ipynb']\n"
        "      execute: true\n      allow_errors: false\n      kernel_name: python3\n      cache: false\n",
        encoding="utf-8",
    )
    result = subprocess.run(
        [str(BIN / "mkdocs"), "build", "-d", str(tmp_path / "out")],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode != 0
    assert "this cell fails" in result.stdout + result.stderr


def test_notebook_cache_key_follows_what_the_notebooks_read(tmp_path: Path) -> None:
    """A change to a notebook's declared data or to a project module it imports re-executes it, so
    cached outputs are never stale; a data file it does not read keeps the cache (fast live reload)."""
    import json

    from scripts.site_steps import notebook_cache_key

    for folder in ("data", "scripts", "docs/notebooks"):
        (tmp_path / folder).mkdir(parents=True)
    (tmp_path / "requirements.lock").write_text("pin==1\n", encoding="utf-8")
    (tmp_path / "data" / "prices.csv").write_text("a\n1\n", encoding="utf-8")
    (tmp_path / "data" / "timeline.csv").write_text("a\n1\n", encoding="utf-8")
    (tmp_path / "scripts" / "__init__.py").write_text("", encoding="utf-8")
    (tmp_path / "scripts" / "x.py").write_text("X = 1\n", encoding="utf-8")
    notebook = tmp_path / "docs" / "notebooks" / "n.ipynb"
    notebook.write_text(
        json.dumps(
            {
                "cells": [
                    {
                        "cell_type": "code",
                        "source": ["from scripts.x import X\n"],
                        "metadata": {},
                        "outputs": [],
                        "execution_count": None,
                    }
                ],
                "metadata": {"deepseek_moment": {"reads": ["data/prices.csv"]}},
                "nbformat": 4,
                "nbformat_minor": 5,
            }
        ),
        encoding="utf-8",
    )

    def key() -> str:
        return notebook_cache_key([notebook], tmp_path)

    first = key()
    assert key() == first
    (tmp_path / "data" / "timeline.csv").write_text("a\n2\n", encoding="utf-8")
    assert key() == first, "a data file no notebook reads must not invalidate the cache"
    (tmp_path / "data" / "prices.csv").write_text("a\n2\n", encoding="utf-8")
    second = key()
    assert second != first
    (tmp_path / "scripts" / "x.py").write_text("X = 2\n", encoding="utf-8")
    assert key() != second


def test_notebook_cache_keeps_both_editions(site: Path) -> None:
    """Each edition keeps its own executed notebooks after a build, so the next build re-runs none.

    mkdocs-jupyter evicts the entries a build did not use; with one folder for both editions each
    edition evicted the other's, and every build executed all four notebooks.
    """
    from scripts.site_steps import notebook_cache_key

    notebooks = sorted((ROOT / "docs" / "notebooks").glob("*.ipynb"))
    folder = ROOT / ".cache" / "mkdocs-jupyter" / notebook_cache_key(notebooks)
    for language in ("en", "zh"):
        assert len(list((folder / language).glob("*.json"))) == len(notebooks) // 2, language

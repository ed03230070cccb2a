"""Readers-first features in the built HTML: the "Cite this page" block, the citation page, the
footer's repository links (only with REPO_URL), the notebooks' download links, and the table labels
that hooks/readers.py adds (checked here without a browser; the layout is in test_readers_browser)."""

from __future__ import annotations

import datetime as dt
import html
import re
import sys
from pathlib import Path

import pytest

from scripts.editions import built_path
from scripts.load import load
from tests.browser import pages
from tests.conftest import BUILD_EPOCH, ROOT, build_site

sys.path.insert(0, str(ROOT / "hooks"))
import readers  # noqa: E402  (hooks/ is not a package: MkDocs loads hook files by path)

SITE_URL = "http://127.0.0.1:8000/"  # mkdocs.yml's default when SITE_URL is not set
REPO = "https://github.com/example/deepseek-moment"
BUILD_DATE = dt.datetime.fromtimestamp(int(BUILD_EPOCH), dt.UTC).date().isoformat()  # the test builds' date
NOTEBOOKS = sorted(p.stem for p in (ROOT / "docs" / "notebooks").glob("*.ipynb") if ".zh" not in p.stem)
# Each page's version in its citation is its last review date, from data/reviews.csv.
REVIEWED = {built_path(r.page): r.reviewed.isoformat() for r in load().rows("reviews.csv")}


def page_html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def cite_block(text: str) -> str:
    match = re.search(r'<details class="cite-page".*?</details>', text, re.S)
    assert match, "no Cite this page block"
    return html.unescape(match.group(0))


def test_every_page_has_a_cite_block_with_its_address(site: Path) -> None:
    for path in pages(site):
        block = cite_block(page_html(site, path))
        url = SITE_URL + path
        assert f'<a href="{url}">{url}</a>' in block, path
        assert f"url          = {{{url}}}" in block, path
        version = REVIEWED[path]
        assert f"{version}." in block and f"version      = {{{version}}}" in block, path
        summary = "<summary>引用本页</summary>" if path.startswith("zh/") else "<summary>Cite this page</summary>"
        assert "@misc{deepseek-moment-" in block and summary in block, path


def test_cite_page_has_no_placeholders_and_real_examples(site: Path) -> None:
    text = re.sub(r"<[^>]+>", "", html.unescape(page_html(site, "cite/")))
    assert f"Version of {BUILD_DATE}. {SITE_URL}" in text
    assert f"{SITE_URL}data/prices.csv" in text
    assert "readers:cite-examples" not in page_html(site, "cite/")


def test_no_bracketed_placeholders_anywhere(site: Path) -> None:
    for path in site.rglob("*.html"):
        text = re.sub(r"<[^>]+>", " ", path.read_text(encoding="utf-8"))
        for marker in ("[address", "[date", "[title", "[name of", "[page"):
            assert marker not in text, f"{marker!r} in {path.relative_to(site)}"


def test_without_repo_url_the_footer_has_no_repository_links(site: Path) -> None:
    for path in pages(site):
        footer = page_html(site, path).split('<footer class="md-footer">', 1)[1]
        assert "md-copyright__repo" not in footer and "wrong-number.yml" not in footer, path
        assert 'href=""' not in footer and 'href="/issues' not in footer, path


@pytest.fixture(scope="module")
def repo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    dest = tmp_path_factory.mktemp("repo-site")
    result = build_site(dest, env={"REPO_URL": REPO + "/"})
    assert result.returncode == 0, result.stdout + result.stderr
    return dest


@pytest.mark.slow  # a second full build of both editions: whole suite only, keeping `make check` to one build
def test_with_repo_url_the_footer_links_the_repository_and_the_issue_form(repo_site: Path) -> None:
    assert (ROOT / ".github" / "ISSUE_TEMPLATE" / "wrong-number.yml").is_file()
    for path in pages(repo_site):
        footer = page_html(repo_site, path).split('<footer class="md-footer">', 1)[1]
        source, report = (
            ("GitHub 上的源代码", "报告错误数字")
            if path.startswith("zh/")
            else ("Source on GitHub", "Report a wrong number")
        )
        assert f'<a href="{REPO}">{source}</a>' in footer, path
        assert f'<a href="{REPO}/issues/new?template=wrong-number.yml">{report}</a>' in footer, path


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_notebook_pages_link_their_published_notebook(site: Path, name: str) -> None:
    text = page_html(site, f"notebooks/{name}/")
    assert f'<a href="{name}.ipynb" download>' in text
    assert (site / "notebooks" / name / f"{name}.ipynb").read_bytes() == (
        ROOT / "docs" / "notebooks" / f"{name}.ipynb"
    ).read_bytes()
    assert (
        "make setup" in text
        and f".venv/bin/jupyter nbconvert --to html --execute docs/notebooks/{name}.ipynb --output-dir .cache/notebooks"
        in text
    )


@pytest.mark.parametrize(
    "path",
    [
        "",
        "claims/",
        "sources/",
        "capex/",
        "glossary/",
        "timeline/",
        "price-collapse/",
        "sputnik-moment/",
        "about-the-article/",
        "calculator/",
        "how-this-site-is-built/",
    ],
)
def test_every_table_cell_is_labelled_by_its_column(site: Path, path: str) -> None:
    text = page_html(site, path)
    tables = re.findall(r"<table.*?</table>", text, re.S)
    assert tables, path
    for table in tables:
        headers = [
            " ".join(html.unescape(re.sub(r"<[^>]+>", "", h)).split())
            for h in re.findall(r"<th\b[^>]*>(.*?)</th>", table.split("</thead>")[0], re.S)
        ]
        for row in re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>", 1)[1], re.S):
            labels = [html.unescape(x) for x in re.findall(r'<t[dh] data-label="([^"]*)"', row)]
            assert labels == headers[: len(labels)] and len(labels) == len(re.findall(r"<t[dh]\b", row)), (
                path,
                row[:200],
            )


def test_label_cells_handles_spans_nesting_and_existing_labels() -> None:
    source = (
        '<table><thead><tr><th>A <abbr title="x">B</abbr> &amp; C</th><th colspan="2">D</th></tr></thead>'
        '<tbody><tr><td>1</td><td data-label="kept">2</td><td>3</td></tr></tbody></table><p>after</p>'
    )
    out = readers.label_cells(source)
    assert '<td data-label="A B &amp; C">1</td><td data-label="kept">2</td><td data-label="D">3</td>' in out
    assert readers.label_cells("<p>no tables</p>") == "<p>no tables</p>"
    assert re.sub(r' data-label="[^"]*"', "", out).replace("<td>2", '<td data-label="kept">2') == source


def test_build_date_follows_source_date_epoch() -> None:
    assert readers.build_date({"SOURCE_DATE_EPOCH": "1735689600"}) == "2025-01-01"
    assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", readers.build_date({}))

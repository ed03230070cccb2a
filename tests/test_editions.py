"""The two editions kept in step: every page has a Chinese twin that cites the same figures, sources
and claims, records which English version it translates, reads as Chinese, and follows the house style."""

from __future__ import annotations

import csv
import re
from collections import Counter
from pathlib import Path

import autocorrect_py
import pytest

from scripts import editions
from scripts.editions import built_path
from scripts.refs import FIGURE
from scripts.schema import TABLES
from tests.conftest import ROOT

DOCS = ROOT / "docs"
PAIRS = sorted(
    (t.english.relative_to(DOCS).as_posix(), t.page.relative_to(DOCS).as_posix()) for t in editions.translations(DOCS)
)
CLAIM = re.compile(r"claims\.md#(c\d\d)")
FOOTNOTE = re.compile(r"\[\^([a-z0-9-]+)\]")
HAN = re.compile(r"[\u4e00-\u9fff]")
LATIN = re.compile(r"[A-Za-z]")


def references(text: str) -> dict[str, Counter[str]]:
    return {
        "figures": Counter(m["id"] for m in FIGURE.finditer(text)),
        "sources": Counter(FOOTNOTE.findall(text)),
        "claims": Counter(CLAIM.findall(text)),
    }


def test_every_english_page_has_a_chinese_twin() -> None:
    assert editions.untranslated(DOCS) == []
    assert len(PAIRS) >= 20


@pytest.mark.parametrize(("english", "chinese"), PAIRS)
def test_a_pair_cites_the_same_figures_sources_and_claims(english: str, chinese: str) -> None:
    """A figure or claim added to one edition and not the other is caught here."""
    en = references((DOCS / english).read_text(encoding="utf-8"))
    zh = references((DOCS / chinese).read_text(encoding="utf-8"))
    for kind in en:
        only_en, only_zh = sorted(set(en[kind]) - set(zh[kind])), sorted(set(zh[kind]) - set(en[kind]))
        assert not only_en and not only_zh, f"{chinese} and {english} differ in {kind}: {only_en} / {only_zh}"


@pytest.mark.parametrize(("english", "chinese"), PAIRS)
def test_each_translation_records_the_english_it_translates(english: str, chinese: str) -> None:
    translation = next(t for t in editions.translations(DOCS) if t.page == DOCS / chinese)
    assert translation.recorded, f"{chinese} does not record the source_hash of {english}"
    assert not translation.stale, (
        f"{chinese} translates an older {english}: update the translation, then "
        f"`python -m scripts translations --accept {chinese}`"
    )


def test_a_changed_english_page_shows_a_notice(tmp_path: Path) -> None:
    """The staleness check itself: edit the English, and the Chinese page is listed and shows a notice."""
    from scripts.site_steps import newer_english_notice

    (tmp_path / "a.md").write_text("# A\n\nOld.\n", encoding="utf-8")
    current = editions.source_hash(tmp_path / "a.md")
    (tmp_path / "a.zh.md").write_text(f"---\nsource_hash: {current}\n---\n\n# 甲\n\n旧。\n", encoding="utf-8")
    body = "# 甲\n\n旧。\n"
    assert newer_english_notice(body, tmp_path / "a.zh.md", "zh/a/", "zh") == body
    (tmp_path / "a.md").write_text("# A\n\nNew.\n", encoding="utf-8")
    assert [t.page.name for t in editions.translations(tmp_path) if t.stale] == ["a.zh.md"]
    notice = newer_english_notice(body, tmp_path / "a.zh.md", "zh/a/", "zh")
    assert '!!! warning "英文原文已更新"' in notice and "(../../a/)" in notice


@pytest.mark.parametrize("chinese", [c for _, c in PAIRS if c.endswith(".md")])
def test_chinese_pages_follow_the_house_style(chinese: str) -> None:
    """Spacing between Chinese and Latin or digits, full-width punctuation: autocorrect's rules."""
    text = (DOCS / chinese).read_text(encoding="utf-8")
    fixed = autocorrect_py.format_for(text, chinese)
    if fixed != text:
        diff = [(a, b) for a, b in zip(text.splitlines(), fixed.splitlines(), strict=False) if a != b][:3]
        pytest.fail(
            f"{chinese} breaks the house style; autocorrect would change:\n"
            + "\n".join(f"  - {a[:120]}\n  + {b[:120]}" for a, b in diff)
        )


ZH_COLUMNS = [(spec.file, column.name) for spec in TABLES for column in spec.columns if column.name.endswith("_zh")]


@pytest.mark.parametrize(("file", "column"), ZH_COLUMNS)
def test_chinese_data_text_follows_the_house_style(file: str, column: str) -> None:
    with (ROOT / "data" / file).open(encoding="utf-8", newline="") as handle:
        for line, row in enumerate(csv.DictReader(handle), start=2):
            text = row[column]
            if text and autocorrect_py.format(text) != text:
                pytest.fail(
                    f"data/{file}:{line}: field '{column}': {text[:80]!r} -> {autocorrect_py.format(text)[:80]!r}"
                )


def visible_text(html: str) -> str:
    body = re.search(r'<article class="md-content__inner[^"]*">(.*?)</article>', html, re.S)
    text = body.group(1) if body else html
    # Prose only: tables are generated (their Chinese headers are tested with the generators) and hold
    # source titles and model names as published; notebook code and its printed output stay as written.
    text = re.sub(r"<(script|style|svg|code|pre|math|table)\b.*?</\1>", " ", text, flags=re.S)
    text = re.sub(r'<div class="jp-(?:InputArea|OutputArea)\b.*?</div>\s*</div>', " ", text, flags=re.S)
    text = re.sub(r'<(span|blockquote|details|td|th)[^>]*lang="en"[^>]*>.*?</\1>', " ", text, flags=re.S)
    text = re.sub(r'<div class="footnote">.*?</div>', " ", text, flags=re.S)  # source titles stay as published
    text = re.sub(r'<p class="table-source">.*?</p>', " ", text, flags=re.S)  # and so do publishers' names
    text = re.sub(r"<!-- bench:start -->.*?<!-- bench:end -->", " ", text, flags=re.S)  # the benchmark's own tables
    return re.sub(r"<[^>]+>", " ", text)


@pytest.mark.parametrize("chinese", [c for _, c in PAIRS])
def test_chinese_pages_read_as_chinese(site: Path, chinese: str) -> None:
    """No untranslated paragraph or English placeholder: most letters on the page are Chinese."""
    html = (site / built_path(chinese) / "index.html").read_text(encoding="utf-8")
    assert '<html lang="zh"' in html
    text = visible_text(html)
    han, latin = len(HAN.findall(text)), len(LATIN.findall(text))
    share = han / max(1, han + latin / 4)  # about four Latin letters to a word, a word to a character
    assert share >= 0.6, f"{chinese}: only {share:.0%} Chinese ({han} characters, {latin} Latin letters)"

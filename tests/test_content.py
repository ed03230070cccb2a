"""Content rules: figures come from data, sources are all used, every claim is on the ledger and a page."""

from __future__ import annotations

import csv
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from scripts.load import load
from tests.conftest import ROOT

DOCS = ROOT / "docs"
FIGURE = re.compile(
    r"(US\$|CN¥|¥|€|£|\$|CNY ?|USD ?)\s?\d"
    r"|\d[\d,.]*\s?(%|per ?cent|billion|million|trillion|×|times\b|-?fold\b|cents?\b)"
)
# Definitions and formulas, not figures about the world.
ALLOWED = (
    "a 1% fall in price",
    "more than 100%",
    "(3 × input",
    "(50% is 0.5)",
    "0.50× means",
    "10× ten times",
    "（3 × 输入",
    "（50% 即 0.5）",
    "0.50× 表示",
    "10× 表示",
    "at most 1.5 times as long",
)  # the last is the site's own build-time budget, not a figure about the world
EXPLAINERS = (
    "sputnik-moment.md",
    "price-collapse.md",
    "distillation.md",
    "jevons-paradox.md",
    "capex.md",
    "monetisation.md",
)


def prose_lines(page: Path) -> list[tuple[int, str]]:
    text = page.read_text(encoding="utf-8")
    out = []
    fenced = False
    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip().startswith(("```", "~~~")):
            fenced = not fenced
        if fenced or line.startswith("[^") or line.strip().startswith("$$"):
            continue
        if "claims.md#c" in line:
            continue  # a line that reports one of the article's claims, with its verdict a click away
        line = re.sub(r"\{!.*?!\}|\{\{.*?\}\}", "", line)
        line = re.sub(r"\[\^[^\]]+\]", "", line)
        line = re.sub(r"\]\([^)]*\)", "]", line)
        line = re.sub(r"(?<![\w$])\$[^$]+\$", "", line)
        out.append((number, line))
    return out


@pytest.mark.parametrize("page", sorted(p.name for p in DOCS.glob("*.md")))
def test_figures_in_prose_come_from_data(page: str) -> None:
    """A figure typed into a page is a figure without a source; only the article's own claims may be quoted."""
    offenders = []
    for number, line in prose_lines(DOCS / page):
        if any(a in line for a in ALLOWED):
            continue
        for match in FIGURE.finditer(line):
            offenders.append(f"{page}:{number}: …{line[max(0, match.start() - 40) : match.end() + 20]}…")
    assert not offenders, "figures typed into prose (use {{ fact-id }}):\n" + "\n".join(offenders)


def test_every_source_is_cited_somewhere() -> None:
    ds = load()
    used: set[str] = set()
    for rows in ds.tables.values():
        for row in rows:
            for name in [n for n in vars(row) if n.endswith(("source_id", "source_ids"))]:
                value = getattr(row, name, None)
                if isinstance(value, str):
                    used.add(value)
                elif isinstance(value, tuple):
                    used.update(value)
    for page in DOCS.glob("*.md"):
        used.update(re.findall(r"\[\^([a-z0-9-]+)\]", page.read_text(encoding="utf-8")))
    unused = sorted(set(ds.sources) - used)
    assert not unused, f"sources never cited: {unused}"


def test_every_claim_is_discussed_on_its_page() -> None:
    for claim in load().rows("claims.csv"):
        text = (DOCS / claim.page).read_text(encoding="utf-8")
        assert f"claims.md#{claim.id.lower()}" in text, f"{claim.id} is not linked from {claim.page}"


def test_footnotes_cite_registered_sources() -> None:
    """Pages cite by source id and never write a citation by hand."""
    ds = load()
    for page in DOCS.glob("*.md"):
        text = page.read_text(encoding="utf-8")
        assert not re.findall(r"^\[\^[^\]]+\]:", text, flags=re.M), f"{page.name}: a hand-written footnote definition"
        for label in re.findall(r"\[\^([^\]]+)\]", text):
            assert label in ds.sources, f"{page.name}: footnote [^{label}] is not a source id"


@pytest.mark.parametrize("page", EXPLAINERS)
def test_explainers_have_substance(page: str) -> None:
    text = (DOCS / page).read_text(encoding="utf-8")
    prose = re.sub(r"\{!.*?!\}|\[\^[^\]]+\]:.*|<[^>]+>", " ", text)
    words = len(re.findall(r"[A-Za-z][A-Za-z'’-]*", prose))
    assert 1000 <= words <= 2800, f"{page}: {words} words"
    assert "Our reading (opinion)" in text, f"{page}: no labelled opinion"
    assert re.search(r"^# ", text, flags=re.M)


LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s")
CLAIM_LINK = re.compile(r"claims\.md#c\d\d\b")


def markdown_blocks(text: str) -> list[tuple[int, str]]:
    """A page's paragraphs and list items, each with its first line number; fenced code is left out.

    A blank line, a heading, a fence or the start of a list item ends a block; other lines continue it.
    """
    blocks: list[tuple[int, str]] = []
    current: list[str] = []
    start = 0
    fenced = False

    def close() -> None:
        if current:
            blocks.append((start, "\n".join(current)))
            current.clear()

    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            close()
            fenced = not fenced
            continue
        if fenced:
            continue
        if not stripped or stripped.startswith("#") or LIST_ITEM.match(line):
            close()
            if not stripped:
                continue
        if not current:
            start = number
        current.append(line)
        if stripped.startswith("#"):
            close()
    close()
    return blocks


def test_markdown_blocks_split_paragraphs_and_list_items() -> None:
    text = (
        "Intro [a](claims.md#c01)\ncontinued.\n\n- one\n  more\n- two\n\n"
        "```\n[b](claims.md#c02) [c](claims.md#c03)\n```\n## Head\n!!! note\n    Boxed."
    )
    assert markdown_blocks(text) == [
        (1, "Intro [a](claims.md#c01)\ncontinued."),
        (4, "- one\n  more"),
        (6, "- two"),
        (11, "## Head"),
        (12, "!!! note\n    Boxed."),
    ]


@pytest.mark.parametrize("page", EXPLAINERS)
def test_explainers_link_at_most_one_claim_per_paragraph(page: str) -> None:
    """Explain first, check second: a paragraph or list item sends the reader to one ledger entry at most."""
    crowded = [
        f"{page}:{number}: {len(CLAIM_LINK.findall(block))} claim links"
        for number, block in markdown_blocks((DOCS / page).read_text(encoding="utf-8"))
        if len(CLAIM_LINK.findall(block)) > 1
    ]
    assert not crowded, "more than one claim link in a paragraph or list item:\n" + "\n".join(crowded)


VERDICT_WORDS = (
    ("approximately right", "approx"),
    ("approximately", "approx"),
    ("misattributed", "misattributed"),
    ("unverifiable", "unverifiable"),
    ("wrong", "wrong"),
    ("opinion", "opinion"),
    ("verified", "verified"),
    ("right", "verified"),
    ("correct", "verified"),
)


def test_pages_state_the_same_verdicts_as_the_ledger() -> None:
    """Where a page gives a claim's verdict right after linking it, the verdict is the ledger's."""
    verdicts = {c.id.lower(): c.verdict for c in load().rows("claims.csv")}
    mismatches = []
    for page in DOCS.glob("*.md"):
        text = page.read_text(encoding="utf-8")
        for match in re.finditer(r"claims\.md#(c\d\d)\)(?:, |\)\*?\*?: )([a-z ]+)", text):
            said = match.group(2)
            for word, verdict in VERDICT_WORDS:
                if said.startswith(word):
                    if verdict != verdicts[match.group(1)]:
                        mismatches.append(
                            f"{page.name}: {match.group(1)} says '{word}', ledger '{verdicts[match.group(1)]}'"
                        )
                    break
    assert not mismatches, "\n".join(mismatches)


# ---------------------------------------------------------------------------------------------
# Data text fields: a figure in a finding, note, definition or event is a {{ fact-id }} reference.

DATA = ROOT / "data"
REFERENCE = re.compile(r"\{\{.*?\}\}")
# The article's own words and exact quotations are quoted as written.
EXACT_WORDS = {("quotes.csv", "text"), ("claims.csv", "zh"), ("claims.csv", "en")}
# Definitions and formulas, not figures about the world: (file, text, reason).
DATA_ALLOWED = (
    ("glossary.csv", "for a 1% change in price", "the definition of elasticity"),
    ("glossary.csv", "A rebound above 100% is called backfire", "the definition of backfire"),
    ("glossary.csv", "A rebound effect larger than 100%", "the definition of backfire"),
    ("glossary.csv", "(3 × input + output) ÷ 4", "the blended-price formula"),
    ("glossary.csv", "（3 × 输入 + 输出）÷ 4", "the blended-price formula, in Chinese"),
)


def typed_figures_in_data() -> list[str]:
    offenders = []
    for path in sorted(DATA.glob("*.csv")):
        with path.open(encoding="utf-8", newline="") as handle:
            reader = csv.reader(handle)
            header = next(reader)
            for cells in reader:
                line = reader.line_num
                for column, value in zip(header, cells, strict=False):
                    if (path.name, column) in EXACT_WORDS:
                        continue
                    text = REFERENCE.sub("", value)
                    for allowed_file, allowed, _ in DATA_ALLOWED:
                        if path.name == allowed_file:
                            text = text.replace(allowed, "")
                    for match in FIGURE.finditer(text):
                        snippet = text[max(0, match.start() - 40) : match.end() + 20]
                        offenders.append(f"data/{path.name}:{line}: {column}: …{snippet}…")
    return offenders


def test_no_typed_figures_in_data_text_fields() -> None:
    """A money amount, percentage or multiple in a data text field names a registry figure,
    so the ledger and the pages agree."""
    offenders = typed_figures_in_data()
    assert not offenders, "figures typed into data text fields (use {{ fact-id }}):\n" + "\n".join(offenders)


# ---------------------------------------------------------------------------------------------
# The rendered site: after removing what is generated from data, no figure is left in the prose.

# Elements generated from data or quoted exactly: figure spans, tables, charts, quotations, code,
# maths, footnote definitions and the source lines under tables (source titles, quoted as published),
# and notebook code kept for the copy button.
SKIP_ELEMENTS = {"table", "svg", "figure", "code", "pre", "math", "script", "style"}
SKIP_CLASSES = {("span", "fact"), ("div", "footnote"), ("div", "clipboard-copy-txt"), ("p", "table-source")}
BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "dd", "dt", "blockquote", "summary", "div", "td", "th"}
VOID = {"br", "img", "hr", "input", "meta", "link", "wbr", "source", "col", "area", "base"}
# Explanatory arithmetic and examples, not figures about the world: (page, text, reason).
HTML_ALLOWED = (
    ("calculator/index.html", "(50% is 0.5)", "explains how to type a share"),
    (
        "calculator/index.html",
        "0.50× means half the reference's cost, 10× ten times as much",
        "explains how to read a multiple",
    ),
    ("*", "(3 × input + output) ÷ 4", "the blended-price formula"),
    ("jevons-paradox/index.html", "a 1% fall in price", "the definition of elasticity"),
    ("jevons-paradox/index.html", "more than 100%", "the definition of backfire"),
    ("notebooks/distillation-in-a-minute/index.html", '"90% cat, 9% dog, 1% car"', "an illustration of soft targets"),
    ("zh/calculator/index.html", "（50% 即 0.5）", "explains how to type a share, in Chinese"),
    (
        "zh/calculator/index.html",
        "0.50× 表示是参照模型费用的一半，10× 表示是它的十倍",
        "explains how to read a multiple, in Chinese",
    ),
    ("*", "（3 × 输入 + 输出）÷ 4", "the blended-price formula, in Chinese"),
    (
        "zh/notebooks/distillation-in-a-minute/index.html",
        "“90% 是猫，9% 是狗，1% 是汽车”",
        "an illustration of soft targets, in Chinese",
    ),
)


class ProseText(HTMLParser):
    """The article body's text by block, without data-driven elements; a block that links a ledger claim is marked."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[tuple[str, bool, bool]] = []
        self.skipping = 0
        self.in_article = 0
        self.blocks: list[tuple[bool, str]] = []
        self.text: list[str] = []
        self.links_claim = False

    def flush(self) -> None:
        if "".join(self.text).strip():
            self.blocks.append((self.links_claim, "".join(self.text)))
        self.text, self.links_claim = [], False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        found = dict(attrs)
        classes = set((found.get("class") or "").split())
        skip = self.skipping > 0 or tag in SKIP_ELEMENTS or any(tag == t and c in classes for t, c in SKIP_CLASSES)
        self.stack.append((tag, skip, tag == "article"))
        self.skipping += skip
        self.in_article += tag == "article"
        if tag in BLOCKS and not self.skipping:
            self.flush()
        if tag == "a" and re.search(r"claims/(index\.html)?#c\d\d$", found.get("href") or ""):
            self.links_claim = True

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        while self.stack:
            name, skip, article = self.stack.pop()
            self.skipping -= skip
            self.in_article -= article
            if name == tag:
                break
        if tag in BLOCKS and not self.skipping:
            self.flush()

    def handle_data(self, data: str) -> None:
        if self.in_article and not self.skipping:
            self.text.append(data)


def typed_figures_in_html(site: Path) -> list[str]:
    offenders = []
    for page in sorted(site.rglob("*.html")):
        name = page.relative_to(site).as_posix()
        parser = ProseText()
        parser.feed(page.read_text(encoding="utf-8"))
        parser.flush()
        for links_claim, text in parser.blocks:
            if links_claim:
                continue  # reports one of the article's claims, with its verdict a click away
            for allowed_page, allowed, _ in HTML_ALLOWED:
                if allowed_page in ("*", name, name.removeprefix("zh/")):
                    text = text.replace(allowed, "")
            for match in FIGURE.finditer(text):
                offenders.append(f"{name}: …{' '.join(text[max(0, match.start() - 50) : match.end() + 20].split())}…")
    return offenders


def test_no_typed_figures_in_rendered_pages(site: Path) -> None:
    """What a reader sees outside figure spans, tables, charts and quotations carries no hand-typed figure."""
    offenders = typed_figures_in_html(site)
    assert not offenders, "figures typed into pages (use {{ fact-id }}):\n" + "\n".join(offenders)

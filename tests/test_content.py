"""Content rules: figures come from data, sources are all used, every claim is on the ledger and a page."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from scripts.load import load
from tests.conftest import ROOT

DOCS = ROOT / "docs"
FIGURE = re.compile(
    r"(US\$|CN¥|¥|€|£|\$)\s?\d|\d[\d,.]*\s?(%|per ?cent|billion|million|trillion|×)"
)
# Definitions and formulas, not figures about the world.
ALLOWED = ("a 1% fall in price", "more than 100%", "(3 × input", "(50% is 0.5)", "0.50× means", "10× ten times")
EXPLAINERS = ("sputnik-moment.md", "price-collapse.md", "distillation.md", "jevons-paradox.md", "capex.md", "monetisation.md")


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
            offenders.append(f"{page}:{number}: …{line[max(0, match.start() - 40):match.end() + 20]}…")
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


VERDICT_WORDS = (("approximately right", "approx"), ("approximately", "approx"), ("misattributed", "misattributed"),
                 ("unverifiable", "unverifiable"), ("wrong", "wrong"), ("opinion", "opinion"),
                 ("verified", "verified"), ("right", "verified"), ("correct", "verified"))


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
                        mismatches.append(f"{page.name}: {match.group(1)} says '{word}', ledger '{verdicts[match.group(1)]}'")
                    break
    assert not mismatches, "\n".join(mismatches)

"""Bad input: each case must fail with one clear message naming file, line and field, and write nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.__main__ import main
from tests.conftest import run_scripts


def replace(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture changed: {old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def append(path: Path, line: str) -> None:
    with path.open("a", encoding="utf-8") as handle:
        handle.write(line + "\n")


CASES = {
    "malformed row (too many cells)": (
        lambda d: append(d / "stock_closes.csv", "NVDA,2025-01-28,128.86,example-news-2025-01-27,extra"),
        "data/stock_closes.csv:4:",
        "expected 4 cells",
    ),
    "wrong type": (
        lambda d: replace(d / "stock_closes.csv", "142.62", "one hundred"),
        "data/stock_closes.csv:2: field 'close_usd':",
        "expected a number",
    ),
    "negative price": (
        lambda d: replace(d / "prices.csv", ",0.55,", ",-0.55,"),
        "data/prices.csv:2: field 'input':",
        "≥ 0",
    ),
    "unknown source id": (
        lambda d: replace(
            d / "facts.csv",
            "nvda-loss,589,usd_bn,2025-01-27,example-news-2025-01-27",
            "nvda-loss,589,usd_bn,2025-01-27,no-such-source",
        ),
        "data/facts.csv:2: field 'source_id':",
        "unknown source id 'no-such-source'",
    ),
    "duplicate key": (
        lambda d: append(d / "facts.csv", "nvda-loss,590,usd_bn,2025-01-27,example-news-2025-01-27,,,"),
        "data/facts.csv:4: field 'id':",
        "duplicate key nvda-loss, first used on line 2",
    ),
    "bad date": (
        lambda d: replace(d / "timeline.csv", "2025-01-27,", "2025-02-30,"),
        "data/timeline.csv:2: field 'date':",
        "real calendar date",
    ),
    "date in the wrong format": (
        lambda d: replace(d / "capex.csv", "2024-12-31", "31/12/2024"),
        "data/capex.csv:2: field 'fiscal_year_end':",
        "YYYY-MM-DD",
    ),
    "empty file": (
        lambda d: (d / "revenue.csv").write_text("", encoding="utf-8"),
        "data/revenue.csv:",
        "file is empty",
    ),
    "missing file": (lambda d: (d / "glossary.csv").unlink(), "data/glossary.csv:", "file is missing"),
    "missing column": (
        lambda d: replace(
            d / "revenue.csv", "company,fiscal_year,revenue_usd_bn,source_id", "company,fiscal_year,source_id"
        ),
        "data/revenue.csv:1:",
        "missing column(s) revenue_usd_bn",
    ),
    "extra column": (
        lambda d: replace(d / "revenue.csv", "revenue_usd_bn,source_id", "revenue_usd_bn,source_id,comment"),
        "data/revenue.csv:1:",
        "unexpected column(s) comment",
    ),
    "not UTF-8": (
        lambda d: (d / "glossary.csv").write_bytes("term,abbr,definition,page\nCaf\xe9,,A place.,\n".encode("latin-1")),
        "data/glossary.csv:2:",
        "not valid UTF-8",
    ),
    "HTML in a cell": (
        lambda d: replace(d / "timeline.csv", "Chip stocks fall", "Chip stocks <script>alert(1)</script> fall"),
        "data/timeline.csv:2: field 'event':",
        "HTML markup '<script>'",
    ),
    "newline in a cell": (
        lambda d: replace(d / "timeline.csv", "Chip stocks fall, led", "Chip stocks fall,\nled"),
        "data/timeline.csv:2:",
        "spans several lines",
    ),
    "unknown unit": (
        lambda d: replace(d / "facts.csv", ",usd_bn,", ",dollars,"),
        "data/facts.csv:2: field 'unit':",
        "expected one of usd",
    ),
    "empty required cell": (
        lambda d: replace(d / "quotes.csv", ",Jane Doe,", ",,"),
        "data/quotes.csv:2: field 'speaker':",
        "required, but the cell is empty",
    ),
    "unknown verdict": (
        lambda d: replace(d / "claims.csv", ",misattributed,", ",dubious,"),
        "data/claims.csv:2: field 'verdict':",
        "expected one of verified",
    ),
    "factual verdict without a source": (
        lambda d: replace(d / "claims.csv", "capitalist,,example-news-2025-01-27,", "capitalist,,,"),
        "data/claims.csv:2: field 'source_ids':",
        "needs at least one source",
    ),
    "missing source field": (
        lambda d: replace(d / "sources.yaml", "  publisher: DeepSeek\n", ""),
        "data/sources.yaml:1: field 'publisher':",
        "required field is missing",
    ),
    "duplicate source id": (
        lambda d: replace(d / "sources.yaml", "- id: example-news-2025-01-27", "- id: deepseek-api-pricing"),
        "data/sources.yaml:9: field 'id':",
        "duplicate source id",
    ),
    "the same source registered twice": (
        lambda d: replace(
            d / "sources.yaml",
            "https://news.example.org/2025/01/27/chips",
            "https://api-docs.deepseek.com/quick_start/pricing",
        ),
        "data/sources.yaml:9: field 'url':",
        "already registered as 'deepseek-api-pricing'",
    ),
    "bad URL": (
        lambda d: replace(
            d / "sources.yaml", "https://api-docs.deepseek.com/quick_start/pricing", "api-docs.deepseek.com pricing"
        ),
        "data/sources.yaml:4: field 'url':",
        "http(s) URL",
    ),
    "invalid YAML": (lambda d: append(d / "sources.yaml", "- id: [unclosed"), "data/sources.yaml:", "not valid YAML"),
    "page that does not exist": (
        lambda d: replace(d / "timeline.csv", ",page.md,", ",nowhere.md,"),
        "data/timeline.csv:2: field 'page':",
        "no page docs/nowhere.md",
    ),
    "comparison of an unknown price": (
        lambda d: replace(d / "price_comparisons.csv", "o1-vs-r1,r1,o1", "o1-vs-r1,r2,o1"),
        "data/price_comparisons.csv:2: field 'subject':",
        "no price with id 'r2'",
    ),
    "price in a currency without a rate": (
        lambda d: replace(d / "fx_rates.csv", "CNY,7.30", "EUR,0.95"),
        "data/prices.csv:4: field 'currency':",
        "no exchange rate for CNY",
    ),
    "derived fact with an unknown operand": (
        lambda d: replace(d / "derived_facts.csv", "revenue:Meta:2024", "revenue:Meta:1999"),
        "data/derived_facts.csv:2: field 'operands':",
        "no number found for 'revenue:Meta:1999'",
    ),
    "derived fact dividing by zero": (
        lambda d: append(d / "derived_facts.csv", "zero,ratio,const:1 const:0,times,0,Bad.,"),
        "data/derived_facts.csv:5: field 'operation':",
        "",
    ),
    "partial date that is not a month": (
        lambda d: replace(d / "quotes.csv", ",2025-01,", ",2025-13,"),
        "data/quotes.csv:2: field 'date':",
        "YYYY-MM-DD, YYYY-MM or YYYY",
    ),
    "unquoted comma (malformed CSV)": (
        lambda d: replace(d / "timeline.csv", '"Chip stocks fall, led by Nvidia"', "Chip stocks fall, led by Nvidia"),
        "data/timeline.csv:2:",
        "expected 7 cells",
    ),
}


def snapshot(project: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for p in (project / "snippets").rglob("*") if p.is_file()}


def generate(project: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    """`python -m scripts --root <project> generate`, called in-process: the same argument parsing,
    messages and exit status as the command line, without starting Python for each case."""
    code = main(["--root", str(project), "generate"])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("case", list(CASES))
def test_bad_input_fails_clearly_and_writes_nothing(
    project: Path, case: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert generate(project, capsys)[0] == 0
    before = snapshot(project)
    breaker, where, what = CASES[case]
    breaker(project / "data")
    code, out, err = generate(project, capsys)
    assert code == 1, out
    assert where in err and what in err, err
    assert "Traceback" not in err
    assert snapshot(project) == before, "a failed run changed snippets/"
    assert not list((project / "snippets").rglob(".tmp-*"))


@pytest.mark.parametrize("case", ["wrong type", "not UTF-8"])
def test_the_real_command_line_fails_clearly(project: Path, case: str) -> None:
    """Two cases through a real `python -m scripts` process: exit status 1 and the message on stderr."""
    assert run_scripts(project, "generate").returncode == 0
    before = snapshot(project)
    breaker, where, what = CASES[case]
    breaker(project / "data")
    result = run_scripts(project, "generate")
    assert result.returncode == 1, result.stdout
    assert where in result.stderr and what in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert snapshot(project) == before

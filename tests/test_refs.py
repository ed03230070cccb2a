"""The figure registry and the reference syntax: one id, one value, rounded once, everywhere."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import markdown
import pytest

from scripts import refs
from scripts.errors import DataError
from scripts.load import load
from tests.conftest import run_scripts


def fixture(project: Path):  # type: ignore[no-untyped-def]
    return load(project / "data", project / "docs")


def render(project: Path, text: str) -> str:
    return markdown.markdown(
        text, extensions=["footnotes", "scripts.mdext"], extension_configs={"scripts.mdext": {"root": str(project)}}
    )


def test_registry_holds_facts_and_derived_figures_unrounded(project: Path) -> None:
    figures = fixture(project).figures
    assert figures["nvda-loss"].value == Decimal("589") and figures["nvda-loss"].operation is None
    share = figures["meta-capex-share-2024"]
    assert share.value == Decimal("39.23") / Decimal("164.50") * 100  # kept unrounded
    assert share.shown == Decimal("23.8")  # rounded once, at display
    chained = figures["o1-to-r1-output"]
    assert chained.value == Decimal("60.00") / Decimal("2.19")  # built on the unrounded R1 price
    assert refs.display(chained) == "27.4×"
    assert "deepseek-api-pricing" in chained.source_ids


def test_a_figure_renders_with_its_unit_and_tooltip(project: Path) -> None:
    html = render(project, "Nvidia lost {{ nvda-loss }} in a day.\n")
    assert '<span class="fact" title="As of 27 January 2025. Source: Example News.">US&#36;589 billion</span>' in html
    assert "{{" not in html


def test_a_computed_figure_says_how(project: Path) -> None:
    html = render(project, "A share of {{meta-capex-share-2024}}.\n")
    assert 'title="Computed by this site: Capex as a share of revenue. Source: Example News.">23.8%</span>' in html


def test_code_is_left_alone(project: Path) -> None:
    html = render(project, "Write `{{ nvda-loss }}` in a page.\n\n```\n{{ nvda-loss }}\n```\n")
    assert html.count("{{ nvda-loss }}") == 2
    assert "US$589 billion" not in html


def test_a_source_footnote_is_defined_from_the_register(project: Path) -> None:
    html = render(project, "A claim.[^example-news-2025-01-27] Again.[^example-news-2025-01-27]\n")
    assert html.count('<li id="fn:') == 1  # one definition, two references
    assert '<a href="https://news.example.org/2025/01/27/chips">' in html
    assert "Accessed" in html


def test_a_page_may_still_define_its_own_footnote(project: Path) -> None:
    html = render(project, "Aside.[^mine]\n\n[^mine]: A note of our own.\n")
    assert "A note of our own." in html


@pytest.mark.parametrize(
    "text, message",
    [
        ("Lost {{ no-such-figure }}.\n", "line 1: unknown figure id 'no-such-figure'"),
        ("\nLost {{ Not An Id }}.\n", "line 2: malformed figure reference"),
        ("A claim.[^no-such-source]\n", "footnote [^no-such-source] is neither defined"),
    ],
)
def test_a_bad_reference_fails_the_render(project: Path, text: str, message: str) -> None:
    with pytest.raises(ValueError, match=message.replace("[", r"\[").replace("^", r"\^")):
        render(project, text)


def test_a_bad_reference_on_a_page_fails_the_check_naming_file_and_line(project: Path) -> None:
    (project / "docs" / "page.md").write_text("# Page\n\nLost {{ nvda-los }}.\n", encoding="utf-8")
    result = run_scripts(project, "check")
    assert result.returncode == 1
    assert "docs/page.md:3: unknown figure id 'nvda-los'" in result.stderr


def test_a_bad_reference_in_a_data_text_field_names_file_line_and_field(project: Path) -> None:
    claims = project / "data" / "claims.csv"
    claims.write_text(
        claims.read_text(encoding="utf-8").replace(
            "Andreessen is a venture capitalist", "Andreessen lost {{ nvda-loss-x }}"
        ),
        encoding="utf-8",
    )
    with pytest.raises(DataError) as exc:
        fixture(project)
    assert "data/claims.csv:2: field 'finding': unknown figure id 'nvda-loss-x'" in str(exc.value)


def test_a_data_text_field_renders_the_same_figure_as_a_page(project: Path) -> None:
    claims = project / "data" / "claims.csv"
    claims.write_text(
        claims.read_text(encoding="utf-8").replace("Andreessen is a venture capitalist", "Nvidia lost {{ nvda-loss }}"),
        encoding="utf-8",
    )
    ds = fixture(project)
    page = render(project, "Nvidia lost {{ nvda-loss }}.\n")
    span = refs.figure_html(ds.figures["nvda-loss"], ds.figures, ds.sources)
    assert span in page
    assert span in ds.rich("Nvidia lost {{ nvda-loss }}")
    assert ds.plain("Nvidia lost {{ nvda-loss }}") == "Nvidia lost US$589 billion"


def test_a_broken_derived_operand_fails_the_check_not_only_the_render(project: Path) -> None:
    derived = project / "data" / "derived_facts.csv"
    derived.write_text(
        derived.read_text(encoding="utf-8").replace("revenue:Meta:2024", "revenue:Meta:1999"), encoding="utf-8"
    )
    result = run_scripts(project, "check")
    assert result.returncode == 1
    assert "data/derived_facts.csv:2: field 'operands': no number found for 'revenue:Meta:1999'" in result.stderr

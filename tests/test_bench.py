"""Fast unit tests for bench/ (the benchmark): parsing, formatting and the page update. Nothing is timed."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from bench import bare, lighthouse, report, run, suite, weight
from bench import serve as serve_bench
from devtools import devserver, static
from tests.conftest import ROOT
from tests.test_content import FIGURE


def test_markdown_table_renders_header_rule_and_rows() -> None:
    table = report.markdown_table(["Page", "Total"], [["/", "12.0 KB"], ["/capex/", "400.1 KB"]])
    lines = table.splitlines()
    assert len(lines) == 4
    assert all(line.startswith("| ") and line.endswith(" |") for line in lines)
    assert re.fullmatch(r"\| -+ \| -+: \|", lines[1]), "first column left, the others right-aligned"
    assert [c.strip() for c in lines[3].strip("|").split("|")] == ["/capex/", "400.1 KB"]
    assert len({len(line) for line in lines}) == 1, "columns are padded to one width"


def test_markdown_table_escapes_pipes_and_checks_widths() -> None:
    table = report.markdown_table(["A", "B"], [["x|y", "z\nw"]], align="ll")
    assert "x\\|y" in table and "z w" in table
    with pytest.raises(ValueError):
        report.markdown_table(["A", "B"], [["only one"]])
    with pytest.raises(ValueError):
        report.markdown_table(["A", "B"], [], align="l")


def test_markdown_table_is_parsed_as_a_table_by_python_markdown() -> None:
    import markdown

    html = markdown.markdown(report.markdown_table(["Page", "KB"], [["/", 1]]), extensions=["tables"])
    assert "<table>" in html and "<th" in html and "<td" in html


PAGE_TEXT = "# Title\n\nProse before.\n\n<!-- bench:start -->\nold figures\n<!-- bench:end -->\n\nProse after.\n"


def test_replace_between_markers_writes_only_between_them() -> None:
    new = report.replace_between_markers(PAGE_TEXT, "| a |\n| - |\n| 1 |\n")
    before, _, rest = PAGE_TEXT.partition(report.START)
    _, _, after = rest.partition(report.END)
    assert new.startswith(before + report.START)
    assert new.endswith(report.END + after)
    assert "old figures" not in new
    assert "| a |" in new
    assert report.replace_between_markers(new, "| a |\n| - |\n| 1 |\n") == new, "a second run changes nothing"


@pytest.mark.parametrize(
    "text",
    [
        "no markers at all",
        "<!-- bench:end -->\n<!-- bench:start -->",
        "<!-- bench:start -->\n<!-- bench:start -->\n<!-- bench:end -->",
    ],
)
def test_replace_between_markers_refuses_bad_markers(text: str) -> None:
    with pytest.raises(ValueError):
        report.replace_between_markers(text, "x")


def test_the_page_has_the_markers_once_each() -> None:
    text = report.PAGE.read_text(encoding="utf-8")
    assert text.count(report.START) == 1 and text.count(report.END) == 1
    assert text.index(report.START) < text.index(report.END)


def sample_report() -> str:
    build = report.Section(
        "Build time", ["Build", "Median"], rows=[["Full", report.fmt_seconds(2.5)], ["Ratio", report.fmt_ratio(1.234)]]
    )
    assets = {"CSS": 150_000, "JS": 160_000, "Images": 0, "Other": 0}
    weights = [
        weight.PageWeight("/", {"HTML": 30_000, **assets}, 12, 250_000, 90_000),
        weight.PageWeight("/capex/", {"HTML": 200_000, **assets}, 12, 0, 120_000),
    ]
    page_weight = weight.weight_section(weights, 250_000)
    lighthouse_section = report.Section("Lighthouse", error="Lighthouse could not run here: node is not installed.")
    budgets = run.budgets_for(1.234, None, weights, {})
    return report.render_report("Run on a test machine.", [build, page_weight, lighthouse_section], budgets)


def test_report_has_a_table_per_section_and_a_budget_summary() -> None:
    report = sample_report()
    assert report.count("### ") == 4
    assert "Not measured: Lighthouse could not run here" in report
    assert re.search(r"\| Build time, full / bare +\| ≤ 1.5 +\| 1.23 +\| PASS", report)
    assert re.search(r"\| Heaviest page .*\| 498.0 KB \(/capex/\); 1 of 2 pages over \| FAIL", report)
    assert re.search(r"\| Lighthouse performance, every page +\| ≥ 95 +\| – +\| NOT MEASURED", report)


def test_report_passes_the_sites_no_typed_figures_rule() -> None:
    """The page is checked by tests/test_content.py like every other page: no "1.2×" or "95%"."""
    offenders = [line for line in sample_report().splitlines() if FIGURE.search(line)]
    assert not offenders, offenders


def test_budgets_fail_and_pass_at_their_limits() -> None:
    full = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
    low = {**full, "performance": 94, "accessibility": 99}
    budgets = {b.name: b for b in run.budgets_for(1.5, None, [], {"/": full, "/a/": low})}
    assert budgets["Build time, full / bare"].passed is True
    assert budgets["Lighthouse performance, every page"].passed is False
    assert "lowest 94 (/a/); 1 of 2 pages below" == budgets["Lighthouse performance, every page"].measured
    assert budgets["Lighthouse SEO, every page"].passed is True
    assert budgets["Heaviest page (search index aside)"].passed is None
    assert run.budgets_for(1.51, None, None, None)[0].result == "FAIL"


def test_serve_budget_needs_the_change_shown_and_the_rebuilds_stopped() -> None:
    ok = serve_bench.ServeResult(reflected=1.8, builds=2, reloads=2, settled=True, settle_time=3.9)
    loop = serve_bench.ServeResult(reflected=1.8, builds=9, reloads=9, settled=False, settle_time=None)
    assert run.budgets_for(None, ok, None, None)[1].result == "PASS"
    assert run.budgets_for(None, loop, None, None)[1].result == "FAIL"


def test_data_edit_latency_and_make_check_budgets() -> None:
    budgets = {
        b.name: b
        for b in run.budgets_for(
            None, serve_bench.ServeResult(2.4, 1, 1, True, 2.5), None, None, [suite.SuiteTime("check", 31.0, True)]
        )
    }
    assert budgets["Data edit to the served page (`mkdocs serve`)"].result == "PASS"
    assert budgets["`make check`"].result == "FAIL"
    slow = run.budgets_for(None, serve_bench.ServeResult(None, 1, 0, True, None), None, None, [])
    assert {b.name: b.result for b in slow}["Data edit to the served page (`mkdocs serve`)"] == "FAIL"
    assert {b.name: b.result for b in slow}["`make check`"] == "NOT MEASURED"


def test_suite_section_reports_times_and_failures() -> None:
    text = suite.suite_section(
        [suite.SuiteTime("check", 21.5, True), suite.SuiteTime("test", None, False, "1 failed")]
    ).render()
    assert re.search(r"\| `make check` +\| .* \| 21.50 s \| passed +\|", text)
    assert "FAILED: 1 failed" in text


def test_the_serve_benchmark_edits_a_file_no_notebook_reads() -> None:
    """Its latency target assumes the notebooks' cache survives the edit (see notebook_cache_key)."""
    from scripts.site_steps import notebook_inputs

    edited = ROOT / serve_bench.SERVE_DATA_FILE
    for notebook in (ROOT / "docs" / "notebooks").glob("*.ipynb"):
        assert edited not in notebook_inputs(notebook), f"{notebook.name} reads {serve_bench.SERVE_DATA_FILE}"
    rows = (ROOT / "snippets").rglob("*.md")
    assert serve_bench.SERVE_MARKER not in "".join(p.read_text(encoding="utf-8") for p in rows)


def test_add_marker_keeps_a_sentence(tmp_path: Path) -> None:
    path = tmp_path / "timeline.csv"
    path.write_text('date,event\n2025-01-27,"A, b."\n2025-03-12,Epoch finds a fall.\n', encoding="utf-8")
    old, new = serve_bench.change_data_file(path, "event", serve_bench.add_marker)
    assert (old, new) == ("Epoch finds a fall.", f"Epoch finds a fall ({serve_bench.SERVE_MARKER}).")
    assert path.read_text(encoding="utf-8").endswith(f"2025-03-12,{new}\n")


def test_lighthouse_report_parsing() -> None:
    report = {
        "categories": {
            "performance": {
                "score": 0.734,
                "auditRefs": [
                    {"id": "largest-contentful-paint", "weight": 25},
                    {"id": "network-requests", "weight": 0},
                ],
            },
            "accessibility": {"score": 1, "auditRefs": [{"id": "color-contrast", "weight": 7}]},
            "best-practices": {"score": None, "auditRefs": []},
        },
        "audits": {
            "largest-contentful-paint": {"score": 0.25},
            "network-requests": {"score": 0},
            "color-contrast": {"score": 1},
        },
    }
    assert lighthouse.lighthouse_scores(report) == {
        "performance": 73,
        "accessibility": 100,
        "best-practices": None,
        "seo": None,
    }
    assert lighthouse.lighthouse_losses(report) == ["performance: largest-contentful-paint"]


@pytest.mark.parametrize(
    ("url", "ctype", "rtype", "kind"),
    [
        ("http://h/capex/", "text/html; charset=utf-8", "document", "HTML"),
        ("http://h/assets/stylesheets/main.min.css", "text/css", "stylesheet", "CSS"),
        ("http://h/assets/javascripts/bundle.min.js", "application/javascript", "script", "JS"),
        ("http://h/assets/javascripts/workers/search.min.js", "text/javascript", "other", "JS"),
        ("http://h/assets/images/favicon.png", "image/png", "other", "Images"),
        ("http://h/sitemap.xml", "application/xml", "xhr", "Other"),
    ],
)
def test_resource_kind(url: str, ctype: str, rtype: str, kind: str) -> None:
    assert weight.resource_kind(url, ctype, rtype) == kind


def test_search_index_is_recognised() -> None:
    assert weight.is_search_index("http://127.0.0.1:1/search/search_index.json")
    assert not weight.is_search_index("http://127.0.0.1:1/search/other.json")


def test_serve_log_lines() -> None:
    assert devserver.serve_event("INFO    -  [08:20:01] Detected file changes") == "change"
    assert devserver.serve_event("INFO    -  Building documentation...") == "build"
    assert devserver.serve_event("INFO    -  [08:20:03] Reloading browsers") == "reload"
    assert devserver.serve_event("INFO    -  [08:20:03] Browser connected: http://127.0.0.1:8000/") is None


def test_nudge_value_and_change_data_file(tmp_path: Path) -> None:
    assert serve_bench.nudge_value("128.99") == "128.98"
    assert serve_bench.nudge_value("118.42") == "118.43"
    with pytest.raises(ValueError):
        serve_bench.nudge_value("n/a")
    path = tmp_path / "closes.csv"
    path.write_text(
        "ticker,date,close_usd,source_id\nNVDA,2025-01-27,118.42,a\nNVDA,2025-01-28,128.99,b\n", encoding="utf-8"
    )
    assert serve_bench.change_data_file(path, "close_usd") == ("128.99", "128.98")
    assert path.read_text(encoding="utf-8").splitlines()[1:] == ["NVDA,2025-01-27,118.42,a", "NVDA,2025-01-28,128.98,b"]


def test_expand_includes_inline_and_indented(tmp_path: Path) -> None:
    (tmp_path / "snippets").mkdir()
    (tmp_path / "snippets" / "fact.md").write_text("42 things\n", encoding="utf-8")
    (tmp_path / "snippets" / "table.md").write_text("| a |\n| - |\n| {!snippets/fact.md!} |\n", encoding="utf-8")
    text = "We saw {!snippets/fact.md!} today.\n\n!!! note\n    {!snippets/table.md!}\n\n{!snippets/table.md!}\n"
    assert bare.expand_includes(text, tmp_path) == (
        "We saw 42 things today.\n\n!!! note\n    | a |\n    | - |\n    | 42 things |\n\n| a |\n| - |\n| 42 things |\n"
    )


def test_expand_includes_matches_every_include_in_the_real_pages() -> None:
    for page in (ROOT / "docs").glob("*.md"):
        assert "{!" not in bare.expand_includes(page.read_text(encoding="utf-8"), ROOT), page.name


def test_filter_nav_drops_missing_pages_and_empty_sections() -> None:
    nav = [
        {"Home": "index.md"},
        {"Notebooks": [{"Demo": "notebooks/demo.ipynb"}]},
        {"Ref": [{"A": "a.md"}, {"Gone": "gone.md"}, {"Web": "https://example.org/"}]},
    ]
    kept = bare.filter_nav(nav, lambda rel: rel in {"index.md", "a.md"})
    assert kept == [{"Home": "index.md"}, {"Ref": [{"A": "a.md"}, {"Web": "https://example.org/"}]}]


def test_config_reader_keeps_env_defaults_and_relative_paths(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SITE_URL", raising=False)
    config = bare.read_config(ROOT / "mkdocs.yml")
    assert config["site_url"].startswith("http")
    assert isinstance(config["markdown_extensions"], list)
    assert "How this site is built" in str(config["nav"])


def test_formatting() -> None:
    assert report.fmt_kb(2048) == "2.0 KB"
    assert report.fmt_kb(None) == "–"
    assert report.fmt_seconds(1.234) == "1.23 s"
    assert report.fmt_ratio(1.5) == "1.50"
    assert "×" not in report.fmt_ratio(2.0)
    assert report.median([3.0, 1.0, 2.0]) == 2.0
    assert report.page_label("/") == "/" and report.page_label("capex/") == "/capex/"


def test_lighthouse_metrics_normalise_spaces() -> None:
    report = {
        "audits": {
            "first-contentful-paint": {"displayValue": "2.1\u00a0s"},
            "total-blocking-time": {"displayValue": "120\u00a0ms"},
        }
    }
    assert lighthouse.lighthouse_metrics(report) == {"FCP": "2.1 s", "LCP": "–", "TBT": "120 ms"}


def test_a_build_is_running_until_it_is_built() -> None:
    events = [
        (0.0, "change", ""),
        (0.1, "build", ""),
        (1.9, "built", ""),
        (2.0, "reload", ""),
        (2.1, "change", ""),
        (2.2, "build", ""),
    ]
    assert devserver.building(events) is True
    assert devserver.building(events[:4]) is False
    assert devserver.building([(0.0, "build", ""), (9.0, "built", "")]) is False, "start-up build: no reload line"
    assert devserver.building([*events, (4.0, "error", "")]) is False


def test_weight_table_shows_totals_before_and_after_compression() -> None:
    section = weight.weight_section(
        [weight.PageWeight("/", {k: 1024 for k in weight.RESOURCE_KINDS}, 9, 2048, 3072)], 2048
    )
    header, _, row = section.render().split("\n\n")[1].splitlines()
    assert [c.strip() for c in header.strip("|").split("|")][-3:] == ["Total", "Compressed", "Requests"]
    assert [c.strip() for c in row.strip("|").split("|")][-3:] == ["5.0 KB", "3.0 KB", "9"]


def test_local_server_compresses_text_and_serves_the_rest_as_is(tmp_path: Path) -> None:
    import gzip
    import urllib.request

    (tmp_path / "page").mkdir()
    (tmp_path / "page" / "index.html").write_text("<h1>hello</h1>" * 50, encoding="utf-8")
    (tmp_path / "a.png").write_bytes(b"\x89PNG" + bytes(100))
    with static.serve(tmp_path, compress=True) as base:
        request = urllib.request.Request(base + "page/", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] == "gzip"
            assert gzip.decompress(response.read()).decode() == "<h1>hello</h1>" * 50
        with urllib.request.urlopen(base + "page/") as response:
            assert response.headers["Content-Encoding"] is None
        request = urllib.request.Request(base + "a.png", headers={"Accept-Encoding": "gzip"})
        with urllib.request.urlopen(request) as response:
            assert response.headers["Content-Encoding"] is None and len(response.read()) == 104


def test_search_index_is_split_by_edition(tmp_path: Path) -> None:
    (tmp_path / "search").mkdir()
    docs = [
        {"location": "capex/", "title": "Capex", "text": "spend"},
        {"location": "zh/capex/", "title": "资本开支", "text": ""},
    ]
    (tmp_path / "search" / "search_index.json").write_text(json.dumps({"config": {}, "docs": docs}), encoding="utf-8")
    sizes = suite.search_index_by_edition(tmp_path)
    assert sizes == {
        "en": len(json.dumps(docs[0], ensure_ascii=False).encode()),
        "zh": len(json.dumps(docs[1], ensure_ascii=False).encode()),
    }
    assert sizes["zh"] > len(json.dumps(docs[1], ensure_ascii=False))  # Chinese counted in bytes, not characters
    assert suite.search_index_by_edition(tmp_path / "missing") == {}

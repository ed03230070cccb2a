"""The token-cost calculator: its JSON price list, and the page driven in a real browser.

The browser tests build the real site (the session fixture `site`), serve it on 127.0.0.1 and drive
Debian's /usr/bin/chromium through Playwright. Without Chromium or Playwright they are skipped, or
fail when the CI environment variable is set. Instant navigation to the calculator (and back) is
covered once, in tests/test_browser.py, on a build whose sitemap matches the server's address.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
import os
import re
from collections.abc import Iterator
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import pytest

from scripts.load import load
from scripts.records import Price
from scripts.render import calculator
from scripts.render.prices import usd_prices
from tests.browser import serve

SNIPPET = "snippets/generated/calculator-prices.md"
LINE = re.compile(r'^<script type="application/json" id="calculator-prices">(?P<json>.*)</script>\n$', re.S)


def parse(content: str) -> dict[str, Any]:
    match = LINE.match(content)
    assert match, f"not one <script> line: {content[:120]!r}"
    assert "\n" not in match["json"]
    return json.loads(match["json"])


# --- the renderer ----------------------------------------------------------------------------


def test_renderer_lists_every_price_in_usd(project: Path) -> None:
    ds = load(project / "data", project / "docs")
    files = calculator.render(ds)
    assert list(files) == [SNIPPET]
    data = parse(files[SNIPPET])
    assert data["as_of"] == "2025-01-22"  # the latest valid_from in the fixture
    rows = {row["id"]: row for row in data["prices"]}
    assert [row["id"] for row in data["prices"]] == [u.price.id for u in usd_prices(ds)]  # same order as the table
    assert rows["r1"] == {
        "id": "r1",
        "model": "DeepSeek-R1",
        "provider": "DeepSeek",
        "tier": "standard",
        "valid_from": "2025-01-20",
        "valid_to": None,
        "currency": "USD",
        "input": 0.55,
        "cached_input": 0.14,
        "output": 2.19,
        "source": {"publisher": "DeepSeek", "url": "https://api-docs.deepseek.com/quick_start/pricing"},
        "sets": ["early-2025"],  # in force on 10 February 2025; set before the article, so not "current"
    }
    assert data["sets"] == {"early-2025": "2025-02-10", "current": "2026-11-29"}  # current = the last review
    # CN¥0.8 and CN¥2.0 at 7.30 per US$, rounded to 6 decimals; no cached price stays null.
    assert (rows["doubao"]["currency"], rows["doubao"]["input"], rows["doubao"]["output"]) == (
        "CNY",
        0.109589,
        0.273973,
    )
    assert rows["doubao"]["cached_input"] is None
    assert rows["o1"]["input"] == 15 and rows["o1"]["output"] == 60 and rows["o1"]["cached_input"] == 7.5


def test_current_prices_are_lists_set_after_the_article(project: Path) -> None:
    """A list set since February 2025 and still in force is "current"; a list with an end date is not."""
    ds = load(project / "data", project / "docs")
    row = Price(
        id="later",
        model="Later",
        provider="P",
        tier="standard",
        currency="USD",
        input=Decimal(1),
        cached_input=None,
        output=Decimal(2),
        valid_from=dt.date(2025, 9, 1),
        valid_to=None,
        source_id="deepseek-api-pricing",
        note=None,
        note_zh=None,
    )
    ended = dataclasses.replace(row, valid_to=dt.date(2026, 1, 1))
    day = ds.reviewed()
    assert calculator.in_set(row, "current", day) and not calculator.in_set(row, "early-2025", calculator.EARLY_2025)
    assert not calculator.in_set(ended, "current", day)
    assert not calculator.in_set(dataclasses.replace(row, tier="off-peak"), "current", day)


def test_renderer_is_deterministic_and_compact(project: Path) -> None:
    ds = load(project / "data", project / "docs")
    first = calculator.render(ds)[SNIPPET]
    assert first == calculator.render(load(project / "data", project / "docs"))[SNIPPET]
    body = LINE.match(first)["json"]  # type: ignore[index]
    assert body == json.dumps(json.loads(body), sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def test_json_cannot_break_out_of_the_script_element() -> None:
    text = calculator.to_json({"model": "</script><b>A & B</b> {!x!} $1$", "n": 1})
    assert "<" not in text and ">" not in text and "&" not in text and "$" not in text and "{!" not in text
    assert "\\u003c/script\\u003e" in text
    assert json.loads(text) == {"model": "</script><b>A & B</b> {!x!} $1$", "n": 1}


def test_prices_are_those_of_the_prices_table(project: Path) -> None:
    """One source of truth: every number is usd_prices' figure, rounded half-up to 6 decimals."""
    ds = load(project / "data", project / "docs")
    rows = {row["id"]: row for row in parse(calculator.render(ds)[SNIPPET])["prices"]}
    for u in usd_prices(ds):
        for name in ("input", "cached_input", "output"):
            value = getattr(u, name)
            expected = None if value is None else float(value.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP))
            assert rows[u.price.id][name] == expected, (u.price.id, name)


# --- the page in a browser -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def served(request: pytest.FixtureRequest) -> Iterator[str]:
    """The built site over HTTP on a free port. CALC_SITE_DIR=<dir> reuses an existing build."""
    prebuilt = os.environ.get("CALC_SITE_DIR")
    root = Path(prebuilt) if prebuilt else request.getfixturevalue("site")
    with serve(root) as url:
        yield url


class Page:
    """A page that records console errors, uncaught exceptions and requests leaving 127.0.0.1."""

    def __init__(self, browser: Any, base: str) -> None:
        self.context = browser.new_context()
        self.page = self.context.new_page()
        self.base = base
        self.errors: list[str] = []
        self.external: list[str] = []
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("request", self._request)

    def _request(self, request: Any) -> None:
        if not request.url.startswith((self.base, "data:", "blob:")):
            self.external.append(request.url)

    def open_calculator(self) -> Any:
        self.page.goto(self.base + "calculator/")
        self.page.wait_for_selector("#calc-models input[type=checkbox]", state="attached")
        return self.page

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def tab(browser: Any, served: str) -> Iterator[Page]:
    page = Page(browser, served)
    yield page
    assert page.errors == [], f"console errors: {page.errors}"
    assert page.external == [], f"requests that left the site: {page.external}"
    page.close()


def real_prices() -> list[dict[str, Any]]:
    """The real data, computed in Python: US$ per million tokens as the calculator receives them."""

    def q(value: Decimal | None) -> Decimal | None:
        return None if value is None else value.quantize(Decimal("0.000001"), rounding=ROUND_HALF_UP)

    return [
        {
            "id": u.price.id,
            "model": u.price.model,
            "input": q(u.input),
            "cached": q(u.cached_input),
            "output": q(u.output),
        }
        for u in usd_prices(load())
    ]


def expected_cost(price: dict[str, Any], inp: Decimal, out: Decimal, share_pct: Decimal) -> Decimal:
    share = share_pct / 100
    cached = price["cached"] if price["cached"] is not None else price["input"]
    return inp * ((1 - share) * price["input"] + share * cached) + out * price["output"]


def usd_text(text: str) -> Decimal:
    match = re.fullmatch(r"US\$([\d,]+\.\d+)", text.strip())
    assert match, f"not a US$ amount: {text!r}"
    return Decimal(match[1].replace(",", ""))


def set_workload(page: Any, inp: str, out: str, cache: str) -> None:
    page.fill("#calc-input", inp)
    page.fill("#calc-output", out)
    page.fill("#calc-cache", cache)


def results_rows(page: Any) -> list[dict[str, Any]]:
    return page.eval_on_selector_all(
        "#calculator-results tbody tr",
        """rows => rows.map(r => ({
        id: r.dataset.priceId, cost: Number(r.dataset.cost), cheapest: r.classList.contains('calc-cheapest'),
        text: r.querySelector('.calc-cost').textContent, ratio: r.querySelector('.calc-ratio').textContent,
        name: r.querySelector('th').textContent}))""",
    )


def test_results_match_the_data(tab: Page) -> None:
    prices = real_prices()
    if not prices:
        pytest.skip("data/prices.csv has no rows yet")
    page = tab.open_calculator()
    assert page.is_visible("#token-calculator")
    page.check("input[name=priceSet][value=all]")
    page.click("#calc-all")
    set_workload(page, "12.5", "3", "40")
    reference = next((p for p in prices if p["id"] == "openai-o1-standard"), prices[-1])
    page.select_option("#calc-reference", reference["id"])
    page.wait_for_function("document.querySelectorAll('#calculator-results tbody tr').length > 0")
    rows = results_rows(page)
    assert sorted(r["id"] for r in rows) == sorted(p["id"] for p in prices)

    expected = {p["id"]: expected_cost(p, Decimal("12.5"), Decimal(3), Decimal(40)) for p in prices}
    ref_cost = expected[reference["id"]]
    for row in rows:
        want = expected[row["id"]]
        assert abs(Decimal(repr(row["cost"])) - want) <= Decimal("1e-9") * max(want, Decimal(1)), row
        assert abs(usd_text(row["text"]) - want) <= Decimal("0.005") + Decimal("1e-9"), row
        if row["id"] == reference["id"]:
            assert row["ratio"] == "1×" and "Reference" in row["name"]
        else:
            ratio = float(want / ref_cost)
            shown = float(row["ratio"].rstrip("×").replace(",", ""))
            assert abs(shown - ratio) <= max(0.05 * ratio, 0.006), (row, ratio)

    costs = [r["cost"] for r in rows]
    assert costs == sorted(costs), "not cheapest first"
    cheapest = min(expected.values())
    marked = {r["id"] for r in rows if r["cheapest"]}
    assert marked == {i for i, c in expected.items() if c == cheapest}
    assert all("Cheapest" in r["name"] for r in rows if r["cheapest"])
    status = page.locator("#calculator-results")
    assert status.get_attribute("role") == "status" and status.get_attribute("aria-live") == "polite"
    assert "NaN" not in page.inner_text("body")
    assert page.inner_text("[data-calc-as-of]") != ""


def test_price_sets_tick_their_own_lists(tab: Page) -> None:
    """Early 2025 and current prices are offered and labelled; each set ticks only its lists."""
    sets = calculator.payload(load())["prices"]
    early = sorted(p["id"] for p in sets if "early-2025" in p["sets"])
    current = sorted(p["id"] for p in sets if "current" in p["sets"])
    page = tab.open_calculator()
    ticked = "Array.from(document.querySelectorAll('#calc-models input:checked')).map(b => b.value).sort()"
    assert page.evaluate(ticked) == early
    assert page.inner_text("[data-calc-set-date=early-2025]") == "10 Feb 2025"
    page.check("input[name=priceSet][value=current]")
    assert page.evaluate(ticked) == current
    assert page.input_value("#calc-reference") == "openai-gpt-5-2025-08"
    assert page.locator("#calc-models li:not([hidden]) .calc-badge--set").first.inner_text() == "current"
    page.wait_for_function("document.querySelectorAll('#calculator-results tbody tr').length > 0")
    assert sorted(r["id"] for r in results_rows(page)) == current


def test_monthly_cost_unit_cases(tab: Page) -> None:
    page = tab.open_calculator()
    cases = page.evaluate("""() => {
        const c = window.TokenCalc.monthlyCost;
        const p = {input: 1, cached_input: 0.25, output: 4};
        const noCache = {input: 1, cached_input: null, output: 4};
        return {
            share0: c(p, {input: 10, output: 2, cacheShare: 0}),
            share100: c(p, {input: 10, output: 2, cacheShare: 100}),
            share50: c(p, {input: 10, output: 2, cacheShare: 50}),
            missingCached100: c(noCache, {input: 10, output: 2, cacheShare: 100}),
            absentCached100: c({input: 1, output: 4}, {input: 10, output: 2, cacheShare: 100}),
            strings: c(p, {input: "10", output: "2", cacheShare: "0"}),
            zero: c(p, {input: 0, output: 0, cacheShare: 0}),
            negative: c(p, {input: -1, output: 2, cacheShare: 0}),
            badShare: c(p, {input: 1, output: 2, cacheShare: 101}),
            text: c(p, {input: "abc", output: 2, cacheShare: 0}),
            huge: c(p, {input: 2e6, output: 2, cacheShare: 0}),
            infinite: c(p, {input: Infinity, output: 2, cacheShare: 0}),
            badPrice: c({input: NaN, output: 4}, {input: 1, output: 1, cacheShare: 0}),
        };
    }""")
    assert cases["share0"] == 18  # 10 × 1 + 2 × 4
    assert cases["share100"] == 10.5  # 10 × 0.25 + 2 × 4
    assert cases["share50"] == 14.25  # 10 × (0.5 × 1 + 0.5 × 0.25) + 8
    assert cases["missingCached100"] == 18  # no cached price: full input price
    assert cases["absentCached100"] == 18
    assert cases["strings"] == 18
    assert cases["zero"] == 0
    for bad in ("negative", "badShare", "text", "huge", "infinite", "badPrice"):
        assert cases[bad] is None, bad

    checks = page.evaluate("""() => {
        const v = window.TokenCalc.validate;
        return [
            v({input: "", output: "1", cacheShare: "0"}),
            v({input: "-3", output: "1", cacheShare: "0"}),
            v({input: "ten", output: "1", cacheShare: "0"}),
            v({input: "1", output: "1", cacheShare: "120"}),
            v({input: "1", output: "2000000", cacheShare: "0"}),
            v({input: "1,5", output: "1", cacheShare: "0"}),
            v({input: "1e3", output: "0.5", cacheShare: "12.5"}),
        ];
    }""")
    fields = [[e["field"] for e in c["errors"]] for c in checks]
    assert fields == [["input"], ["input"], ["input"], ["cacheShare"], ["output"], ["input"], []]
    assert checks[-1]["ok"] is True and all(c["ok"] is False for c in checks[:-1])
    assert all(e["message"] for c in checks for e in c["errors"])

    compared = page.evaluate("""() => window.TokenCalc.compare(
        [{id: "a", input: 2, cached_input: null, output: 8}, {id: "b", input: 1, cached_input: 0.5, output: 2},
         {id: "free", input: 0, cached_input: 0, output: 0}],
        {input: 1, output: 1, cacheShare: 0}, "a")""")
    assert [(r["id"], r["cost"], r["ratio"], r["cheapest"]) for r in compared["rows"]] == [
        ("free", 0, 0, True),
        ("b", 3, 0.3, False),
        ("a", 10, 1, False),
    ]
    free_ref = page.evaluate("""() => window.TokenCalc.compare(
        [{id: "free", input: 0, output: 0}, {id: "b", input: 1, output: 2}],
        {input: 1, output: 1, cacheShare: 0}, "free")""")
    assert [r["ratio"] for r in free_ref["rows"]] == [None, None]  # no ratio to a free reference
    money = page.evaluate("""() => [0, 0.004, 0.0123, 1234.5, 1e9].map(window.TokenCalc.formatUsd)""")
    assert money == ["US$0.00", "US$0.0040", "US$0.01", "US$1,234.50", "US$1,000,000,000.00"]
    ratios = page.evaluate(
        """() => [1234.4, 27.4, 1.26, 1, 0.0333, 0, null, Infinity].map(window.TokenCalc.formatRatio)"""
    )
    assert ratios == ["1,234×", "27×", "1.3×", "1×", "0.033×", "0×", "n/a", "n/a"]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("#calc-input", "", "enter a number"),
        ("#calc-input", "-5", "cannot be negative"),
        ("#calc-output", "lots", "is not a number"),
        ("#calc-cache", "150", "between 0 and 100"),
        ("#calc-input", "5000000", "implausibly large"),
        ("#calc-output", "1e400", "too large"),
    ],
)
def test_bad_input_shows_a_message_and_no_nan(tab: Page, field: str, value: str, message: str) -> None:
    page = tab.open_calculator()
    page.fill(field, value)
    error = page.locator(f"{field}-error")
    error.wait_for(state="visible")
    assert message in error.inner_text()
    assert page.get_attribute(field, "aria-invalid") == "true"
    assert f"{field[1:]}-error" in (page.get_attribute(field, "aria-describedby") or "")
    assert "Correct the highlighted field" in page.inner_text("#calculator-results")
    body = page.inner_text("body")
    assert "NaN" not in body and "Infinity" not in body
    page.fill(field, "1")
    error.wait_for(state="hidden")
    assert page.get_attribute(field, "aria-invalid") is None
    assert page.locator("#calculator-results tbody tr").count() > 0


def test_no_model_selected_says_so(tab: Page) -> None:
    page = tab.open_calculator()
    page.click("#calc-none")
    assert "Choose at least one model" in page.inner_text("#calc-models-error")
    assert "NaN" not in page.inner_text("body")


def test_keyboard_only(tab: Page) -> None:
    page = tab.open_calculator()
    page.focus("#calc-input")
    page.keyboard.press("Control+A")
    page.keyboard.type("100")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "calc-output"
    page.keyboard.press("Enter")  # submits; must not reload the page
    first = page.locator("#calc-models input[type=checkbox]").first
    first.focus()
    before = first.is_checked()
    page.keyboard.press("Space")
    assert first.is_checked() is not before
    for input_id in ("calc-input", "calc-output", "calc-cache", "calc-reference"):
        assert page.locator(f"label[for={input_id}]").count() == 1
    assert page.url.endswith("/calculator/")
    assert "100 million input tokens" in page.inner_text("#calculator-results")


def test_without_javascript_the_prices_table_remains(browser: Any, served: str) -> None:
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(served + "calculator/")
        assert page.locator("#all-prices").count() == 1
        headers = page.locator("#all-prices ~ * th").all_inner_texts()
        assert "Input (US$/M tokens)" in headers and "Output (US$/M tokens)" in headers
        # Chromium with scripts disabled through DevTools still parses <noscript> as text, so the form's
        # hiding rule cannot take effect here: check the markup that hides it in a real no-script browser.
        head = page.locator("head").inner_html()
        assert "<noscript><style>.calc { display: none; }</style></noscript>" in head
        assert page.locator("#calculator-app[hidden]").count() == 0, (
            "the form must not wait for JS to appear (layout shift)"
        )
        assert "The calculator needs JavaScript" in page.locator("main noscript").inner_html()
    finally:
        context.close()

"""Tables on a phone, in Chromium: at 375 px no table scrolls sideways (each row is a labelled
block), at 1280 px every table is still a grid. Helpers and the site server are those of
tests/browser.py; the page list is test_browser.PAGES, so a new page is covered without edits here.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.browser import serve
from tests.test_browser import HEIGHT, PAGES, label

# Every table and Material's scrolling wrapper around it, with its widths, and the widths of the page.
TABLES_JS = """() => {
  const boxes = [...document.querySelectorAll(".md-content table, .md-content .md-typeset__scrollwrap")];
  return {
    doc: [document.documentElement.scrollWidth, window.innerWidth],
    boxes: boxes.map((el, i) => ({
      i, tag: el.tagName.toLowerCase(), scroll: el.scrollWidth, client: el.clientWidth,
      thead: el.tHead ? getComputedStyle(el.tHead).display : null,
      display: getComputedStyle(el).display,
      unlabelled: el.tagName === "TABLE" && el.tHead
        ? [...el.tBodies].flatMap(b => [...b.rows]).flatMap(r => [...r.cells])
            .filter(c => !c.hasAttribute("data-label")).length
        : 0,
    })),
  };
}"""


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


def measure(browser: Any, base_url: str, path: str, scheme: str, width: int) -> dict[str, Any]:
    ctx = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": HEIGHT}, base_url=base_url)
    try:
        page = ctx.new_page()
        page.set_default_timeout(15_000)
        page.goto(path, wait_until="load")
        if path == "calculator/":  # its results table is drawn by calculator.js
            page.locator("#calculator-results table").wait_for(state="attached")
        return page.evaluate(TABLES_JS)
    finally:
        ctx.close()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES, ids=label)
def test_tables_fit_a_phone(browser: Any, base_url: str, path: str, scheme: str) -> None:
    """At 375 px: no table and no table wrapper is wider than its box, the page does not scroll
    sideways, and every body cell of a table with a header row carries its column's label."""
    found = measure(browser, base_url, path, scheme, 375)
    too_wide = [b for b in found["boxes"] if b["scroll"] > b["client"] + 1]
    assert not too_wide, f"{label(path)} ({scheme}, 375 px): boxes scroll sideways: {too_wide}"
    scroll_width, inner = found["doc"]
    assert scroll_width <= inner + 1, f"{label(path)} scrolls sideways at 375 px ({scroll_width} > {inner})"
    unlabelled = [b for b in found["boxes"] if b["unlabelled"]]
    assert not unlabelled, f"{label(path)}: table cells without data-label: {unlabelled}"


@pytest.mark.parametrize(
    "path",
    [
        p
        for p in PAGES
        if p in {"", "claims/", "sources/", "capex/", "glossary/", "timeline/", "calculator/", "price-collapse/"}
    ],
    ids=label,
)
def test_tables_stay_grids_on_wide_screens(browser: Any, base_url: str, path: str) -> None:
    """At 1280 px every table is laid out as a table, with its header row shown."""
    found = measure(browser, base_url, path, "light", 1280)
    tables = [b for b in found["boxes"] if b["tag"] == "table"]
    assert tables, f"{label(path)} has no table"
    for table in tables:
        assert table["display"] in {"table", "inline-block"}, f"{label(path)}: {table}"
        assert table["thead"] not in {None, "none", "block"}, f"{label(path)}: header row not shown as a grid: {table}"

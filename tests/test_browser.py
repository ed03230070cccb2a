"""The built site in a real browser: every page in both colour schemes at phone and desktop widths,
search in both editions, the palette toggle, the language switch and axe-core accessibility checks.

Debian's /usr/bin/chromium is driven through Playwright (helpers in tests/browser.py). One browser
serves the whole session and one browser context each colour scheme and width; each test opens its
own tab. Without Chromium or Playwright the tests are skipped, or fail when CI is set.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

import pytest

from scripts.editions import built_path
from tests.browser import CSP_LISTENER, Recorder, pages, serve
from tests.conftest import ROOT, build_site

SCHEMES = {"light": "default", "dark": "slate"}  # Playwright color_scheme -> Material's data-md-color-scheme
WIDTHS = (375, 1280)
AXE_WIDTH = 1280
HEIGHT = 900


def source_pages() -> list[str]:
    """The pages of the site as URL paths ('' for home), from docs/: every .md file (and every
    notebook, once mkdocs-jupyter is a plugin) is a page at <name>/. Parameters must be known
    before the session fixture `site` builds, so test_pages_match_the_build checks the build."""
    docs = ROOT / "docs"
    sources = list(docs.rglob("*.md"))
    if re.search(r"^\s*-\s*mkdocs-jupyter\b", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M):
        sources += docs.rglob("*.ipynb")
    english = [src.relative_to(docs).as_posix() for src in sources if ".zh." not in src.name]
    # Every English page has a Chinese twin: its translation, or the English page when none exists yet.
    return sorted({built_path(p) for p in english} | {"zh/" + built_path(p) for p in english})


PAGES = source_pages()

# A short CSS-like name for an element in failure messages: tag#id.class.es
NAME_JS = """const name = el => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "") +
  (typeof el.className === "string" && el.className.trim() ? "." + el.className.trim().split(/\\s+/).join(".") : "");"""

# Widest elements, reported when a page scrolls sideways: those sticking out of the window and not
# clipped by a scrolling (or clipping) ancestor.
OVERFLOW_JS = """() => {
  NAME_JS
  const w = window.innerWidth, out = [];
  for (const el of document.querySelectorAll("body *")) {
    const r = el.getBoundingClientRect();
    if (!r.width || r.right <= w + 1) continue;
    let clipped = false;
    for (let a = el.parentElement; a && a !== document.body; a = a.parentElement) {
      if (["auto", "scroll", "hidden", "clip"].includes(getComputedStyle(a).overflowX)) { clipped = true; break; }
    }
    if (!clipped) out.push(`${name(el)} right=${Math.round(r.right)}`);
  }
  return out.slice(0, 10);
}""".replace("NAME_JS", NAME_JS)

# Boxes that scroll but that a keyboard cannot reach: neither focusable nor holding anything that
# is (axe's scrollable-region-focusable, checked here at both widths since axe runs at 1280 only).
UNREACHABLE_SCROLLERS_JS = """() => {
  NAME_JS
  const FOCUSABLE = "a[href], button, input, select, textarea, summary, [tabindex]:not([tabindex='-1'])";
  const out = [];
  for (const el of document.querySelectorAll("body *")) {
    const s = getComputedStyle(el);
    const x = /auto|scroll/.test(s.overflowX) && el.scrollWidth > el.clientWidth + 1;
    const y = /auto|scroll/.test(s.overflowY) && el.scrollHeight > el.clientHeight + 1;
    if (!(x || y) || el.matches(FOCUSABLE) || el.querySelector(FOCUSABLE)) continue;
    out.push(`${name(el)} (${el.scrollWidth}x${el.scrollHeight} in ${el.clientWidth}x${el.clientHeight})`);
  }
  return out;
}""".replace("NAME_JS", NAME_JS)


# --- fixtures ---------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def base_url(site: Path) -> Iterator[str]:
    with serve(site) as url:
        yield url


@pytest.fixture(scope="module")
def context_for(browser: Any, base_url: str) -> Iterator[Callable[[str, int], Any]]:
    """One browser context per (colour scheme, width), created on first use and kept."""
    contexts: dict[tuple[str, int], Any] = {}

    def get(scheme: str, width: int) -> Any:
        if (scheme, width) not in contexts:
            contexts[scheme, width] = ctx = browser.new_context(
                color_scheme=scheme, viewport={"width": width, "height": HEIGHT}, base_url=base_url
            )
            ctx.add_init_script(CSP_LISTENER)
        return contexts[scheme, width]

    yield get
    for ctx in contexts.values():
        ctx.close()


@pytest.fixture
def fresh(browser: Any, base_url: str) -> Iterator[Callable[..., Any]]:
    """New contexts with no stored palette or search state, closed after the test."""
    made: list[Any] = []

    def new(scheme: str = "light", width: int = 1280) -> Any:
        ctx = browser.new_context(color_scheme=scheme, viewport={"width": width, "height": HEIGHT}, base_url=base_url)
        ctx.add_init_script(CSP_LISTENER)
        made.append(ctx)
        return ctx

    yield new
    for ctx in made:
        ctx.close()


def open_tab(ctx: Any, base_url: str) -> tuple[Any, Recorder]:
    page = ctx.new_page()
    page.set_default_timeout(15_000)
    return page, Recorder(page, base_url)


def assert_clean(rec: Recorder, where: str) -> None:
    problems = rec.problems()
    assert not problems, f"{where}: " + json.dumps(problems, indent=2)


def label(path: str) -> str:
    return path.rstrip("/") or "home"


# --- the pages ----------------------------------------------------------------------------------


def test_pages_match_the_build(site: Path) -> None:
    """The parametrised page list is every page in the build and in the sitemap, and only those."""
    built = pages(site)
    assert built == PAGES, f"built pages {built} differ from docs/ {PAGES}"
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9"}
    listed = sorted(
        urlsplit(loc.text or "").path.lstrip("/")
        for loc in ET.parse(site / "sitemap.xml").getroot().findall("s:url/s:loc", ns)
    )
    assert listed == PAGES


@pytest.fixture(scope="module")
def axe() -> Any:
    try:
        from axe_playwright_python.sync_playwright import Axe
    except ImportError:
        pytest.fail("axe-playwright-python is not installed (it is in requirements.lock)")
    return Axe()


def axe_report(violations: list[dict[str, Any]]) -> str:
    lines = []
    for v in violations:
        lines.append(f"{v['id']} ({v['impact']}): {v['help']} [{len(v['nodes'])} nodes] {v['helpUrl']}")
        for node in v["nodes"][:5]:
            summary = " ".join(node.get("failureSummary", "").split())
            lines.append(f"    {node['target']}: {summary[:300]}")
    return "\n".join(lines)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("path", [*PAGES, "404.html"], ids=label)  # GitHub Pages serves 404.html for unknown URLs
def test_page(
    context_for: Callable[[str, int], Any], base_url: str, axe: Any, path: str, scheme: str, width: int
) -> None:
    """One visit per page, colour scheme and width, checking everything a page must satisfy:

    - no console error, no failed request, nothing fetched from another host, and no
      Content-Security-Policy violation (the build adds a CSP <meta> to every page);
    - the scheme follows the system setting;
    - the page never scrolls sideways, and every box that scrolls inside it can be reached with the keyboard;
    - axe-core finds no accessibility violation, with every rule enabled (at the desktop width; at
      phone width the layout differs but the markup is the same, so the desktop run covers the rules).
    """
    page, rec = open_tab(context_for(scheme, width), base_url)
    where = f"{label(path)} ({scheme}, {width}px)"
    try:
        page.goto(path, wait_until="load")
        rec.settle()  # the search worker, its index and the sitemap have loaded too: their failures count here
        assert page.evaluate("document.body.getAttribute('data-md-color-scheme')") == SCHEMES[scheme]
        scroll_width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert scroll_width <= inner + 1, (
            f"{label(path)} scrolls sideways at {width}px ({scroll_width} > {inner}); "
            f"too wide: {page.evaluate(OVERFLOW_JS)}"
        )
        unreachable = page.evaluate(UNREACHABLE_SCROLLERS_JS)
        assert not unreachable, f"{label(path)} at {width}px: scrolling boxes a keyboard cannot reach: {unreachable}"
        assert_clean(rec, where)
        if width == AXE_WIDTH:
            violations = axe.run(page).response["violations"]
            assert not violations, f"{where}:\n{axe_report(violations)}"
    finally:
        page.close()


def test_csp_listener_sees_a_violation(context_for: Callable[[str, int], Any], base_url: str) -> None:
    """The CSP check above can fail: an inline script the build did not hash is refused and reported."""
    page, rec = open_tab(context_for("light", 1280), base_url)
    try:
        page.goto("", wait_until="load")
        page.evaluate("""() => { const s = document.createElement("script");
                                 s.textContent = "window.__ran = true"; document.body.append(s); }""")
        page.wait_for_function("window.__cspViolations.length > 0")
        assert page.evaluate("window.__ran === undefined"), "the policy let an unhashed inline script run"
        assert any("script-src" in v for v in rec.csp_violations()), rec.csp_violations()
    finally:
        page.close()


# --- search -----------------------------------------------------------------------------------


def block_other_hosts(ctx: Any, base_url: str) -> list[str]:
    """Abort every request that would leave the local server, as if offline; returns their URLs."""
    netloc = urlsplit(base_url).netloc
    blocked: list[str] = []

    def handle(route: Any) -> None:
        url = route.request.url
        if urlsplit(url).scheme in {"http", "https", "ws", "wss"} and urlsplit(url).netloc != netloc:
            blocked.append(url)
            route.abort("internetdisconnected")
        else:
            route.continue_()

    ctx.route("**/*", handle)
    return blocked


@pytest.fixture(scope="module")
def search_tab(browser: Any, base_url: str) -> Iterator[tuple[Any, Recorder, list[str]]]:
    ctx = browser.new_context(
        color_scheme="light", viewport={"width": 1280, "height": HEIGHT}, base_url=base_url, service_workers="block"
    )
    ctx.add_init_script(CSP_LISTENER)
    blocked = block_other_hosts(ctx, base_url)
    page, rec = open_tab(ctx, base_url)
    yield page, rec, blocked
    ctx.close()


@pytest.mark.parametrize(
    ("term", "expected"),
    [
        ("Jevons", {"jevons-paradox/"}),
        ("distillation", {"distillation/", "notebooks/distillation-in-a-minute/"}),
        # Nvidia has a section on both pages; which ranks first depends on how often each mentions it.
        ("Nvidia", {"jevons-paradox/", "sputnik-moment/", "what-happened-next/"}),
        ("capex", {"capex/"}),
        # The Chinese edition: jieba splits Chinese text into words at build time, so a word finds its page.
        ("蒸馏", {"zh/distillation/"}),
        ("杰文斯悖论", {"zh/jevons-paradox/"}),
        ("资本开支", {"zh/capex/"}),
        ("斯普特尼克", {"zh/sputnik-moment/"}),
    ],
)
def test_search_finds_key_terms(
    search_tab: tuple[Any, Recorder, list[str]], base_url: str, term: str, expected: set[str]
) -> None:
    """Material's search (a web worker and index from the site itself) finds each term offline."""
    page, rec, blocked = search_tab
    page.goto("zh/" if not term.isascii() else "", wait_until="load")
    rec.settle()  # the worker has its index
    page.keyboard.press("/")  # Material's shortcut opens the search dialog and focuses the input
    query = page.locator("input.md-search__input")
    query.wait_for(state="visible")
    assert page.evaluate("document.activeElement && document.activeElement.matches('input.md-search__input')")
    if term.isascii():
        query.press_sequentially(term, delay=20)
    else:  # an input method delivers a Chinese word at once, not key by key
        query.fill(term)
        query.press("End")  # Material searches on key events
    first = page.locator(".md-search-result__item").first
    first.wait_for(state="visible")
    href = first.locator("a.md-search-result__link").first.get_attribute("href") or ""
    target = urlsplit(urljoin(page.url, href))
    assert target.path in {urlsplit(base_url + e).path for e in expected}, f"first result for {term!r} is {href}"
    titles = page.locator(".md-search-result__item").all_inner_texts()
    assert any(term.lower() in t.lower() for t in titles), f"{term!r} not in the results: {titles[:3]}"
    assert blocked == [], f"search tried to leave the site: {blocked}"
    assert_clean(rec, f"search for {term!r}")


# --- palette ----------------------------------------------------------------------------------


AUTO, LIGHT, DARK = "(prefers-color-scheme)", "(prefers-color-scheme: light)", "(prefers-color-scheme: dark)"


def palette_state(page: Any) -> tuple[str, str]:
    """(data-md-color-media, data-md-color-scheme) on <body>: which palette is chosen, and the scheme shown."""
    return tuple(page.evaluate("['media', 'scheme'].map(k => document.body.getAttribute('data-md-color-' + k))"))


def test_palette_toggle_cycles(fresh: Callable[..., Any], base_url: str) -> None:
    """automatic -> light -> dark -> automatic; the choice survives a page load."""
    page, rec = open_tab(fresh("dark"), base_url)  # a dark system, so automatic and light look different
    page.goto("", wait_until="load")
    assert palette_state(page) == (AUTO, "slate")

    def toggle(media: str) -> None:
        labels = page.locator("form[data-md-component=palette] label:visible")
        assert labels.count() == 1, "exactly one palette toggle should be visible"
        assert labels.first.get_attribute("title"), "the toggle has no title saying what it does"
        labels.first.click()
        page.wait_for_function("m => document.body.getAttribute('data-md-color-media') === m", arg=media)

    toggle(LIGHT)
    assert palette_state(page) == (LIGHT, "default")
    toggle(DARK)
    assert palette_state(page) == (DARK, "slate")
    toggle(AUTO)
    assert palette_state(page) == (AUTO, "slate")
    toggle(LIGHT)  # light again: a full page load keeps it although the system is dark
    rec.settle()  # let the search worker finish loading, or leaving the page aborts its fetch
    page.goto("capex/", wait_until="load")
    assert palette_state(page) == (LIGHT, "default")
    assert_clean(rec, "palette toggle")


# --- the language switch -----------------------------------------------------------------------


@pytest.fixture(scope="module")
def addressed_base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The site built for the address it is served at.

    Material's language switch finds the same page in the other edition through that edition's
    sitemap.xml, and it adopts just the protocol and host name of the page's address for the
    sitemap's URLs, not the port: served on a random port, a build for the default site_url
    (http://127.0.0.1:8000/) would fall back to the other edition's home page. So the server binds
    its free port first and the site is built with SITE_URL set to it, as the deploy workflow does.
    """
    dest = tmp_path_factory.mktemp("addressed-site")
    with serve(dest) as url:
        result = build_site(dest, env={"SITE_URL": url})
        assert result.returncode == 0, result.stdout + result.stderr
        yield url


@pytest.mark.parametrize(
    ("start", "lang", "target"),
    [
        ("capex/", "zh", "zh/capex/"),
        ("zh/what-is-deepseek/", "en", "what-is-deepseek/"),
        ("notebooks/jevons-paradox-in-numbers/", "zh", "zh/notebooks/jevons-paradox-in-numbers/"),
    ],
)
def test_language_switch_leads_to_the_same_page(
    browser: Any, addressed_base: str, start: str, lang: str, target: str
) -> None:
    """The switch in the header takes the reader to the same page in the other edition."""
    ctx = browser.new_context(color_scheme="light", viewport={"width": 1280, "height": HEIGHT}, base_url=addressed_base)
    ctx.add_init_script(CSP_LISTENER)
    try:
        page, rec = open_tab(ctx, addressed_base)
        page.goto(start, wait_until="load")
        rec.settle()  # the switch has read both editions' sitemaps
        page.locator(".md-header__option .md-select").first.hover()
        page.locator(f"a.md-select__link[hreflang={lang}]").first.click()
        page.wait_for_url(addressed_base + target)
        assert page.evaluate("document.documentElement.lang") == lang
        rec.settle()
        assert_clean(rec, f"language switch from {start}")
    finally:
        ctx.close()

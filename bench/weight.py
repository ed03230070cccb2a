"""Page weight: every page loaded once in Chromium from a local static server, bytes by type."""

from __future__ import annotations

import contextlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.report import Section, fmt_kb, page_label
from devtools import chromium

RESOURCE_KINDS = ("HTML", "CSS", "JS", "Images", "Other")


def resource_kind(url: str, content_type: str = "", resource_type: str = "") -> str:
    """HTML, CSS, JS, Images or Other, from the browser's resource type, content type and URL."""
    ctype = content_type.split(";")[0].strip().lower()
    path = url.split("?")[0].split("#")[0].lower()
    if resource_type == "document" or ctype in ("text/html", "application/xhtml+xml") or path.endswith((".html", "/")):
        return "HTML"
    if resource_type == "stylesheet" or ctype == "text/css" or path.endswith(".css"):
        return "CSS"
    if resource_type == "script" or "javascript" in ctype or path.endswith((".js", ".mjs")):
        return "JS"
    if (
        resource_type == "image"
        or ctype.startswith("image/")
        or path.endswith((".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".ico"))
    ):
        return "Images"
    return "Other"


def is_search_index(url: str) -> bool:
    return url.split("?")[0].endswith("search/search_index.json")


def site_pages(site: Path) -> list[str]:
    """URL paths of every page of the built site ("/" first), 404 page aside."""
    pages = []
    for path in site.rglob("index.html"):
        rel = path.parent.relative_to(site).as_posix()
        pages.append("/" if rel == "." else f"/{rel}/")
    return sorted(pages, key=lambda p: (p != "/", p))


@dataclass
class PageWeight:
    path: str
    by_kind: dict[str, int]
    requests: int
    search_index: int  # bytes of search/search_index.json fetched on load (0 if not fetched)
    transferred: int = 0  # bytes over the wire (compressed), search index aside

    @property
    def total(self) -> int:
        return sum(self.by_kind.values())


def measure_weights(base: str, pages: Sequence[str]) -> list[PageWeight]:
    from playwright.sync_api import sync_playwright

    problem = chromium.missing()
    if problem:
        raise RuntimeError(problem)
    results = []
    with sync_playwright() as pw:
        browser = chromium.launch(pw)
        try:
            for path in pages:
                context = browser.new_context()  # a fresh cache: a first visit to this page
                seen: list[Any] = []
                context.on("requestfinished", seen.append)
                page = context.new_page()
                page.goto(base + path, wait_until="load")
                with contextlib.suppress(Exception):
                    page.wait_for_load_state("networkidle", timeout=10_000)
                page.wait_for_timeout(300)
                by_kind = dict.fromkeys(RESOURCE_KINDS, 0)
                requests = 0
                search_index = 0
                transferred = 0
                for request in list(seen):
                    response = request.response()
                    if response is None:
                        continue
                    try:
                        size = len(response.body())
                    except Exception:  # noqa: BLE001 (redirects and aborted bodies have none)
                        size = max(0, request.sizes().get("responseBodySize", 0))
                    if is_search_index(request.url):
                        search_index += size
                        continue
                    requests += 1
                    with contextlib.suppress(Exception):
                        transferred += max(0, request.sizes().get("responseBodySize", 0))
                    kind = resource_kind(request.url, response.headers.get("content-type", ""), request.resource_type)
                    by_kind[kind] += size
                results.append(PageWeight(path, by_kind, requests, search_index, transferred))
                context.close()
        finally:
            browser.close()
    return results


def weight_section(weights: Sequence[PageWeight], index_size: int | None, compressed: bool = True) -> Section:
    section = Section("Page weight", ["Page", *RESOURCE_KINDS, "Total", "Compressed", "Requests"])
    for w in weights:
        kinds = (fmt_kb(w.by_kind[k]) for k in RESOURCE_KINDS)
        section.rows.append([page_label(w.path), *kinds, fmt_kb(w.total), fmt_kb(w.transferred), w.requests])
    fetched = sum(1 for w in weights if w.search_index)
    section.notes.append(
        f"Search index (`search/search_index.json`): {fmt_kb(index_size)} ({index_size or 0:,} bytes), "
        "fetched on load by "
        f"{fetched} of {len(weights)} pages and left out of the totals and request counts above."
    )
    how = "compresses text with gzip, as GitHub Pages does" if compressed else "does not compress"
    section.notes.append(
        f"Each page is loaded once in Chromium with an empty cache, from a local server that {how}. "
        "The type columns and Total are sizes before compression (the budget); Compressed is what crossed "
        "the wire. 1 KB is 1024 bytes."
    )
    return section

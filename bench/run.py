"""`make bench`: run every measurement, print the report and write it into docs/how-this-site-is-built.md."""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import os
import platform
import subprocess
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from bench.bare import measure_builds, timed_build
from bench.lighthouse import CATEGORY_NAMES, LIGHTHOUSE_MIN, lighthouse_section
from bench.report import (
    PAGE,
    Budget,
    Section,
    _short,
    fmt_kb,
    fmt_ratio,
    fmt_seconds,
    log,
    page_label,
    render_report,
    replace_between_markers,
)
from bench.serve import ServeResult, measure_serve
from bench.suite import SuiteTime, search_index_by_edition, search_index_size, suite_section, time_target
from bench.weight import PageWeight, measure_weights, site_pages, weight_section
from devtools.net import free_port
from devtools.project import ROOT, mkdocs_env
from devtools.static import serve as static_server

BUILD_RATIO_MAX = 1.5  # full build time / bare Material build time
PAGE_KB_MAX = 400  # per page, before compression, search index aside (1 KB = 1024 bytes)
SERVE_EDIT_MAX = 3.0  # seconds from a data edit to the served page showing it
CHECK_MAX = 30.0  # seconds for `make check`
SECTIONS = ["builds", "serve", "suite", "weight", "lighthouse"]


def tool_versions() -> str:
    versions = []
    for name in ("mkdocs", "mkdocs-material"):
        with contextlib.suppress(Exception):
            from importlib.metadata import version

            versions.append(f"{name} {version(name)}")
    return ", ".join(versions)


def meta_line(now: dt.datetime, load_before: str, load_after: str) -> str:
    return (
        f"Run on {now:%Y-%m-%d %H:%M} UTC on a machine with nproc {_nproc()}, "
        f"Python {platform.python_version()}, {tool_versions()}. "
        f"One-minute load average {load_before} at the start, {load_after} at the end."
    )


def load_average() -> str:
    try:
        return f"{os.getloadavg()[0]:.1f}"
    except OSError:
        return "unknown"


def _nproc() -> str:
    with contextlib.suppress(Exception):
        return subprocess.run(["nproc"], capture_output=True, text=True, check=True).stdout.strip()
    return str(os.cpu_count())


def budgets_for(
    ratio: float | None,
    serve: ServeResult | None,
    weights: Sequence[PageWeight] | None,
    scores: dict[str, dict[str, int | None]] | None,
    suite: Sequence[SuiteTime] | None = None,
) -> list[Budget]:
    budgets = [
        Budget(
            "Build time, full / bare",
            f"≤ {BUILD_RATIO_MAX}",
            fmt_ratio(ratio),
            None if ratio is None else ratio <= BUILD_RATIO_MAX,
        )
    ]
    if serve is None:
        budgets.append(Budget("Serve settles after one data change", "no rebuild loop", "–", None))
    else:
        budgets.append(
            Budget(
                "Serve settles after one data change",
                "no rebuild loop",
                f"{serve.builds} builds, then quiet" if serve.settled else "still rebuilding",
                serve.settled and serve.reflected is not None,
            )
        )
    budgets.append(
        Budget(
            "Data edit to the served page (`mkdocs serve`)",
            f"≤ {SERVE_EDIT_MAX:.0f} s",
            fmt_seconds(serve.reflected if serve else None),
            None if serve is None else serve.reflected is not None and serve.reflected <= SERVE_EDIT_MAX,
        )
    )
    check = next((t for t in suite or () if t.target == "check"), None)
    budgets.append(
        Budget(
            "`make check`",
            f"≤ {CHECK_MAX:.0f} s",
            fmt_seconds(check.seconds if check else None),
            None if check is None else check.passed and (check.seconds or 0) <= CHECK_MAX,
        )
    )
    if not weights:
        budgets.append(Budget("Heaviest page (search index aside)", f"≤ {PAGE_KB_MAX} KB", "–", None))
    else:
        heaviest = max(weights, key=lambda w: w.total)
        over = [w for w in weights if w.total > PAGE_KB_MAX * 1024]
        budgets.append(
            Budget(
                "Heaviest page (search index aside)",
                f"≤ {PAGE_KB_MAX} KB",
                f"{fmt_kb(heaviest.total)} ({page_label(heaviest.path)}); {len(over)} of {len(weights)} pages over",
                not over,
            )
        )
    for key, minimum in LIGHTHOUSE_MIN.items():
        values = {p: s[key] for p, s in (scores or {}).items() if s.get(key) is not None}
        name = f"Lighthouse {CATEGORY_NAMES[key].lower() if key != 'seo' else 'SEO'}, every page"
        if not values:
            budgets.append(Budget(name, f"≥ {minimum}", "–", None))
            continue
        worst_page = min(values, key=lambda p: values[p])  # type: ignore[arg-type, return-value]
        below = sum(1 for v in values.values() if v is not None and v < minimum)
        budgets.append(
            Budget(
                name,
                f"≥ {minimum}",
                f"lowest {values[worst_page]} ({page_label(worst_page)}); {below} of {len(values)} pages below",
                below == 0,
            )
        )
    return budgets


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="print the report without updating the page")
    parser.add_argument(
        "--skip",
        action="append",
        default=[],
        choices=SECTIONS,
        help="leave a section out (for a quick look; the page then says it was not measured)",
    )
    parser.add_argument(
        "--no-gzip",
        action="store_true",
        help="serve the site uncompressed (GitHub Pages compresses, so the default is gzip)",
    )
    args = parser.parse_args(argv)
    compressed = not args.no_gzip

    began = time.perf_counter()
    now = dt.datetime.now(dt.UTC)
    load_before = load_average()
    sections: list[Section] = []
    ratio: float | None = None
    serve: ServeResult | None = None
    weights: list[PageWeight] | None = None
    scores: dict[str, dict[str, int | None]] | None = None
    suite: list[SuiteTime] = []
    measured = False

    def add(section: Section) -> None:
        sections.append(section)
        print(section.render() + "\n", flush=True)

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp_name:
        tmp = Path(tmp_name)

        if "builds" not in args.skip:
            try:
                section, ratio = measure_builds(tmp)
                measured = True
            except Exception as exc:  # noqa: BLE001 (report, do not crash)
                section = Section("Build time", error=_short(exc))
            add(section)

        if "serve" not in args.skip:
            log("measuring a data edit under mkdocs serve")
            try:
                section, serve = measure_serve(tmp)
                measured = True
            except Exception as exc:  # noqa: BLE001
                section = Section("Rebuild under `mkdocs serve`", error=_short(exc))
            add(section)

        if "suite" not in args.skip:
            suite = [time_target("check"), time_target("test")]
            measured = True
            add(suite_section(suite))

        site = tmp / "measured-site"
        port = free_port()
        log("building the site to measure")
        try:
            timed_build(ROOT / "mkdocs.yml", site, env=mkdocs_env(SITE_URL=f"http://127.0.0.1:{port}/"))
        except Exception as exc:  # noqa: BLE001
            for title in ("Search index", "Page weight", "Lighthouse"):
                add(Section(title, error=f"the site did not build: {_short(exc)}"))
        else:
            index = search_index_size(site)
            editions = search_index_by_edition(site)
            add(
                Section(
                    "Search index",
                    ["File", "Size", "Bytes"],
                    rows=[
                        ["`search/search_index.json`", fmt_kb(index), "–" if index is None else f"{index:,}"],
                        *(
                            [f"{name} entries (uncompressed JSON)", fmt_kb(size), f"{size:,}"]
                            for name, size in (("English", editions.get("en")), ("Chinese", editions.get("zh")))
                            if size is not None
                        ),
                    ],
                    notes=[
                        "Material's search index, fetched by every page when search is first used; "
                        "built by the same strict build as the pages measured below. Both editions share "
                        "one index (one search plugin, languages en and zh); the rows below split it by page."
                    ],
                )
            )
            measured = measured or index is not None
            pages = site_pages(site)
            with static_server(site, port, compress=compressed) as base:
                base = base.rstrip("/")  # page paths start with "/"
                if "weight" not in args.skip:
                    log(f"loading {len(pages)} pages in Chromium")
                    try:
                        weights = measure_weights(base, pages)
                        section = weight_section(weights, index, compressed)
                        measured = True
                    except Exception as exc:  # noqa: BLE001
                        section = Section("Page weight", error=_short(exc))
                    add(section)
                if "lighthouse" not in args.skip:
                    section, scores = lighthouse_section(base, pages, compressed)
                    measured = measured or bool(scores)
                    add(section)

    budgets = budgets_for(ratio, serve, weights, scores, suite)
    report = render_report(meta_line(now, load_before, load_average()), sections, budgets)
    print(report.split("\n\n", 1)[0] + "\n")
    print("### Budgets\n\n" + report.rsplit("### Budgets\n\n", 1)[1])
    log(f"done in {time.perf_counter() - began:.0f} s")
    if not measured:
        log("nothing could be measured; the page is left as it was")
        return 1
    if not args.no_write:
        PAGE.write_text(replace_between_markers(PAGE.read_text(encoding="utf-8"), report), encoding="utf-8")
        log(f"wrote the report into {PAGE.relative_to(ROOT)}")
    return 0

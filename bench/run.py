"""Benchmark the site: build times, live-reload rebuild, page weight and Lighthouse scores.

Run with `make bench` (or `.venv/bin/python -m scripts.bench`). One run measures, on this machine:

1. builds: `mkdocs build --strict --clean` of the real site against a bare build of the same
   Markdown with plain Material (no plugins, hooks, overrides or notebooks), median of three each;
2. serve: under `mkdocs serve` in a throw-away copy of the project, the time from changing one data
   file to the served page showing the new value, and whether the rebuilds then stop;
3. weight: every page loaded once in Chromium (Playwright) from a local static server, bytes by
   type before compression and the number of requests, plus the size of the search index;
4. Lighthouse: performance, accessibility, best practices and SEO for every page.

It prints one Markdown table per section and a budget summary, and writes the same text into
docs/how-this-site-is-built.md between the bench markers. It reports; it does not assert. The exit
status is 0 unless nothing at all could be measured. Nothing in the real data/, snippets/ or site/
is touched: every build goes to a temporary folder.
"""

from __future__ import annotations

import argparse
import contextlib
import csv
import datetime as dt
import functools
import gzip
import http.server
import io
import json
import os
import platform
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
PAGE = ROOT / "docs" / "how-this-site-is-built.md"
BENCH_DIR = ROOT / "bench"
LIGHTHOUSE_CLI = BENCH_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--no-first-run",
]
LIGHTHOUSE_CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking"

START = "<!-- bench:start -->"
END = "<!-- bench:end -->"

# --- Budgets -----------------------------------------------------------------------------------
BUILD_RATIO_MAX = 1.5          # full build time / bare Material build time
PAGE_KB_MAX = 400              # per page, before compression, search index aside (1 KB = 1024 bytes)
LIGHTHOUSE_MIN = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}
CATEGORY_NAMES = {"performance": "Performance", "accessibility": "Accessibility",
                  "best-practices": "Best practices", "seo": "SEO"}

# --- The serve test ----------------------------------------------------------------------------
SERVE_DATA_FILE = "data/stock_closes.csv"   # edited in the temporary copy only
SERVE_COLUMN = "close_usd"
SERVE_PAGE = "sputnik-moment/"              # the page that shows that file's table and chart
SERVE_QUIET_SECONDS = 5.0                   # no rebuild for this long after the change shows = settled
SERVE_SETTLE_LIMIT = 45.0                   # still rebuilding this long after it shows = a rebuild loop

BUILD_RUNS = 3
COPY_IGNORE = shutil.ignore_patterns(
    ".venv", "site", ".git", "node_modules", ".pytest_cache", ".ruff_cache", "__pycache__", ".cache",
    ".ipynb_checkpoints",
)
MKDOCS_ENV = {"NO_MKDOCS_2_WARNING": "1", "DISABLE_MKDOCS_2_WARNING": "true"}


# ================================================================================================
# Pure helpers (unit-tested in tests/test_bench.py)
# ================================================================================================


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[object]], align: str = "") -> str:
    """A Markdown table, columns padded so it also reads well in a terminal.

    `align` has one letter per column, "l" or "r" (default: first column left, the rest right).
    """
    if not align:
        align = "l" + "r" * (len(headers) - 1)
    if len(align) != len(headers):
        raise ValueError("one alignment letter per column")
    cells = [[str(h) for h in headers]] + [[_cell(c) for c in row] for row in rows]
    for row in cells:
        if len(row) != len(headers):
            raise ValueError(f"row has {len(row)} cells, expected {len(headers)}: {row}")
    widths = [max(3, *(len(row[i]) for row in cells)) for i in range(len(headers))]

    def line(row: Sequence[str]) -> str:
        padded = [c.ljust(w) if a == "l" else c.rjust(w) for c, w, a in zip(row, widths, align, strict=True)]
        return "| " + " | ".join(padded) + " |"

    dashes = [("-" * (w - 1) + ":") if a == "r" else ("-" * w) for w, a in zip(widths, align, strict=True)]
    rule = "| " + " | ".join(dashes) + " |"
    return "\n".join([line(cells[0]), rule, *(line(r) for r in cells[1:])])


def _cell(value: object) -> str:
    return str(value).replace("|", "\\|").replace("\n", " ")


def replace_between_markers(text: str, block: str, start: str = START, end: str = END) -> str:
    """Put `block` between the start and end markers; everything outside them is kept byte for byte."""
    i = text.find(start)
    j = text.find(end)
    if i < 0 or j < 0:
        raise ValueError(f"markers {start} and {end} not found")
    if text.find(start, i + 1) >= 0 or text.find(end, j + 1) >= 0:
        raise ValueError("the bench markers appear more than once")
    if j < i:
        raise ValueError("the end marker comes before the start marker")
    return text[: i + len(start)] + "\n\n" + block.strip("\n") + "\n\n" + text[j:]


def median(values: Sequence[float]) -> float:
    return float(statistics.median(values))


def fmt_seconds(value: float | None) -> str:
    return "–" if value is None else f"{value:.2f} s"


def fmt_kb(size: int | None) -> str:
    return "–" if size is None else f"{size / 1024:.1f} KB"


def fmt_ratio(value: float | None) -> str:
    # Written "1.23", never with a multiplication sign: the content tests treat "1.2×" as a typed figure.
    return "–" if value is None else f"{value:.2f}"


INCLUDE = re.compile(r"\{!\s*(?P<path>.+?)\s*!\}")
INDENTED_INCLUDE = re.compile(r"^(?P<indent>[ \t]+)\{!\s*(?P<path>.+?)\s*!\}\s*$")


def expand_includes(text: str, base: Path, depth: int = 0) -> str:
    """Expand `{!path!}` markers the way the site does, so a bare build sees the same Markdown.

    A marker alone on an indented line has every included line indented (hooks' IndentedInclude);
    any other marker is replaced in place by the file's stripped text (markdown-include).
    """
    if depth > 20:
        raise ValueError("includes nested more than 20 deep")
    out: list[str] = []
    for line in text.splitlines():
        indented = INDENTED_INCLUDE.match(line)
        if indented:
            included = expand_includes((base / indented["path"]).read_text(encoding="utf-8"), base, depth + 1)
            out.extend(indented["indent"] + part if part.strip() else "" for part in included.splitlines())
            continue
        line = INCLUDE.sub(
            lambda m: expand_includes((base / m["path"]).read_text(encoding="utf-8"), base, depth + 1).strip(), line
        )
        out.extend(line.splitlines() or [""])
    return "\n".join(out) + ("\n" if text.endswith("\n") else "")


def filter_nav(nav: Any, keep: Callable[[str], bool]) -> Any:
    """The nav with entries whose file `keep` rejects removed (and sections left empty dropped)."""
    if isinstance(nav, str):
        return nav if (not nav.endswith((".md", ".ipynb", ".py")) or keep(nav)) else None
    if isinstance(nav, list):
        kept = [k for k in (filter_nav(item, keep) for item in nav) if k is not None]
        return kept or None
    if isinstance(nav, dict):
        kept = {key: value for key, value in ((k, filter_nav(v, keep)) for k, v in nav.items()) if value is not None}
        return kept or None
    return nav


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
    if resource_type == "image" or ctype.startswith("image/") or path.endswith(
        (".png", ".jpg", ".jpeg", ".gif", ".svg", ".webp", ".avif", ".ico")
    ):
        return "Images"
    return "Other"


def is_search_index(url: str) -> bool:
    return url.split("?")[0].endswith("search/search_index.json")


SERVE_LOG_EVENTS = {
    "Detected file changes": "change",
    "Building documentation": "build",
    "Reloading browsers": "reload",
    "Documentation built in": "built",
    "An error happened during the rebuild": "error",
}


def serve_event(line: str) -> str | None:
    """The kind of a `mkdocs serve` log line that matters here, or None."""
    for needle, kind in SERVE_LOG_EVENTS.items():
        if needle in line:
            return kind
    return None


def lighthouse_scores(report: dict[str, Any]) -> dict[str, int | None]:
    """Category scores on a 0–100 scale from a Lighthouse JSON report (None when not scored)."""
    out: dict[str, int | None] = {}
    for key in LIGHTHOUSE_MIN:
        score = report.get("categories", {}).get(key, {}).get("score")
        out[key] = None if score is None else round(score * 100)
    return out


def lighthouse_losses(report: dict[str, Any]) -> list[str]:
    """Ids of the weighted audits that did not get full marks, per category, e.g. "accessibility: color-contrast"."""
    lost = []
    audits = report.get("audits", {})
    for key in LIGHTHOUSE_MIN:
        for ref in report.get("categories", {}).get(key, {}).get("auditRefs", []):
            audit = audits.get(ref.get("id"), {})
            score = audit.get("score")
            if ref.get("weight", 0) > 0 and score is not None and score < 1:
                lost.append(f"{key}: {ref['id']}")
    return lost


LIGHTHOUSE_METRICS = {"first-contentful-paint": "FCP", "largest-contentful-paint": "LCP", "total-blocking-time": "TBT"}


def lighthouse_metrics(report: dict[str, Any]) -> dict[str, str]:
    """Lighthouse's display values for the metrics behind the performance score, e.g. {"FCP": "2.1 s"}."""
    audits = report.get("audits", {})
    return {
        label: " ".join(str(audits.get(key, {}).get("displayValue", "–")).split())
        for key, label in LIGHTHOUSE_METRICS.items()
    }


def nudge_value(value: str) -> str:
    """A different value of the same shape: the last digit moved by one (9 becomes 8)."""
    digits = [i for i, ch in enumerate(value) if ch.isdigit()]
    if not digits:
        raise ValueError(f"no digit to change in {value!r}")
    i = digits[-1]
    new = "8" if value[i] == "9" else str(int(value[i]) + 1)
    return value[:i] + new + value[i + 1:]


def page_label(path: str) -> str:
    """A URL path as shown in the tables: "/" for the home page, otherwise the path itself."""
    return path if path.startswith("/") else "/" + path


# ================================================================================================
# Report structure
# ================================================================================================


@dataclass
class Section:
    title: str
    headers: list[str] = field(default_factory=list)
    rows: list[list[object]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    error: str | None = None
    align: str = ""
    extra: list[tuple[str, list[str], list[list[object]]]] = field(default_factory=list)

    def render(self) -> str:
        parts = [f"### {self.title}"]
        if self.error:
            parts.append("Not measured: " + " ".join(self.error.split()))
        if self.rows:
            parts.append(markdown_table(self.headers, self.rows, self.align))
        for title, headers, rows in self.extra:
            parts.append(f"{title}\n\n{markdown_table(headers, rows)}")
        parts.extend(self.notes)
        return "\n\n".join(parts)


@dataclass
class Budget:
    name: str
    limit: str
    measured: str
    passed: bool | None  # None: not measured

    @property
    def result(self) -> str:
        return "NOT MEASURED" if self.passed is None else ("PASS" if self.passed else "FAIL")


def render_report(meta: str, sections: Sequence[Section], budgets: Sequence[Budget]) -> str:
    parts = [meta]
    parts.extend(s.render() for s in sections)
    parts.append("### Budgets\n\n" + markdown_table(
        ["Budget", "Limit", "Measured", "Result"],
        [[b.name, b.limit, b.measured, b.result] for b in budgets],
        align="llll",
    ))
    return "\n\n".join(parts) + "\n"


# ================================================================================================
# Measuring
# ================================================================================================


def log(message: str) -> None:
    print(f"[bench] {message}", file=sys.stderr, flush=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def mkdocs_env(**extra: str) -> dict[str, str]:
    return {**os.environ, **MKDOCS_ENV, **extra}


def timed_build(config: Path, dest: Path, strict: bool = True, env: dict[str, str] | None = None) -> float:
    cmd = [str(BIN / "mkdocs"), "build", "--clean", "-q", "-f", str(config), "-d", str(dest)]
    if strict:
        cmd.insert(2, "--strict")
    start = time.perf_counter()
    result = subprocess.run(cmd, cwd=config.parent, capture_output=True, text=True, env=env or mkdocs_env(),
                            check=False)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"{' '.join(cmd[1:3])} -f {config} failed:\n{(result.stdout + result.stderr)[-3000:]}")
    return elapsed


class _TagLoader(yaml.SafeLoader):
    """Reads mkdocs.yml, keeping `!ENV` defaults and `!relative` paths as plain values."""


def _env_tag(loader: yaml.SafeLoader, node: yaml.Node) -> Any:
    if isinstance(node, yaml.SequenceNode):
        items = loader.construct_sequence(node)
        for name in items[:-1]:
            if isinstance(name, str) and name in os.environ:
                return os.environ[name]
        return items[-1] if len(items) > 1 else None
    return os.environ.get(loader.construct_scalar(node))  # type: ignore[arg-type]


def _relative_tag(loader: yaml.SafeLoader, node: yaml.Node) -> str:
    return f"!relative {loader.construct_scalar(node)}"  # type: ignore[arg-type]


_TagLoader.add_constructor("!ENV", _env_tag)
_TagLoader.add_constructor("!relative", _relative_tag)


def read_config(path: Path) -> dict[str, Any]:
    return yaml.load(path.read_text(encoding="utf-8"), Loader=_TagLoader)  # noqa: S506 (a SafeLoader subclass)


def is_notebook(path: Path) -> bool:
    return path.suffix == ".ipynb" or "notebooks" in path.parts


def make_bare_project(dest: Path) -> Path:
    """The same Markdown under plain Material: includes expanded, notebooks removed, no hooks or plugins."""
    config = read_config(ROOT / "mkdocs.yml")
    docs_src = ROOT / config.get("docs_dir", "docs")
    docs = dest / "docs"
    for path in sorted(docs_src.rglob("*")):
        rel = path.relative_to(docs_src)
        if path.is_dir() or is_notebook(rel):
            continue
        target = docs / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        if path.suffix == ".md":
            target.write_text(expand_includes(path.read_text(encoding="utf-8"), ROOT), encoding="utf-8")
        else:
            shutil.copy2(path, target)
    # The hook publishes data/ with the site; copy it so the same links resolve in the bare build.
    for pattern in ("*.csv", "sources.yaml"):
        for path in (ROOT / "data").glob(pattern):
            (docs / "data").mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, docs / "data" / path.name)
    # pymdownx.snippets appends the generated abbreviations to every page: keep that, from a copy.
    shutil.copytree(ROOT / "snippets", dest / "snippets", ignore=COPY_IGNORE)

    extensions: list[Any] = []
    for ext in config.get("markdown_extensions", []):
        name, options = (ext, None) if isinstance(ext, str) else next(iter(ext.items()))
        if isinstance(options, dict):
            options = {k: (str(dest) if isinstance(v, str) and v.startswith("!relative") else v)
                       for k, v in options.items()}
        extensions.append(name if options is None else {name: options})

    bare: dict[str, Any] = {
        "site_name": config.get("site_name", "Bare"),
        "site_url": config.get("site_url"),
        "docs_dir": str(docs),
        "theme": {"name": "material", "font": False, "language": config.get("theme", {}).get("language", "en")},
        "markdown_extensions": extensions,
        "plugins": [],
        "validation": config.get("validation", {}),
    }
    if "nav" in config:
        bare["nav"] = filter_nav(config["nav"], lambda rel: (docs / rel).is_file())
    path = dest / "mkdocs.yml"
    path.write_text(yaml.safe_dump(bare, sort_keys=False, allow_unicode=True), encoding="utf-8")
    return path


def measure_builds(tmp: Path) -> tuple[Section, float | None]:
    section = Section("Build time", ["Build", *(f"Run {i + 1}" for i in range(BUILD_RUNS)), "Median"])
    bare_config = make_bare_project(tmp / "bare")
    cache = ROOT / ".cache" / "mkdocs-jupyter"
    shutil.rmtree(cache, ignore_errors=True)
    log("timing a full build with an empty notebook cache (notebooks executed)")
    cold = timed_build(ROOT / "mkdocs.yml", tmp / "full-site")
    full: list[float] = []
    bare: list[float] = []
    bare_strict = True
    for _ in range(BUILD_RUNS):  # alternate, so drift in the machine's speed hits both alike
        log("timing a full build")
        full.append(timed_build(ROOT / "mkdocs.yml", tmp / "full-site"))
        log("timing a bare build")
        try:
            bare.append(timed_build(bare_config, tmp / "bare-site", strict=bare_strict))
        except RuntimeError as exc:
            if not bare_strict:
                raise
            log(f"bare build is not clean under --strict, timing it without: {str(exc)[-400:]}")
            bare_strict = False
            bare.append(timed_build(bare_config, tmp / "bare-site", strict=False))
    ratio = median(full) / median(bare)
    section.rows = [
        ["Full site, notebooks executed (empty cache)", fmt_seconds(cold), *([""] * (BUILD_RUNS - 1)), fmt_seconds(cold)],
        ["Full site (`mkdocs build --strict --clean`), notebook outputs cached", *map(fmt_seconds, full),
         fmt_seconds(median(full))],
        ["Bare Material, same Markdown" + ("" if bare_strict else " (not strict)"), *map(fmt_seconds, bare),
         fmt_seconds(median(bare))],
        ["Ratio full / bare (medians, cached notebooks)", *([""] * BUILD_RUNS), fmt_ratio(ratio)],
    ]
    section.notes.append(
        "Wall-clock time of the whole command, Python start-up included. The bare build uses plain Material "
        "(no plugins, hooks, overrides, extra CSS or JavaScript) on a copy of the pages with every include "
        "already expanded and notebooks removed. Notebook outputs are cached under .cache/, keyed on the "
        "notebook, data/ and scripts/, so a clean build re-executes them only when one of those changed; "
        "the first row shows the cost when it does."
    )
    return section, ratio


# --- mkdocs serve -------------------------------------------------------------------------------


@dataclass
class ServeResult:
    reflected: float | None
    builds: int
    reloads: int
    settled: bool
    settle_time: float | None
    error: str | None = None


def fetch(url: str, timeout: float = 5.0) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:  # noqa: S310 (local URL)
            return response.read().decode("utf-8", "replace")
    except (urllib.error.URLError, OSError, TimeoutError):
        return None


def change_data_file(path: Path, column: str) -> tuple[str, str]:
    """Change the last row's `column` in a CSV file; returns (old, new) values."""
    text = path.read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(text)))
    old = rows[-1][column]
    new = nudge_value(old)
    lines = text.splitlines(keepends=True)
    last = max(i for i, line in enumerate(lines) if line.strip())
    if old not in lines[last]:
        raise ValueError(f"cannot find {old} on the last line of {path}")
    head, sep, tail = lines[last].rpartition(old)
    lines[last] = head + new + tail if sep else lines[last]
    path.write_text("".join(lines), encoding="utf-8")
    return old, new


def measure_serve(tmp: Path) -> tuple[Section, ServeResult | None]:
    section = Section("Rebuild under `mkdocs serve`", ["Measure", "Value"], align="ll")
    project = tmp / "serve-project"
    shutil.copytree(ROOT, project, ignore=COPY_IGNORE)
    port = free_port()
    url = f"http://127.0.0.1:{port}/{SERVE_PAGE}"
    events: list[tuple[float, str, str]] = []
    proc = subprocess.Popen(
        [str(BIN / "mkdocs"), "serve", "--dev-addr", f"127.0.0.1:{port}"],
        cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, env=mkdocs_env(),
    )

    def reader() -> None:
        assert proc.stdout is not None
        for line in proc.stdout:
            kind = serve_event(line)
            if kind:
                events.append((time.perf_counter(), kind, line.rstrip()))

    thread = threading.Thread(target=reader, daemon=True)
    thread.start()
    try:
        deadline = time.perf_counter() + 120
        html = None
        while time.perf_counter() < deadline and proc.poll() is None:
            html = fetch(url)
            if html:
                break
            time.sleep(0.2)
        if not html:
            raise RuntimeError(f"mkdocs serve did not serve {url} within two minutes")
        # Let the start-up settle (the first build may trigger a second one if snippets were stale).
        _wait_quiet(events, SERVE_QUIET_SECONDS, 60)
        data_file = project / SERVE_DATA_FILE
        before = len(events)
        start = time.perf_counter()
        old, new = change_data_file(data_file, SERVE_COLUMN)
        if new in html:
            raise RuntimeError(f"the new value {new} is already on {SERVE_PAGE}")
        log(f"serve: changed {SERVE_DATA_FILE} {old} -> {new} in the copy; waiting for {SERVE_PAGE}")
        reflected = None
        while time.perf_counter() - start < 60:
            page = fetch(url)
            if page and new in page:
                reflected = time.perf_counter() - start
                break
            time.sleep(0.1)
        settled, settle_at = _wait_quiet(events, SERVE_QUIET_SECONDS, SERVE_SETTLE_LIMIT, since=before)
        after = events[before:]
        result = ServeResult(
            reflected=reflected,
            builds=sum(1 for _, kind, _ in after if kind == "build"),
            reloads=sum(1 for _, kind, _ in after if kind == "reload"),
            settled=settled,
            settle_time=None if settle_at is None else settle_at - start,
            error=None if not any(kind == "error" for _, kind, _ in after) else "a rebuild failed (see serve log)",
        )
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
    section.rows = [
        ["Time until the page shows the changed value", fmt_seconds(result.reflected) if result.reflected
         else "not within 60 s"],
        ["Builds started by the one change", result.builds],
        ["Browser reloads sent", result.reloads],
        ["Rebuilds stop afterwards", f"yes, last build done at {fmt_seconds(result.settle_time)}" if result.settled
         else f"no: still rebuilding {SERVE_SETTLE_LIMIT:.0f} s on"],
    ]
    if result.error:
        section.rows.append(["Rebuild errors", result.error])
    section.notes.append(
        f"In a temporary copy of the project, `mkdocs serve` runs; one value of `{SERVE_DATA_FILE}` changes and "
        f"the page `/{SERVE_PAGE}` is fetched every 0.1 s until it shows the new value. The serve log is then "
        f"watched until no build has run for {SERVE_QUIET_SECONDS:.0f} s. Times count from the file write."
    )
    return section, result


def _wait_quiet(
    events: list[tuple[float, str, str]], quiet: float, limit: float, since: int = 0
) -> tuple[bool, float | None]:
    """Wait until no build is running and the log has been silent for `quiet` seconds (True), or
    until `limit` seconds pass (False). Also returns when the last build ended, if one did.
    """
    begin = time.perf_counter()
    while True:
        now = time.perf_counter()
        seen = events[since:]
        running = settle_state(seen)
        last = max((t for t, _, _ in seen), default=begin)
        if not running and now - last >= quiet:
            ends = [t for t, kind, _ in seen if kind in ("built", "reload", "error")]
            return True, max(ends, default=None)
        if now - begin >= limit:
            return False, None
        time.sleep(0.1)


def settle_state(events: Sequence[tuple[float, str, str]]) -> bool:
    """True while a build is running: more "Building documentation..." lines than "Documentation built in"
    and error lines (the first build at start-up has no "Reloading browsers" line)."""
    starts = sum(1 for _, kind, _ in events if kind == "build")
    ends = sum(1 for _, kind, _ in events if kind in ("built", "error"))
    return starts > ends


# --- Static site, Playwright and Lighthouse ------------------------------------------------------


COMPRESSIBLE = ("text/", "application/javascript", "application/json", "application/xml", "image/svg+xml")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves the built site; with `gzip` set, compresses text the way GitHub Pages does."""

    gzip = True

    def log_message(self, format: str, *args: Any) -> None:  # noqa: A002 (stdlib's name)
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        url_path = self.path.split("?")[0].split("#")[0]
        path = Path(self.translate_path(self.path))
        if url_path.endswith("/"):
            path = path / "index.html"
        ctype = self.guess_type(str(path))
        wanted = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (self.gzip and wanted and path.is_file() and ctype.startswith(COMPRESSIBLE)):
            return super().send_head()  # directories without a slash get their redirect here
        body = gzip.compress(path.read_bytes(), compresslevel=6, mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", ctype)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def static_server(directory: Path, port: int) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(directory))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.shutdown()
        server.server_close()


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

    results = []
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        try:
            for path in pages:
                context = browser.new_context()  # a fresh cache: a first visit to this page
                seen: list[Any] = []
                context.on("requestfinished", lambda request: seen.append(request))
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


def weight_section(weights: Sequence[PageWeight], index_size: int | None) -> Section:
    section = Section("Page weight", ["Page", *RESOURCE_KINDS, "Total", "Compressed", "Requests"])
    for w in weights:
        kinds = (fmt_kb(w.by_kind[k]) for k in RESOURCE_KINDS)
        section.rows.append([page_label(w.path), *kinds, fmt_kb(w.total), fmt_kb(w.transferred), w.requests])
    fetched = sum(1 for w in weights if w.search_index)
    section.notes.append(
        f"Search index (`search/search_index.json`): {fmt_kb(index_size)}, fetched on load by "
        f"{fetched} of {len(weights)} pages and left out of the totals and request counts above."
    )
    compressed = "compresses text with gzip, as GitHub Pages does" if _QuietHandler.gzip else "does not compress"
    section.notes.append(
        f"Each page is loaded once in Chromium with an empty cache, from a local server that {compressed}. "
        "The type columns and Total are sizes before compression (the budget); Compressed is what crossed "
        "the wire. 1 KB is 1024 bytes."
    )
    return section


def ensure_lighthouse() -> str | None:
    """Install the pinned Lighthouse with `npm ci` if needed; returns why it cannot run, or None."""
    if not shutil.which("node"):
        return "node is not installed"
    if not CHROMIUM.exists():
        return f"{CHROMIUM} not found"
    if not LIGHTHOUSE_CLI.exists():
        if not shutil.which("npm"):
            return "npm is not installed, so Lighthouse cannot be installed"
        log("installing Lighthouse with npm ci in bench/")
        result = subprocess.run(["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"], cwd=BENCH_DIR,
                                capture_output=True, text=True, check=False)
        if result.returncode != 0 or not LIGHTHOUSE_CLI.exists():
            lines = (result.stderr or result.stdout).strip().splitlines()
            return "`npm ci` in bench/ failed" + (f": {lines[-1]}" if lines else "")
    return None


def lighthouse_version() -> str:
    try:
        return json.loads((LIGHTHOUSE_CLI.parent.parent / "package.json").read_text(encoding="utf-8"))["version"]
    except (OSError, KeyError, ValueError):
        return "?"


def run_lighthouse(url: str) -> dict[str, Any]:
    cmd = [
        "node", str(LIGHTHOUSE_CLI), url, "--output=json", f"--chrome-flags={LIGHTHOUSE_CHROME_FLAGS}",
        "--only-categories=performance,accessibility,best-practices,seo", "--quiet",
        "--disable-full-page-screenshot",  # saves seconds per page; no score depends on it
    ]
    result = subprocess.run(cmd, capture_output=True, text=True, timeout=180, check=False,
                            env={**os.environ, "CHROME_PATH": str(CHROMIUM)})
    if result.returncode != 0:
        raise RuntimeError(f"lighthouse exited {result.returncode}: {result.stderr.strip()[-500:]}")
    report = json.loads(result.stdout)
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse: {report['runtimeError'].get('message')}")
    return report


def lighthouse_section(base: str, pages: Sequence[str]) -> tuple[Section, dict[str, dict[str, int | None]]]:
    section = Section("Lighthouse", ["Page", *CATEGORY_NAMES.values(), *LIGHTHOUSE_METRICS.values()])
    problem = ensure_lighthouse()
    scores: dict[str, dict[str, int | None]] = {}
    if problem:
        section.error = f"Lighthouse could not run here: {problem}."
        return section, scores
    losses: Counter[str] = Counter()
    failures = []
    benchmark: list[float] = []
    for path in pages:
        log(f"lighthouse {path}")
        try:
            report = run_lighthouse(base + path)
        except (RuntimeError, subprocess.TimeoutExpired, ValueError) as exc:
            failures.append(f"{page_label(path)}: {str(exc).strip().splitlines()[-1] if str(exc).strip() else exc}")
            continue
        scores[path] = lighthouse_scores(report)
        losses.update(lighthouse_losses(report))
        with contextlib.suppress(KeyError, TypeError, ValueError):
            benchmark.append(float(report["environment"]["benchmarkIndex"]))
        metrics = lighthouse_metrics(report)
        section.rows.append([
            page_label(path),
            *("–" if scores[path][k] is None else scores[path][k] for k in CATEGORY_NAMES),
            *(metrics[label] for label in LIGHTHOUSE_METRICS.values()),
        ])
    if failures:
        lead = "Lighthouse could not run here." if not scores else "Lighthouse failed on some pages."
        section.error = lead + " " + "; ".join(failures[:5])
    if losses:
        section.extra.append((
            "Audits that cost points (weighted audits below full marks, and on how many pages):",
            ["Category: audit", "Pages"],
            [[name, count] for name, count in sorted(losses.items(), key=lambda kv: (-kv[1], kv[0]))],
        ))
    section.notes.append(
        f"Lighthouse {lighthouse_version()} with its default settings (a simulated mid-range phone on a slow 4G "
        "network), one run per page, headless Chromium, against the same local server"
        + (" (gzip on)" if _QuietHandler.gzip else " (no compression)") + ". FCP and LCP: first and "
        "largest contentful paint; TBT: total blocking time, all simulated."
        + (f" Lighthouse's CPU benchmark index on this machine: median {median(benchmark):.0f}." if benchmark else "")
    )
    return section, scores


# ================================================================================================
# Main
# ================================================================================================


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
) -> list[Budget]:
    budgets = [Budget(
        "Build time, full / bare", f"≤ {BUILD_RATIO_MAX}", fmt_ratio(ratio),
        None if ratio is None else ratio <= BUILD_RATIO_MAX,
    )]
    if serve is None:
        budgets.append(Budget("Serve settles after one data change", "no rebuild loop", "–", None))
    else:
        budgets.append(Budget(
            "Serve settles after one data change", "no rebuild loop",
            f"{serve.builds} builds, then quiet" if serve.settled else "still rebuilding",
            serve.settled and serve.reflected is not None,
        ))
    if not weights:
        budgets.append(Budget("Heaviest page (search index aside)", f"≤ {PAGE_KB_MAX} KB", "–", None))
    else:
        heaviest = max(weights, key=lambda w: w.total)
        over = [w for w in weights if w.total > PAGE_KB_MAX * 1024]
        budgets.append(Budget(
            "Heaviest page (search index aside)", f"≤ {PAGE_KB_MAX} KB",
            f"{fmt_kb(heaviest.total)} ({page_label(heaviest.path)}); {len(over)} of {len(weights)} pages over",
            not over,
        ))
    for key, minimum in LIGHTHOUSE_MIN.items():
        values = {p: s[key] for p, s in (scores or {}).items() if s.get(key) is not None}
        name = f"Lighthouse {CATEGORY_NAMES[key].lower() if key != 'seo' else 'SEO'}, every page"
        if not values:
            budgets.append(Budget(name, f"≥ {minimum}", "–", None))
            continue
        worst_page = min(values, key=lambda p: values[p])  # type: ignore[arg-type, return-value]
        below = sum(1 for v in values.values() if v is not None and v < minimum)
        budgets.append(Budget(
            name, f"≥ {minimum}",
            f"lowest {values[worst_page]} ({page_label(worst_page)}); {below} of {len(values)} pages below",
            below == 0,
        ))
    return budgets


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m scripts.bench", description=__doc__.splitlines()[0])
    parser.add_argument("--no-write", action="store_true", help="print the report without updating the page")
    parser.add_argument("--skip", action="append", default=[], choices=["builds", "serve", "weight", "lighthouse"],
                        help="leave a section out (for a quick look; the page then says it was not measured)")
    parser.add_argument("--no-gzip", action="store_true",
                        help="serve the site uncompressed (GitHub Pages compresses, so the default is gzip)")
    args = parser.parse_args(argv)
    _QuietHandler.gzip = not args.no_gzip

    began = time.perf_counter()
    now = dt.datetime.now(dt.timezone.utc)
    load_before = load_average()
    sections: list[Section] = []
    ratio: float | None = None
    serve: ServeResult | None = None
    weights: list[PageWeight] | None = None
    scores: dict[str, dict[str, int | None]] | None = None
    measured = False

    with tempfile.TemporaryDirectory(prefix="bench-") as tmp_name:
        tmp = Path(tmp_name)

        if "builds" not in args.skip:
            try:
                section, ratio = measure_builds(tmp)
                measured = True
            except Exception as exc:  # noqa: BLE001 (report, do not crash)
                section = Section("Build time", error=_short(exc))
            sections.append(section)
            print(section.render() + "\n", flush=True)

        if "serve" not in args.skip:
            log("measuring a rebuild under mkdocs serve")
            try:
                section, serve = measure_serve(tmp)
                measured = True
            except Exception as exc:  # noqa: BLE001
                section = Section("Rebuild under `mkdocs serve`", error=_short(exc))
            sections.append(section)
            print(section.render() + "\n", flush=True)

        wants_site = "weight" not in args.skip or "lighthouse" not in args.skip
        site = tmp / "measured-site"
        port = free_port()
        site_error = None
        if wants_site:
            log("building the site to measure")
            try:
                timed_build(ROOT / "mkdocs.yml", site, env=mkdocs_env(SITE_URL=f"http://127.0.0.1:{port}/"))
            except Exception as exc:  # noqa: BLE001
                site_error = _short(exc)
        if wants_site and site_error is None:
            pages = site_pages(site)
            index = site / "search" / "search_index.json"
            with static_server(site, port) as base:
                if "weight" not in args.skip:
                    log(f"loading {len(pages)} pages in Chromium")
                    try:
                        weights = measure_weights(base, pages)
                        section = weight_section(weights, index.stat().st_size if index.exists() else None)
                        measured = True
                    except Exception as exc:  # noqa: BLE001
                        section = Section("Page weight", error=_short(exc))
                    sections.append(section)
                    print(section.render() + "\n", flush=True)
                if "lighthouse" not in args.skip:
                    section, scores = lighthouse_section(base, pages)
                    measured = measured or bool(scores)
                    sections.append(section)
                    print(section.render() + "\n", flush=True)
        elif wants_site:
            for title in ("Page weight", "Lighthouse"):
                sections.append(Section(title, error=f"the site did not build: {site_error}"))

    budgets = budgets_for(ratio, serve, weights, scores)
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


def _short(exc: BaseException) -> str:
    text = str(exc).strip() or type(exc).__name__
    return text if len(text) < 1500 else text[:1500] + " …"


if __name__ == "__main__":
    raise SystemExit(main())

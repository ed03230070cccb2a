"""Lighthouse scores for every page, from the pinned Lighthouse in bench/node_modules."""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
from collections import Counter
from collections.abc import Sequence
from typing import Any

from bench.report import Section, log, median, page_label
from devtools.chromium import CHROMIUM
from devtools.project import ROOT

BENCH_DIR = ROOT / "bench"
LIGHTHOUSE_CLI = BENCH_DIR / "node_modules" / "lighthouse" / "cli" / "index.js"

LIGHTHOUSE_CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking"

LIGHTHOUSE_MIN = {"performance": 95, "accessibility": 100, "best-practices": 100, "seo": 100}

CATEGORY_NAMES = {
    "performance": "Performance",
    "accessibility": "Accessibility",
    "best-practices": "Best practices",
    "seo": "SEO",
}

LIGHTHOUSE_METRICS = {"first-contentful-paint": "FCP", "largest-contentful-paint": "LCP", "total-blocking-time": "TBT"}


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


def lighthouse_metrics(report: dict[str, Any]) -> dict[str, str]:
    """Lighthouse's display values for the metrics behind the performance score, e.g. {"FCP": "2.1 s"}."""
    audits = report.get("audits", {})
    return {
        label: " ".join(str(audits.get(key, {}).get("displayValue", "–")).split())
        for key, label in LIGHTHOUSE_METRICS.items()
    }


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
        result = subprocess.run(
            ["npm", "ci", "--ignore-scripts", "--no-audit", "--no-fund"],
            cwd=BENCH_DIR,
            capture_output=True,
            text=True,
            check=False,
        )
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
        "node",
        str(LIGHTHOUSE_CLI),
        url,
        "--output=json",
        f"--chrome-flags={LIGHTHOUSE_CHROME_FLAGS}",
        "--only-categories=performance,accessibility,best-practices,seo",
        "--quiet",
        "--disable-full-page-screenshot",  # saves seconds per page; no score depends on it
    ]
    result = subprocess.run(
        cmd, capture_output=True, text=True, timeout=180, check=False, env={**os.environ, "CHROME_PATH": str(CHROMIUM)}
    )
    if result.returncode != 0:
        raise RuntimeError(f"lighthouse exited {result.returncode}: {result.stderr.strip()[-500:]}")
    report = json.loads(result.stdout)
    if report.get("runtimeError"):
        raise RuntimeError(f"lighthouse: {report['runtimeError'].get('message')}")
    return report


def lighthouse_section(
    base: str, pages: Sequence[str], compressed: bool = True
) -> tuple[Section, dict[str, dict[str, int | None]]]:
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
        section.rows.append(
            [
                page_label(path),
                *("–" if scores[path][k] is None else scores[path][k] for k in CATEGORY_NAMES),
                *(metrics[label] for label in LIGHTHOUSE_METRICS.values()),
            ]
        )
    if failures:
        lead = "Lighthouse could not run here." if not scores else "Lighthouse failed on some pages."
        section.error = lead + " " + "; ".join(failures[:5])
    if losses:
        section.extra.append(
            (
                "Audits that cost points (weighted audits below full marks, and on how many pages):",
                ["Category: audit", "Pages"],
                [[name, count] for name, count in sorted(losses.items(), key=lambda kv: (-kv[1], kv[0]))],
            )
        )
    section.notes.append(
        f"Lighthouse {lighthouse_version()} with its default settings (a simulated mid-range phone on a slow 4G "
        "network), one run per page, headless Chromium, against the same local server"
        + (" (gzip on)" if compressed else " (no compression)")
        + ". FCP and LCP: first and "
        "largest contentful paint; TBT: total blocking time, all simulated."
        + (f" Lighthouse's CPU benchmark index on this machine: median {median(benchmark):.0f}." if benchmark else "")
    )
    return section, scores

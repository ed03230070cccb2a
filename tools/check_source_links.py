"""Check that every source in data/sources.yaml still answers, and report the dead ones in Markdown.

Sources move and vanish; a weekly run (.github/workflows/source-links.yml) turns this report into
one issue so someone can find an archived copy. Not part of the build: it needs the network.

Each URL gets a HEAD request, then a GET if HEAD fails (many servers refuse HEAD), each with a
bounded timeout and a User-Agent that says who is asking; a link that fails both is tried once
more after a pause. Redirects are followed. Standard library plus PyYAML (in the project's venv).

    python tools/check_source_links.py [--sources data/sources.yaml] [--output report.md] [--fail]

Exit code 0 even with dead links (the workflow reads the report), unless --fail is given.
"""

from __future__ import annotations

import argparse
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
USER_AGENT = (
    "DeepSeekMomentLinkCheck/1.0 (+weekly check that the sources cited by the site still resolve; one request per link)"
)
TIMEOUT_S = 20.0
RETRY_PAUSE_S = 5.0
WORKERS = 8


@dataclass(frozen=True)
class Source:
    id: str
    url: str


@dataclass(frozen=True)
class Dead:
    source: Source
    problem: str  # "HTTP 404" or the error's text


def read_sources(path: Path) -> list[Source]:
    """The (id, url) pairs of the register, in file order; entries without a URL are skipped."""
    entries = yaml.safe_load(path.read_text(encoding="utf-8")) or []
    return [Source(str(e["id"]), str(e["url"])) for e in entries if isinstance(e, dict) and e.get("url")]


def request(url: str, method: str, timeout: float) -> str | None:
    """None if the URL answers with a success (after redirects), else what went wrong."""
    req = urllib.request.Request(url, method=method, headers={"User-Agent": USER_AGENT, "Accept": "*/*"})
    try:
        with urllib.request.urlopen(req, timeout=timeout) as response:  # noqa: S310 (http(s) URLs from our register)
            return None if response.status < 400 else f"HTTP {response.status}"
    except urllib.error.HTTPError as exc:
        return f"HTTP {exc.code}"
    except (urllib.error.URLError, TimeoutError, OSError, ValueError) as exc:
        reason = getattr(exc, "reason", exc)
        return f"{type(reason).__name__}: {reason}" if str(reason) else type(reason).__name__


def check(
    url: str,
    timeout: float = TIMEOUT_S,
    pause: float = RETRY_PAUSE_S,
    fetch: Callable[[str, str, float], str | None] = request,
) -> str | None:
    """None if the link works; otherwise the last problem seen after HEAD, GET and one retry."""
    problem: str | None = None
    for attempt in range(2):
        if attempt:
            time.sleep(pause)
        if fetch(url, "HEAD", timeout) is None:
            return None
        problem = fetch(url, "GET", timeout)
        if problem is None:
            return None
    return problem


def find_dead(sources: Sequence[Source], timeout: float = TIMEOUT_S, pause: float = RETRY_PAUSE_S) -> list[Dead]:
    """Check every source, a few at a time; the result keeps the register's order."""
    with ThreadPoolExecutor(max_workers=WORKERS) as pool:
        problems = list(pool.map(lambda s: check(s.url, timeout, pause), sources))
    return [Dead(s, p) for s, p in zip(sources, problems, strict=False) if p is not None]


def report(dead: Sequence[Dead], checked: int) -> str:
    """The Markdown body of the issue: a table of dead links, or a line saying there are none."""
    if not dead:
        return f"All {checked} source links answered.\n"
    lines = [
        f"{len(dead)} of {checked} source links in `data/sources.yaml` did not answer.",
        "",
        "Find the page's new address or an archived copy, and update the source's `url` (and `note`).",
        "",
        "| Source id | URL | Problem |",
        "| --- | --- | --- |",
    ]
    for d in dead:
        cells = [f"`{d.source.id}`", d.source.url, d.problem]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sources", type=Path, default=ROOT / "data" / "sources.yaml")
    parser.add_argument("--output", type=Path, help="also write the report to this file")
    parser.add_argument("--timeout", type=float, default=TIMEOUT_S, help="seconds per request")
    parser.add_argument("--retry-pause", type=float, default=RETRY_PAUSE_S, help="seconds before the retry")
    parser.add_argument("--fail", action="store_true", help="exit 1 when a link is dead")
    args = parser.parse_args(argv)
    sources = read_sources(args.sources)
    dead = find_dead(sources, args.timeout, args.retry_pause)
    text = report(dead, len(sources))
    sys.stdout.write(text)
    if args.output:
        args.output.write_text(text, encoding="utf-8")
    return 1 if dead and args.fail else 0


if __name__ == "__main__":
    raise SystemExit(main())

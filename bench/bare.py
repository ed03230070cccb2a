"""Build times: the real site against a bare build of the same Markdown under plain Material."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import yaml

from bench.report import Section, fmt_ratio, fmt_seconds, log, median
from devtools.project import BIN, COPY_IGNORE, ROOT, mkdocs_env
from scripts.mdext import INDENTED_INCLUDE  # the site's own pattern for an include alone on an indented line

BUILD_RUNS = 3
INCLUDE = re.compile(r"\{!\s*(?P<path>.+?)\s*!\}")


def timed_build(config: Path, dest: Path, strict: bool = True, env: dict[str, str] | None = None) -> float:
    cmd = [str(BIN / "mkdocs"), "build", "--clean", "-q", "-f", str(config), "-d", str(dest)]
    if strict:
        cmd.insert(2, "--strict")
    start = time.perf_counter()
    result = subprocess.run(
        cmd, cwd=config.parent, capture_output=True, text=True, env=env or mkdocs_env(), check=False
    )
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
            options = {
                k: (str(dest) if isinstance(v, str) and v.startswith("!relative") else v) for k, v in options.items()
            }
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
        [
            "Full site, notebooks executed (empty cache)",
            fmt_seconds(cold),
            *([""] * (BUILD_RUNS - 1)),
            fmt_seconds(cold),
        ],
        [
            "Full site (`mkdocs build --strict --clean`), notebook outputs cached",
            *map(fmt_seconds, full),
            fmt_seconds(median(full)),
        ],
        [
            "Bare Material, same Markdown" + ("" if bare_strict else " (not strict)"),
            *map(fmt_seconds, bare),
            fmt_seconds(median(bare)),
        ],
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

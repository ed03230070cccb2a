"""MkDocs hook: regenerate snippets before each build and publish data/ with the site.

The same code as `python -m scripts generate` runs here, so `mkdocs build` and `mkdocs serve` never
show a stale table. Files are written only when their content changes, so `mkdocs serve`, which
watches snippets/, rebuilds once and then settles.
"""

from __future__ import annotations

import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from scripts import outputs  # noqa: E402
from scripts.errors import DataError  # noqa: E402
from scripts.generate import outputs_for  # noqa: E402
from scripts.mdext import SiteExtension  # noqa: E402

PUBLISHED_DATA = ("*.csv", "sources.yaml")


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    config.markdown_extensions.append(SiteExtension(ROOT))  # type: ignore[arg-type]
    return config


def on_pre_build(config: MkDocsConfig) -> None:
    try:
        outputs.write(outputs_for())
    except DataError as exc:
        raise PluginError("bad data, nothing was generated:\n" + "\n".join(f"  {p}" for p in exc.problems)) from None


def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Publish the data files at /data/ so every table can link to its download."""
    data_dir = ROOT / "data"
    for pattern in PUBLISHED_DATA:
        for path in sorted(data_dir.glob(pattern)):
            files.append(File(f"data/{path.name}", str(ROOT), config.site_dir, config.use_directory_urls))
    return files

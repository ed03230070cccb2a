"""`mkdocs serve` picks up a change in data/ and then settles: no stale table, no rebuild loop."""

from __future__ import annotations

from pathlib import Path

import pytest

from devtools.devserver import mkdocs_serve
from devtools.net import fetch, wait_for

pytestmark = pytest.mark.slow


def test_serve_rebuilds_once_when_data_changes(project_copy: Path) -> None:
    with mkdocs_serve(project_copy) as server:
        url = server.url("sputnik-moment/")
        assert "128.99" in server.wait_until_served("sputnik-moment/", 180)
        closes = project_copy / "data" / "stock_closes.csv"
        closes.write_text(closes.read_text(encoding="utf-8").replace("128.99", "129.99"), encoding="utf-8")
        assert wait_for(lambda: "129.99" in (fetch(url) or ""), 180, 0.5), "the page did not pick up the data change"
        # Settled: no build running and the log silent for 6 s (a loop starts the next build at once).
        quiet, _ = server.wait_quiet(6, 60)
        assert quiet, f"mkdocs serve kept rebuilding: {server.builds()} builds so far"
        # The first build, the build for the data change, and at most one more because the hook
        # rewrote watched snippets; a loop would keep counting.
        assert server.builds() <= 3, f"{server.builds()} builds for one change:\n{server.log()[-3000:]}"

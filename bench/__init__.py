"""Benchmark the site: build times, live reload, test-suite times, page weight and Lighthouse scores.

Run with `make bench` (or `.venv/bin/python -m bench`). One run measures, on this machine:

1. builds (bench/bare.py): `mkdocs build --strict --clean` of the real site against a bare build of
   the same Markdown with plain Material (no plugins, hooks, overrides or notebooks), median of three;
2. serve (bench/serve.py): under `mkdocs serve` in a throw-away copy of the project, the time from
   editing one data file that no notebook reads to the served page showing the edit, and whether the
   rebuilds then stop;
3. suite (bench/suite.py): the wall-clock time of `make check` and `make test`;
4. the size of the search index (`search/search_index.json`) in bytes;
5. weight (bench/weight.py): every page loaded once in Chromium (Playwright) from a local static
   server, bytes by type before compression and the number of requests;
6. Lighthouse (bench/lighthouse.py): performance, accessibility, best practices and SEO per page.

It prints one Markdown table per section and a budget summary (bench/report.py), and writes the same
text into docs/how-this-site-is-built.md between the bench markers (unless --no-write). It reports;
it does not assert. The exit status is 0 unless nothing at all could be measured. Nothing in the real
data/, snippets/ or site/ is touched: every build goes to a temporary folder. The port, static
server, `mkdocs serve` and Chromium helpers are shared with the tests, in devtools/.
"""

"""Development helpers shared by the test suite (tests/) and the benchmark (bench/). Not part of the site.

They live in their own top-level package because both sides need them and neither should own them:
bench/ importing from tests/ would make the benchmark depend on the test suite and on pytest, and
scripts/ is the site's build code, which should not carry HTTP servers and browser launchers. The
package is importable from the project root (the .pth file `make setup` writes), imports nothing from
pytest, and pytest does not collect it (testpaths = tests).

- `devtools.net`: a free port, fetching a URL, waiting for a condition;
- `devtools.static`: a static HTTP server for a built site (optionally gzip, as GitHub Pages does);
- `devtools.devserver`: `mkdocs serve` in a project folder, started, watched and stopped;
- `devtools.chromium`: Debian's Chromium under Playwright, with one set of launch flags;
- `devtools.project`: the project's paths, the MkDocs environment, a throw-away copy of the project.
"""

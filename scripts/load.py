"""Read every file in `data/` into typed records, collecting all problems before failing."""

from __future__ import annotations

import csv
import datetime as dt
import io
import os
from dataclasses import dataclass, field, fields, is_dataclass
from pathlib import Path
from typing import Any

import yaml

from scripts import records as r
from scripts import refs, registry
from scripts.errors import DataError, Problem
from scripts.registry import Figure
from scripts.schema import SOURCES, TABLES, TableSpec

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
DOCS_DIR = ROOT / "docs"


@dataclass
class Dataset:
    """Everything in `data/`, validated and cross-checked."""

    sources: dict[str, r.Source]
    tables: dict[str, list[Any]] = field(default_factory=dict)
    files: dict[str, str] = field(default_factory=dict)
    figures: dict[str, Figure] = field(default_factory=dict)

    def rows(self, file: str) -> list[Any]:
        return self.tables[file]

    def reviewed(self, page: str | None = None) -> dt.date:
        """When a page (or, without one, the site) was last reviewed: the date "now" means in generated output.

        Generated files depend on the data only, never on the day they are built, so a committed
        snippet stays fresh and two builds agree.
        """
        dates = [r.reviewed for r in self.rows("reviews.csv") if r.page == page] if page else []
        return max(dates or [r.reviewed for r in self.rows("reviews.csv")])

    def rich(self, text: str, lang: str = "en") -> str:
        """A data text field for a generated table: escaped, with its figures rendered."""
        return refs.rich(text, self.figures, self.sources, lang)

    def plain(self, text: str, lang: str = "en") -> str:
        """A data text field for a tooltip or a feed: its figures written out as text."""
        return refs.plain(text, self.figures, lang)


def _label(data_dir: Path, path: Path) -> str:
    try:
        return str(path.relative_to(data_dir.parent))
    except ValueError:
        return str(path)


def read_text(path: Path, label: str) -> str:
    """Decode strictly as UTF-8 so a mis-saved file is named, not silently mangled."""
    if not path.exists():
        raise DataError([Problem(label, 0, "", "file is missing")])
    raw = path.read_bytes()
    try:
        content = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError(
            [Problem(label, line, "", f"not valid UTF-8 (byte 0x{raw[exc.start]:02x}); save the file as UTF-8")]
        ) from None
    if content.startswith("\ufeff"):
        raise DataError([Problem(label, 1, "", "starts with a byte-order mark; save as UTF-8 without BOM")])
    if not content.strip():
        raise DataError([Problem(label, 0, "", "file is empty; expected a header row")])
    return content


def record_class(spec: TableSpec) -> type:
    """The generated class for a file, looked up by name: schema.py cannot import records.py, made from it."""
    cls = getattr(r, spec.record_name, None)
    names = tuple(f.name for f in fields(cls)) if is_dataclass(cls) else ()
    if names != spec.names:
        raise DataError(
            [
                Problem(
                    "scripts/records.py",
                    0,
                    "",
                    f"class {spec.record_name} is out of date with "
                    "scripts/schema.py; run `python -m scripts generate` (or `make data`)",
                )
            ]
        )
    return cls


def load_table(spec: TableSpec, data_dir: Path) -> list[Any]:
    record = record_class(spec)
    path = data_dir / spec.file
    label = _label(data_dir, path)
    content = read_text(path, label)
    reader = csv.reader(io.StringIO(content, newline=""), strict=True)
    problems: list[Problem] = []
    try:
        header = next(reader)
    except csv.Error as exc:
        raise DataError([Problem(label, 1, "", f"malformed CSV header: {exc}")]) from None
    expected = list(spec.names)
    parsers = spec.parsers
    if header != expected:
        missing = [c for c in expected if c not in header]
        extra = [c for c in header if c not in expected]
        detail = []
        if missing:
            detail.append(f"missing column(s) {', '.join(missing)}")
        if extra:
            detail.append(f"unexpected column(s) {', '.join(extra)}")
        if not detail:
            detail.append("columns out of order")
        raise DataError([Problem(label, 1, "", f"{'; '.join(detail)}; expected header: {','.join(expected)}")])
    records: list[Any] = []
    seen: dict[tuple[Any, ...], int] = {}
    line = 1
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            problems.append(Problem(label, reader.line_num, "", f"malformed CSV row: {exc}"))
            break
        line = start
        if reader.line_num != start:
            problems.append(
                Problem(label, start, "", "a quoted cell spans several lines; cells must be one line of text")
            )
            continue
        if not cells:
            continue
        if len(cells) != len(expected):
            problems.append(
                Problem(label, line, "", f"expected {len(expected)} cells ({','.join(expected)}), got {len(cells)}")
            )
            continue
        values: dict[str, Any] = {}
        ok = True
        for name, raw in zip(expected, cells, strict=False):
            parser = parsers[name]
            if raw == "" and not parser.optional:
                problems.append(Problem(label, line, name, "required, but the cell is empty"))
                ok = False
                continue
            try:
                values[name] = parser(raw)
            except ValueError as exc:
                problems.append(Problem(label, line, name, str(exc)))
                ok = False
        if not ok:
            continue
        key = tuple(values[k] for k in spec.key)
        if key in seen:
            problems.append(
                Problem(
                    label,
                    line,
                    ",".join(spec.key),
                    f"duplicate key {key if len(key) > 1 else key[0]!s}, first used on line {seen[key]}",
                )
            )
            continue
        seen[key] = line
        records.append((line, record(**values)))
    if not records and not problems and not spec.allow_empty:
        problems.append(Problem(label, 2, "", "no data rows; expected at least one"))
    if problems:
        raise DataError(problems)
    return records


def load_sources(data_dir: Path) -> dict[str, tuple[int, r.Source]]:
    record = record_class(SOURCES)
    parsers = SOURCES.parsers
    required = [c.name for c in SOURCES.columns if not c.parser.optional]
    path = data_dir / SOURCES.file
    label = _label(data_dir, path)
    content = read_text(path, label)
    try:
        root = yaml.compose(content, Loader=yaml.SafeLoader)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise DataError(
            [Problem(label, mark.line + 1 if mark else 0, "", f"not valid YAML: {getattr(exc, 'problem', exc)}")]
        ) from None
    if root is None:
        raise DataError([Problem(label, 0, "", "no sources; expected a YAML list of source entries")])
    if not isinstance(root, yaml.SequenceNode):
        raise DataError([Problem(label, root.start_mark.line + 1, "", "expected a YAML list of source entries")])
    problems: list[Problem] = []
    sources: dict[str, tuple[int, r.Source]] = {}
    for item in root.value:
        line = item.start_mark.line + 1
        if not isinstance(item, yaml.MappingNode):
            problems.append(Problem(label, line, "", "expected an entry with id, title, publisher, url, ..."))
            continue
        raw: dict[str, tuple[int, str]] = {}
        for key_node, value_node in item.value:
            name = key_node.value
            if name not in parsers:
                problems.append(
                    Problem(
                        label,
                        key_node.start_mark.line + 1,
                        name,
                        f"unknown field; expected one of {', '.join(parsers)}",
                    )
                )
                continue
            if not isinstance(value_node, yaml.ScalarNode):
                problems.append(Problem(label, value_node.start_mark.line + 1, name, "expected a single value"))
                continue
            value = value_node.value
            if value_node.tag.endswith(":null") or (value in ("null", "~") and value_node.style is None):
                value = ""
            raw[name] = (value_node.start_mark.line + 1, value)
        values: dict[str, Any] = {}
        ok = True
        for name in required:
            if name not in raw:
                problems.append(Problem(label, line, name, "required field is missing"))
                ok = False
        for name, (field_line, value) in raw.items():
            parser = parsers[name]
            if value == "" and not parser.optional:
                problems.append(Problem(label, field_line, name, "required, but empty"))
                ok = False
                continue
            try:
                values[name] = parser(value)
            except ValueError as exc:
                problems.append(Problem(label, field_line, name, str(exc)))
                ok = False
        if not ok:
            continue
        values.update({name: None for name in parsers if name not in values})  # an optional field left out
        if values["kind"] == "secondary" and not values.get("why_secondary"):
            problems.append(
                Problem(
                    label,
                    line,
                    "why_secondary",
                    "a secondary source says why: no-primary (none is public) or paywalled (the primary is)",
                )
            )
            continue
        if values["kind"] == "primary" and values.get("why_secondary"):
            problems.append(Problem(label, line, "why_secondary", "only a secondary source says why it is secondary"))
            continue
        source = record(**values)
        if source.id in sources:
            problems.append(
                Problem(
                    label, line, "id", f"duplicate source id {source.id!r}, first used on line {sources[source.id][0]}"
                )
            )
            continue
        same_url = next(
            (other for other in sources.values() if other[1].url.rstrip("/") == source.url.rstrip("/")), None
        )
        if same_url:
            problems.append(
                Problem(
                    label,
                    line,
                    "url",
                    f"the same URL is already registered as {same_url[1].id!r} (line {same_url[0]}); cite that id",
                )
            )
            continue
        sources[source.id] = (line, source)
    if problems:
        raise DataError(problems)
    return sources


def load(data_dir: Path = DATA_DIR, docs_dir: Path = DOCS_DIR) -> Dataset:
    """Load and cross-check everything; raise DataError listing every problem found."""
    problems: list[Problem] = []
    sources: dict[str, tuple[int, r.Source]] = {}
    try:
        sources = load_sources(data_dir)
    except DataError as exc:
        problems.extend(exc.problems)
    tables: dict[str, list[tuple[int, Any]]] = {}
    for spec in TABLES:
        try:
            tables[spec.file] = load_table(spec, data_dir)
        except DataError as exc:
            problems.extend(exc.problems)
    if problems:
        raise DataError(problems)
    for spec in TABLES:
        label = _label(data_dir, data_dir / spec.file)
        for line, record in tables[spec.file]:
            for name in spec.source_fields:
                value = getattr(record, name)
                for source_id in value if isinstance(value, tuple) else (value,):
                    if source_id not in sources:
                        problems.append(
                            Problem(label, line, name, f"unknown source id {source_id!r}; add it to data/sources.yaml")
                        )
            for name in spec.page_fields:
                value = getattr(record, name)
                if value is not None and not (docs_dir / value).exists():
                    problems.append(Problem(label, line, name, f"no page docs/{value}"))
    problems.extend(_cross_checks(data_dir, docs_dir, tables))
    if problems:
        raise DataError(problems)
    ds = Dataset(
        sources={k: v for k, (_, v) in sources.items()},
        tables={k: [rec for _, rec in rows] for k, rows in tables.items()},
    )
    ds.figures = registry.build(ds)
    problems.extend(_figure_refs(data_dir, docs_dir, tables, ds))
    if problems:
        raise DataError(problems)
    return ds


def _figure_refs(
    data_dir: Path, docs_dir: Path, tables: dict[str, list[tuple[int, Any]]], ds: Dataset
) -> list[Problem]:
    """Every `{{ id }}` in a data text field or a page, and every source footnote on a page, resolves."""
    problems: list[Problem] = []
    for file, rows in tables.items():
        label = _label(data_dir, data_dir / file)
        for line, record in rows:
            for name, value in vars(record).items():
                if isinstance(value, str):
                    problems.extend(Problem(label, line, name, m) for m in refs.check_text(value, ds.figures))
    for page in sorted(docs_dir.rglob("*.md")):
        label = _label(data_dir, page)
        text = page.read_text(encoding="utf-8")
        problems.extend(
            Problem(label, bad.line, "", bad.message) for bad in refs.check_page(text, ds.figures, ds.sources)
        )
    return problems


def build_date() -> dt.date:
    """Today, or the day SOURCE_DATE_EPOCH names, so a reproducible build judges dates the same way."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    return dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch else dt.date.today()


# Date columns that describe what happened; a later date is a typo unless the row is a forecast.
PAST_DATES = {
    "facts.csv": ("as_of",),
    "quotes.csv": ("date",),
    "timeline.csv": ("date",),
    "prices.csv": ("valid_from",),
    "fx_rates.csv": ("date",),
    "stock_closes.csv": ("date",),
    "market_values.csv": ("date",),
    "demand.csv": ("date",),
    "capability_prices.csv": ("date",),
    "updates.csv": ("date",),
    "reviews.csv": ("reviewed",),
    "claims.csv": ("outcome_date",),
    "capex.csv": ("fiscal_year_end",),
}


def _future_dates(data_dir: Path, tables: dict[str, list[tuple[int, Any]]]) -> list[Problem]:
    today = build_date()
    problems = []
    for file, columns in PAST_DATES.items():
        for line, row in tables.get(file, []):
            if getattr(row, "status", None) in ("guidance", "forecast"):
                continue
            for name in columns:
                value = getattr(row, name)
                start = value.start() if hasattr(value, "start") else value
                if start is not None and start > today:
                    problems.append(
                        Problem(
                            _label(data_dir, data_dir / file),
                            line,
                            name,
                            f"{value} is after the build date {today}; only guidance rows may be in the future",
                        )
                    )
    return problems


def docs_pages(docs_dir: Path) -> list[str]:
    return [p.relative_to(docs_dir).as_posix() for p in [*docs_dir.rglob("*.md"), *docs_dir.rglob("*.ipynb")]]


def _cross_checks(data_dir: Path, docs_dir: Path, tables: dict[str, list[tuple[int, Any]]]) -> list[Problem]:
    """References between tables: comparisons name real prices, key numbers real facts, prices have a rate."""
    problems: list[Problem] = []
    price_ids = {p.id: p for _, p in tables["prices.csv"]}
    currencies = {fx.currency for _, fx in tables["fx_rates.csv"]} | {"USD"}
    for line, price in tables["prices.csv"]:
        if price.currency not in currencies:
            problems.append(
                Problem(
                    _label(data_dir, data_dir / "prices.csv"),
                    line,
                    "currency",
                    f"no exchange rate for {price.currency} in data/fx_rates.csv",
                )
            )
        if price.valid_to is not None and price.valid_to < price.valid_from:
            problems.append(
                Problem(
                    _label(data_dir, data_dir / "prices.csv"),
                    line,
                    "valid_to",
                    f"ends ({price.valid_to}) before it starts ({price.valid_from})",
                )
            )
    for line, cmp in tables["price_comparisons.csv"]:
        for name in ("subject", "reference"):
            if getattr(cmp, name) not in price_ids:
                problems.append(
                    Problem(
                        _label(data_dir, data_dir / "price_comparisons.csv"),
                        line,
                        name,
                        f"no price with id {getattr(cmp, name)!r} in data/prices.csv",
                    )
                )
    fact_ids = {fact.id for _, fact in tables["facts.csv"]} | {d.id for _, d in tables["derived_facts.csv"]}
    for line, key in tables["key_numbers.csv"]:
        if key.fact_id not in fact_ids:
            problems.append(
                Problem(
                    _label(data_dir, data_dir / "key_numbers.csv"),
                    line,
                    "fact_id",
                    f"no fact with id {key.fact_id!r} in data/facts.csv or data/derived_facts.csv",
                )
            )
    claims_label = _label(data_dir, data_dir / "claims.csv")
    for line, claim in tables["claims.csv"]:
        if claim.verdict != "opinion" and not claim.source_ids:
            problems.append(
                Problem(claims_label, line, "source_ids", f"a '{claim.verdict}' verdict needs at least one source")
            )
        has = {"outcome": claim.outcome, "outcome_date": claim.outcome_date, "outcome_text": claim.outcome_text}
        if any(has.values()):
            problems.extend(
                Problem(claims_label, line, name, "an outcome needs its outcome, outcome_date and outcome_text")
                for name, value in has.items()
                if not value
            )
            if claim.outcome != "too-early" and not claim.outcome_source_ids:
                problems.append(
                    Problem(claims_label, line, "outcome_source_ids", "an outcome other than too-early needs a source")
                )
        elif claim.outcome_source_ids:
            problems.append(Problem(claims_label, line, "outcome", "outcome sources without an outcome"))
    problems.extend(_future_dates(data_dir, tables))
    for file in ("timeline.csv", "quotes.csv"):
        for line, row in tables[file]:
            if row.utc is not None and abs((row.utc.date() - row.date.start()).days) > 1:
                problems.append(
                    Problem(
                        _label(data_dir, data_dir / file),
                        line,
                        "utc",
                        f"{row.utc:%Y-%m-%dT%H:%M}Z is more than a day from the local date {row.date}",
                    )
                )
    reviewed = {rev.page for _, rev in tables["reviews.csv"]}
    for page in sorted(docs_pages(docs_dir)):
        if page not in reviewed:
            problems.append(
                Problem(
                    _label(data_dir, data_dir / "reviews.csv"), 0, "page", f"no review date for docs/{page}; add a row"
                )
            )
    return problems


_cache: dict[tuple[Path, Path], tuple[tuple[tuple[str, int, int], ...], Dataset]] = {}


def _signature(*folders: Path) -> tuple[tuple[str, int, int], ...]:
    stats = []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if path.is_file() and path.suffix in (".csv", ".yaml", ".md"):
                st = path.stat()
                stats.append((str(path), st.st_mtime_ns, st.st_size))
    return tuple(stats)


def load_cached(data_dir: Path = DATA_DIR, docs_dir: Path = DOCS_DIR) -> Dataset:
    """`load`, reused while no file under data/ or docs/ changes: Markdown renders every page with it."""
    key = (data_dir, docs_dir)
    signature = _signature(data_dir, docs_dir)
    cached = _cache.get(key)
    if cached is None or cached[0] != signature:
        _cache[key] = (signature, load(data_dir, docs_dir))
    return _cache[key][1]

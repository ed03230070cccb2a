"""The one declaration of every data file: its columns (name, parser, unit, meaning), key and title.

Everything else that describes a column is generated from here by `python -m scripts generate`:
the record types in scripts/records.py, the column tables in data/README.md and datapackage.json.
To add or change a column, edit it here, then run `make data`. This module must not import
scripts/records.py, which is generated from it.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from scripts import fields as f

UNITS = (
    "usd",
    "usd_m",
    "usd_bn",
    "usd_tn",
    "usd_per_mtok",
    "cny",
    "cny_bn",
    "cny_per_mtok",
    "pct",
    "pct_change",
    "count",
    "million",
    "billion",
    "tokens_tn",
    "params_bn",
    "gpu_hours_m",
    "times",
    "year",
    "points",
)
OUTCOMES = ("borne-out", "partly", "not-borne-out", "too-early")
ZERO = Decimal(0)
NONE = "–"  # the unit of a column that has none

UNIT = f.choice(*UNITS, describe="a unit listed under `facts.csv`")
TICKER = f.pattern(r"^[A-Z.]{1,6}$", "a ticker symbol like NVDA")
NOTE = f.optional(f.text)


@dataclass(frozen=True)
class Column:
    """One column: how its cells are parsed, what they mean and their unit ("–" for none)."""

    name: str
    parser: f.Parser
    meaning: str
    unit: str = NONE


@dataclass(frozen=True)
class TableSpec:
    """One data file: its columns in order, the record class they fill, the key and the README heading."""

    file: str
    title: str  # the heading in data/README.md and the resource title in datapackage.json
    record_name: str  # the class in scripts/records.py
    columns: tuple[Column, ...]
    key: tuple[str, ...]
    allow_empty: bool = True

    def __post_init__(self) -> None:
        names = self.names
        if len(set(names)) != len(names):
            raise ValueError(f"{self.file}: a column is declared twice")
        if not set(self.key) <= set(names):
            raise ValueError(f"{self.file}: key {self.key} names a column that is not declared")

    @property
    def names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def parsers(self) -> dict[str, f.Parser]:
        return {c.name: c.parser for c in self.columns}

    @property
    def source_fields(self) -> tuple[str, ...]:
        """Columns naming entries of sources.yaml: load checks each one exists."""
        return tuple(c.name for c in self.columns if c.parser.refers == (f.SOURCES,))

    @property
    def page_fields(self) -> tuple[str, ...]:
        """Columns naming a page under docs/: load checks it exists."""
        return tuple(c.name for c in self.columns if c.parser.refers == (f.PAGES,))


TABLES: tuple[TableSpec, ...] = (
    TableSpec(
        "facts.csv",
        "single figures quoted in prose",
        "Fact",
        (
            Column("id", f.kebab, "the name pages and data text fields use: `{{ <id> }}`"),
            Column("value", f.decimal(), "the figure, with the decimals to show", unit="see `unit`"),
            Column("unit", UNIT, "how the value is shown"),
            Column("as_of", f.partial_date, "the date the figure describes"),
            Column("source_id", f.source_id, "where it comes from"),
            Column("note", NOTE, "caveats, definitions, conversions"),
            Column("note_zh", NOTE, "the note in Chinese, for the Chinese edition's tooltips"),
            Column(
                "status",
                f.optional(f.choice("forecast", "guidance")),
                "a figure about the future, the only kind whose `as_of` may be later than the build date",
            ),
        ),
        key=("id",),
    ),
    TableSpec(
        "quotes.csv",
        "exact quotations",
        "Quote",
        (
            Column("id", f.kebab, "pages use `{!snippets/quotes/<id>.md!}` on a line of its own"),
            Column("speaker", f.text, "who said or wrote it"),
            Column("role", f.text, 'e.g. "co-founder, Andreessen Horowitz"'),
            Column("date", f.partial_date, "when"),
            Column("medium", f.text, 'e.g. "post on X", "remarks in Tokyo", "The Coal Question, ch. 7"'),
            Column("lang", f.choice("en", "zh"), "language of `text`"),
            Column("text", f.text, "the exact words, without surrounding quotation marks"),
            Column("text_zh", NOTE, "for a quotation in English: a faithful Chinese translation, shown marked as one"),
            Column("source_id", f.source_id, "where the exact words can be checked"),
            Column(
                "utc", f.optional(f.utc_timestamp), "when the words were posted or said, if a source gives the moment"
            ),
        ),
        key=("id",),
    ),
    TableSpec(
        "timeline.csv",
        "dated events",
        "Event",
        (
            Column(
                "date", f.partial_date, "day of the event (US time for US markets, the company's time zone otherwise)"
            ),
            Column("event", f.text, "one sentence in English"),
            Column("event_zh", f.text, "the same sentence in Chinese"),
            Column(
                "category", f.choice("deepseek", "models", "markets", "capex", "policy", "history"), "for filtering"
            ),
            Column("page", f.page, "the page that discusses it"),
            Column("source_id", f.source_id, "where it is attested"),
            Column(
                "utc",
                f.optional(f.utc_timestamp),
                "the exact moment, when a source gives it; `date` stays the local calendar date (see the Methods page)",
            ),
        ),
        key=("date", "event"),
    ),
    TableSpec(
        "glossary.csv",
        "terms and abbreviations",
        "Term",
        (
            Column("term", f.text, "the term as used on the site"),
            Column("zh", f.text, "the standard Simplified Chinese term, shown beside the English one"),
            Column(
                "abbr",
                f.optional(f.pattern(r"^[A-Za-z0-9][A-Za-z0-9.+-]*$", "a short abbreviation")),
                "if set, every occurrence on every page gets a tooltip with `definition`",
            ),
            Column("definition", f.text, "one or two plain sentences"),
            Column("definition_zh", f.text, "the definition in Chinese"),
            Column("page", f.optional(f.page), "where the term is explained at length"),
        ),
        key=("term",),
    ),
    TableSpec(
        "prices.csv",
        "API list prices per million tokens",
        "Price",
        (
            Column("id", f.kebab, "row key, e.g. `deepseek-r1-standard-2025-01`"),
            Column("model", f.text, "model name as the provider writes it"),
            Column("provider", f.text, "who sells it"),
            Column("tier", f.choice("standard", "promotional", "off-peak", "batch"), "which price list"),
            Column("currency", f.choice("USD", "CNY"), "currency of the three price columns"),
            Column("input", f.decimal(ZERO), "input (prompt) tokens, cache miss", unit="currency per 1M tokens"),
            Column(
                "cached_input",
                f.optional(f.decimal(ZERO)),
                "input tokens served from the provider's cache",
                unit="currency per 1M tokens",
            ),
            Column(
                "output",
                f.decimal(ZERO),
                "output (generated) tokens, reasoning tokens included",
                unit="currency per 1M tokens",
            ),
            Column("valid_from", f.date, "first day this price applied"),
            Column("valid_to", f.optional(f.date), "last day it applied (blank: still in force when checked)"),
            Column("source_id", f.source_id, "pricing page or dated record"),
            Column("note", NOTE, "conditions"),
            Column("note_zh", NOTE, "the conditions in Chinese"),
        ),
        key=("id",),
    ),
    TableSpec(
        "fx_rates.csv",
        "exchange rates used for conversions",
        "FxRate",
        (
            Column("currency", f.pattern(r"^[A-Z]{3}$", "a three-letter ISO currency code"), "e.g. `CNY`"),
            Column("per_usd", f.decimal(ZERO, strict=True), "e.g. 7.30", unit="currency units per US dollar"),
            Column("date", f.partial_date, "the date of the rate"),
            Column("source_id", f.source_id, "where the rate comes from"),
        ),
        key=("currency", "date"),
    ),
    TableSpec(
        "capex.csv",
        "capital expenditure of the largest technology firms",
        "Capex",
        (
            Column("company", f.text, "e.g. `Microsoft`"),
            Column("fiscal_year", f.integer, "the year the company's fiscal year is named for"),
            Column("fiscal_year_end", f.date, "last day of that fiscal year"),
            Column(
                "capex_usd_bn",
                f.decimal(ZERO),
                "capital expenditure as the company defines it (see `definition`)",
                unit="US$ billion",
            ),
            Column("status", f.choice("actual", "guidance"), "reported figure, or the company's own forecast"),
            Column("definition", f.text, 'e.g. "purchases of property and equipment, incl. finance leases"'),
            Column("definition_zh", f.text, "the definition in Chinese"),
            Column("source_id", f.source_id, "filing, results release or call transcript"),
        ),
        key=("company", "fiscal_year", "status"),
    ),
    TableSpec(
        "revenue.csv",
        "revenue, for capex-to-revenue ratios",
        "Revenue",
        (
            Column("company", f.text, "as in `capex.csv`"),
            Column("fiscal_year", f.integer, "as in `capex.csv`"),
            Column("revenue_usd_bn", f.decimal(ZERO, strict=True), "total revenue", unit="US$ billion"),
            Column("source_id", f.source_id, "filing or results release"),
        ),
        key=("company", "fiscal_year"),
    ),
    TableSpec(
        "stock_closes.csv",
        "daily closing prices around 27 January 2025",
        "StockClose",
        (
            Column("ticker", TICKER, "e.g. `NVDA`"),
            Column("date", f.date, "US trading day"),
            Column("close_usd", f.decimal(ZERO, strict=True), "closing price", unit="US$ per share"),
            Column("source_id", f.source_id, "where it is reported"),
        ),
        key=("ticker", "date"),
    ),
    TableSpec(
        "sp500_contributions_2024.csv",
        "what moved the S&P 500 in 2024",
        "Contribution",
        (
            Column("company", f.text, "e.g. `Nvidia`"),
            Column("ticker", TICKER, "e.g. `NVDA`"),
            Column(
                "share_of_return_pct",
                f.decimal(),
                "the stock's contribution",
                unit="% of the index's 2024 total return",
            ),
            Column("source_id", f.source_id, "S&P Dow Jones Indices or reporting of it"),
        ),
        key=("ticker",),
    ),
    TableSpec(
        "claims.csv",
        "the claims ledger of the source article",
        "Claim",
        (
            Column("id", f.pattern(r"^C\d{2}$", "a claim id like C07"), "claim number, in the article's order"),
            Column("part", f.integer_choice(1, 2, 3), "the article's part (see `About the source article`)"),
            Column("zh", f.text, "the claim's sentence in Chinese, with the word-spinner's substitutions undone"),
            Column("en", f.text, "an English rendering"),
            Column(
                "verdict",
                f.choice("verified", "approx", "wrong", "misattributed", "opinion", "unverifiable"),
                "our finding",
            ),
            Column("finding", NOTE, "what the evidence says; for `wrong` and `approx`, the correct figure"),
            Column("finding_zh", NOTE, "the finding in Chinese"),
            Column("source_ids", f.source_ids, "the evidence (may be empty only for `opinion`)"),
            Column("page", f.page, "the page that discusses the claim"),
            Column(
                "outcome",
                f.optional(f.choice(*OUTCOMES)),
                "for a forecast or opinion: how it turned out since; the verdict stays a judgement as of the "
                "article's date",
            ),
            Column("outcome_date", f.optional(f.partial_date), "the date of the evidence for the outcome"),
            Column("outcome_text", NOTE, "what happened, with figures as `{{ id }}`"),
            Column("outcome_text_zh", NOTE, "the outcome in Chinese"),
            Column(
                "outcome_source_ids", f.source_ids, "the evidence for the outcome (may be empty only for `too-early`)"
            ),
        ),
        key=("id",),
    ),
    TableSpec(
        "capability_prices.csv",
        "the price of a fixed level of capability over time",
        "CapabilityPrice",
        (
            Column("date", f.date, "when that model was available at that price"),
            Column("model", f.text, "the cheapest model found at that capability level on that date"),
            Column("capability", f.text, 'the fixed level, defined by a benchmark threshold (e.g. "MMLU ≥ 83")'),
            Column(
                "price_usd_per_mtok",
                f.decimal(ZERO, strict=True),
                "the price, as the source defines it (blended or input)",
                unit="US$ per 1M tokens",
            ),
            Column("source_id", f.source_id, "where the price and the benchmark score come from"),
            Column("note", NOTE, "how the price is defined"),
        ),
        key=("date", "model", "capability"),
    ),
    TableSpec(
        "price_comparisons.csv",
        "which like-for-like price ratios the site shows",
        "PriceComparison",
        (
            Column("id", f.kebab, "row key"),
            Column("subject", f.id_in("prices.csv"), "the cheaper model, usually"),
            Column(
                "reference", f.id_in("prices.csv"), "the model it is compared with; the ratio is reference ÷ subject"
            ),
            Column("note", NOTE, "why the pair is like for like"),
            Column("note_zh", NOTE, "the same in Chinese"),
        ),
        key=("id",),
    ),
    TableSpec(
        "derived_facts.csv",
        "figures computed from other figures",
        "DerivedFact",
        (
            Column("id", f.kebab, "not also in `facts.csv`; pages use `{{ <id> }}` like any fact"),
            Column(
                "operation",
                f.choice("value", "sum", "difference", "product", "ratio", "percent", "percent_change"),
                "`ratio` is a ÷ b; `percent` is a ÷ b × 100; `percent_change` is (a ÷ b − 1) × 100; "
                "`value` republishes one number",
            ),
            Column(
                "operands",
                f.pattern(r"^\S+( \S+)*$", "operand references separated by spaces"),
                "`fact:<id>` (a fact, or a derived fact on an earlier row), `capex:<company>:<fiscal year>`, "
                "`revenue:<company>:<fiscal year>`, `close:<ticker>:<date>`, `sp500:<ticker>`, "
                "`price:<price id>:<input, cached_input or output>` (US$), `fx:<currency>:<date>`, `const:<number>`",
            ),
            Column("unit", UNIT, "how the result is shown"),
            Column("places", f.integer, "decimals shown (negative rounds to tens, hundreds…)"),
            Column("note", f.text, "what the figure means; shown in its tooltip"),
            Column("note_zh", NOTE, "the note in Chinese, for the Chinese edition's tooltips"),
        ),
        key=("id",),
    ),
    TableSpec(
        "updates.csv",
        "the site's change log, published as an RSS feed",
        "Update",
        (
            Column("date", f.date, "when the change was published"),
            Column("title", f.text, "a short headline"),
            Column("summary", f.text, "one or two sentences"),
            Column("title_zh", f.text, "the headline in Chinese"),
            Column("summary_zh", f.text, "the summary in Chinese"),
            Column("page", f.page, "the page most affected"),
        ),
        key=("date", "title"),
    ),
    TableSpec(
        "market_values.csv",
        "a company's stock-market value over time",
        "MarketValue",
        (
            Column("ticker", TICKER, "e.g. `NVDA`"),
            Column("date", f.date, "US trading day"),
            Column(
                "market_value_usd_bn",
                f.decimal(ZERO, strict=True),
                "market capitalisation at the close (or as the note says)",
                unit="US$ billion",
            ),
            Column("source_id", f.source_id, "where it is reported"),
            Column("note", NOTE, "how the value was measured"),
        ),
        key=("ticker", "date"),
    ),
    TableSpec(
        "demand.csv",
        "series of compute or token demand",
        "DemandPoint",
        (
            Column("series", f.kebab, "the series, e.g. `google-monthly-tokens`"),
            Column("date", f.partial_date, "the period or day the value describes"),
            Column("value", f.decimal(ZERO, strict=True), "the value", unit="see `unit`"),
            Column("unit", UNIT, "how the value is shown"),
            Column("source_id", f.source_id, "where the company states it"),
            Column("note", NOTE, "definitions and caveats"),
        ),
        key=("series", "date"),
    ),
    TableSpec(
        "reviews.csv",
        "when each page was last reviewed",
        "Review",
        (
            Column("page", f.page_path, "every page has one row"),
            Column(
                "reviewed", f.date, "the day an editor last checked the page against its sources; shown under its title"
            ),
        ),
        key=("page",),
        allow_empty=False,
    ),
    TableSpec(
        "key_numbers.csv",
        "the figures on the home page",
        "KeyNumber",
        (
            Column("fact_id", f.id_in("facts.csv", "derived_facts.csv"), "the figure"),
            Column("label", f.text, "what it measures"),
            Column("label_zh", f.text, "the label in Chinese"),
            Column("page", f.page, "where it is explained"),
            Column("anchor", f.optional(f.kebab), "the section's heading anchor"),
        ),
        key=("fact_id",),
    ),
)

# The register of sources: a YAML list of entries, declared like a table. An optional field may be left out.
SOURCES = TableSpec(
    "sources.yaml",
    "the register of sources",
    "Source",
    (
        Column("id", f.kebab, "how data rows and pages cite it, e.g. `ft-2025-01-29-openai-distillation`"),
        Column("title", f.text, "the title of the page, report, paper or post, as published"),
        Column("publisher", f.text, "the organisation or outlet (for a post on X: `X (Twitter)`)"),
        Column(
            "url",
            f.pattern(r"^https?://[^\s<>\"'`|()]+$", "an http(s) URL without spaces or brackets"),
            "where it can be read; prefer the primary publisher's own URL",
        ),
        Column("published", f.optional(f.partial_date), "date of publication; `null` if not known"),
        Column("accessed", f.date, "when we last checked the figure at this URL (or at a stored copy of it)"),
        Column("redistributable", f.boolean, "whether the figures taken from it may be republished in our CSV files"),
        Column(
            "kind",
            f.choice("primary", "secondary"),
            "primary: the company, author, filing or paper itself; secondary: reporting about it",
        ),
        Column(
            "why_secondary",
            f.optional(f.choice("no-primary", "paywalled")),
            "why we cite reporting: no public primary was found, or the primary is paywalled; required for, and "
            "only for, a secondary source",
        ),
        Column(
            "archive",
            f.optional(
                f.pattern(
                    r"^https://web\.archive\.org/web/\d{4,14}/https?://\S+$",
                    "a Wayback Machine address like https://web.archive.org/web/20250127/https://…",
                )
            ),
            "an archived copy; without it the site links a Wayback lookup for the access date",
        ),
        Column("author", f.optional(f.text), "person or people, as credited"),
        Column("note", NOTE, 'anything a reader needs, e.g. "read through an archived copy"'),
    ),
    key=("id",),
    allow_empty=False,
)

# Every file the declaration covers.
SPECS: tuple[TableSpec, ...] = (SOURCES, *TABLES)

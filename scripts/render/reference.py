"""Reference tables: timeline, claims ledger, glossary, sources register and key numbers."""

from __future__ import annotations

import functools
from collections import Counter
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType

import datetime as dt

import yaml

from scripts import mdtable as md
from scripts.fields import PartialDate
from scripts.load import ROOT, Dataset
from scripts.numbers import number
from scripts.records import Claim
from scripts.refs import archive_url, display
from scripts.text import escape, long_date

SCRIPT = "scripts/render/reference.py"
VERDICTS = {
    "verified": "Verified",
    "approx": "Approximately right",
    "wrong": "Wrong",
    "misattributed": "Misattributed",
    "unverifiable": "Unverifiable",
    "opinion": "Opinion",
}
KINDS = {
    "primary": "primary",
    "no-primary": "secondary: no public primary found",
    "paywalled": "secondary: the primary is paywalled",
}
TOPICS = {
    "deepseek": "DeepSeek", "models": "Models", "markets": "Markets", "capex": "Capex",
    "policy": "Policy and law", "history": "History",
}


def read_nav_titles(config: Path) -> dict[str, str]:
    """Page titles as the navigation shows them, read from a mkdocs.yml without importing MkDocs."""
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    titles: dict[str, str] = {}

    def walk(node: object) -> None:
        if isinstance(node, list):
            for item in node:
                walk(item)
        elif isinstance(node, dict):
            for title, value in node.items():
                if isinstance(value, str):
                    titles[value] = title
                else:
                    walk(value)

    walk(data.get("nav", []))
    return titles


def nav_titles(root: Path = ROOT) -> Mapping[str, str]:
    """The site's nav titles, read on first use: importing this module reads no file.

    Cached per file and modification time, so `mkdocs serve` picks up an edited nav without a restart.
    """
    config = root / "mkdocs.yml"
    return _cached_nav_titles(config, config.stat().st_mtime_ns)


@functools.lru_cache(maxsize=4)
def _cached_nav_titles(config: Path, mtime_ns: int) -> Mapping[str, str]:
    return MappingProxyType(read_nav_titles(config))


def page_title(page: str, titles: Mapping[str, str]) -> str:
    """The nav title of a page, or one made from its file name when the nav does not list it."""
    return titles.get(page) or page.removesuffix(".md").replace("-", " ").capitalize()


def event_date(day: PartialDate, utc: dt.datetime | None) -> str:
    """The local date, as the dating rule says; the UTC moment, when known, rides along for machines and tooltips."""
    if utc is None:
        return long_date(day)
    stamp = f"{utc:%Y-%m-%dT%H:%M:%S}Z"
    return f'<time datetime="{stamp}" title="{utc:%H:%M} UTC on {long_date(utc.date())}">{long_date(day)}</time>'


def timeline(ds: Dataset, titles: Mapping[str, str]) -> str:
    """Dated events, each linked to the page that discusses it and to its source."""
    events = sorted(ds.rows("timeline.csv"), key=lambda e: (e.date, e.event))
    rows = [[event_date(e.date, e.utc), ds.rich(e.event), TOPICS[e.category], f"[{page_title(e.page, titles)}]({e.page})",
             md.source_link(ds, e.source_id)] for e in events]
    body = md.table(["Date", "Event", "Topic", "Read more", "Source"], rows, "lllll")
    return md.header(SCRIPT, ["timeline.csv", "sources.yaml"]) + "\n" + body + md.source_line(
        ds, [e.source_id for e in events], ["timeline.csv"])


def claims_tally(ds: Dataset) -> str:
    claims = ds.rows("claims.csv")
    counts = Counter(c.verdict for c in claims)
    total = len(claims) or 1
    rows = []
    for key, label in VERDICTS.items():
        share = Decimal(counts[key]) / total * 100
        rows.append([f"[{label}](#verdict-{key})", str(counts[key]), f"{number(share, 0)}%"])
    rows.append(["**All claims**", f"**{len(claims)}**", "**100%**"])
    note = "\nCounts computed from the ledger; each claim's sources are listed with it below.\nData: [claims.csv](/data/claims.csv).\n{ .table-source }\n"
    return md.header(SCRIPT, ["claims.csv"]) + "\n" + md.table(["Verdict", "Claims", "Share"], rows, "lrr") + note


OUTCOMES = {
    "borne-out": "Borne out",
    "partly": "Partly borne out",
    "not-borne-out": "Not borne out",
    "too-early": "Too early to tell",
}


def outcome(ds: Dataset, claim: Claim) -> str:
    """How a forecast or opinion turned out: dated and sourced, beside a verdict that stays as judged then."""
    if not claim.outcome:
        return ""
    sources = md.source_links(ds, claim.outcome_source_ids)
    return (f"**{OUTCOMES[claim.outcome]}** ({long_date(claim.outcome_date)}): {ds.rich(claim.outcome_text or '')}"
            + (f" Sources: {sources}." if sources else ""))


def claims(ds: Dataset, titles: Mapping[str, str]) -> str:
    """The ledger grouped by verdict, each claim with its sources, outcome and where it is discussed."""
    out = [md.header(SCRIPT, ["claims.csv", "sources.yaml"])]
    all_claims = ds.rows("claims.csv")
    for key, label in VERDICTS.items():
        group = sorted((c for c in all_claims if c.verdict == key), key=lambda c: c.id)
        out.append(f"\n## {label} ({len(group)}) {{ #verdict-{key} }}\n\n")
        if not group:
            out.append("No claim has this verdict.\n")
            continue
        rows = []
        for c in group:
            sources = md.source_links(ds, c.source_ids)
            rows.append([
                f'<span id="{c.id.lower()}"></span>**{c.id}**',
                f'<span lang="zh">{escape(c.zh)}</span>',
                escape(c.en), ds.rich(c.finding or ""), sources, outcome(ds, c), f"[{page_title(c.page, titles)}]({c.page})",
            ])
        out.append(md.table(["Claim", "The article (Chinese, restored)", "In English", "What the evidence says",
                             "Sources", "Since then", "Discussed in"], rows, "lllllll"))
    ids = [s for c in all_claims for s in c.source_ids]
    out.append(md.source_line(ds, ids, ["claims.csv"]))
    return "".join(out)


def glossary(ds: Dataset, titles: Mapping[str, str]) -> str:
    terms = sorted(ds.rows("glossary.csv"), key=lambda t: t.term.lower())
    rows = [[f"**{escape(t.term)}**", f'<span lang="zh">{escape(t.zh)}</span>', escape(t.abbr or ""), ds.rich(t.definition),
             f"[{page_title(t.page, titles)}]({t.page})" if t.page else ""] for t in terms]
    return md.header(SCRIPT, ["glossary.csv"]) + "\n" + md.table(
        ["Term", "Chinese", "Abbreviation", "Definition", "Read more"], rows, "lllll") + "\nData: [glossary.csv](/data/glossary.csv).\n{ .table-source }\n"


def sources_register(ds: Dataset) -> str:
    rows = []
    for s in sorted(ds.sources.values(), key=lambda s: s.id):
        rows.append([
            f'<span id="src-{s.id}"></span>{s.id}', md.link(s.title, s.url), escape(s.publisher),
            long_date(s.published), f"{long_date(s.accessed)} ([archived]({archive_url(s)}))",
            KINDS[s.why_secondary or s.kind], "yes" if s.redistributable else "no",
        ])
    body = md.table(["Id", "Title", "Publisher", "Published", "Accessed", "Kind", "Figures redistributable"], rows, "lllllll")
    return md.header(SCRIPT, ["sources.yaml"]) + "\n" + body + "\nData: [sources.yaml](/data/sources.yaml).\n{ .table-source }\n"


def key_numbers(ds: Dataset, titles: Mapping[str, str]) -> str:
    rows: list[list[str]] = []
    sources: list[str] = []
    for k in ds.rows("key_numbers.csv"):
        figure = ds.figures[k.fact_id]
        target = k.page + (f"#{k.anchor}" if k.anchor else "")
        rows.append([f"**{escape(display(figure))}**", ds.rich(k.label), f"[{page_title(k.page, titles)}]({target})"])
        sources.extend(figure.source_ids)
    body = md.table(["Figure", "What it measures", "Read more"], rows, "rll")
    return md.header(SCRIPT, ["key_numbers.csv", "facts.csv", "derived_facts.csv", "sources.yaml"]) + "\n" + body + md.source_line(
        ds, sources, ["key_numbers.csv", "facts.csv"])


def render(ds: Dataset, titles: Mapping[str, str] | None = None) -> dict[str, str]:
    """Every reference table; `titles` (page -> nav title) defaults to the project's mkdocs.yml."""
    if titles is None:
        titles = nav_titles()
    return {
        "snippets/tables/timeline.md": timeline(ds, titles),
        "snippets/tables/claims-tally.md": claims_tally(ds),
        "snippets/tables/claims.md": claims(ds, titles),
        "snippets/tables/glossary.md": glossary(ds, titles),
        "snippets/tables/sources.md": sources_register(ds),
        "snippets/tables/key-numbers.md": key_numbers(ds, titles),
    }

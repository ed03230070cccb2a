"""Reference tables: timeline, claims ledger, glossary, sources register and key numbers."""

from __future__ import annotations

import datetime as dt
import functools
from collections import Counter
from collections.abc import Mapping
from decimal import Decimal
from pathlib import Path
from types import MappingProxyType

import yaml

from scripts import mdtable as md
from scripts.fields import PartialDate
from scripts.i18n import display, field_html, lang_span, out_path
from scripts.load import ROOT, Dataset
from scripts.messages import msg
from scripts.numbers import number
from scripts.records import Claim
from scripts.refs import archive_url
from scripts.text import escape, long_date

SCRIPT = "scripts/render/reference.py"
# Verdicts in the ledger's order; their names, like the topics', kinds and outcomes', are in data/messages.yaml.
VERDICTS = ("verified", "approx", "wrong", "misattributed", "unverifiable", "opinion")


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


def read_nav_translations(config: Path, lang: str) -> dict[str, str]:
    """The i18n plugin's `nav_translations` for `lang` in a mkdocs.yml: English nav title -> translated title."""
    data = yaml.load(config.read_text(encoding="utf-8"), Loader=yaml.BaseLoader)
    for plugin in data.get("plugins", []):
        if isinstance(plugin, dict) and isinstance(plugin.get("i18n"), dict):
            for language in plugin["i18n"].get("languages", []):
                if language.get("locale") == lang:
                    return dict(language.get("nav_translations") or {})
    return {}


def titles_for(lang: str, root: Path = ROOT) -> Mapping[str, str]:
    """Page titles as the navigation of the edition in `lang` shows them (English where it has no translation)."""
    titles = nav_titles(root)
    if lang == "en":
        return titles
    translations = read_nav_translations(root / "mkdocs.yml", lang)
    return {page: translations.get(title, title) for page, title in titles.items()}


def page_title(page: str, titles: Mapping[str, str]) -> str:
    """The nav title of a page, or one made from its file name when the nav does not list it."""
    return titles.get(page) or page.removesuffix(".md").replace("-", " ").capitalize()


def event_date(day: PartialDate, utc: dt.datetime | None, lang: str = "en") -> str:
    """The local date, as the dating rule says; the UTC moment, when known, rides along for machines and tooltips."""
    if utc is None:
        return long_date(day, lang)
    stamp = f"{utc:%Y-%m-%dT%H:%M:%S}Z"
    title = msg("time.utc", lang, time=f"{utc:%H:%M}", date=long_date(utc.date(), lang))
    return f'<time datetime="{stamp}" title="{title}">{long_date(day, lang)}</time>'


def timeline(ds: Dataset, titles: Mapping[str, str], lang: str = "en") -> str:
    """Dated events, each linked to the page that discusses it and to its source."""
    events = sorted(ds.rows("timeline.csv"), key=lambda e: (e.date, e.event))
    rows = [
        [
            event_date(e.date, e.utc, lang),
            field_html(ds, e, "event", lang),
            msg(f"topic.{e.category}", lang),
            f"[{page_title(e.page, titles)}]({e.page})",
            md.source_link(ds, e.source_id),
        ]
        for e in events
    ]
    headers = [
        msg("timeline.header.date", lang),
        msg("timeline.header.event", lang),
        msg("timeline.header.topic", lang),
        msg("header.read_more", lang),
        msg("header.source", lang),
    ]
    body = md.table(headers, rows, "lllll")
    return (
        md.header(SCRIPT, ["timeline.csv", "sources.yaml"])
        + "\n"
        + body
        + md.source_line(ds, [e.source_id for e in events], ["timeline.csv"], lang)
    )


def claims_tally(ds: Dataset, lang: str = "en") -> str:
    claims = ds.rows("claims.csv")
    counts = Counter(c.verdict for c in claims)
    total = len(claims) or 1
    rows = []
    for key in VERDICTS:
        share = Decimal(counts[key]) / total * 100
        rows.append([f"[{msg(f'verdict.{key}', lang)}](#verdict-{key})", str(counts[key]), f"{number(share, 0)}%"])
    rows.append([f"**{msg('tally.all', lang)}**", f"**{len(claims)}**", "**100%**"])
    note = f"\n{msg('tally.note', lang)}\n{md.downloads(['claims.csv'], lang)}\n{{ .table-source }}\n"
    headers = [msg(f"tally.header.{h}", lang) for h in ("verdict", "claims", "share")]
    return md.header(SCRIPT, ["claims.csv"]) + "\n" + md.table(headers, rows, "lrr") + note


def outcome(ds: Dataset, claim: Claim, lang: str = "en") -> str:
    """How a forecast or opinion turned out: dated and sourced, beside a verdict that stays as judged then."""
    if not claim.outcome:
        return ""
    sources = md.source_links(ds, claim.outcome_source_ids, msg("list.comma", lang))
    return msg(
        "outcome.text",
        lang,
        outcome=msg(f"outcome.{claim.outcome}", lang),
        date=long_date(claim.outcome_date, lang),
        text=field_html(ds, claim, "outcome_text", lang),
    ) + (msg("outcome.sources", lang, sources=sources) if sources else "")


def claims(ds: Dataset, titles: Mapping[str, str], lang: str = "en") -> str:
    """The ledger grouped by verdict, each claim with its sources, outcome and where it is discussed."""
    out = [md.header(SCRIPT, ["claims.csv", "sources.yaml"])]
    all_claims = ds.rows("claims.csv")
    headers = [
        msg(f"claims.header.{h}", lang)
        for h in ("claim", "article", "english", "finding", "sources", "since", "discussed")
    ]
    for key in VERDICTS:
        group = sorted((c for c in all_claims if c.verdict == key), key=lambda c: c.id)
        out.append(
            f"\n## {msg('claims.heading', lang, verdict=msg(f'verdict.{key}', lang), count=len(group))} "
            f"{{ #verdict-{key} }}\n\n"
        )
        if not group:
            out.append(msg("claims.none", lang) + "\n")
            continue
        rows = []
        for c in group:
            sources = md.source_links(ds, c.source_ids, msg("list.comma", lang))
            rows.append(
                [
                    f'<span id="{c.id.lower()}"></span>**{c.id}**',
                    lang_span(escape(c.zh), "zh", lang),
                    lang_span(escape(c.en), "en", lang),
                    field_html(ds, c, "finding", lang),
                    sources,
                    outcome(ds, c, lang),
                    f"[{page_title(c.page, titles)}]({c.page})",
                ]
            )
        out.append(md.table(headers, rows, "lllllll"))
    ids = [s for c in all_claims for s in c.source_ids]
    out.append(md.source_line(ds, ids, ["claims.csv"], lang))
    return "".join(out)


def glossary(ds: Dataset, titles: Mapping[str, str], lang: str = "en") -> str:
    """Terms in English and Chinese; the Chinese edition leads with the Chinese term."""
    terms = sorted(ds.rows("glossary.csv"), key=lambda t: t.term.lower())
    if lang == "zh":
        rows = [
            [
                f"**{escape(t.zh)}**",
                lang_span(escape(t.term), "en", lang),
                escape(t.abbr or ""),
                field_html(ds, t, "definition", lang),
                f"[{page_title(t.page, titles)}]({t.page})" if t.page else "",
            ]
            for t in terms
        ]
    else:
        rows = [
            [
                f"**{escape(t.term)}**",
                f'<span lang="zh">{escape(t.zh)}</span>',
                escape(t.abbr or ""),
                field_html(ds, t, "definition", lang),
                f"[{page_title(t.page, titles)}]({t.page})" if t.page else "",
            ]
            for t in terms
        ]
    headers = [msg(f"glossary.header.{h}", lang) for h in ("term", "other", "abbr", "definition")] + [
        msg("header.read_more", lang)
    ]
    return (
        md.header(SCRIPT, ["glossary.csv"])
        + "\n"
        + md.table(headers, rows, "lllll")
        + (f"\n{md.downloads(['glossary.csv'], lang)}\n{{ .table-source }}\n")
    )


def sources_register(ds: Dataset, lang: str = "en") -> str:
    rows = []
    for s in sorted(ds.sources.values(), key=lambda s: s.id):
        rows.append(
            [
                f'<span id="src-{s.id}"></span>{s.id}',
                md.link(s.title, s.url),
                escape(s.publisher),
                long_date(s.published, lang),
                msg("register.accessed", lang, date=long_date(s.accessed, lang), archive=archive_url(s)),
                msg(f"kind.{s.why_secondary or s.kind}", lang),
                msg("answer.yes" if s.redistributable else "answer.no", lang),
            ]
        )
    headers = [
        msg(f"register.header.{h}", lang)
        for h in ("id", "title", "publisher", "published", "accessed", "kind", "redistributable")
    ]
    body = md.table(headers, rows, "lllllll")
    return (
        md.header(SCRIPT, ["sources.yaml"])
        + "\n"
        + body
        + f"\n{md.downloads(['sources.yaml'], lang)}\n{{ .table-source }}\n"
    )


def key_numbers(ds: Dataset, titles: Mapping[str, str], lang: str = "en") -> str:
    rows: list[list[str]] = []
    sources: list[str] = []
    for k in ds.rows("key_numbers.csv"):
        figure = ds.figures[k.fact_id]
        target = k.page + (f"#{k.anchor}" if k.anchor else "")
        rows.append(
            [
                f"**{escape(display(figure, lang))}**",
                field_html(ds, k, "label", lang),
                f"[{page_title(k.page, titles)}]({target})",
            ]
        )
        sources.extend(figure.source_ids)
    headers = [
        msg("key_numbers.header.figure", lang),
        msg("key_numbers.header.label", lang),
        msg("header.read_more", lang),
    ]
    body = md.table(headers, rows, "rll")
    return (
        md.header(SCRIPT, ["key_numbers.csv", "facts.csv", "derived_facts.csv", "sources.yaml"])
        + "\n"
        + body
        + md.source_line(ds, sources, ["key_numbers.csv", "facts.csv"], lang)
    )


def render(ds: Dataset, lang: str = "en", titles: Mapping[str, str] | None = None) -> dict[str, str]:
    """Every reference table; `titles` (page -> title) defaults to the project's mkdocs.yml (and Chinese pages)."""
    if titles is None:
        titles = titles_for(lang)
    tables = {
        "snippets/tables/timeline.md": timeline(ds, titles, lang),
        "snippets/tables/claims-tally.md": claims_tally(ds, lang),
        "snippets/tables/claims.md": claims(ds, titles, lang),
        "snippets/tables/glossary.md": glossary(ds, titles, lang),
        "snippets/tables/sources.md": sources_register(ds, lang),
        "snippets/tables/key-numbers.md": key_numbers(ds, titles, lang),
    }
    return {out_path(rel, lang): content for rel, content in tables.items()}

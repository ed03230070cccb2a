"""The RSS feed of site updates and robots.txt, written into the built site."""

from __future__ import annotations

import datetime as dt
from email.utils import format_datetime
from xml.sax.saxutils import escape

from scripts.load import Dataset
from scripts.messages import msg


def page_url(site_url: str, page: str, lang: str = "en") -> str:
    name = page.removesuffix(".md")
    edition = "" if lang == "en" else f"{lang}/"
    return site_url + edition + ("" if name == "index" else f"{name}/")


def rss(ds: Dataset, site_url: str, site_name: str, description: str, lang: str = "en") -> str:
    """RSS 2.0, newest first, one per edition; dates come from the data, so the feed is reproducible."""
    updates = sorted(ds.rows("updates.csv"), key=lambda u: (u.date, u.title), reverse=True)
    items = []
    for u in updates:
        when = format_datetime(dt.datetime.combine(u.date, dt.time(0, 0), tzinfo=dt.UTC))
        link = page_url(site_url, u.page, lang)
        title = u.title_zh if lang == "zh" and u.title_zh else u.title
        summary = u.summary_zh if lang == "zh" and u.summary_zh else u.summary
        items.append(
            f"    <item>\n      <title>{escape(title)}</title>\n      <link>{escape(link)}</link>\n"
            f'      <guid isPermaLink="false">{escape(str(u.date))}-{escape(u.title)}-{lang}</guid>\n'
            f"      <pubDate>{when}</pubDate>\n"
            f"      <description>{escape(ds.plain(summary, lang))}</description>\n    </item>\n"
        )
    latest = format_datetime(dt.datetime.combine(updates[0].date, dt.time(0, 0), tzinfo=dt.UTC)) if updates else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n  <channel>\n'
        f"    <title>{escape(msg('feed.title', lang, site=site_name))}</title>\n"
        f"    <link>{escape(page_url(site_url, 'index.md', lang))}</link>\n"
        f"    <description>{escape(description)}</description>\n    <language>{lang}</language>\n"
        f"    <lastBuildDate>{latest}</lastBuildDate>\n" + "".join(items) + "  </channel>\n</rss>\n"
    )


def robots(site_url: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url}sitemap.xml\n"

"""The RSS feed of site updates and robots.txt, written into the built site."""

from __future__ import annotations

import datetime as dt
from email.utils import format_datetime
from xml.sax.saxutils import escape

from scripts.load import Dataset


def page_url(site_url: str, page: str) -> str:
    name = page.removesuffix(".md")
    return site_url + ("" if name == "index" else f"{name}/")


def rss(ds: Dataset, site_url: str, site_name: str, description: str) -> str:
    """RSS 2.0, newest first; dates come from the data, so the feed is reproducible."""
    updates = sorted(ds.rows("updates.csv"), key=lambda u: (u.date, u.title), reverse=True)
    items = []
    for u in updates:
        when = format_datetime(dt.datetime.combine(u.date, dt.time(0, 0), tzinfo=dt.UTC))
        link = page_url(site_url, u.page)
        items.append(
            f"    <item>\n      <title>{escape(u.title)}</title>\n      <link>{escape(link)}</link>\n"
            f'      <guid isPermaLink="false">{escape(str(u.date))}-{escape(u.title)}</guid>\n'
            f"      <pubDate>{when}</pubDate>\n"
            f"      <description>{escape(ds.plain(u.summary))}</description>\n    </item>\n"
        )
    latest = format_datetime(dt.datetime.combine(updates[0].date, dt.time(0, 0), tzinfo=dt.UTC)) if updates else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0">\n  <channel>\n'
        f"    <title>{escape(site_name)}: updates</title>\n    <link>{escape(site_url)}</link>\n"
        f"    <description>{escape(description)}</description>\n    <language>en</language>\n"
        f"    <lastBuildDate>{latest}</lastBuildDate>\n" + "".join(items) + "  </channel>\n</rss>\n"
    )


def robots(site_url: str) -> str:
    return f"User-agent: *\nAllow: /\n\nSitemap: {site_url}sitemap.xml\n"

"""A Content-Security-Policy for every page, as a <meta> tag: GitHub Pages sets no headers.

Only the site's own origin may serve scripts, plus the inline scripts the build itself wrote, each
allowed by its SHA-256 hash. Material's instant navigation runs a later page's inline scripts under
the first page's policy, so every page carries the same policy: the hashes of the whole site.
"""

from __future__ import annotations

import base64
import hashlib
import re
from pathlib import Path

INLINE_SCRIPT = re.compile(r"<script(?P<attrs>[^>]*)>(?P<body>.*?)</script>", re.S | re.I)
NOT_JAVASCRIPT = re.compile(r"""\btype=["']?(?!(?:text/javascript|module)\b)[\w/+.-]+""", re.I)
EXISTING = re.compile(r'<meta http-equiv="Content-Security-Policy" content="[^"]*">')
CHARSET = re.compile(r"<meta charset=[\"']?utf-8[\"']?\s*/?>", re.I)
POLICY = (
    "default-src 'self'; script-src 'self' {hashes}; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
    "font-src 'self' data:; connect-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'self'; "
    "form-action 'self'"
)


def inline_script_hashes(html: str) -> set[str]:
    """CSP source expressions for the inline JavaScript in a page; JSON data blocks are not run, so not hashed."""
    found = set()
    for match in INLINE_SCRIPT.finditer(html):
        if "src=" in match["attrs"].lower() or NOT_JAVASCRIPT.search(match["attrs"]):
            continue
        digest = hashlib.sha256(match["body"].encode("utf-8")).digest()
        found.add(f"'sha256-{base64.b64encode(digest).decode()}'")
    return found


def policy(hashes: set[str]) -> str:
    return POLICY.format(hashes=" ".join(sorted(hashes)))


def apply(site_dir: Path) -> str:
    """Add the site-wide policy to every HTML page after the build; returns the policy."""
    pages = sorted(site_dir.rglob("*.html"))
    texts = {page: EXISTING.sub("", page.read_text(encoding="utf-8")) for page in pages}
    csp = policy(set().union(*(inline_script_hashes(t) for t in texts.values())) if texts else set())
    tag = f'<meta http-equiv="Content-Security-Policy" content="{csp}">'
    for page, text in texts.items():
        text = EXISTING.sub("", text)  # an earlier edition's pass: replaced, so every page has the same policy
        match = CHARSET.search(text)
        if match is None:
            if "<html" not in text[:500].lower():
                continue  # not a page: an HTML fragment, such as a notebook's raw download
            raise ValueError(f"{page}: no <meta charset> to put the Content-Security-Policy after")
        page.write_text(text[: match.end()] + tag + text[match.end() :], encoding="utf-8")
    return csp

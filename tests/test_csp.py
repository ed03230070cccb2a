"""Every built page carries a Content-Security-Policy <meta> tag that allows exactly the site's own
scripts and the inline scripts it contains. Checked on the HTML, without a browser; the browser suite
(tests/test_browser.py) checks that no page triggers a violation.

The inline scripts are found with html.parser and hashed here, independently of scripts/csp.py.
"""

from __future__ import annotations

import base64
import hashlib
from html.parser import HTMLParser
from pathlib import Path

import pytest

JS_TYPES = {"", "text/javascript", "module", "application/javascript"}


class Head(HTMLParser):
    """The CSP meta tags, the inline JavaScript, and whether a script comes before the policy."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.policies: list[str] = []
        self.inline: list[str] = []
        self.script_before_policy = False
        self._in_script: bool | None = None  # None: not in a script; True: inline JavaScript
        self._body: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "meta" and a.get("http-equiv", "").lower() == "content-security-policy":
            self.policies.append(a.get("content", ""))
        if tag == "script":
            if not self.policies:
                self.script_before_policy = True
            self._in_script = "src" not in a and a.get("type", "").lower() in JS_TYPES
            self._body = []

    def handle_data(self, data: str) -> None:
        if self._in_script is not None:
            self._body.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._in_script is not None:
            if self._in_script:
                self.inline.append("".join(self._body))
            self._in_script = None


def sha256(body: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode() + "'"


def directives(policy: str) -> dict[str, list[str]]:
    out = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            out[words[0]] = words[1:]
    return out


def parsed(site: Path) -> dict[str, Head]:
    heads = {}
    for path in sorted(site.rglob("*.html")):
        head = Head()
        head.feed(path.read_text(encoding="utf-8"))
        heads[path.relative_to(site).as_posix()] = head
    return heads


@pytest.fixture(scope="module")
def heads(site: Path) -> dict[str, Head]:
    return parsed(site)


def test_every_page_has_one_policy_before_any_script(heads: dict[str, Head]) -> None:
    assert heads, "no HTML in the build"
    missing = [p for p, h in heads.items() if len(h.policies) != 1]
    assert not missing, f"pages without exactly one Content-Security-Policy meta tag: {missing[:10]}"
    early = [p for p, h in heads.items() if h.script_before_policy]
    assert not early, f"a script comes before the policy (it would run unchecked): {early[:10]}"


def test_policy_allows_the_site_and_nothing_loose(heads: dict[str, Head]) -> None:
    for page, head in heads.items():
        d = directives(head.policies[0])
        assert d.get("default-src") == ["'self'"], page
        scripts = d.get("script-src", [])
        assert scripts[:1] == ["'self'"], f"{page}: script-src must start with 'self': {scripts[:3]}"
        assert all(s == "'self'" or s.startswith("'sha256-") for s in scripts), f"{page}: {scripts}"
        assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts, page
        assert d.get("object-src") == ["'none'"], page
        assert d.get("base-uri") == ["'self'"], page


def test_every_inline_script_is_allowed_by_its_hash(heads: dict[str, Head]) -> None:
    """Each inline script's SHA-256 is in the page's own policy; a script edited after hashing would be blocked."""
    for page, head in heads.items():
        allowed = set(directives(head.policies[0]).get("script-src", []))
        unhashed = [body[:80] for body in head.inline if sha256(body) not in allowed]
        assert not unhashed, f"{page}: inline scripts without a matching hash: {unhashed}"


def test_one_policy_for_the_whole_site(heads: dict[str, Head]) -> None:
    """Instant navigation runs a later page's inline scripts under the first page's policy, so each
    policy must allow every inline script in the site; one shared policy does, with no stale hash."""
    policies = {h.policies[0] for h in heads.values()}
    assert len(policies) == 1, f"{len(policies)} different policies"
    hashes = {s for s in directives(policies.pop()).get("script-src", []) if s.startswith("'sha256-")}
    used = {sha256(body) for h in heads.values() for body in h.inline}
    assert hashes == used, (
        f"hashes for no script: {sorted(hashes - used)[:3]}; scripts without: {sorted(used - hashes)[:3]}"
    )


def test_the_parser_finds_inline_scripts_and_skips_data_blocks() -> None:
    head = Head()
    head.feed(
        '<meta http-equiv="Content-Security-Policy" content="x"><script>a()</script>'
        '<script src="b.js"></script><script type="application/json">{"a": 1}</script>'
        '<script type="module">c &amp;&& d</script>'
    )
    assert head.inline == ["a()", "c &amp;&& d"] and head.policies == ["x"] and not head.script_before_policy

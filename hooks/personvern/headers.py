"""The site's security policy: a Content-Security-Policy on every page (a <meta> tag, which any static host serves),
and as response headers with what only a server can send, for Netlify and Cloudflare Pages (`_headers`) and nginx.

The policy is a second wall behind the allow-list: if markup ever got into a page, the browser would not run it.
"""
from __future__ import annotations

import base64
import hashlib
import re

from . import layout

POLICY = (
    ("default-src", "'self'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self'"),
    ("object-src", "'none'"),
    ("base-uri", "'none'"),
    ("form-action", "'none'"),
)
"""Directive → sources. script-src also gets the hash of each inline script the pages carry; nothing is ever
allowed by 'unsafe-inline'."""

FEATURES = ("accelerometer", "autoplay", "browsing-topics", "camera", "display-capture",
            "encrypted-media", "fullscreen", "gamepad", "geolocation", "gyroscope", "hid", "idle-detection",
            "interest-cohort", "local-fonts", "magnetometer", "microphone", "midi", "payment",
            "picture-in-picture", "publickey-credentials-get", "screen-wake-lock", "serial", "usb",
            "xr-spatial-tracking")
"""Every browser feature a page could ask for; the statement needs none of them. Only names Chromium knows: an
unknown name is an error in its console."""

SERVER_ONLY = {
    "Referrer-Policy": "no-referrer",
    "X-Content-Type-Options": "nosniff",
    "Permissions-Policy": ", ".join(f"{feature}=()" for feature in FEATURES),
}
"""Headers that a <meta> tag cannot set."""

_INLINE_SCRIPT = re.compile(r"<script\b(?![^>]*\bsrc\s*=)[^>]*>(.*?)</script\s*>", re.S | re.I)
_META = re.compile(r"<meta\s+http-equiv=[\"']?content-security-policy", re.I)
_CHARSET = re.compile(r"<meta\s+charset=[^>]*>", re.I)


def policy(script_hashes: list[str] | tuple[str, ...] = (), frame_ancestors: str | None = None) -> str:
    """The policy as one header value; `frame_ancestors` only where a server sends it (a meta tag cannot)."""
    directives = [(name, f"{sources} {' '.join(script_hashes)}".strip() if name == "script-src" else sources)
                  for name, sources in POLICY]
    if frame_ancestors is not None:
        directives.append(("frame-ancestors", frame_ancestors))
    return "; ".join(f"{name} {sources}" for name, sources in directives)


def inline_scripts(html: str) -> list[str]:
    """The CSP source of each inline script in the page: 'sha256-…' of its exact text."""
    hashes = (base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii")
              for text in _INLINE_SCRIPT.findall(html))
    return list(dict.fromkeys(f"'sha256-{digest}'" for digest in hashes))


def with_meta(html: str) -> str:
    """The page with its policy in a <meta> tag at the top of <head>, its own inline scripts allowed by hash, and
    no referrer (what a host that sends no headers can still say).

    A page that already states its own policy (the embed page) is left as it is."""
    if _META.search(html):
        return html
    tag = (f'<meta http-equiv="Content-Security-Policy" content="{policy(inline_scripts(html))}">'
           '<meta name="referrer" content="no-referrer">')
    charset = _CHARSET.search(html)
    if charset:
        return html[:charset.end()] + tag + html[charset.end():]
    return re.sub(r"(<head\b[^>]*>)", lambda m: m.group(1) + tag, html, count=1, flags=re.I)


def rules(script_hashes: list[str], framed: dict[str, dict[str, str]]) -> dict[str, dict[str, str]]:
    """URL pattern → the headers its responses get. "/*" is the whole site; `framed` are the paths another website
    may frame (the embed pages: pattern → their own Content-Security-Policy), which must not be denied framing."""
    site = {"Content-Security-Policy": policy(script_hashes, "'none'"), **SERVER_ONLY}
    return {"/*": site, **{pattern: {**SERVER_ONLY, **own} for pattern, own in framed.items()}}


def netlify(rules: dict[str, dict[str, str]], pages: list[str] | tuple[str, ...] = ()) -> str:
    """`_headers` for Netlify and Cloudflare Pages. Cloudflare joins the headers of every rule a path matches, so
    the site's policy (with `frame-ancestors 'none'`) is written for the site's own pages, not for /*."""
    site = rules["/*"]
    shared = {name: value for name, value in site.items() if all(r.get(name) == value for r in rules.values())}
    blocks = [("/*", shared)]
    own = {name: value for name, value in site.items() if name not in shared}
    blocks += [(pattern, own) for pattern in page_patterns(pages)]
    blocks += [(pattern, {n: v for n, v in headers.items() if n not in shared}) for pattern, headers in rules.items()
               if pattern != "/*"]
    lines = ["# Security headers for Netlify and Cloudflare Pages; written by the build (personvern.headers)."]
    for pattern, headers in blocks:
        if headers:
            lines += ["", pattern] + [f"  {name}: {value}" for name, value in headers.items()]
    return "\n".join(lines) + "\n"


def nginx(rules: dict[str, dict[str, str]]) -> str:
    """Directives to include in the site's nginx `server` block. nginx sends a location's add_header lines instead
    of the server's, so each framed location repeats every header."""
    def directives(headers: dict[str, str], indent: str) -> list[str]:
        return [f'{indent}add_header {name} "{value}" always;' for name, value in headers.items()]
    lines = ["# Security headers for nginx: include this file in the site's server block.",
             "# Written by the build (personvern.headers)."]
    lines += directives(rules["/*"], "")
    for pattern, headers in rules.items():
        if pattern != "/*":
            lines += ["", f"location ^~ {pattern.rstrip('*')} {{"] + directives(headers, "    ") + ["}"]
    return "\n".join(lines) + "\n"


def page_patterns(pages: list[str] | tuple[str, ...] = ()) -> list[str]:
    """URL patterns of the site's pages in every language: home, version history and archive, 404, and each page an
    editor added (`pages`, by name)."""
    return [f"/{layout.page_url(language, path)}" for language in layout.LANGUAGES
            for path in ("", "index.html", f"{layout.HISTORY_PATH}*", "404.html", *(f"{page}/*" for page in pages))]


def files(script_hashes: list[str], framed: dict[str, dict[str, str]],
          pages: list[str] | tuple[str, ...] = ()) -> dict[str, bytes]:
    """Path under the site root → content: `_headers` and the nginx snippet, with the same policy; `pages` are the
    names of the pages an editor added."""
    both = rules(script_hashes, framed)
    return {layout.HEADERS_FILE: netlify(both, pages).encode("utf-8"), layout.NGINX_FILE: nginx(both).encode("utf-8")}

"""The Content-Security-Policy in a real browser: the site served WITH its `_headers`, no page breaks the policy, and
script injected into a page does not run.

Like the browser suite, it drives Debian's Chromium; in CI a missing browser fails, on a laptop it skips.
"""
import functools
import http.server
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

import pytest

from conftest import ROOT
from personvern import layout
from test_browser import browser, pages  # noqa: F401  (browser is a fixture)

pytestmark = pytest.mark.browser

LISTENER = """window.__violations = [];
document.addEventListener('securitypolicyviolation',
  e => window.__violations.push(e.effectiveDirective + ' ' + (e.blockedURI || 'inline')));"""


def read_headers(text: str) -> list[tuple[str, dict[str, str]]]:
    """The rules of a `_headers` file, in order."""
    rules: list[tuple[str, dict[str, str]]] = []
    for line in text.splitlines():
        if line.startswith("/"):
            rules.append((line.strip(), {}))
        elif line.startswith("  ") and ":" in line:
            name, value = line.strip().split(":", 1)
            rules[-1][1][name] = value.strip()
    return rules


def matches(pattern: str, path: str) -> bool:
    return re.fullmatch(re.escape(pattern).replace(r"\*", ".*"), path) is not None


def headers_for(rules, path: str) -> dict[str, str]:
    """What Cloudflare Pages sends: every matching rule's headers, a header set twice joined with a comma."""
    sent: dict[str, str] = {}
    for pattern, headers in rules:
        if matches(pattern, path):
            for name, value in headers.items():
                sent[name] = f"{sent[name]}, {value}" if name in sent else value
    return sent


@pytest.fixture(scope="module")
def hosted(tmp_path_factory):
    """The project's site, built for a local address and served with the headers of its own `_headers` file."""
    site = tmp_path_factory.mktemp("csp") / "site"
    site.mkdir()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def end_headers(self):
            for name, value in headers_for(read_headers((site / layout.HEADERS_FILE).read_text()), self.path.split("?")[0]).items():
                self.send_header(name, value)
            super().end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    origin = f"http://127.0.0.1:{server.server_address[1]}/"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PERSONVERN_SITE_URL=origin)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield origin, site
    server.shutdown()


def test_no_page_in_either_language_breaks_the_policy(browser, hosted):
    origin, site = hosted
    visited = [path.lstrip("/") for path in pages(site)]
    assert {layout.page_url(language) for language in layout.LANGUAGES} <= set(visited)
    context = browser.new_context()
    context.add_init_script(LISTENER)
    page = context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text) if message.type in ("error", "warning") else None)
    for path in visited:
        response = page.goto(origin + path, wait_until="load")
        policy = response.headers.get("content-security-policy", "")
        embed = f"/{layout.EMBED_PATH}" in "/" + path
        assert ("frame-ancestors 'none'" in policy) != embed, (path, policy)
        assert response.headers.get("x-content-type-options") == "nosniff" and response.headers.get("referrer-policy") == "no-referrer"
        page.wait_for_timeout(100)  # a violation is reported after the event loop turns
        assert page.evaluate("window.__violations") == [], path
    context.close()
    assert [line for line in console if "Policy" in line] == []


def test_a_script_injected_into_a_page_does_not_run(browser, hosted, tmp_path):
    origin, site = hosted
    for language in layout.LANGUAGES:
        built = site / layout.page_url(language, "index.html")
        injected = built.parent / "injected.html"
        html = built.read_text(encoding="utf-8")
        assert 'http-equiv="Content-Security-Policy"' in html
        attack = ('<script>window.__ran = "inline"</script><img src="x" onerror="window.__ran = \'handler\'">'
                  '<a id="go" href="javascript:window.__ran = \'link\'">x</a>')
        injected.write_text(html.replace('<main id="main" class="pv-main">', '<main id="main" class="pv-main">' + attack, 1),
                            encoding="utf-8")
        assert attack in injected.read_text(encoding="utf-8")
        context = browser.new_context()
        context.add_init_script(LISTENER)
        page = context.new_page()
        page.goto(origin + layout.page_url(language, "injected.html"), wait_until="load")
        page.click("#go")
        page.wait_for_timeout(200)
        assert page.evaluate("window.__ran") is None
        violations = page.evaluate("window.__violations")
        assert "script-src-elem inline" in violations and "script-src-attr inline" in violations, violations
        context.close()
        injected.unlink()


def test_the_site_refuses_to_be_framed_by_another_website(browser, hosted, tmp_path):
    origin, site = hosted
    host = tmp_path / "host"
    host.mkdir()
    (host / "index.html").write_text(f'<!doctype html><title>Host</title><iframe src="{origin}"></iframe>', encoding="utf-8")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(http.server.SimpleHTTPRequestHandler,
                                                                                  directory=str(host)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        page = browser.new_page()
        page.goto(f"http://127.0.0.1:{server.server_address[1]}/", wait_until="load")
        page.wait_for_timeout(300)
        framed = [frame for frame in page.frames if frame is not page.main_frame]
        assert [frame.url.split(":")[0] for frame in framed] == ["chrome-error"]  # frame-ancestors 'none' refused it
        page.close()
    finally:
        server.shutdown()

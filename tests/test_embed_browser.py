"""The embed forms in a real browser: the built site on one local origin, a host page using the snippet on another.

Like the browser suite, it drives Debian's Chromium; in CI a missing browser fails, on a laptop it skips.
"""
import functools
import http.server
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from conftest import ROOT
from personvern import embed, layout
from test_browser import AXE, IN_CI, WCAG_21_AA, browser  # noqa: F401  (browser is a fixture)
from test_csp_browser import headers_for, read_headers

pytestmark = pytest.mark.browser

SPACER = '<div style="height:1500px">{text}</div>'
HOST = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>Host</title></head>
<body><h1>Host page</h1>{before}{markup}<div style="height:3000px"></div></body></html>
"""
CSP_LISTENER = """window.__violations = [];
document.addEventListener('securitypolicyviolation', e => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));"""


def _serve(directory: Path, headers=lambda path: {}, address: str = "127.0.0.1"):
    class Handler(http.server.SimpleHTTPRequestHandler):
        def end_headers(self):
            for name, value in headers(self.path).items():
                self.send_header(name, value)
            super().end_headers()

        def log_message(self, *args):
            pass

    class Server(http.server.ThreadingHTTPServer):
        address_family = socket.AF_INET6 if ":" in address else socket.AF_INET

    server = Server((address, 0), functools.partial(Handler, directory=str(directory)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host = f"[{address}]" if ":" in address else address
    return server, f"http://{host}:{server.server_address[1]}/"


@pytest.fixture(scope="module")
def origins(tmp_path_factory):
    """(statement origin, host origin, built site, host folder): the site served with the headers of its own
    `_headers` file, as Cloudflare Pages sends them."""
    root = tmp_path_factory.mktemp("embed")
    site, host = root / "site", root / "host"
    site.mkdir(), host.mkdir()
    site_server, statement = _serve(site, lambda path: headers_for(
        read_headers((site / layout.HEADERS_FILE).read_text(encoding="utf-8")), path.split("?")[0]))
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PERSONVERN_SITE_URL=statement)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    snippet = {language: (site / layout.page_url(language, layout.EMBED_SNIPPET_TEXT)).read_text(encoding="utf-8")
               for language in layout.LANGUAGES}
    iframe = (site / layout.EMBED_IFRAME_TEXT).read_text(encoding="utf-8")
    without_lang = snippet["nb"].replace(' data-lang="nb"', "")
    pages = {
        "attribute.html": HOST.format(lang="nb", before="", markup=snippet["en"]),
        "lang-en.html": HOST.format(lang="en-GB", before="", markup=without_lang),
        "lang-nn.html": HOST.format(lang="nn", before="", markup=without_lang),
        "lang-de.html": HOST.format(lang="de", before="", markup=without_lang),
        "deep.html": HOST.format(lang="nb", before=SPACER.format(text="Intro"), markup=without_lang),
        "section.html": HOST.format(lang="en", before=SPACER.format(text="Intro"),
                                    markup=snippet["en"].replace("data-personvern", 'data-personvern data-section="cookies"')),
        "plain.html": HOST.format(lang="nb", before="", markup=iframe),
        "bare.html": HOST.format(lang="nb", before="", markup=""),
    }
    for name, html in pages.items():
        (host / name).write_text(html, encoding="utf-8")
    host_server, host_origin = _serve(host)
    yield statement, host_origin, site, host
    site_server.shutdown(), host_server.shutdown()


@pytest.fixture
def context(browser, origins):  # noqa: F811
    """A browser context that records every request and page error."""
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    context.add_init_script(CSP_LISTENER)
    context.requests, context.errors = [], []
    context.on("request", lambda request: context.requests.append(request.url))
    context.on("weberror", lambda error: context.errors.append(str(error.error)))
    yield context
    statement, host = origins[0], origins[1]
    hosts = {urlsplit(url).netloc for url in context.requests if not url.startswith(("data:", "about:"))}
    context.close()
    assert hosts <= {urlsplit(statement).netloc, urlsplit(host).netloc}, hosts
    assert context.errors == []


def _frame(page):
    page.wait_for_selector("iframe")
    handle = page.query_selector("iframe")
    frame = handle.content_frame()
    deadline = time.monotonic() + 10
    while (frame is None or frame.url in ("", "about:blank")) and time.monotonic() < deadline:
        time.sleep(0.05)
        frame = handle.content_frame()
    frame.wait_for_load_state()
    return handle, frame


def _settled_height(page, handle, frame) -> tuple[float, float]:
    """(the iframe's height, its content's height) once the iframe has stopped changing."""
    last, deadline = None, time.monotonic() + 10
    while time.monotonic() < deadline:
        now = (handle.bounding_box()["height"], frame.evaluate("document.body.getBoundingClientRect().height"))
        if now == last and abs(now[0] - now[1]) <= 2:
            return now
        last = now
        page.wait_for_timeout(100)
    return last


@pytest.mark.parametrize("host_page, language", [("attribute.html", "en"), ("lang-en.html", "en"),
                                                 ("lang-nn.html", "nb"), ("lang-de.html", "nb")])
def test_the_iframe_is_in_the_language_of_the_attribute_or_the_host_page(context, origins, host_page, language):
    statement, host = origins[0], origins[1]
    page = context.new_page()
    page.goto(host + host_page)
    handle, frame = _frame(page)
    assert frame.url == statement + layout.page_url(language, layout.EMBED_PATH)
    assert frame.evaluate("document.documentElement.lang") == language
    assert handle.get_attribute("title") == frame.evaluate("document.querySelector('h1').textContent")
    assert handle.get_attribute("loading") == "lazy"
    assert page.evaluate("document.querySelectorAll('[data-personvern] a').length") == 0  # the fallback link is replaced


def test_the_iframe_is_exactly_as_tall_as_its_content_at_every_width_and_after_a_resize(context, origins):
    page = context.new_page()
    page.goto(origins[1] + "lang-de.html")
    handle, frame = _frame(page)
    heights = {}
    for width in (1280, 390, 1280):
        page.set_viewport_size({"width": width, "height": 800})
        outer, inner = _settled_height(page, handle, frame)
        assert abs(outer - inner) <= 2, (width, outer, inner)
        assert frame.evaluate("document.documentElement.scrollHeight <= document.documentElement.clientHeight + 1")
        heights.setdefault(width, []).append(outer)
    assert heights[390][0] > heights[1280][0] * 1.3  # a narrow phone makes it taller: the height really follows
    assert heights[1280][0] == heights[1280][1]


def test_a_font_size_change_inside_the_page_is_followed(context, origins):
    page = context.new_page()
    page.goto(origins[1] + "lang-de.html")
    handle, frame = _frame(page)
    before, _ = _settled_height(page, handle, frame)
    frame.evaluate("document.documentElement.style.setProperty('--size', '1.25rem')")
    after, content = _settled_height(page, handle, frame)
    assert after > before * 1.1 and abs(after - content) <= 2


def _section_top(page, handle, frame, section: str) -> float:
    """Where the section's heading is in the host page's window, once the host page has scrolled (0 is the top)."""
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and page.evaluate("scrollY") < 1000:
        page.wait_for_timeout(100)
    page.wait_for_timeout(300)
    return handle.bounding_box()["y"] + frame.evaluate(f"document.getElementById({section!r}).getBoundingClientRect().top")


@pytest.mark.parametrize("host_page, fragment", [("deep.html", "#cookies"), ("section.html", "")])
def test_a_deep_link_scrolls_the_host_page_to_the_section(context, origins, host_page, fragment):
    page = context.new_page()
    page.goto(origins[1] + host_page + fragment)
    handle, frame = _frame(page)
    assert handle.get_attribute("loading") == "eager"
    assert abs(_section_top(page, handle, frame, "cookies")) <= 2


def test_a_section_link_on_the_host_page_after_loading_scrolls_to_the_section(context, origins):
    page = context.new_page()
    page.goto(origins[1] + "deep.html")
    handle, frame = _frame(page)
    _settled_height(page, handle, frame)
    assert page.evaluate("scrollY") == 0
    page.evaluate("location.hash = 'rights'")
    assert abs(_section_top(page, handle, frame, "rights")) <= 2


def test_forged_and_replayed_size_messages_change_nothing(context, origins):
    statement, host = origins[0], origins[1]
    page = context.new_page()
    page.goto(host + "lang-de.html")
    handle, frame = _frame(page)
    height, _ = _settled_height(page, handle, frame)
    page.evaluate("window.postMessage({type: 'personvern:height', height: 123}, '*')")  # from the host page itself
    with context.expect_page() as opened:  # a window on the statement's own origin, but not the iframe
        page.evaluate(f"window.open({statement + layout.EMBED_PATH!r})")
    other = opened.value
    other.wait_for_load_state()
    other.evaluate("opener.postMessage({type: 'personvern:height', height: 321}, '*')")
    for malformed in ("null", "'height'", "{type: 'personvern:height', height: 'x'}", "{type: 'personvern:height', height: NaN}",
                      "{type: 'other', height: 400}", "[1, 2]"):
        frame.evaluate(f"parent.postMessage({malformed}, '*')")  # from the iframe itself, but malformed
    page.wait_for_timeout(500)
    assert handle.bounding_box()["height"] == height
    frame.evaluate("parent.postMessage({type: 'personvern:height', height: 1e9}, '*')")
    page.wait_for_timeout(300)
    assert handle.bounding_box()["height"] == embed.HEIGHT_RANGE[1]  # a real message is clamped


@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_the_snippet_page_shows_the_markup_the_host_pages_use_and_serves_it_as_text(context, origins, language):
    statement, site = origins[0], origins[2]
    texts = [layout.page_url(language, path) for path in (layout.EMBED_SNIPPET_TEXT, layout.EMBED_IFRAME_TEXT)]
    page = context.new_page()
    page.goto(statement + layout.page_url(language, layout.EMBED_SNIPPET))
    assert page.locator("html").get_attribute("lang") == language
    assert page.locator("pre code").all_inner_texts() == [(site / path).read_text(encoding="utf-8").removesuffix("\n")
                                                          for path in texts]
    assert page.locator("script, iframe").count() == 0  # shown, not run
    for path in texts:
        served = page.request.get(statement + path)
        assert served.ok and served.text() == (site / path).read_text(encoding="utf-8")
    page.close()


def test_without_javascript_the_plain_iframe_scrolls_and_the_snippet_leaves_its_link(browser, origins):  # noqa: F811
    statement, host = origins[0], origins[1]
    context = browser.new_context(java_script_enabled=False, viewport={"width": 390, "height": 800})
    page = context.new_page()
    page.goto(host + "plain.html")
    handle, frame = _frame(page)
    assert handle.bounding_box()["height"] == embed.PLAIN_IFRAME_HEIGHT
    assert frame.url == statement + layout.EMBED_PATH
    assert frame.locator("#cookies").count() == 1
    assert frame.locator("main").bounding_box()["height"] > embed.PLAIN_IFRAME_HEIGHT  # the rest is reached by scrolling
    page.goto(host + "lang-de.html")
    link = page.locator("[data-personvern] a")
    assert link.get_attribute("href") == statement and page.locator("iframe").count() == 0
    context.close()


@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_embed_page_passes_axe_wcag_21_aa(browser, origins, language):  # noqa: F811
    if not AXE.exists():
        message = f"{AXE} is missing: run `make test`, which installs axe-core with npm"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    context = browser.new_context(bypass_csp=True)  # axe is injected as an inline script
    page = context.new_page()
    for width in (1280, 390):
        page.set_viewport_size({"width": width, "height": 800})
        page.goto(origins[0] + layout.page_url(language, layout.EMBED_PATH), wait_until="networkidle")
        page.add_script_tag(path=str(AXE))
        found = page.evaluate("""async tags => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))
                                 .violations.map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)""",
                              WCAG_21_AA)
        assert found == [], (width, found)
    context.close()


@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_embed_page_policy_reports_nothing_and_blocks_an_injected_script(context, origins, language):
    page = context.new_page()
    page.goto(origins[0] + layout.page_url(language, layout.EMBED_PATH), wait_until="networkidle")
    assert page.evaluate("window.__violations") == []
    page.evaluate("""() => { const s = document.createElement('script'); s.textContent = 'window.__ran = 1';
                             document.body.append(s); }""")
    page.wait_for_timeout(200)
    assert page.evaluate("window.__ran") is None
    assert [v.split(" ")[0] for v in page.evaluate("window.__violations")] == ["script-src-elem"]


def test_embedded_in_a_host_page_the_embed_page_reports_no_policy_violation(context, origins):
    page = context.new_page()
    page.goto(origins[1] + "attribute.html")
    handle, frame = _frame(page)
    _settled_height(page, handle, frame)
    assert frame.evaluate("window.__violations") == [] and page.evaluate("window.__violations") == []



def test_a_link_in_the_embed_page_opens_in_the_top_window(context, origins):
    statement = origins[0]
    page = context.new_page()
    page.goto(origins[1] + "attribute.html")
    handle, frame = _frame(page)
    _settled_height(page, handle, frame)
    frame.locator(".more a").first.click()
    page.wait_for_url(statement + layout.page_url("en"))


def test_a_website_that_is_not_allowed_cannot_frame_the_embed_page(browser, origins):  # noqa: F811
    server, other = _serve(origins[3], address="::1")  # the same host page, from an origin not in the setting
    context = browser.new_context()
    page = context.new_page()
    blocked = []
    page.on("console", lambda message: "frame-ancestors" in message.text and blocked.append(message.text))
    page.goto(other + "lang-de.html")
    handle = page.wait_for_selector("iframe")
    page.wait_for_timeout(1500)
    frame = handle.content_frame()
    assert blocked, "the browser did not report a frame-ancestors refusal"
    assert frame.locator("main").count() == 0
    assert handle.bounding_box()["height"] == embed.PLAIN_IFRAME_HEIGHT  # and no height message came through
    context.close()
    server.shutdown()


def test_the_loader_leaves_the_host_page_alone(context, origins):
    page = context.new_page()
    page.goto(origins[1] + "bare.html")
    keys = "Object.keys(window).filter(key => isNaN(key))"  # window[0] is the iframe itself
    before = set(page.evaluate(keys))
    page.goto(origins[1] + "lang-de.html")
    _frame(page)
    assert set(page.evaluate(keys)) - before == set()  # no global at all
    assert page.evaluate("document.styleSheets.length") == 0
    styled = page.evaluate("[...document.querySelectorAll('[style]')].filter(e => !e.closest('[data-personvern]'))"
                           ".map(e => e.outerHTML.slice(0, 40))")
    assert styled == ['<div style="height:3000px"></div>']  # the host page's own

"""Every built page in a real browser (Debian's Chromium through Playwright): nothing fetched from another host.

In CI (CI=true) a missing browser fails the suite; on a laptop the tests are skipped with the reason.
"""
import datetime as dt
import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import IN_CI, ROOT, TODAY, every_page_kind
from personvern import layout

CHROMIUM = Path(os.environ.get("PERSONVERN_CHROMIUM", "/usr/bin/chromium"))
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

pytestmark = pytest.mark.browser


def _missing_browser() -> str | None:
    if not CHROMIUM.exists():
        return f"{CHROMIUM} is missing: install Debian's Chromium with `apt-get install -y chromium`"
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        return "Playwright is missing: run `make test`, which installs it into .venv"
    return None


@pytest.fixture(scope="module")
def browser():
    missing = _missing_browser()
    if missing:
        if IN_CI:
            pytest.fail(f"CI needs the browser tests: {missing}")
        pytest.skip(missing)
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The project's site, built for and served from a local address."""
    site = tmp_path_factory.mktemp("served") / "site"
    site.mkdir()
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    origin = f"http://127.0.0.1:{server.server_address[1]}/"
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", PERSONVERN_SITE_URL=origin)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield origin, site
    server.shutdown()


@pytest.fixture(scope="module")
def served_kinds(tmp_path_factory):
    """A tiny site with every kind of page (past, current and upcoming versions, a draft), served locally."""
    root = tmp_path_factory.mktemp("kinds")
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(root / "site")))
    origin = f"http://127.0.0.1:{server.server_address[1]}/"
    result = every_page_kind(root, site_url=origin).build(strict=False, command="serve")
    assert result.ok, result.messages
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield origin, root / "site"
    server.shutdown()


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


NOT_PAGES = {layout.page_url(language, path) for language in layout.LANGUAGES for path in layout.EMBED_MARKUP}
"""Markup for other websites to include, not documents of their own."""


def pages(site: Path) -> list[str]:
    return sorted(str(p.relative_to(site).parent).replace(".", "") + "/" if p.name == "index.html" else str(p.relative_to(site))
                  for p in site.rglob("*.html") if p.relative_to(site).as_posix() not in NOT_PAGES)


def test_no_page_requests_anything_from_another_host(browser, served):
    origin, site = served
    own = urlsplit(origin).netloc
    visited, foreign = [], []
    page = browser.new_page()
    page.on("request", lambda request: urlsplit(request.url).netloc not in (own, "") and foreign.append(request.url))
    for path in pages(site):
        url = origin + path.lstrip("/")
        page.goto(url, wait_until="networkidle")
        visited.append(path)
    page.close()
    assert len(visited) >= 8, visited
    assert foreign == []


@pytest.mark.parametrize("site", ["served", "served_kinds"])
def test_no_page_logs_a_console_error_or_a_failed_request(browser, request, site):
    origin, folder = request.getfixturevalue(site)
    problems, visited = [], []
    page = browser.new_page()
    page.on("console", lambda message: message.type == "error" and problems.append(f"{page.url}: {message.text}"))
    page.on("pageerror", lambda error: problems.append(f"{page.url}: {error}"))
    page.on("requestfailed", lambda failed: problems.append(f"{failed.url}: {failed.failure}"))
    page.on("response", lambda response: response.status >= 400 and problems.append(f"{response.url}: {response.status}"))
    for path in pages(folder):
        page.goto(origin + path.lstrip("/"), wait_until="networkidle")
        visited.append(path)
    page.close()
    assert {"/", "en/", "versions/", "en/versions/1/", "404.html", "en/404.html"} <= set(visited)
    assert problems == []


@pytest.mark.parametrize("start, language, expected", [("versions/1/", "English", "en/versions/1/"),
                                                        ("en/versions/", "Norsk (bokmål)", "versions/")])
def test_language_switcher_keeps_the_reader_on_the_same_page(browser, served, start, language, expected):
    origin, _ = served
    page = browser.new_page()
    page.goto(origin + start)
    page.get_by_role("link", name=language).click()
    page.wait_for_url(origin + expected)
    page.close()


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("start, language, expected", [("", "English", "en/#cookies"),
                                                        ("en/", "Norsk (bokmål)", "#cookies")])
def test_language_switcher_keeps_the_section_being_read(browser, served, width, start, language, expected):
    origin, _ = served
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(origin + start)
    page.evaluate("document.getElementById('cookies').scrollIntoView()")
    page.mouse.wheel(0, 100)  # reading a little further into the section
    page.wait_for_function("document.getElementById('cookies').getBoundingClientRect().top < 0")
    box = page.get_by_role("link", name=language).bounding_box()  # the mouse, not Playwright's scrolling click
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_url(origin + expected)
    page.wait_for_function("(top => 0 <= top && top < 200)(document.getElementById('cookies').getBoundingClientRect().top)",
                           timeout=10_000)  # the section's heading at the top of the window
    page.close()


def _heading(language: str, section: str) -> str:
    """The title of a section as the current page shows it, from the project's own text and facts."""
    import re

    from personvern import history, project
    from personvern.revision import build_date
    text = history.current_text(project.load(ROOT / layout.DOCS_DIR, ROOT, build_date({})), language)
    return re.search(rf"^#+[ \t]+(.*?)[ \t]*\{{#{section}\}}[ \t]*$", text, re.M).group(1)


@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_deep_link_to_a_section_works_in_both_languages(browser, served, language):
    origin, _ = served
    prefix, heading = layout.page_url(language), _heading(language, "cookies")
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(f"{origin}{prefix}#cookies")
    target = page.locator("#cookies")
    assert target.inner_text().strip().removesuffix("¶").strip() == heading
    header = page.evaluate("document.querySelector('header').getBoundingClientRect().bottom")
    assert header <= page.evaluate("document.getElementById('cookies').getBoundingClientRect().top") < 800
    page.close()


@pytest.mark.parametrize("path", ["", "en/", "versions/1/", "en/versions/1/"])
def test_skip_link_is_the_first_tab_stop_and_lands_on_the_title(browser, served, path):
    origin, _ = served
    page = browser.new_page()
    page.goto(origin + path)
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('pv-skip')")
    assert page.locator(".pv-skip").is_visible()
    page.keyboard.press("Enter")
    page.wait_for_url(origin + path + "#content")
    assert page.evaluate("document.getElementById('content').tagName") == "H1"
    page.close()


@pytest.mark.parametrize("path", ["", "en/"])
def test_print_shows_the_statement_without_site_chrome(browser, served, path):
    origin, _ = served
    page = browser.new_page()
    page.goto(origin + path)
    page.emulate_media(media="print")
    shown = page.evaluate("""[...document.querySelectorAll('header, nav, footer, .pv-top, .pv-skip, .headerlink')]
                             .map(element => element.checkVisibility())""")
    assert len(shown) > 5 and set(shown) == {False}
    assert page.locator("#contact").is_visible() and page.locator(".pv-stamp").is_visible()
    page.close()


def _luminance(css_colour: str) -> float:
    red, green, blue = (float(part) / 255 for part in css_colour.strip("rgba()").split(",")[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


@pytest.mark.parametrize("path", ["", "en/", "versions/", "en/versions/1/"])
def test_colours_follow_the_system_setting(browser, served, path):
    origin, _ = served
    colours = {}
    for scheme in ("light", "dark"):
        context = browser.new_context(color_scheme=scheme)
        page = context.new_page()
        page.goto(origin + path)
        colours[scheme] = page.evaluate("[getComputedStyle(document.body).backgroundColor, getComputedStyle(document.body).color]")
        context.close()
    assert _luminance(colours["light"][0]) > 0.9 and _luminance(colours["light"][1]) < 0.2, colours
    assert _luminance(colours["dark"][0]) < 0.2 and _luminance(colours["dark"][1]) > 0.7, colours


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path, words", [("", "Tilbake til toppen"), ("en/", "Back to top")])
def test_back_to_top_appears_after_scrolling_and_goes_to_the_top(browser, served, width, path, words):
    origin, _ = served
    page = browser.new_page(viewport={"width": width, "height": 800})
    page.goto(origin + path)
    top = page.get_by_role("link", name=words)
    assert not top.is_visible()
    page.mouse.wheel(0, 3000)
    page.wait_for_function("scrollY > 2000")
    assert top.is_visible()
    top.click()
    page.wait_for_function("scrollY === 0")
    page.close()


@pytest.mark.parametrize("path, menu, section", [("", "Navigasjon", "#cookies"), ("en/", "Navigation", "#cookies")])
def test_phone_menu_opens_jumps_to_a_section_and_closes(browser, served, path, menu, section):
    origin, _ = served
    page = browser.new_page(viewport={"width": 390, "height": 800})
    page.goto(origin + path)
    nav = page.locator("#pv-nav")
    assert not nav.is_visible()
    page.get_by_role("button", name=menu).click()
    assert nav.is_visible()
    assert nav.evaluate("element => element.getBoundingClientRect().right") <= 390
    nav.locator(f'a[href="{section}"]').click()
    page.wait_for_url(origin + path + section)
    assert not nav.is_visible()
    page.goto(origin + path)
    page.get_by_role("button", name=menu).click()
    page.keyboard.press("Escape")
    assert not nav.is_visible()
    page.close()


@pytest.mark.parametrize("path", ["", "en/"])
def test_wide_screens_show_the_menu_beside_the_text_without_a_button(browser, served, path):
    origin, _ = served
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.goto(origin + path)
    assert page.locator("#pv-nav").is_visible() and not page.locator(".pv-menu-button").is_visible()
    nav, text = page.evaluate("[document.getElementById('pv-nav').getBoundingClientRect().right, "
                              "document.querySelector('.pv-content').getBoundingClientRect().left]")
    assert nav <= text
    page.close()


# --- phones (390 px) and clarity, in both languages ----------------------------------------------------------------

PHONE = {"width": 390, "height": 844}


def _site_names() -> dict[str, str]:
    """Each language's site name, from mkdocs.yml."""
    config = yaml.load((ROOT / layout.CONFIG_FILE).read_text(encoding="utf-8"), Loader=layout._TolerantLoader)
    i18n = next(plugin["i18n"] for plugin in config["plugins"] if isinstance(plugin, dict) and "i18n" in plugin)
    return {entry["locale"]: entry.get("site_name", config["site_name"]) for entry in i18n["languages"]}


@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_on_a_phone_the_site_name_is_whole_and_the_company_name_unbroken(browser, served, language):
    origin, _ = served
    name = _site_names()[language]
    company = name.split(" – ")[0]
    page = browser.new_page(viewport=PHONE)
    for path in ("", layout.HISTORY_PATH, f"{layout.HISTORY_PATH}1/"):
        page.goto(origin + layout.page_url(language, path))
        element = page.locator(".pv-site-name")
        assert element.inner_text().split() == name.split()
        fits = element.evaluate("e => e.scrollWidth <= e.clientWidth && e.getBoundingClientRect().right <= innerWidth")
        lines = element.evaluate("""(e, company) => {
            const walker = document.createTreeWalker(e, NodeFilter.SHOW_TEXT), range = document.createRange();
            let node;
            while ((node = walker.nextNode()) && !node.textContent.includes(company));
            range.setStart(node, node.textContent.indexOf(company)); range.setEnd(node, node.textContent.indexOf(company) + company.length);
            return new Set([...range.getClientRects()].map(r => Math.round(r.top))).size }""", company)
        assert fits and lines == 1, (path, fits, lines)
    page.close()


@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_on_a_phone_phone_numbers_and_addresses_do_not_break(browser, served, language):
    origin, _ = served
    facts = yaml.safe_load((ROOT / layout.DOCS_DIR / layout.FACTS_FILE).read_text(encoding="utf-8"))["controller"]
    page = browser.new_page(viewport=PHONE)
    page.goto(origin + layout.page_url(language))
    links = page.evaluate("""[...document.querySelectorAll('a[href^="tel:"], a[href^="mailto:"]')]
                             .map(a => [a.textContent.trim(), a.getClientRects().length, a.getBoundingClientRect().right])""")
    page.close()
    assert {str(facts["phone"]), facts["email"]} <= {text for text, _, _ in links}
    assert [(text, lines) for text, lines, right in links if lines != 1 or right > PHONE["width"]] == []


@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_on_a_phone_a_heading_permalink_stays_on_the_headings_last_line(browser, served, language):
    origin, _ = served
    page = browser.new_page(viewport=PHONE)
    page.goto(origin + layout.page_url(language))
    alone = page.evaluate("""[...document.querySelectorAll('.pv-content :is(h2, h3) > .headerlink')].filter(link => {
        const range = document.createRange();
        range.setStartBefore(link.parentElement.firstChild); range.setEndBefore(link);
        const last = [...range.getClientRects()].pop(), own = link.getBoundingClientRect();
        return Math.abs(own.top - last.top) > 4 }).map(link => link.parentElement.id)""")
    count = page.locator(".pv-content :is(h2, h3) > .headerlink").count()
    page.close()
    assert count >= 4 and alone == []


@pytest.mark.parametrize("language", layout.LANGUAGES)
@pytest.mark.parametrize("kind", ["current", "past", "upcoming"])
def test_on_a_phone_the_notice_is_body_size_and_says_which_version_applies_today(browser, served_kinds, language, kind):
    """every_page_kind(): version 2 applies since TODAY + 1 day, version 1 is past and version 3 upcoming."""
    from personvern.revision import format_date, labels
    origin, _ = served_kinds
    path = {"current": "", "past": f"{layout.HISTORY_PATH}1/", "upcoming": f"{layout.HISTORY_PATH}3/"}[kind]
    page = browser.new_page(viewport=PHONE)
    page.goto(origin + layout.page_url(language, path))
    notice = page.locator(".pv-notice")
    sizes = page.evaluate("""[parseFloat(getComputedStyle(document.querySelector('.pv-notice p')).fontSize),
                              parseFloat(getComputedStyle(document.querySelector(':is(.pv-content, .pv-archived-text) > p:not([class])')).fontSize)]""")
    text = " ".join(notice.first.inner_text().split())
    page.close()
    today = labels(language)["applies_today"].format(number=2, start=format_date(TODAY + dt.timedelta(days=1), language))
    assert sizes[0] >= sizes[1] >= 16
    assert text.startswith(today) or text.startswith(labels(language)["archived_notice"] + " " + today), text


@pytest.mark.parametrize("language", layout.LANGUAGES)
def test_on_a_phone_the_status_badges_differ_in_more_than_colour(browser, served_kinds, language):
    origin, _ = served_kinds
    page = browser.new_page(viewport=PHONE)
    page.goto(origin + layout.page_url(language, layout.HISTORY_PATH))
    looks = page.evaluate("""['current', 'upcoming', 'past'].map(status => {
        const badge = document.querySelector(`.pv-entry--${status} .pv-status`), style = getComputedStyle(badge);
        return [style.borderTopStyle, style.borderTopWidth, style.fontWeight, getComputedStyle(badge, '::before').content] })""")
    page.close()
    assert len({tuple(look) for look in looks}) == 3, looks


@pytest.mark.parametrize("site", ["served", "served_kinds"])
def test_page_titles_use_one_separator(browser, request, site):
    origin, folder = request.getfixturevalue(site)
    page = browser.new_page(viewport=PHONE)
    titles = {}
    for path in pages(folder):
        page.goto(origin + path.lstrip("/"))
        titles[path] = page.title()
    page.close()
    mixed = {path: title for path, title in titles.items() if " - " in title or " | " in title or " · " in title}
    assert len(titles) > 8 and mixed == {}
    assert all(" – " in title for path, title in titles.items() if "embed" not in path), titles


AXE = Path(__file__).parent / "axe" / "node_modules" / "axe-core" / "axe.min.js"
WCAG_21_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_every_page_passes_axe_wcag_21_aa(browser, served, scheme, width):
    if not AXE.exists():
        message = f"{AXE} is missing: run `make test`, which installs axe-core with npm"
        if IN_CI:
            pytest.fail(message)
        pytest.skip(message)
    origin, site = served
    # axe is injected as an inline script, which the pages' Content-Security-Policy rightly blocks
    context = browser.new_context(viewport={"width": width, "height": 900}, color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    violations = {}
    for path in pages(site):
        page.goto(origin + path.lstrip("/"), wait_until="networkidle")
        page.add_script_tag(path=str(AXE))
        found = page.evaluate("""async tags => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))
                                 .violations.map(v => `${v.id}: ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)""",
                              WCAG_21_AA)
        if found:
            violations[path] = found
    context.close()
    assert violations == {}

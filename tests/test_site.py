"""The real statement in docs/, built with the project's own configuration, checked as a whole.

Expected values come from docs/facts.yml, never from this file: an editor who changes a fact as the README says
must find the whole check green."""
import datetime as dt
import os
import re
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml

from conftest import ROOT

from personvern import layout
from personvern import project as project_module
from personvern.revision import build_date
from personvern.sections import REQUIRED

FETCHED = {"script": ("src",), "img": ("src", "srcset"), "iframe": ("src",), "frame": ("src",), "embed": ("src",),
           "object": ("data",), "source": ("src", "srcset"), "video": ("src", "poster"), "audio": ("src",),
           "track": ("src",), "input": ("src",)}
"""Tags whose attributes the browser fetches by itself."""
FETCHING_LINKS = {"stylesheet", "icon", "shortcut", "apple-touch-icon", "preload", "prefetch", "modulepreload",
                  "manifest", "preconnect", "dns-prefetch", "mask-icon"}
"""<link rel> values that make the browser fetch or connect; rel="alternate" and "canonical" only name an address."""
_REMOTE = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)|@import\s+['"]([^'"]+)""", re.I)


def facts() -> dict:
    return yaml.safe_load((ROOT / "docs" / layout.FACTS_FILE).read_text(encoding="utf-8"))


def build(root: Path, site: Path, today: dt.date | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if today is not None:
        env["PERSONVERN_TODAY"] = today.isoformat()
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site)],
                          cwd=root, env=env, capture_output=True, text=True, timeout=600)


# --- the project's own site checks ----------------------------------------------------------------------------------

class _Page(HTMLParser):
    """The section ids of a page's article, and every address the browser would fetch by itself."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids, self.fetched, self.depth = [], [], 0

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "article":
            self.depth += 1
        if self.depth and tag in ("h2", "h3") and attributes.get("id"):
            self.ids.append(attributes["id"])
        names = FETCHED.get(tag, ())
        if tag == "link" and FETCHING_LINKS & set((attributes.get("rel") or "").lower().split()):
            names = ("href", "imagesrcset")
        for name in names:
            for value in (attributes.get(name) or "").split(","):
                if value.strip():
                    self.fetched.append(value.strip().split()[0])
        self.fetched += [m.group(1) or m.group(2) for m in _CSS_URL.finditer(attributes.get("style") or "")]

    def handle_endtag(self, tag):
        if tag == "article" and self.depth:
            self.depth -= 1

    def handle_data(self, data):
        if self.lasttag == "style":
            self.fetched += [m.group(1) or m.group(2) for m in _CSS_URL.finditer(data)]


def read_page(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def bilingual_problems(site: Path) -> list[str]:
    """Every page exists in every language, with the same section ids in the same order."""
    problems = []
    others = [language for language in layout.LANGUAGES if language != layout.DEFAULT]
    pages = {p.relative_to(site).as_posix() for p in site.rglob("*.html")}
    default = {p for p in pages if not any(p.startswith(f"{language}/") for language in others)}
    for language in others:
        translated = {p.removeprefix(f"{language}/") for p in pages if p.startswith(f"{language}/")}
        problems += [f"{page}: no {language} page" for page in sorted(default - translated)]
        problems += [f"{language}/{page}: no {layout.DEFAULT} page" for page in sorted(translated - default)]
        for page in sorted(default & translated):
            ids, their = read_page(site / page).ids, read_page(site / language / page).ids
            if ids != their:
                problems.append(f"{page}: section ids {ids} in {layout.DEFAULT}, {their} in {language}")
    return problems


def third_party_problems(site: Path) -> list[str]:
    """Every script, style, image, frame or font an HTML or CSS file would fetch from another host."""
    problems = []
    for path in sorted(site.rglob("*.html")):
        problems += [f"{path.relative_to(site)}: fetches {url}" for url in read_page(path).fetched if _REMOTE.match(url)]
    for path in sorted(site.rglob("*.css")):
        css = path.read_text(encoding="utf-8", errors="replace")
        problems += [f"{path.relative_to(site)}: fetches {url}" for m in _CSS_URL.finditer(css)
                     if _REMOTE.match(url := m.group(1) or m.group(2))]
    return problems


def test_every_page_exists_in_both_languages_with_the_same_sections(project_site):
    assert bilingual_problems(project_site) == []
    assert len(list(project_site.rglob("*.html"))) >= 2 * 4  # statement, history, a version, 404: both languages


def test_no_page_fetches_scripts_styles_images_frames_or_fonts_from_another_host(project_site):
    assert third_party_problems(project_site) == []


def test_the_site_checks_can_fail(tmp_path):
    (tmp_path / "en").mkdir()
    (tmp_path / "index.html").write_text('<article><h2 id="a"></h2><h2 id="b"></h2></article>'
                                         '<script src="https://cdn.example/x.js"></script>'
                                         '<link rel="stylesheet" href="//fonts.example/css">'
                                         '<link rel="alternate" hreflang="en" href="https://personvern.example/en/">')
    (tmp_path / "en" / "index.html").write_text('<article><h2 id="b"></h2><h2 id="a"></h2></article><img srcset="/a.png 1x, https://t.example/p.gif 2x">')
    (tmp_path / "only.html").write_text("<p>")
    (tmp_path / "site.css").write_text("@font-face { src: url('https://fonts.example/f.woff2') }")
    assert bilingual_problems(tmp_path) == ["only.html: no en page",
                                            "index.html: section ids ['a', 'b'] in nb, ['b', 'a'] in en"]
    assert third_party_problems(tmp_path) == [
        "en/index.html: fetches https://t.example/p.gif", "index.html: fetches https://cdn.example/x.js",
        "index.html: fetches //fonts.example/css", "site.css: fetches https://fonts.example/f.woff2"]


def test_both_languages_show_the_required_sections_in_the_same_order(project_site):
    nb, en = read_page(project_site / "index.html").ids, read_page(project_site / "en" / "index.html").ids
    assert nb == en
    assert [i for i in nb if i in REQUIRED] == list(REQUIRED)


# --- the facts, as docs/facts.yml gives them --------------------------------------------------------------------

def assert_shows_the_facts(html: str, known: dict) -> None:
    controller = known["controller"]
    assert f'href="mailto:{controller["email"]}"' in html
    phone = str(controller["phone"])
    assert phone in html
    tel = re.findall(r'href="tel:([^"]+)"', html)
    assert tel and all(re.sub(r"\D", "", number).endswith(re.sub(r"\D", "", phone)[-8:]) for number in tel), tel
    assert known["links"] and all(f'href="{url}"' in html for url in known["links"].values())
    assert f'href="{known["authority"]["url"]}">{known["authority"]["website"]}</a>' in html


@pytest.mark.parametrize(("page", "top"), [("index.html", "Tilbake til toppen"), ("en/index.html", "Back to top")])
def test_the_statement_shows_the_facts_from_docs_facts_yml_and_the_site_s_own_top_link(project_site, page, top):
    html = (project_site / page).read_text(encoding="utf-8")
    assert_shows_the_facts(html, facts())
    assert "Scroll til toppen" not in html
    assert re.search(r'<p class="pv-top"><a href="#top">.*?</svg> ' + top + '</a></p>', html, re.S)


# --- the README's own example: change the phone number, release, and all is green ------------------------------

def copy_project(target: Path) -> Path:
    target.mkdir(parents=True)
    for name in ("mkdocs.yml", "docs", "overrides", "hooks"):
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, target / name, ignore=shutil.ignore_patterns("__pycache__", "*.egg-info"))
        else:
            shutil.copy2(source, target / name)
    return target


def run(root: Path, today: dt.date, *args: str) -> subprocess.CompletedProcess:
    env = dict(os.environ, PERSONVERN_TODAY=today.isoformat(), NO_MKDOCS_2_WARNING="1")
    return subprocess.run([sys.executable, "-m", *args], cwd=root, env=env, capture_output=True, text=True, timeout=600)


def test_changing_the_phone_number_as_the_readme_says_releases_and_stays_green(tmp_path):
    root = copy_project(tmp_path / "copy")
    facts_file = root / "docs" / layout.FACTS_FILE
    text = facts_file.read_text(encoding="utf-8")
    line = re.search(r"""^(\s+phone:\s*['"]?)(.*?\d)(['"]?\s*)$""", text, re.M)  # the controller's phone
    old = line.group(2)
    new = old[:-1] + str((int(old[-1]) + 1) % 10)
    facts_file.write_text(text[:line.start(2)] + new + text[line.end(2):], encoding="utf-8")
    today = build_date({})
    latest = project_module.load(ROOT / "docs", ROOT, today).versions[-1]
    effective = max(today, latest.effective)

    released = run(root, today, "personvern.cli", "release", "--effective", effective.isoformat(),
                   "--summary-nb", "Nytt telefonnummer.", "--summary-en", "New phone number.")
    assert released.returncode == 0, released.stderr
    assert released.stdout.splitlines()[-1] == "Commit these files in the same pull request as the text change."
    checked = run(root, today, "personvern.cli", "check")
    assert (checked.returncode, checked.stdout, checked.stderr) == (0, "docs: no problems\n", "")
    site = tmp_path / "site"
    built = build(root, site, effective)
    assert built.returncode == 0, built.stderr
    known = yaml.safe_load(facts_file.read_text(encoding="utf-8"))
    assert str(known["controller"]["phone"]) == new
    for page in ("index.html", "en/index.html"):
        html = (site / page).read_text(encoding="utf-8")
        assert_shows_the_facts(html, known)
        assert old not in html
    assert bilingual_problems(site) == [] and third_party_problems(site) == []


def test_every_page_names_the_site_icon_so_no_browser_asks_for_a_missing_favicon_ico(project_site):
    assert (project_site / layout.FAVICON).is_file()
    for page in project_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if "<html" in html:  # a document, not markup for other websites
            assert re.search(r'<link rel="icon" href="[^"]*' + re.escape(layout.FAVICON) + '"', html), page

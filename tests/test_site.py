"""The real statement in docs/, built with the project's own configuration, checked as a whole."""
import re
import subprocess
import sys

import pytest

from conftest import ROOT
from personvern import layout

EMBED_MARKUP = {layout.page_url(language, path) for language in layout.LANGUAGES for path in layout.EMBED_MARKUP}
"""Markup for the company's website, not pages: it points at this site by its absolute address."""

CHECK_SITE = ROOT.parent / "shared" / "tools" / "check_site.py"


@pytest.mark.parametrize("check", ["bilingual", "no-third-party"])
def test_shared_site_checks_pass(project_site, check):
    if not CHECK_SITE.exists():  # a development aid beside the checkout; a clone on GitHub has none
        pytest.skip(f"{CHECK_SITE} is not beside this checkout")
    result = subprocess.run([sys.executable, str(CHECK_SITE), check, str(project_site)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith(f"{check}: ok")


def test_both_languages_have_the_same_section_ids_in_the_same_order(project_site):
    def ids(page):
        html = (project_site / page).read_text(encoding="utf-8")
        article = html[html.index('<article'):html.index('</article>')]
        return re.findall(r'<h[23] id="([^"]+)"', article)
    nb, en = ids("index.html"), ids("en/index.html")
    assert nb == en
    assert [i for i in nb if i in ("controller", "rights", "cookies", "contact")] == ["controller", "rights", "cookies", "contact"]


def test_seed_links_are_real_links_and_scroll_to_top_is_the_site_control(project_site):
    for page, top in (("index.html", "Tilbake til toppen"), ("en/index.html", "Back to top")):
        html = (project_site / page).read_text(encoding="utf-8")
        assert 'href="https://nettvett.no/"' in html
        assert 'href="https://www.datatilsynet.no/">www.datatilsynet.no</a>' in html
        assert 'href="mailto:firmapost@west-elektro.no"' in html and 'href="tel:+4771566500"' in html
        assert "Scroll til toppen" not in html
        assert re.search(r'<p class="pv-top"><a href="#top">.*?</svg> ' + top + '</a></p>', html, re.S)


def test_no_page_loads_fonts_scripts_or_styles_from_elsewhere(project_site):
    for page in project_site.rglob("*.html"):
        if page.relative_to(project_site).as_posix() in EMBED_MARKUP:
            continue
        html = page.read_text(encoding="utf-8")
        assert "fonts.googleapis" not in html and "fonts.gstatic" not in html, page
        for url in re.findall(r'<(?:script|img|iframe)[^>]+src="([^"]+)"', html) + re.findall(r'<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"', html):
            assert not re.match(r"(https?:)?//", url), f"{page} fetches {url}"


def test_every_page_names_the_site_icon_so_no_browser_asks_for_a_missing_favicon_ico(project_site):
    from personvern import layout
    assert (project_site / layout.FAVICON).is_file()
    for page in project_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        if "<html" in html:  # a document, not markup for other websites
            assert re.search(r'<link rel="icon" href="[^"]*' + re.escape(layout.FAVICON) + '"', html), page

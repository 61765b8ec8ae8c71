"""The sitemap: every page in both languages, hreflang alternates with x-default, and a lastmod that is true."""
import datetime as dt
import gzip
from xml.etree import ElementTree as ET

import pytest
from conftest import SITE_URL, TODAY

from personvern import history, outputs, sitemap
from personvern import project as project_module

SITE = "https://example.org/personvern/"
NS = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
RELEASED_2 = dt.date(2026, 12, 1)
EFFECTIVE_2 = dt.date(2027, 1, 1)
RELEASED_3 = dt.date(2027, 2, 1)
EFFECTIVE_3 = dt.date(2027, 3, 1)


def release(tiny, number: int, released: dt.date, effective: dt.date) -> None:
    tiny.edit("docs/index.md", "lager vi lamper", f"lager vi lamper ({number})")
    tiny.edit("docs/index.en.md", "we make lamps", f"we make lamps ({number})")
    tiny.today = released
    tiny.release(effective, f"Versjon {number}.", f"Version {number}.")


RELEASES = [(2, RELEASED_2, EFFECTIVE_2), (3, RELEASED_3, EFFECTIVE_3)]


def entries(data: bytes) -> dict[str, tuple[str, dict[str, str]]]:
    """Each address → (lastmod, {hreflang: href})."""
    root = ET.fromstring(data)
    assert root.tag == f"{{{NS['s']}}}urlset"
    result = {}
    for url in root.findall("s:url", NS):
        alternates = {link.get("hreflang"): link.get("href") for link in url.findall("x:link", NS)
                      if link.get("rel") == "alternate"}
        result[url.findtext("s:loc", namespaces=NS)] = (url.findtext("s:lastmod", namespaces=NS), alternates)
    return result


def lastmods(tiny, today: dt.date) -> dict[str, str]:
    project = project_module.load(tiny.docs, tiny.root, today)
    return {loc[len(SITE):]: day for loc, (day, _) in entries(sitemap.xml(project, SITE)).items()}


def test_every_page_in_both_languages_lists_its_translations_and_x_default(tiny):
    project = project_module.load(tiny.docs, tiny.root, TODAY)
    paths = ["", "versions/", "versions/1/"]
    expected = {}
    for path in paths:
        alternates = {"nb": f"{SITE}{path}", "en": f"{SITE}en/{path}", "x-default": f"{SITE}{path}"}
        for language in ("nb", "en"):
            expected[alternates[language]] = (TODAY.isoformat(), alternates)
    assert entries(sitemap.xml(project, SITE)) == expected


def test_lastmod_is_never_the_build_date(tiny):
    assert set(lastmods(tiny, dt.date(2030, 6, 1)).values()) == {TODAY.isoformat()}


@pytest.mark.parametrize(("today", "pages"), [
    # Version 2 announced: the statement and the history say so; version 1's page does not change.
    (RELEASED_2, {"": RELEASED_2, "versions/": RELEASED_2, "versions/1/": TODAY, "versions/2/": RELEASED_2}),
    # Version 2 in force: every page says so.
    (EFFECTIVE_2, {"": EFFECTIVE_2, "versions/": EFFECTIVE_2, "versions/1/": EFFECTIVE_2, "versions/2/": EFFECTIVE_2}),
    # Version 3 announced: only the statement, the history and version 3's own page are new.
    (RELEASED_3, {"": RELEASED_3, "versions/": RELEASED_3, "versions/1/": EFFECTIVE_2, "versions/2/": EFFECTIVE_2,
                  "versions/3/": RELEASED_3}),
    # Version 3 in force: every page, down to version 1's (what changed since it), says so.
    (dt.date(2027, 6, 1), {"": EFFECTIVE_3, "versions/": EFFECTIVE_3, "versions/1/": EFFECTIVE_3,
                           "versions/2/": EFFECTIVE_3, "versions/3/": EFFECTIVE_3}),
])
def test_lastmod_is_the_last_release_or_taking_effect_that_changed_the_page(tiny, today, pages):
    for number, released, effective in RELEASES:
        if released <= today:
            release(tiny, number, released, effective)
    assert lastmods(tiny, today) == {f"{prefix}{path}": day.isoformat() for path, day in pages.items()
                                     for prefix in ("", "en/")}


def test_outputs_replace_both_sitemap_files_with_the_same_xml(tiny):
    project = project_module.load(tiny.docs, tiny.root, TODAY)
    written = outputs.files(project, SITE, {"nb": "Navn", "en": "Name"})
    assert gzip.decompress(written["sitemap.xml.gz"]) == written["sitemap.xml"] == sitemap.xml(project, SITE)
    assert written["sitemap.xml.gz"] == outputs.files(project, SITE, {"nb": "Navn", "en": "Name"})["sitemap.xml.gz"]


def test_built_site_has_the_domain_sitemap_at_the_root_only(tiny):
    release(tiny, 2, RELEASED_2, EFFECTIVE_2)
    tiny.today = dt.date(2027, 6, 1)
    result = tiny.build()
    assert result.ok, result.messages
    data = (tiny.site / "sitemap.xml").read_bytes()
    assert gzip.decompress((tiny.site / "sitemap.xml.gz").read_bytes()) == data
    assert not (tiny.site / "en" / "sitemap.xml").exists()
    found = entries(data)
    home = SITE_URL
    assert found[f"{home}en/versions/1/"] == (EFFECTIVE_2.isoformat(), {
        "nb": f"{home}versions/1/", "en": f"{home}en/versions/1/", "x-default": f"{home}versions/1/"})
    assert found[f"{home}versions/2/"][0] == EFFECTIVE_2.isoformat()
    assert sorted(found) == sorted(f"{home}{prefix}{path}" for prefix in ("", "en/")
                                   for path in ("", "versions/", "versions/1/", "versions/2/"))


CORRECTED = [(2, RELEASED_2, EFFECTIVE_2), (3, RELEASED_2 + dt.timedelta(days=10), EFFECTIVE_2),
             (4, RELEASED_3, EFFECTIVE_3)]
"""Version 3 corrects version 2 before it takes effect (the same effective date)."""


@pytest.mark.parametrize("releases", [RELEASES, CORRECTED], ids=["versions", "correction"])
@pytest.mark.parametrize("language", ["nb", "en"])
def test_lastmod_is_the_last_day_the_page_as_visitors_see_it_changed(tiny, language, releases):
    """Day by day, what each page shows (its view model and, on the statement, its text) is compared with the day
    before; each page's lastmod must be the last day it changed, whatever the rule in sitemap.py."""
    for number, released, effective in releases:
        release(tiny, number, released, effective)
    project = project_module.load(tiny.docs, tiny.root, TODAY)
    published = list(project.versions)

    def shown(day: dt.date) -> dict:
        project.today, project.versions = day, [v for v in published if v.released() <= day]
        pages = {"": (history.current_page(project, language), history.current_text(project, language)),
                 "versions/": history.changelog(project, language)}
        pages.update({f"versions/{v.number}/": history.archived_page(project, language, v.number) for v in project.versions})
        return pages

    changed: dict[str, dt.date] = {}
    before: dict = {}
    day = TODAY
    while day <= EFFECTIVE_3 + dt.timedelta(days=2):
        now = shown(day)
        changed.update({path: day for path, page in now.items() if before.get(path) != page})
        expected = {f"{prefix}{path}": changed[path].isoformat() for path in now for prefix in ("", "en/")}
        project.today, project.versions = day, [v for v in published if v.released() <= day]
        found = {loc[len(SITE):]: lastmod for loc, (lastmod, _) in entries(sitemap.xml(project, SITE)).items()}
        assert found == expected, day
        before, day = now, day + dt.timedelta(days=1)

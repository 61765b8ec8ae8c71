"""The current page takes its title and description from the version in force, not from an upcoming text."""
import datetime as dt
import re

import pytest
import yaml

from conftest import EN, NB

NEXT = dt.date(2027, 1, 1)
PAGES = {"nb": ("index.html", NB), "en": ("en/index.html", EN)}
NEW = {"nb": ("Personvern hos oss", "Slik behandler vi opplysningene dine."),
       "en": ("Privacy with us", "This is how we process your data.")}


def front(text: str) -> dict:
    return yaml.safe_load(text.split("---\n")[1])


def head(html: str) -> tuple[str, str, str]:
    """The <h1>, the <title> and the meta description of a page."""
    h1 = re.search(r'<h1 id="content">(.*?)</h1>', html, re.S).group(1).strip()
    title = re.search(r"<title>(.*?)</title>", html, re.S).group(1).strip()
    description = re.search(r'<meta name="description" content="([^"]*)"', html).group(1)
    return h1, title, description


@pytest.fixture
def renamed(tiny):
    """Version 2, taking effect on NEXT, changes the title and the description in both languages."""
    for language, path in (("nb", "docs/index.md"), ("en", "docs/index.en.md")):
        old = front(tiny.read(path))
        tiny.edit(path, f"title: {old['title']}", f"title: {NEW[language][0]}")
        tiny.edit(path, f"description: {old['description']}", f"description: {NEW[language][1]}")
        tiny.edit(path, f"# {old['title']}", f"# {NEW[language][0]}")
    tiny.release(NEXT, "Ny tittel.", "New title.")
    return tiny


@pytest.mark.parametrize("language", ["nb", "en"])
def test_before_an_upcoming_version_takes_effect_the_title_is_the_one_in_force(renamed, language):
    page, source = PAGES[language]
    old = front(source)
    result = renamed.build()
    assert result.ok, result.messages
    h1, title, description = head(result.html(page))
    assert h1 == old["title"]
    assert title.split(" – ")[0] == old["title"]
    assert NEW[language][0] not in result.html(page).split('<div class="admonition info pv-upcoming"')[0]
    assert description == old["description"]


@pytest.mark.parametrize("language", ["nb", "en"])
def test_on_its_effective_date_the_new_title_and_description_apply(renamed, language):
    page, _ = PAGES[language]
    renamed.today = NEXT
    result = renamed.build()
    assert result.ok, result.messages
    h1, title, description = head(result.html(page))
    assert (h1, description) == NEW[language]
    assert title.split(" – ")[0] == NEW[language][0]


@pytest.mark.parametrize("language", ["nb", "en"])
def test_a_release_records_the_description_with_the_title(renamed, language):
    path = "docs/versions/2.md" if language == "nb" else "docs/versions/2.en.md"
    assert (front(renamed.read(path))["title"], front(renamed.read(path))["description"]) == NEW[language]

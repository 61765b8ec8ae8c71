"""Section ids: an allow-listed pattern, and never an id the site's templates use themselves."""
import re

import pytest

from personvern import check, layout
from conftest import ROOT

FILES = {"nb": "docs/index.md", "en": "docs/index.en.md"}
HEADING = {"nb": "## Om oss", "en": "## About us"}


def with_section(tiny, heading_end: str, hashes: str = "##") -> dict[str, int]:
    """Adds a section before the contact section in both languages; the file line of its heading, per language."""
    lines = {}
    for language, path in FILES.items():
        title = HEADING[language].replace("##", hashes, 1)
        before = "## Kontakt" if language == "nb" else "## Contact"
        tiny.edit(path, before, f"{title}{heading_end}\n\nTekst.\n\n{before}")
        lines[language] = tiny.read(path).split("\n").index(f"{title}{heading_end}") + 1
    return lines


def check_lines(tiny) -> list[str]:
    return [str(problem) for problem in check.problems_and_plan(tiny.docs, tiny.root)[0]]


@pytest.mark.parametrize("section_id", sorted(layout.TEMPLATE_IDS))
def test_an_id_the_templates_use_is_reserved_in_both_languages(tiny, section_id):
    lines = with_section(tiny, f" {{#{section_id}}}")
    message = f'section id "{section_id}" is used by the site\'s own pages — choose another id, the same in both languages'
    assert check_lines(tiny) == [f"{FILES[language]}:{lines[language]}: {message}" for language in FILES]


def test_the_build_reports_a_reserved_id_and_publishes_nothing(tiny):
    lines = with_section(tiny, " {#content}")
    message = 'section id "content" is used by the site\'s own pages — choose another id, the same in both languages'
    result = tiny.build()
    assert not result.ok
    assert result.messages[:-1] == [f"{FILES[language]}:{lines[language]}: {message}" for language in FILES]
    assert not tiny.site.exists()


@pytest.mark.parametrize("section_id", ["__proto__", "Cookies", "1st", "cookies_2"])
def test_an_id_outside_the_pattern_is_an_error(tiny, section_id):
    lines = with_section(tiny, f" {{#{section_id}}}")
    message = (f'section id "{section_id}" is not allowed — write the id with lowercase letters (a–z), digits and hyphens, '
               "starting with a letter, as in {#cookies}, the same in both languages")
    assert check_lines(tiny) == [f"{FILES[language]}:{lines[language]}: {message}" for language in FILES]


def test_a_heading_whose_own_id_would_be_reserved_needs_an_id(tiny):
    tiny.edit("docs/index.en.md", "## Contact", "### Main\n\nText.\n\n## Contact")
    line = tiny.read("docs/index.en.md").split("\n").index("### Main") + 1
    assert check_lines(tiny) == [
        f'docs/index.en.md:{line}: the heading "Main" gets the id "main", which the site\'s own pages use — give the heading '
        'an id of its own at its end, as in "### … {#main-section}", the same in both languages']


def test_section_id_messages_in_norwegian(tiny, monkeypatch):
    monkeypatch.setenv("PERSONVERN_LANG", "nb")
    lines = with_section(tiny, " {#what-changed}")
    assert check_lines(tiny)[0] == (f"docs/index.md:{lines['nb']}: seksjons-id-en «what-changed» brukes av nettstedets egne "
                                    "sider — velg en annen id, lik på begge språk")


def test_every_id_in_the_templates_is_reserved():
    """An id added to a template must be added to layout.TEMPLATE_IDS, or a section could take it."""
    found = set()
    for template in (ROOT / "overrides").rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        found |= set(re.findall(r'\bid="([^"{]+)"', text)) | set(re.findall(r'href="#([^"{]+)"', text))
    assert found and found <= set(layout.TEMPLATE_IDS)


def test_every_id_on_the_built_pages_is_a_section_or_reserved(tiny):
    """The pages as built, Material's partials included: any id that is not the statement's own is reserved."""
    result = tiny.build()
    assert result.ok, result.messages
    statement = set()
    for path in FILES.values():
        statement |= set(re.findall(r"\{#([a-z][a-z0-9-]*)\}", tiny.read(path)))
    for page in ("index.html", "en/index.html", "versions/1/index.html", "en/versions/1/index.html"):
        ids = set(re.findall(r'\sid="([^"]+)"', result.html(page)))
        assert ids - statement <= set(layout.TEMPLATE_IDS), page


FORM = ('the heading "{title}" is not written as "## Title" at the start of a line of its own — write it so, with its id '
        'at the end, e.g. "## {title} {{#id}}": a heading underlined with --- or ===, written in HTML, or inside a list or '
        "quote escapes the rules for sections and their ids")


@pytest.mark.parametrize("written, title, offset", [
    ("Hemmelig {#main}\n----------------", "Hemmelig", 0),
    ("Ny del\n===", "Ny del", 0),
    ("> ## Sitat {#cookies}", "Sitat", 0),
    ("- ## Punkt {#top}", "Punkt", 0),
    ('Tekst først.\n\n<h2 id="contact">Kontakt oss</h2>', "Kontakt oss", 2),
])
def test_a_heading_written_any_other_way_is_refused_where_it_is_written(tiny, written, title, offset):
    """Only "## Title {#id}" lines are sections; any other heading would carry an id past the rules (a second
    "cookies", the page's own "main") and split the embed's sections where no language's outline does."""
    tiny.edit("docs/index.md", "## Kontakt", f"{written}\n\nTekst.\n\n## Kontakt")
    line = tiny.read("docs/index.md").split("\n").index(written.split("\n")[0]) + 1 + offset
    assert check_lines(tiny) == [f"docs/index.md:{line}: " + FORM.format(title=title)]


def test_a_heading_written_another_way_in_norwegian_and_in_the_build(tiny, monkeypatch):
    monkeypatch.setenv("PERSONVERN_LANG", "nb")
    tiny.edit("docs/index.md", "## Kontakt", "Hemmelig {#main}\n---\n\nTekst.\n\n## Kontakt")
    line = tiny.read("docs/index.md").split("\n").index("Hemmelig {#main}") + 1
    expected = (f"docs/index.md:{line}: overskriften «Hemmelig» er ikke skrevet som «## Tittel» først på en egen linje — "
                "skriv den slik, med id-en på slutten, f.eks. «## Hemmelig {#id}»: en overskrift understreket med --- "
                "eller ===, skrevet i HTML, eller inni en liste eller et sitat slipper unna reglene for seksjoner og id-ene "
                "deres")
    assert check_lines(tiny) == [expected]
    result = tiny.build()
    assert not result.ok and result.messages[0] == expected

"""The current statement in both languages: read, filled in from the facts, checked on its own and against the other.

NB and EN (tests/conftest.py) have the same lines: controller heading 10 (text 12), rights 14, cookies 19 with its
{% for %} on 23-25, contact 27 (text 29), and the last line of text is 29.
"""
from pathlib import Path

import pytest
import yaml

from conftest import EN, FACTS, NB
from personvern.layout import LANGUAGES, source_path as language_path
from personvern.statement import load

FACTS_DICT = yaml.safe_load(FACTS)
FILES = {"nb": "docs/index.md", "en": "docs/index.en.md"}
SOURCES = {"nb": NB, "en": EN}
LINES = [("controller", 10), ("rights", 14), ("cookies", 19), ("contact", 27)]
BOTH = pytest.mark.parametrize("language", LANGUAGES)


def write(root: Path, nb: str | bytes | None = NB, en: str | bytes | None = EN) -> None:
    """Writes docs/index.md and docs/index.en.md; None leaves a file out."""
    (root / "docs").mkdir(exist_ok=True)
    for name, content in (("index.md", nb), ("index.en.md", en)):
        path = root / "docs" / name
        if isinstance(content, bytes):
            path.write_bytes(content)
        elif content is not None:
            path.write_text(content, encoding="utf-8")


def load_statement(root: Path, facts: dict | None = FACTS_DICT):
    problems = []
    statement = load(root / "docs", root, facts, problems)
    return statement, [str(p) for p in problems]


def edited(language: str, old: str, new: str) -> str:
    text = SOURCES[language]
    assert text.count(old) == 1, f"{old!r} is not once in the {language} text"
    return text.replace(old, new)


def section(language: str, start: str, end: str) -> str:
    """The text of SOURCES[language] from the heading that starts with `start` up to the one that starts with `end`."""
    text = SOURCES[language]
    return text[text.index(start):text.index(end)]


def missing(path: str, line: int, section_id: str) -> str:
    return (f'{path}:{line}: required section "{section_id}" is missing — '
            f'add a heading "## … {{#{section_id}}}" with its text (README › Obligatoriske seksjoner)')


# --- a valid pair ------------------------------------------------------------------------------------------------

def test_valid_pair_has_no_problems_and_renders_the_facts_in_both_languages(tmp_path):
    write(tmp_path)
    statement, problems = load_statement(tmp_path)
    assert problems == []
    assert {language: doc.meta["title"] for language, doc in statement.docs.items()} == {
        "nb": "Personvernerklæring", "en": "Privacy statement"}
    assert statement.text["en"] == (
        "\n# Privacy statement\n\nAt Nordlys Elektro we make lamps for long winter evenings.\n\n"
        "## Who runs this site? {#controller}\n\nThe site is run by Nordlys Elektro AS with organisation number 123 456 785.\n\n"
        "## What you can ask of us {#rights}\n\n- Right of access\n- Right to erasure\n\n"
        "## Cookies {#cookies}\n\nThese services leave cookies with you:\n\n- Lampeteller\n- Vinterlys\n\n"
        "## Contact {#contact}\n\nDrop a line to post@nordlys-elektro.no or ring the shop on 55 12 34 00.\n")
    for line in ("Hos Nordlys Elektro lager vi lamper til lange vinterkvelder.",
                 "Nettsiden drives av Nordlys Elektro AS med organisasjonsnummer 123 456 785.",
                 "Disse tjenestene legger igjen informasjonskapsler hos deg:\n\n- Lampeteller\n- Vinterlys\n\n## Kontakt {#contact}",
                 "Send en linje til post@nordlys-elektro.no eller ring butikken på 55 12 34 00."):
        assert line in statement.text["nb"]
    assert "{{" not in statement.text["nb"] + statement.text["en"]


@BOTH
def test_heading_lines_are_counted_in_the_written_file(tmp_path, language):
    # The {% for %} renders three lines as two; the contact heading is still on line 27 of the file.
    write(tmp_path)
    statement, _ = load_statement(tmp_path)
    outline = statement.outlines[language]
    assert [(h.id, h.line) for h in outline.headings] == LINES
    assert outline.end_line == 29


@pytest.mark.parametrize("language, name", [("nb", "index.md"), ("en", "index.en.md")])
def test_language_path(tmp_path, language, name):
    assert language_path(tmp_path, "index", language) == tmp_path / name


# --- files that are missing or cannot be read --------------------------------------------------------------------

def test_missing_translation_is_an_error_not_a_fallback(tmp_path):
    write(tmp_path, en=None)
    statement, problems = load_statement(tmp_path)
    assert problems == ["docs/index.en.md: the en translation is missing — create docs/index.en.md with the same "
                        "sections as docs/index.md; no language falls back to another"]
    assert list(statement.docs) == ["nb"]


def test_missing_source_language_file(tmp_path):
    write(tmp_path, nb=None)
    statement, problems = load_statement(tmp_path)
    assert problems == ["docs/index.md: the file is missing — create it (see README › For redaktører)"]
    assert list(statement.docs) == ["en"]


def test_translation_that_is_not_utf8_is_not_compared(tmp_path):
    write(tmp_path, en=EN.encode("utf-8").replace(b"make lamps", b"mak\xe9 lamps"))
    statement, problems = load_statement(tmp_path)
    assert problems == ["docs/index.en.md:8: the file is not UTF-8 (byte 0xe9) — save the file with UTF-8 encoding"]
    assert list(statement.docs) == ["nb"]


def test_source_with_broken_front_matter_is_reported_alone(tmp_path):
    write(tmp_path, nb=edited("nb", "description: Om opplysningene", "description: Om: opplysningene"))
    _, problems = load_statement(tmp_path)
    assert problems == ["docs/index.md:3: the front matter is not valid YAML (mapping values are not allowed here) — "
                        'write each field as "name: value"; put a value that contains ": " in quotes']


# --- the two languages compared ----------------------------------------------------------------------------------

def test_required_section_id_that_differs_between_languages(tmp_path):
    write(tmp_path, en=edited("en", "{#cookies}", "{#cookie}"))
    _, problems = load_statement(tmp_path)
    assert problems == [
        missing("docs/index.en.md", 27, "cookies"),
        'docs/index.en.md:19: section id "cookie" is not in docs/index.md (did you mean "cookies"?) — '
        "use the same ids as docs/index.md"]


def test_optional_section_id_that_differs_between_languages(tmp_path):
    write(tmp_path, nb=edited("nb", "## Dette kan du kreve", "## Lagring {#retention}\n\nSå lenge det trengs.\n\n## Dette kan du kreve"),
          en=edited("en", "## What you can ask", "## Retention {#retension}\n\nAs long as needed.\n\n## What you can ask"))
    _, problems = load_statement(tmp_path)
    assert problems == [
        'docs/index.en.md:14: section id "retension" is not in docs/index.md (did you mean "retention"?) — '
        "use the same ids as docs/index.md",
        'docs/index.en.md:18: section "retention" is missing — translate the section "retention" from docs/index.md, '
        "with the heading id {#retention}"]


def test_required_section_missing_in_the_translation_only(tmp_path):
    write(tmp_path, en=edited("en", section("en", "## What you can ask", "## Cookies"), ""))
    _, problems = load_statement(tmp_path)
    assert problems == [missing("docs/index.en.md", 14, "rights")]  # where it belongs: at the cookies heading


def test_optional_section_missing_in_the_translation_only(tmp_path):
    write(tmp_path, nb=edited("nb", "## Dette kan du kreve", "## Lagring {#retention}\n\nSå lenge det trengs.\n\n## Dette kan du kreve"))
    _, problems = load_statement(tmp_path)
    assert problems == ['docs/index.en.md:14: section "retention" is missing — translate the section "retention" '
                        "from docs/index.md, with the heading id {#retention}"]


def test_sections_in_another_order(tmp_path):
    rights, cookies = section("en", "## What you can ask", "## Cookies"), section("en", "## Cookies", "## Contact")
    write(tmp_path, en=edited("en", rights + cookies, cookies + rights))
    _, problems = load_statement(tmp_path)
    assert problems == ['docs/index.en.md:14: section "cookies" is out of order (expected "rights" here) — '
                        "put the sections in the same order as docs/index.md"]


def test_problems_of_both_languages_come_before_the_comparison(tmp_path):
    write(tmp_path, nb=edited("nb", "{{ controller.phone }}", "{{ controller.telefon }}"),
          en=edited("en", "## Contact {#contact}", "## Contact {#contact}\n\n## Complaints {#complaints}\n\nTo us."))
    _, problems = load_statement(tmp_path)
    assert problems == [
        'docs/index.md:29: unknown placeholder "telefon" — use one of city, email, name, org_nr, phone, postcode, '
        "short_name, street (from docs/facts.yml)",
        'docs/index.en.md:27: required section "contact" is empty — write the section\'s text below its heading',
        'docs/index.en.md:29: section id "complaints" is not in docs/index.md — use the same ids as docs/index.md']


# --- the rules of each language, with file lines -----------------------------------------------------------------

@BOTH
def test_heading_without_id_after_the_for_loop_is_reported_on_its_own_line(tmp_path, language):
    heading = {"nb": "## Kontakt {#contact}", "en": "## Contact {#contact}"}[language]
    write(tmp_path, **{language: edited(language, heading, heading.removesuffix(" {#contact}"))})
    _, problems = load_statement(tmp_path)
    title = heading.removeprefix("## ").removesuffix(" {#contact}")
    assert problems == [
        f'{FILES[language]}:27: heading "{title}" has no id — add an id at the end of the heading, '
        'e.g. "## … {#retention}", the same in both languages',
        missing(FILES[language], 29, "contact")]


@BOTH
def test_duplicated_id(tmp_path, language):
    write(tmp_path, **{language: edited(language, "{#rights}", "{#controller}")})
    _, problems = load_statement(tmp_path)
    assert problems == [
        f'{FILES[language]}:14: section id "controller" is used twice (first on line 10) — give each heading its own id',
        missing(FILES[language], 19, "rights")]


@BOTH
def test_controller_without_organisation_number(tmp_path, language):
    write(tmp_path, **{language: edited(language, "{{ controller.org_nr }}", "")})
    _, problems = load_statement(tmp_path)
    assert problems == [f"{FILES[language]}:10: the controller section does not show the organisation number — "
                        "write {{ controller.org_nr }} in the section"]


@BOTH
def test_contact_with_only_a_phone_number(tmp_path, language):
    write(tmp_path, **{language: edited(language, "{{ controller.email }}", "oss" if language == "nb" else "us")})
    _, problems = load_statement(tmp_path)
    assert problems == []


@BOTH
def test_unsafe_markup_is_reported_on_its_file_line(tmp_path, language):
    write(tmp_path, **{language: edited(language, "{{ controller.short_name }}", '<script src="https://x.example/t.js"></script>')})
    _, problems = load_statement(tmp_path)
    assert problems == [f"{FILES[language]}:8: HTML element <script> is not allowed — remove it; the statement is text, "
                        "and the site runs no code from the text"]


# --- broken facts are reported once, not again as missing contact details ---------------------------------------

def test_without_facts_the_text_is_not_rendered_and_its_facts_are_not_checked(tmp_path):
    # The facts file is broken (its own problem is reported when it is read): nothing more to say about the text.
    write(tmp_path)
    statement, problems = load_statement(tmp_path, facts=None)
    assert problems == []
    assert statement.text["en"] == EN.split("---\n", 2)[2]


def test_unknown_placeholder_is_not_reported_again_as_a_missing_contact(tmp_path):
    write(tmp_path, en=edited("en", "Drop a line to {{ controller.email }} or ring the shop on {{ controller.phone }}.",
                              "Drop a line to {{ controller.epost }}."))
    _, problems = load_statement(tmp_path)
    assert problems == ['docs/index.en.md:29: unknown placeholder "epost" — use one of city, email, name, org_nr, '
                        "phone, postcode, short_name, street (from docs/facts.yml)"]


def test_lines_are_traced_back_through_placeholders_and_loops(monkeypatch):
    from personvern import statement
    source = ["# T", "{{ a }}", "x", "x", "{% for p in l %}", "- {{ p }}", "{% endfor %}", "x", "<b>"]
    filled = ["# T", "A", "x", "x", "- 1", "- 2", "- 3", "x", "<b>"]
    expected = [0, 1, 2, 3, 4, 4, 4, 7, 8]
    assert statement.source_lines(source, filled) == expected
    monkeypatch.setattr(statement, "MAX_COMPARED", 0)  # beyond it, one pass and no difflib: the same lines here
    monkeypatch.setattr(statement.difflib, "SequenceMatcher", None)
    assert statement.source_lines(source, filled) == expected
    assert statement.source_lines(["{{ a }}"] + ["x"] * 5000 + ["{{ b }}"], ["A"] + ["x"] * 5000 + ["B"]) == list(range(5002))

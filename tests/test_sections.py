"""The sections of a statement: heading ids, the required sections, and the same sections in every language."""
import pytest

from personvern import render, requirements
from personvern.sections import REQUIRED, check, compare, outline

SHOWN, REFERENCE = "docs/index.en.md", "docs/index.md"
ORG_NR = "123 456 785"
FIRST = 5
"""The body starts on line 5, after four lines of front matter."""

SECTIONS = requirements.required()
CONTROLLER = next(section.id for section in SECTIONS if section.rule == "org_nr")
CONTACT = next(section.id for section in SECTIONS if section.rule == "email_or_phone")
TEXT = {section.id: {"org_nr": "The site is run by Nordlys Elektro AS with organisation number 123 456 785.",
                     "email_or_phone": "Drop a line to post@nordlys-elektro.no or ring the shop on 55 12 34 00."
                     }.get(section.rule, f"- A fictional sentence about {section.description['en']}.") for section in SECTIONS}
"""The text of each required section (requirements.yml), one line under its heading; the rules decide what it shows."""
HEADINGS = {section.id: f"## {section.description['en'].capitalize()} {{#{section.id}}}" for section in SECTIONS}
LINES = {section_id: 10 + 4 * index for index, section_id in enumerate(REQUIRED)}
"""The heading lines: the intro ends on line 9, then each section is a blank line, its heading, a blank line, its text."""
BODY = "\n# Privacy statement\n\nAt Nordlys Elektro we make lamps for long winter evenings.\n" + "".join(
    f"\n{HEADINGS[section_id]}\n\n{TEXT[section_id]}\n" for section_id in REQUIRED)
"""A rendered statement with the required sections in the order of requirements.yml, and nothing else."""
END = LINES[REQUIRED[-1]] + 2
"""The last text line."""


def problems(body: str = BODY, org_nr: str | None = ORG_NR) -> list[str]:
    return [str(p) for p in check(SHOWN, outline(body, FIRST), org_nr)]


def replaced(old: str, new: str, body: str = BODY) -> str:
    assert body.count(old) == 1, f"{old!r} is not once in the body"
    return body.replace(old, new)


def without(section_id: str) -> str:
    """BODY without one section: the blank line before its heading, the heading, a blank line and the text."""
    return replaced(f"\n{HEADINGS[section_id]}\n\n{TEXT[section_id]}\n", "")


def missing(line: int, section_id: str) -> str:
    return (f'{SHOWN}:{line}: required section "{section_id}" is missing — '
            f'add a heading "## … {{#{section_id}}}" with its text (README › Obligatoriske seksjoner)')


def no_id(line: int, title: str) -> str:
    return (f'{SHOWN}:{line}: heading "{title}" has no id — '
            'add an id at the end of the heading, e.g. "## … {#retention}", the same in both languages')


# --- the outline -------------------------------------------------------------------------------------------------

def headings(body: str, first: int = FIRST) -> list[tuple]:
    return [(h.level, h.title, h.id, h.line) for h in outline(body, first).headings]


def test_outline_of_a_statement():
    doc = outline(BODY, FIRST)
    assert headings(BODY) == [(2, HEADINGS[i][3:HEADINGS[i].index(" {#")], i, LINES[i]) for i in REQUIRED]
    assert [s.id for s in doc.sections] == list(REQUIRED)
    assert doc.ids() == list(REQUIRED)
    assert doc.section(CONTACT).text == f"\n{TEXT[CONTACT]}\n"
    assert doc.section("retention") is None
    assert doc.intro == ["", "# Privacy statement", "", "At Nordlys Elektro we make lamps for long winter evenings.", ""]
    assert doc.end_line == END


def test_the_helpers_know_where_each_section_is():
    lines = BODY.split("\n")
    for section_id in REQUIRED:
        assert lines[LINES[section_id] - FIRST] == HEADINGS[section_id]
        assert lines[LINES[section_id] + 2 - FIRST] == TEXT[section_id]


def test_subsection_text_counts_as_the_section_text():
    assert problems(replaced(TEXT[REQUIRED[1]], "### Repairs {#repairs}\n\nWe mend lamps for free.")) == []


@pytest.mark.parametrize("line, expected", [
    ("## Contact {#contact}", (2, "Contact", "contact")),
    ("### Opt out {#opt-out}", (3, "Opt out", "opt-out")),
    ("## Contact {#contact .important}", (2, "Contact", "contact")),
    ("## Contact { #contact }", (2, "Contact", "contact")),
    ("## Contact {#contact} ##", (2, "Contact", "contact")),
    ("##   Contact   {#contact}   ", (2, "Contact", "contact")),
    ("## Which lamps does {{ controller.short_name }} mend? {#repairs}",
     (2, "Which lamps does {{ controller.short_name }} mend?", "repairs")),
    ("## Contact", (2, "Contact", None)),
], ids=["h2", "h3", "with-class", "spaces-in-braces", "closing-hashes", "extra-blanks", "placeholder-in-title",
        "no-id"])
def test_heading_id_is_parsed(line, expected):
    assert headings(f"Intro.\n\n{line}\n\nText.\n", 1) == [(*expected, 3)]


@pytest.mark.parametrize("line", ["# Privacy statement {#top}", "Text with ## inside {#x}", "    ## Indented code {#x}"],
                         ids=["h1", "hashes-inside-text", "indented-code"])
def test_lines_that_are_not_section_headings(line):
    assert headings(f"Intro.\n\n{line}\n") == []


def test_heading_without_a_space_after_the_hashes_is_a_heading():
    # Python-Markdown (MkDocs) renders "##Kontakt {#contact}" as <h2 id="contact">Kontakt</h2>.
    assert headings("Intro.\n\n##Kontakt {#contact}\n\nText.\n", 1) == [(2, "Kontakt", "contact", 3)]


def test_a_heading_between_fence_lines_is_a_heading_as_on_the_page():
    """The site's Markdown has no fenced code blocks: Python-Markdown makes "## …" between ``` or ~~~ lines a heading,
    so the rules for sections and ids read it as one (a fence once hid a second "contact", or "main", from them)."""
    body = ("## Example {#example}\n"
            "```markdown\n"
            "## Between backticks {#between-backticks}\n"
            "```\n"
            "~~~\n"
            "## Between tildes {#between-tildes}\n"
            "~~~\n")
    assert headings(body, 1) == [(2, "Example", "example", 1), (2, "Between backticks", "between-backticks", 3),
                                 (2, "Between tildes", "between-tildes", 6)]
    assert render.html(body, SHOWN, 1)[1] == []


def test_a_heading_between_fence_lines_is_checked_like_any_other():
    body = replaced(TEXT[CONTACT], TEXT[CONTACT] + f"\n\n```\n{HEADINGS[CONTACT]}\n```")
    line = body.split("\n").index(HEADINGS[CONTACT], body.split("\n").index(HEADINGS[CONTACT]) + 1) + FIRST
    assert problems(body) == [f'{SHOWN}:{line}: section id "{CONTACT}" is used twice (first on line {LINES[CONTACT]}) — '
                              "give each heading its own id"]


# --- the rules of one language -----------------------------------------------------------------------------------

def test_valid_statement_has_no_problems():
    assert problems() == []


@pytest.mark.parametrize("section_id", REQUIRED)
def test_missing_required_section_is_reported_where_it_belongs(section_id):
    # At the heading of the next required section (which moves up into its place), or at the end of the file for the last one.
    line = LINES[section_id] if section_id != REQUIRED[-1] else END - 4
    assert problems(without(section_id)) == [missing(line, section_id)]


def test_statement_without_any_section():
    assert problems("\n# Privacy statement\n\nText.\n") == [missing(8, section_id) for section_id in REQUIRED]


@pytest.mark.parametrize("section_id", REQUIRED)
def test_empty_required_section(section_id):
    assert problems(replaced(TEXT[section_id], "")) == [
        f'{SHOWN}:{LINES[section_id]}: required section "{section_id}" is empty — write the section\'s text below its heading']


def test_section_with_only_a_subheading_is_empty():
    section_id = REQUIRED[1]
    assert problems(replaced(TEXT[section_id], "### Repairs {#repairs}")) == [
        f'{SHOWN}:{LINES[section_id]}: required section "{section_id}" is empty — write the section\'s text below its heading']


def test_controller_without_organisation_number():
    assert problems(replaced(TEXT[CONTROLLER], "The site is run by Nordlys Elektro AS.")) == [
        f"{SHOWN}:{LINES[CONTROLLER]}: the {CONTROLLER} section does not show the organisation number — "
        "write {{ controller.org_nr }} in the section"]


@pytest.mark.parametrize("written", ["123456785", "NO 123 456 785 MVA"])
def test_organisation_number_may_be_written_without_spaces(written):
    assert problems(replaced(ORG_NR, written)) == []


def test_organisation_number_is_not_checked_without_facts():
    assert problems(replaced(TEXT[CONTROLLER], "The site is run by Nordlys Elektro AS."), org_nr=None) == []


def test_facts_are_not_checked_when_content_is_off():
    body = replaced(TEXT[CONTACT], "Drop us a line.", replaced(TEXT[CONTROLLER], "The site is run by Nordlys Elektro AS."))
    assert problems(body) != []
    assert [str(p) for p in check(SHOWN, outline(body, FIRST), ORG_NR, content=False)] == []


def no_contact() -> list[str]:
    return [f"{SHOWN}:{LINES[CONTACT]}: the {CONTACT} section has no e-mail address or phone number — "
            "write {{ controller.email }} or {{ controller.phone }} in the section"]


def test_contact_without_email_or_phone():
    assert problems(replaced(TEXT[CONTACT], "Drop us a line, or ring us.")) == no_contact()


@pytest.mark.parametrize("contact", ["Ring 55 12 34 00.", "Ring +47 55123400.", "Ring 55123400.",
                                     "Drop a line to post@nordlys-elektro.no."],
                         ids=["phone", "phone-with-country-code", "phone-without-spaces", "email-only"])
def test_contact_with_a_phone_or_an_email_is_enough(contact):
    assert problems(replaced(TEXT[CONTACT], contact)) == []


@pytest.mark.parametrize("contact", ["Ring 5512340.", "Drop a line to post at nordlys-elektro.no."],
                         ids=["seven-digits", "no-at-sign"])
def test_contact_with_something_that_is_not_a_phone_or_an_email(contact):
    assert problems(replaced(TEXT[CONTACT], contact)) == no_contact()


def test_heading_without_id():
    title = HEADINGS[CONTACT][3:HEADINGS[CONTACT].index(" {#")]
    missing_line = LINES[CONTACT] + 2 if CONTACT == REQUIRED[-1] else LINES[REQUIRED[REQUIRED.index(CONTACT) + 1]]
    assert problems(replaced(HEADINGS[CONTACT], f"## {title}")) == [no_id(LINES[CONTACT], title), missing(missing_line, CONTACT)]


def test_subheading_without_id_is_allowed():
    assert problems(replaced(TEXT[REQUIRED[1]], f"{TEXT[REQUIRED[1]]}\n\n### Repairs")) == []


def test_extra_section_without_id():
    before = REQUIRED[2]
    assert problems(replaced(HEADINGS[before], "## Repairs\n\nWe mend lamps.\n\n" + HEADINGS[before])) == [
        no_id(LINES[before], "Repairs")]


def test_duplicated_id():
    first, second = REQUIRED[:2]
    assert problems(replaced(f"{{#{second}}}", f"{{#{first}}}")) == [
        f'{SHOWN}:{LINES[second]}: section id "{first}" is used twice (first on line {LINES[first]}) — give each heading its own id',
        missing(LINES[REQUIRED[2]], second)]


def test_duplicated_id_on_a_subheading():
    before = REQUIRED[REQUIRED.index(CONTACT) - 1]
    body = replaced(TEXT[before], TEXT[before] + f"\n\n### More {{#{CONTACT}}}\n\nOr not.")
    assert problems(body) == [  # the section's own heading moves down four lines, below the subheading that took its id
        f'{SHOWN}:{LINES[CONTACT] + 4}: section id "{CONTACT}" is used twice (first on line {LINES[before] + 4}) — '
        "give each heading its own id"]


# --- the same sections in every language ---------------------------------------------------------------------------

IDS = ["personal-data", REQUIRED[0], "retention", *REQUIRED[1:], "changes"]
"""The reference language's sections: the required ones (requirements.yml) and three others. In `statement()`, section i
has its heading on line 8 + 4 * i."""


def statement(ids: list[str]) -> str:
    return "\n# Title\n" + "".join(f"\n## Section {{#{section_id}}}\n\nText.\n" for section_id in ids)


def differences(ids: list[str], reference: list[str] = IDS) -> list[str]:
    return [str(p) for p in compare(REFERENCE, outline(statement(reference), FIRST), SHOWN, outline(statement(ids), FIRST))]


def line_of(ids: list[str], section_id: str) -> int:
    return 8 + 4 * ids.index(section_id)


def renamed(old: str, new: str) -> list[str]:
    return [new if section_id == old else section_id for section_id in IDS]


def test_statement_helper_puts_headings_where_line_of_says():
    assert headings(statement(IDS)) == [(2, "Section", section_id, line_of(IDS, section_id)) for section_id in IDS]


def test_same_sections_in_the_same_order():
    assert differences(IDS) == []


def test_id_that_differs_between_languages_gets_a_hint():
    assert differences(renamed("retention", "retension")) == [
        f'{SHOWN}:16: section id "retension" is not in {REFERENCE} (did you mean "retention"?) — use the same ids as {REFERENCE}',
        f'{SHOWN}:20: section "retention" is missing — translate the section "retention" from {REFERENCE}, '
        "with the heading id {#retention}"]


def test_id_that_differs_beyond_recognition_gets_no_hint():
    assert differences(renamed("retention", "storage")) == [
        f'{SHOWN}:16: section id "storage" is not in {REFERENCE} — use the same ids as {REFERENCE}',
        f'{SHOWN}:20: section "retention" is missing — translate the section "retention" from {REFERENCE}, '
        "with the heading id {#retention}"]


@pytest.mark.parametrize("section_id, line", [("personal-data", 8), ("retention", 16), ("changes", line_of(IDS, IDS[-2]) + 2)],
                         ids=["first", "middle", "last"])
def test_section_missing_in_the_translation_is_reported_where_it_belongs(section_id, line):
    # At the heading of the next section the translation has, or at its end.
    ids = [i for i in IDS if i != section_id]
    assert differences(ids) == [f'{SHOWN}:{line}: section "{section_id}" is missing — translate the section '
                                f'"{section_id}" from {REFERENCE}, with the heading id {{#{section_id}}}']


@pytest.mark.parametrize("section_id", REQUIRED)
def test_required_section_missing_in_the_translation_is_left_to_check(section_id):
    # check() already says 'required section "…" is missing'; compare() does not say it twice.
    ids = [i for i in IDS if i != section_id]
    assert differences(ids) == []
    later = REQUIRED[REQUIRED.index(section_id) + 1] if section_id != REQUIRED[-1] else None
    line = line_of(ids, later) if later else line_of(ids, ids[-1]) + 2  # at the next required section, or the last line
    assert [str(p) for p in check(SHOWN, outline(statement(ids), FIRST), None, content=False)] == [missing(line, section_id)]


def test_section_only_in_the_translation():
    ids = IDS[:3] + ["storage"] + IDS[3:]
    assert differences(ids) == [f'{SHOWN}:20: section id "storage" is not in {REFERENCE} — use the same ids as {REFERENCE}']


def test_sections_out_of_order_are_reported_once():
    ids = [IDS[i] for i in (1, 0, 2, 4, 3, *range(5, len(IDS)))]
    assert differences(ids) == [f'{SHOWN}:8: section "{IDS[1]}" is out of order (expected "personal-data" here) — '
                                f"put the sections in the same order as {REFERENCE}"]


def test_moved_section_is_reported_where_the_order_first_breaks():
    ids = [IDS[i] for i in (0, 1, 3, 4, 2, *range(5, len(IDS)))]
    assert differences(ids) == [f'{SHOWN}:16: section "{IDS[3]}" is out of order (expected "retention" here) — '
                                f"put the sections in the same order as {REFERENCE}"]


def test_repeated_id_in_the_translation_is_left_to_check():
    ids = IDS[:3] + ["retention"] + IDS[3:]
    assert differences(ids) == []


def test_subsection_ids_are_compared_too():
    reference = statement(IDS) + "\n### Opt out {#opt-out}\n\nText.\n"
    translation = statement(IDS) + "\n### Opt out {#optout}\n\nText.\n"
    found = compare(REFERENCE, outline(reference, FIRST), SHOWN, outline(translation, FIRST))
    assert [str(p) for p in found] == [
        f'{SHOWN}:{line_of(IDS, IDS[-1]) + 4}: section id "optout" is not in {REFERENCE} (did you mean "opt-out"?) — use the same ids as {REFERENCE}',
        f'{SHOWN}:{line_of(IDS, IDS[-1]) + 6}: section "opt-out" is missing — translate the section "opt-out" from {REFERENCE}, '
        "with the heading id {#opt-out}"]

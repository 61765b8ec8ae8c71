"""Hints from the transparency guidance: a file, a line and advice, in the file's language; never an error.

The wordings that trigger a hint, and those that excuse it, are written from the patterns in requirements.yml."""
import pytest

from conftest import TODAY
from personvern import hints
from personvern import project as project_module
from wording import example, named_hint

RETENTION = {"nb": "## Lagring {{#retention}}\n\n{text}\n\n", "en": "## Retention {{#retention}}\n\n{text}\n\n"}
FILES = {"nb": "docs/index.md", "en": "docs/index.en.md"}
BEFORE = {"nb": "## Kontakt {#contact}", "en": "## Contact {#contact}"}
AS_LONG, MAY, NOTICE = named_hint("as-long-as-necessary"), named_hint("vague-may"), named_hint("without-notice")


def with_text(tiny, nb: str, en: str, release: bool = False) -> list[str]:
    """The hints after a retention section with the given text is added before the contact section."""
    for language, text in (("nb", nb), ("en", en)):
        tiny.edit(FILES[language], BEFORE[language], RETENTION[language].format(text=text) + BEFORE[language])
    return [str(h) for h in hints.find(project_module.load(tiny.docs, tiny.root, TODAY))]


def line_of(tiny, language: str, text: str) -> int:
    return tiny.read(FILES[language]).split("\n").index(text) + 1


def capitalized(text: str) -> str:
    return text[:1].upper() + text[1:]


def test_as_long_as_necessary_without_a_period_is_hinted_on_its_line_in_each_language(tiny):
    quote = {language: example(AS_LONG.patterns[language]) for language in FILES}
    nb, en = f"Kvitteringene lagres {quote['nb']}.", f"Receipts are kept {quote['en']}."
    found = with_text(tiny, nb, en)
    assert found == [
        f"docs/index.md:{line_of(tiny, 'nb', nb)}: hint: «{quote['nb']}» uten lagringstid eller kriterier — skriv hvor lenge "
        "(f.eks. «i 3 år etter siste kjøp») eller hva som avgjør det (Datatilsynet; EDPB WP260)",
        f"docs/index.en.md:{line_of(tiny, 'en', en)}: hint: \"{quote['en']}\" with no period and no criteria — say how long "
        "(e.g. \"for 3 years after the last purchase\") or what decides it (Datatilsynet; EDPB WP260)",
    ]


@pytest.mark.parametrize("excuse", range(len(AS_LONG.unless_in_section)))
def test_a_period_or_criteria_in_the_same_section_answer_as_long_as_necessary(tiny, excuse):
    text = {language: f"Kvitteringene lagres {example(AS_LONG.patterns[language])}." for language in FILES}
    answer = {language: example(AS_LONG.unless_in_section[excuse][language]) for language in FILES}
    assert with_text(tiny, f"{text['nb']}\n\nSe {answer['nb']}.", f"{text['en']}\n\nSee {answer['en']}.") == []


def test_the_answer_must_be_in_the_same_section(tiny):
    answer = {language: example(AS_LONG.unless_in_section[0][language]) for language in FILES}
    for language, before in (("nb", "## Kontakt"), ("en", "## Contact")):
        tiny.edit(FILES[language], before, f"## Lagring {{#retention}}\n\nKvitteringene lagres "
                                           f"{example(AS_LONG.patterns[language])}.\n\n## Annet {{#other}}\n\n"
                                           f"{answer[language]}.\n\n{before}")
    assert [h.key for h in hints.find(project_module.load(tiny.docs, tiny.root, TODAY))] == [AS_LONG.key, AS_LONG.key]


def test_vague_may_about_the_data_is_hinted_but_not_in_headings_code_or_where_the_pattern_excuses_it(tiny):
    may = {language: example(MAY.patterns[language]) for language in FILES}
    nb, en = f"{capitalized(may['nb'])} inn lampetegninger.", f"{capitalized(may['en'])} lamp drawings."
    excused = f"Du gir lov {example(MAY.patterns['nb'], excused=True)} dem.\n\n"  # the pattern's lookbehind leaves it out
    found = with_text(tiny, f"### Hvordan {may['nb']}? {{#how}}\n\n```\n{may['nb']}\n```\n\n{excused}{nb}",
                      f"### How {may['en']}? {{#how}}\n\n```\n{may['en']}\n```\n\n{en}")
    assert found == [
        f"docs/index.md:{line_of(tiny, 'nb', nb)}: hint: «{capitalized(may['nb'])}» er vagt om hva vi gjør med opplysningene "
        "— si hva vi gjør, når og hvorfor (EDPB WP260 ber om å unngå «kan», «noen», «ofte»)",
        f"docs/index.en.md:{line_of(tiny, 'en', en)}: hint: \"{capitalized(may['en'])}\" is vague about what we do with the "
        "data — say what we do, when and why (EDPB WP260 asks to avoid \"may\", \"some\", \"often\")",
    ]


def test_changes_without_notice_are_hinted_with_the_wording_on_one_line(tiny):
    notice = {language: example(NOTICE.patterns[language]) for language in FILES}
    nb, en = f"Lampekatalogen endres {notice['nb']}.", f"The lamp catalogue changes {notice['en'].replace(' ', chr(9))}."
    found = with_text(tiny, nb, en)
    assert [f.split(": hint: ")[0] for f in found] == [f"docs/index.md:{line_of(tiny, 'nb', nb)}", f"docs/index.en.md:{line_of(tiny, 'en', en)}"]
    assert f"«{notice['nb']}» om endringer" in found[0] and f'"{notice["en"]}" about changes' in found[1]


def test_hints_never_fail_the_build(tiny):
    text = {language: " ".join(capitalized(example(h.patterns[language])) + "." for h in (AS_LONG, MAY, NOTICE))
            for language in FILES}
    assert len(with_text(tiny, text["nb"], text["en"])) == 6
    tiny.release(TODAY.replace(day=TODAY.day + 1))
    build = tiny.build()
    assert build.ok and build.messages == []

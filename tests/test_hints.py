"""Hints from the transparency guidance: a file, a line and advice, in the file's language; never an error."""
from conftest import TODAY
from personvern import hints
from personvern import project as project_module

RETENTION = {"nb": "## Lagring {{#retention}}\n\n{text}\n\n", "en": "## Retention {{#retention}}\n\n{text}\n\n"}
FILES = {"nb": "docs/index.md", "en": "docs/index.en.md"}
BEFORE = {"nb": "## Kontakt {#contact}", "en": "## Contact {#contact}"}


def with_text(tiny, nb: str, en: str, release: bool = False) -> list[str]:
    """The hints after a retention section with the given text is added before the contact section."""
    for language, text in (("nb", nb), ("en", en)):
        tiny.edit(FILES[language], BEFORE[language], RETENTION[language].format(text=text) + BEFORE[language])
    return [str(h) for h in hints.find(project_module.load(tiny.docs, tiny.root, TODAY))]


def line_of(tiny, language: str, text: str) -> int:
    return tiny.read(FILES[language]).split("\n").index(text) + 1


def test_as_long_as_necessary_without_a_period_is_hinted_on_its_line_in_each_language(tiny):
    nb, en = "Vi lagrer dem så lenge det er nødvendig.", "We keep it for as long as is necessary."
    found = with_text(tiny, nb, en)
    assert found == [
        f"docs/index.md:{line_of(tiny, 'nb', nb)}: hint: «så lenge det er nødvendig» uten lagringstid eller kriterier — skriv hvor lenge "
        "(f.eks. «i 3 år etter siste kjøp») eller hva som avgjør det (Datatilsynet; EDPB WP260)",
        f"docs/index.en.md:{line_of(tiny, 'en', en)}: hint: \"as long as is necessary\" with no period and no criteria — say how long "
        "(e.g. \"for 3 years after the last purchase\") or what decides it (Datatilsynet; EDPB WP260)",
    ]


def test_a_period_or_criteria_in_the_same_section_answer_as_long_as_necessary(tiny):
    found = with_text(tiny, "Vi lagrer dem så lenge det er nødvendig.\n\nFakturaer lagres i fem år etter bokføringsloven.",
                      "We keep it for as long as is necessary.\n\nInvoices are kept under the Bookkeeping Act.")
    assert found == []


def test_vague_may_about_the_data_is_hinted_but_not_in_headings_code_or_consent(tiny):
    nb = "Vi kan også dele opplysningene med partnere."
    en = "We may also share the data with partners."
    found = with_text(tiny, f"### Hvordan kan vi dele? {{#how}}\n\n```\nVi kan dele\n```\n\nDu kan samtykke til at vi kan behandle dem.\n\n{nb}",
                      f"### How may we share it? {{#how}}\n\n```\nWe may share\n```\n\n{en}")
    assert found == [
        f"docs/index.md:{line_of(tiny, 'nb', nb)}: hint: «Vi kan også dele» er vagt om hva vi gjør med opplysningene — si hva vi gjør, "
        "når og hvorfor (EDPB WP260 ber om å unngå «kan», «noen», «ofte»)",
        f"docs/index.en.md:{line_of(tiny, 'en', en)}: hint: \"We may also share\" is vague about what we do with the data — say what we do, "
        "when and why (EDPB WP260 asks to avoid \"may\", \"some\", \"often\")",
    ]


def test_changes_without_notice_are_hinted(tiny):
    nb, en = "Erklæringen kan endres uten varsel.", "The statement may change without\tnotice."
    found = with_text(tiny, nb, en)
    assert [f.split(": hint: ")[0] for f in found] == [f"docs/index.md:{line_of(tiny, 'nb', nb)}", f"docs/index.en.md:{line_of(tiny, 'en', en)}"]
    assert "«uten varsel» om endringer" in found[0] and '"without notice" about changes' in found[1]


def test_hints_never_fail_the_build(tiny):
    with_text(tiny, "Vi kan dele alt uten varsel, så lenge det er nødvendig.", "We may share everything without notice, as long as is necessary.")
    tiny.release(TODAY.replace(day=TODAY.day + 1))
    build = tiny.build()
    assert build.ok and build.messages == []

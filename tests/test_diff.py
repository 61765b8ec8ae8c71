"""What changed between two versions: grouped by section id, marked word by word, moved text recognised."""
import pytest

from personvern.diff import Block, Piece, SectionChange, compare

BODY = {
    "nb": """
# Personvernerklæring

Vi lager lamper på verkstedet.

## Lagring {#storage}

Vi lagrer søknader i ett år.

Vi deler ikke opplysninger om deg med andre selskaper uten at du samtykker.

## Rettigheter {#rights}

- Rett til innsyn
- Rett til sletting

## Kontakt {#contact}

Skriv til oss.
""",
    "en": """
# Privacy statement

We make lamps in the workshop.

## Storage {#storage}

We keep applications for a year.

We do not share information about you with other companies unless you consent.

## Rights {#rights}

- Right of access
- Right to erasure

## Contact {#contact}

Write to us.
""",
}
SECTIONS = 4
"""The intro and three sections."""

WORDS = {
    "nb": {"storage": "Lagring", "rights": "Rettigheter", "contact": "Kontakt", "contact_new": "Kontakt oss",
           "keep": "Vi lagrer søknader i ett år.",
           "share": "Vi deler ikke opplysninger om deg med andre selskaper uten at du samtykker.",
           "contact_text": "Skriv til oss.", "last_right": "- Rett til sletting", "new_right": "Rett til retting"},
    "en": {"storage": "Storage", "rights": "Rights", "contact": "Contact", "contact_new": "Contact us",
           "keep": "We keep applications for a year.",
           "share": "We do not share information about you with other companies unless you consent.",
           "contact_text": "Write to us.", "last_right": "- Right to erasure", "new_right": "Right to rectification"},
}
"""The words of BODY that the tests edit, move and expect."""
LANGUAGES = pytest.mark.parametrize("language", ["nb", "en"])


def edited(language: str, *replacements: tuple[str, str]) -> str:
    text = BODY[language]
    for old, new in replacements:
        assert old in text, old
        text = text.replace(old, new, 1)
    return text


def moved_share(language: str, share: str | None = None) -> str:
    """The sharing paragraph moved from the storage section to the end of the rights section."""
    words = WORDS[language]
    return edited(language, (f"\n\n{words['share']}", ""),
                  (words["last_right"], f"{words['last_right']}\n\n{share or words['share']}"))


@LANGUAGES
def test_identical_texts_have_no_changes(language):
    changes = compare(BODY[language], BODY[language])
    assert changes.empty
    assert (changes.sections, changes.unchanged) == ([], SECTIONS)


@pytest.mark.parametrize(("language", "old", "new", "pieces"), [
    ("nb", "i ett år", "i to år",
     [Piece("same", "Vi lagrer søknader i "), Piece("del", "ett"), Piece("ins", "to"), Piece("same", " år.")]),
    ("en", "for a year", "for a month",
     [Piece("same", "We keep applications for a "), Piece("del", "year"), Piece("ins", "month"), Piece("same", ".")]),
    ("nb", "søknader", "søknadene",  # a word with æ, ø or å is one word
     [Piece("same", "Vi lagrer "), Piece("del", "søknader"), Piece("ins", "søknadene"), Piece("same", " i ett år.")]),
    ("en", "We keep applications", "We keep job applications",
     [Piece("same", "We keep"), Piece("ins", " job"), Piece("same", " applications for a year.")]),
    ("nb", "i ett år.", "i ett år, og sletter dem deretter.",
     [Piece("same", "Vi lagrer søknader i ett år"), Piece("ins", ", og sletter dem deretter"), Piece("same", ".")]),
])
def test_a_small_change_is_marked_word_by_word(language, old, new, pieces):
    changes = compare(BODY[language], edited(language, (old, new)))
    assert changes.sections == [
        SectionChange("storage", WORDS[language]["storage"], "changed", [Block("changed", pieces)]),
    ]
    assert changes.unchanged == SECTIONS - 1


@LANGUAGES
def test_changes_are_grouped_by_section_id(language):
    words = WORDS[language]
    new = edited(language, (words["contact_text"], words["contact_text"][:-1] + "!"),
                 (words["last_right"], f"{words['last_right']}\n- {words['new_right']}"))
    changes = compare(BODY[language], new)
    assert [(c.id, c.title, c.kind) for c in changes.sections] == [
        ("rights", words["rights"], "changed"),
        ("contact", words["contact"], "changed"),
    ]
    assert changes.unchanged == SECTIONS - 2


@LANGUAGES
def test_a_renamed_section_keeps_its_id_and_shows_its_new_title(language):
    words = WORDS[language]
    new = edited(language, (f"## {words['contact']} {{#contact}}", f"## {words['contact_new']} {{#contact}}"),
                 (words["contact_text"], words["contact_text"][:-1] + "!"))
    changes = compare(BODY[language], new)
    assert [(c.id, c.title, c.kind) for c in changes.sections] == [("contact", words["contact_new"], "changed")]


@pytest.mark.parametrize(("language", "old", "new", "section"), [
    ("nb", "## Kontakt {#contact}", "## Kontakt oss {#contact}", "contact"),
    ("en", "## Contact {#contact}", "## Contact us {#contact}", "contact"),
    ("nb", "# Personvernerklæring", "# Personvernerklæring for kunder", ""),
    ("en", "# Privacy statement", "# Privacy statement for customers", ""),
])
def test_a_changed_heading_alone_is_a_change(language, old, new, section):
    """Readers compare versions to see what changed; a section's new name is part of the text."""
    changes = compare(BODY[language], edited(language, (old, new)))
    assert [c.id for c in changes.sections] == [section]
    assert changes.unchanged == SECTIONS - 1


@LANGUAGES
def test_an_added_section(language):
    new = BODY[language] + "\n## Informasjonskapsler {#cookies}\n\nVi bruker ingen.\n\nIngen i det hele tatt.\n"
    changes = compare(BODY[language], new)
    assert changes.sections == [
        SectionChange("cookies", "Informasjonskapsler", "added", [
            Block("added", [Piece("ins", "Vi bruker ingen.")]),
            Block("added", [Piece("ins", "Ingen i det hele tatt.")]),
        ]),
    ]
    assert changes.unchanged == SECTIONS


@LANGUAGES
def test_a_removed_section(language):
    words = WORDS[language]
    new = edited(language, (f"\n## {words['contact']} {{#contact}}\n\n{words['contact_text']}\n", ""))
    changes = compare(BODY[language], new)
    assert changes.sections == [
        SectionChange("contact", words["contact"], "removed", [Block("removed", [Piece("del", words["contact_text"])])]),
    ]
    assert changes.unchanged == SECTIONS - 1


@LANGUAGES
def test_added_sections_come_in_the_new_order_and_removed_ones_last(language):
    words = WORDS[language]
    new = edited(language, (f"\n## {words['contact']} {{#contact}}\n\n{words['contact_text']}\n", ""),
                 (f"## {words['rights']}", "## Ny {#new}\n\nNy tekst.\n\n" + f"## {words['rights']}"))
    assert [(c.id, c.kind) for c in compare(BODY[language], new).sections] == [("new", "added"), ("contact", "removed")]


@LANGUAGES
def test_a_paragraph_moved_to_another_section_is_one_moved_block(language):
    words = WORDS[language]
    changes = compare(BODY[language], moved_share(language))
    assert changes.sections == [
        SectionChange("storage", words["storage"], "changed", [Block("moved_away", [], moved=words["rights"])]),
        SectionChange("rights", words["rights"], "changed", [
            Block("moved", [Piece("same", words["share"])], moved=words["storage"]),
        ]),
    ]
    assert changes.unchanged == SECTIONS - 2  # the storage section lost the paragraph: it is not unchanged


@pytest.mark.parametrize(("language", "old", "new", "pieces"), [
    ("nb", "uten at du samtykker.", "uten at du har samtykket.",
     [Piece("same", "Vi deler ikke opplysninger om deg med andre selskaper uten at du "), Piece("del", "samtykker"),
      Piece("ins", "har samtykket"), Piece("same", ".")]),
    ("en", "unless you consent.", "unless you give consent.",
     [Piece("same", "We do not share information about you with other companies unless you "), Piece("ins", "give "),
      Piece("same", "consent.")]),
])
def test_a_moved_paragraph_with_a_small_edit_shows_the_edit(language, old, new, pieces):
    words = WORDS[language]
    changes = compare(BODY[language], moved_share(language, words["share"].replace(old, new)))
    assert changes.sections == [
        SectionChange("storage", words["storage"], "changed", [Block("moved_away", [], moved=words["rights"])]),
        SectionChange("rights", words["rights"], "changed", [Block("moved", pieces, moved=words["storage"])]),
    ]


@LANGUAGES
def test_a_paragraph_moved_within_its_section_names_no_source(language):
    words = WORDS[language]
    new = edited(language, (f"{words['keep']}\n\n{words['share']}", f"{words['share']}\n\n{words['keep']}"))
    changes = compare(BODY[language], new)
    assert [(c.id, [(b.kind, b.moved) for b in c.blocks]) for c in changes.sections] == [("storage", [("moved", None)])]


@LANGUAGES
def test_a_list_item_added(language):
    words = WORDS[language]
    new = edited(language, (words["last_right"], f"{words['last_right']}\n- {words['new_right']}"))
    changes = compare(BODY[language], new)
    assert changes.sections == [
        SectionChange("rights", words["rights"], "changed", [Block("added", [Piece("ins", words["new_right"])])]),
    ]
    assert changes.unchanged == SECTIONS - 1


@LANGUAGES
def test_a_list_item_removed(language):
    words = WORDS[language]
    new = edited(language, (f"\n{words['last_right']}", ""))
    changes = compare(BODY[language], new)
    assert changes.sections == [
        SectionChange("rights", words["rights"], "changed",
                      [Block("removed", [Piece("del", words["last_right"][2:])])]),
    ]


def test_an_added_sub_heading_is_marked_as_a_heading():
    new = edited("nb", ("Skriv til oss.", "### Post\n\nSkriv til oss."))
    changes = compare(BODY["nb"], new)
    assert changes.sections == [
        SectionChange("contact", "Kontakt", "changed", [Block("added", [Piece("ins", "Post")], heading=True)]),
    ]


def test_markup_alone_is_not_a_change_and_text_is_compared_without_it():
    new = edited("en", ("for a year", "for **a year**"), ("Write to us.", "[Write to us.](https://write-to-us.example/)"))
    assert compare(BODY["en"], new).empty


def test_a_new_link_address_is_a_change():
    new = edited("en", ("Write to us.", "[Write to us](mailto:post@example.org)."))
    assert compare(BODY["en"], new).sections == [SectionChange("contact", "Contact", "changed", [
        Block("changed", [Piece("same", "Write to us"), Piece("ins", " (mailto:post@example.org)"), Piece("same", ".")])])]


@pytest.mark.parametrize("old, new, pieces", [
    ("Se [lampeguiden](https://lampeguide.example/).", "Se [lampeguiden](https://lampeguide.example/vinter/).",
     [Piece("same", "Se lampeguiden ("), Piece("del", "https://lampeguide.example/"), Piece("ins", "https://lampeguide.example/vinter/"),
      Piece("same", ").")]),
    ("Skriv til [a@b.no](mailto:a@b.no).", "Skriv til [c@b.no](mailto:c@b.no).",
     [Piece("same", "Skriv til "), Piece("del", "a"), Piece("ins", "c"), Piece("same", "@b.no.")]),
], ids=["address-only", "address-shown-as-text"])
def test_a_changed_link_address_is_a_change(old, new, pieces):
    changes = compare(f"# T\n\n## A {{#a}}\n\n{old}\n", f"# T\n\n## A {{#a}}\n\n{new}\n")
    assert changes.sections == [SectionChange("a", "A", "changed", [Block("changed", pieces)])]


RIGHTS = {
    "nb": ["Rett til innsyn i opplysningene", "Rett til retting av feil", "Rett til sletting av opplysningene",
           "Rett til å klage til tilsynet"],
    "en": ["Right of access to the data", "Right to rectification of errors", "Right to erasure of the data",
           "Right to complain to the authority"],
}


def rights(language: str, items: list[str]) -> str:
    return "## " + WORDS[language]["rights"] + " {#rights}\n\n" + "".join(f"- {item}\n" for item in items)


def blocks(changes) -> list[tuple[str, str, list[tuple[str, str]]]]:
    return [(c.id, b.kind, [(p.kind, p.text) for p in b.pieces]) for c in changes.sections for b in c.blocks]


@LANGUAGES
def test_a_list_item_moved_two_places_down_is_one_moved_block(language):
    first, second, third, fourth = RIGHTS[language]
    changes = compare(rights(language, RIGHTS[language]), rights(language, [second, third, first, fourth]))
    assert blocks(changes) == [("rights", "moved", [("same", first)])]


@LANGUAGES
def test_a_section_that_moves_one_item_and_rewords_another_shows_both(language):
    first, second, third, fourth = RIGHTS[language]
    new = [second, third, first, fourth + " i Norge" if language == "nb" else fourth + " in Norway"]
    changes = compare(rights(language, RIGHTS[language]), rights(language, new))
    assert blocks(changes) == [("rights", "moved", [("same", first)]),
                               ("rights", "changed", [("same", fourth), ("ins", new[3][len(fourth):])])]


@LANGUAGES
def test_an_item_moved_and_reworded_shows_the_rewording(language):
    first, second, third, fourth = RIGHTS[language]
    reworded = first.replace(first.split()[-1], "dine")
    changes = compare(rights(language, RIGHTS[language]), rights(language, [second, third, reworded, fourth]))
    assert blocks(changes) == [("rights", "moved", [("same", first.rsplit(" ", 1)[0] + " "),
                                                    ("del", first.split()[-1]), ("ins", "dine")])]


@LANGUAGES
def test_reversed_items_and_duplicates(language):
    items = RIGHTS[language]
    changes = compare(rights(language, items), rights(language, items[::-1] + [items[0]]))
    assert [kind for _, kind, _ in blocks(changes)] == ["moved", "moved", "moved", "added"]
    assert blocks(changes)[-1] == ("rights", "added", [("ins", items[0])])

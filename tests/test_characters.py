"""The allow-list of characters: letters, marks, digits, punctuation, symbols and space separators, with line breaks
(and tabs in files). Every other character, in any text an editor writes, is one line naming it, in both languages;
`personvern check` and the build print the same line."""
import html as htmllib
import re
import unicodedata

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import ROOT, TODAY
from personvern import characters, render, source
from test_robust import insert, problems

FILES = {"nb": "docs/index.md", "en": "docs/index.en.md"}
LANGUAGES = pytest.mark.parametrize("language", ["nb", "en"])
REFUSED_CATEGORIES = ["Cc", "Cf", "Co", "Cn", "Cs", "Zl", "Zp"]
TODO = {"nb": "slett det: skriv teksten rundt det på nytt hvis du ikke ser det",
        "en": "delete it: retype the text around it if you cannot see it"}
SOME = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def line_of(language: str, code: str, name: str, column: int) -> str:
    """What an editor reads about the character U+`code`, written out in each language."""
    return {
        "nb": f"tegnet U+{code} ({name}), tegn nr. {column} på linjen, er usynlig eller ikke tillatt i teksten — {TODO['nb']}",
        "en": f"the character U+{code} ({name}), character {column} of the line, is invisible or not allowed in the text "
              f"— {TODO['en']}",
    }[language]


def change_both(tiny, words: str = "") -> None:
    """Changes the text in both languages, so that it can be released, by a paragraph at the end of each."""
    for path in FILES.values():
        tiny.write(path, tiny.read(path) + f"\nTillegg {words}.\n")


# --- what is refused, and how it reads -----------------------------------------------------------------------------

@pytest.mark.parametrize("char, name", [
    ("\u200b", "ZERO WIDTH SPACE"),
    ("\u200f", "RIGHT-TO-LEFT MARK"),
    ("\u2028", "LINE SEPARATOR"),
    ("\u2029", "PARAGRAPH SEPARATOR"),
    ("\ufeff", "ZERO WIDTH NO-BREAK SPACE"),
    ("\u00ad", "SOFT HYPHEN"),
    ("\u2066", "LEFT-TO-RIGHT ISOLATE"),
], ids=["zwsp", "rlm", "line-separator", "paragraph-separator", "bom-inside", "soft-hyphen", "isolate"])
def test_an_invisible_character_in_the_text_is_named(tiny, monkeypatch, char, name):
    for language in ("nb", "en"):
        monkeypatch.setenv("PERSONVERN_LANG", language)
        tiny.write(FILES[language], tiny.read(FILES[language]).replace(char, ""))
        line = insert(tiny, FILES[language], "## ", f"Vi lagrer{char} opplysninger.")
        assert problems(tiny) == [f"{FILES[language]}:{line}: {line_of(language, f'{ord(char):04X}', name, 10)}"]
        tiny.write(FILES[language], tiny.read(FILES[language]).replace(f"Vi lagrer{char} opplysninger.\n", ""))


@LANGUAGES
@pytest.mark.parametrize("char, name", [
    ("\ue000", {"nb": "til privat bruk", "en": "private use"}),
    ("\u0378", {"nb": "ikke tildelt i Unicode", "en": "unassigned in Unicode"}),
    ("\x85", {"nb": "kontrolltegn", "en": "control character"}),
    ("\r", {"nb": "kontrolltegn", "en": "control character"}),
], ids=["private-use", "unassigned", "next-line", "lone-cr"])
def test_a_character_without_a_name_is_called_what_it_is(tiny, monkeypatch, language, char, name):
    monkeypatch.setenv("PERSONVERN_LANG", language)
    line = insert(tiny, FILES["nb"], "## ", f"Tek{char}st")  # a CR at the end of a line would be a CRLF line end
    assert problems(tiny) == [f"docs/index.md:{line}: {line_of(language, f'{ord(char):04X}', name[language], 4)}"]


def test_each_line_with_refused_characters_is_reported_each_character_once(tiny):
    first = insert(tiny, FILES["nb"], "## ", "A\u200bB\u200bC\u00ad")
    second = insert(tiny, FILES["nb"], "## ", "\u200fD")
    assert problems(tiny) == [
        f"docs/index.md:{first}: {line_of('en', '200B', 'ZERO WIDTH SPACE', 2)}",
        f"docs/index.md:{first}: {line_of('en', '00AD', 'SOFT HYPHEN', 6)}",
        f"docs/index.md:{second}: {line_of('en', '200F', 'RIGHT-TO-LEFT MARK', 1)}",
    ]


@LANGUAGES
def test_check_and_build_print_the_same_line(tiny, monkeypatch, language):
    monkeypatch.setenv("PERSONVERN_LANG", language)
    line = insert(tiny, FILES[language], "## ", "Vi lagrer\u200b opplysninger.")
    expected = f"{FILES[language]}:{line}: {line_of(language, '200B', 'ZERO WIDTH SPACE', 10)}"
    checked = tiny.cli("personvern.cli", "check")
    assert checked.returncode == 1
    assert checked.stderr.splitlines()[0] == expected
    built = tiny.build()
    assert not built.ok
    assert built.messages[0] == expected
    assert not (tiny.site / "index.html").exists()


# --- every file an editor writes ---------------------------------------------------------------------------------

EXTRA = {
    "docs/coverage.yml": "controller: [controller]\n",
    "docs/release.yml": "effective: 2027-01-01\nsummary_nb: Endret ordlyd.\nsummary_en: Changed wording.\n",
    "docs/om-oss.md": "---\ntitle: Om oss\n---\n\n# Om oss\n",
    "docs/om-oss.en.md": "---\ntitle: About us\n---\n\n# About us\n",
}
"""Files the tiny site does not have until a test writes them."""


@pytest.mark.parametrize("path, old, new, code, name, column", [
    ("docs/index.md", "description: ", "description: X\u200b", "200B", "ZERO WIDTH SPACE", 15),
    ("docs/index.en.md", "title: ", "title: X\u2029", "2029", "PARAGRAPH SEPARATOR", 9),
    ("docs/versions/index.md", "# ", "# \u00ad", "00AD", "SOFT HYPHEN", 3),
    ("docs/facts.yml", "city: Nordby", "city: Nord\u200bby", "200B", "ZERO WIDTH SPACE", 13),
    ("docs/coverage.yml", "controller: [", "controller:\u200f [", "200F", "RIGHT-TO-LEFT MARK", 12),
    ("docs/release.yml", "Changed wording", "Changed\ufeff wording", "FEFF", "ZERO WIDTH NO-BREAK SPACE", 20),
    ("docs/om-oss.md", "# Om oss", "# Om\u200b oss", "200B", "ZERO WIDTH SPACE", 5),
], ids=["front-matter", "title", "history", "facts", "coverage", "release-file", "other-page"])
def test_every_file_an_editor_writes_takes_the_same_list(tiny, path, old, new, code, name, column):
    for extra, text in EXTRA.items():
        if extra.startswith(path.removesuffix(".md")):
            tiny.write(extra, text)
    if path == "docs/release.yml":  # read only while the text differs from the latest version
        change_both(tiny)
    tiny.edit(path, old, new)
    text = tiny.read(path)
    line = text[:text.index(chr(int(code, 16)))].count("\n") + 1
    result = tiny.cli("personvern.cli", "check")
    assert result.returncode == 1
    assert f"{path}:{line}: {line_of('en', code, name, column)}" in result.stderr.splitlines(), result.stderr


@pytest.mark.parametrize("value, what", [
    ('"Nord\\u200bby"', "U+200B (ZERO WIDTH SPACE)"),
    ('"Nord\\u00adby"', "U+00AD (SOFT HYPHEN)"),
    ('"Nord\\tby"', "U+0009 (control character)"),
    ('"Nord\\ue000by"', "U+E000 (private use)"),
], ids=["zwsp", "soft-hyphen", "tab", "private-use"])
def test_a_yaml_escape_cannot_smuggle_a_character_into_a_fact(tiny, value, what):
    tiny.edit("docs/facts.yml", "city: Nordby", f"city: {value}")
    assert problems(tiny) == [f'docs/facts.yml:7: "controller.city" contains the character {what}, which is invisible or '
                              f"not allowed in the text — {TODO['en']}"]


def test_an_unknown_field_is_quoted_with_its_invisible_characters_written_out(tiny):
    tiny.edit("docs/index.md", "title:", '"ti\\u200btle": x\ntitle:')
    assert problems(tiny)[0] == ('docs/index.md:2: unknown front matter field "ti\\u200btle" (did you mean "title"?) — '
                                 "use only title, description")


@pytest.mark.parametrize("argument, value, what", [
    ("--note-en", "Changed\u2029wording.", "U+2029 (PARAGRAPH SEPARATOR)"),
    ("--summary-nb", "Endret\u2028ordlyd.", "U+2028 (LINE SEPARATOR)"),
    ("--summary-en", "Changed\u200b wording.", "U+200B (ZERO WIDTH SPACE)"),
], ids=["note", "summary-whitespace", "summary"])
def test_release_arguments_take_the_same_list(tiny, argument, value, what):
    change_both(tiny)
    arguments = {"--summary-nb": "Endret ordlyd.", "--summary-en": "Changed wording.", argument: value}
    result = tiny.cli("personvern.cli", "release", "--effective", "2027-01-01", *[x for pair in arguments.items() for x in pair])
    assert result.returncode == 1
    assert result.stderr.splitlines()[0] == (f"{argument}: contains the character {what}, which is invisible or not allowed "
                                             f"in the text — {TODO['en']}")
    assert not (tiny.docs / "versions" / "2.md").exists()


# --- what is allowed -----------------------------------------------------------------------------------------------

def test_text_from_other_writing_systems_and_layout_builds(tiny):
    body = ("Org.\u00a0nr. 123\u00a0456\u00a0785 \u2013 \u00absitat\u00bb \u2018ja\u2019 \u20ac 5 \u00b0C \u00bd \u2264 "
            "e\u0301 \u05e9\u05dc\u05d5\u05dd \u0645\u0631\u062d\u0628\u0627 \u4e2d\u6587 \U0001f512 \u2022 \u00a7 13")
    insert(tiny, FILES["nb"], "## ", f"{body}\n\n-\tInnrykket med tabulator\n")
    change_both(tiny, "\u05e9\u05dc\u05d5\u05dd\u00a0e\u0301")
    tiny.release(TODAY, "Ny tekst.", "New text.")
    built = tiny.build()
    assert built.ok, built.messages
    assert "\u4e2d\u6587 \U0001f512" in built.html("index.html")


def test_the_projects_own_texts_pass():
    """The client's statement, its translation, every archived version and the facts: nothing in them is refused."""
    texts = [*(ROOT / "docs").glob("*.md"), *(ROOT / "docs").glob("*.yml"), *(ROOT / "docs" / "versions").glob("*.md")]
    assert len(texts) >= 4
    for path in texts:
        text = path.read_bytes().decode("utf-8")
        assert list(characters.refused(text)) == [], path


def test_the_ranges_the_check_skips_hold_only_allowed_characters():
    skipped = [chr(code) for code in range(0x110000) if re.fullmatch(f"[{characters.UNLOOKED}]", chr(code))]
    assert len(skipped) == 95 + 64
    assert [char for char in skipped if unicodedata.category(char) not in characters.ALLOWED] == []


# --- every character of every category -----------------------------------------------------------------------------

def name_of(char: str) -> str:
    """Its Unicode name, or what kind of character it is, as the English messages say."""
    return unicodedata.name(char, "") or {"Cc": "control character", "Co": "private use", "Cn": "unassigned in Unicode",
                                          "Cs": "lone surrogate"}[unicodedata.category(char)]


@SOME
@given(char=st.characters(categories=REFUSED_CATEGORIES, exclude_characters="\n\t"))
def test_every_refused_character_is_exactly_one_line(char):
    text = f"---\ntitle: T\n---\n\n# T\n\nVi lagrer{char} opplysninger.\n"
    found = [str(p) for p in source.beyond_limits("docs/index.md", text)]
    assert found == [f"docs/index.md:7: {line_of('en', f'{ord(char):04X}', name_of(char), 10)}"]


@SOME
@given(char=st.characters(categories=REFUSED_CATEGORIES, exclude_characters="\n"))
def test_every_refused_character_in_a_field_is_one_line_without_a_crash(tmp_path_factory, char):
    from personvern import fields
    path = tmp_path_factory.mktemp("field") / "index.md"
    path.write_text('---\ntitle: "Person' + ascii(char)[1:-1] + 'vern"\n---\n', encoding="utf-8")
    found = []
    doc = source.read_document(path, "docs/index.md", fields.STATEMENT, found)
    assert doc is not None and "title" not in doc.meta
    assert [str(p) for p in found] == [f'docs/index.md:2: "title" contains the character U+{ord(char):04X} '
                                       f"({name_of(char)}), which is invisible or not allowed in the text — {TODO['en']}"]


@SOME
@given(char=st.characters(categories=sorted(characters.ALLOWED), min_codepoint=0xA0))
def test_every_allowed_character_passes_the_check_and_is_published(char):
    text = f"Vi lagrer{char} opplysninger."
    assert source.beyond_limits("docs/index.md", text) == []
    html, found = render.html(text, "docs/index.md", 1)
    assert found == []
    assert f"lagrer{char} opplysninger" in htmllib.unescape(html)

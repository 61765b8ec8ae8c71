"""No input crashes or hangs the check: each problem is one line with file and line, through the check's entry point."""
import os

import pytest

from conftest import TODAY
from personvern import project, sections, source
from personvern.problems import Invalid

FILES = {"nb": "docs/index.md", "en": "docs/index.en.md"}
LANGUAGES = pytest.mark.parametrize("language", ["nb", "en"])


def problems(tiny) -> list[str]:
    with pytest.raises(Invalid) as raised:
        project.load(tiny.docs, tiny.root, TODAY)
    return [str(p) for p in raised.value.problems]


def insert(tiny, path: str, before: str, text: str) -> int:
    """Puts `text` before the line that starts with `before`; returns the line number `text` starts on."""
    lines = tiny.read(path).split("\n")
    at = next(i for i, line in enumerate(lines) if line.startswith(before))
    tiny.write(path, "\n".join(lines[:at] + [text] + lines[at:]))
    return at + 1


# --- limits that keep the Markdown converter from taking minutes -------------------------------------------------

@LANGUAGES
def test_a_line_too_long_to_be_text(tiny, language):
    line = insert(tiny, FILES[language], "## ", "## a" + " " * 20000 + "b {#x}")
    assert problems(tiny) == [f"{FILES[language]}:{line}: this line has 20010 characters; at most {source.MAX_LINE} are "
                              "allowed — break it into shorter paragraphs"]


@LANGUAGES
def test_a_paragraph_of_brackets(tiny, language):
    line = insert(tiny, FILES[language], "## ", "Tekst " + "[" * 60 + "\n" + "![" * 41 + "\n")
    assert problems(tiny) == [f'{FILES[language]}:{line}: this paragraph has more than {source.MAX_BRACKETS} "[" and "<" — '
                              "split it into shorter paragraphs, or remove the brackets that are not links"]


@LANGUAGES
def test_a_file_full_of_unclosed_tags(tiny, language):
    line = insert(tiny, FILES[language], "## ", "<a title=\">\n\n" * 51)
    assert problems(tiny) == [f'{FILES[language]}:{line + 100}: the file has more than {source.MAX_TAGS} "<" — '
                              "write the text in Markdown, without HTML tags"]


def test_a_file_too_large_to_be_text(tiny):
    tiny.write("docs/other.md", ("Tekst. " * 500 + "\n\n") * 60)
    assert problems(tiny) == [f"docs/other.md: the file has 210120 characters; at most {source.MAX_CHARACTERS} are allowed "
                              "— split the text, or remove what does not belong in it"]


# --- headings are parsed by scanning, never by a backtracking pattern --------------------------------------------

@pytest.mark.parametrize("line, parsed", [
    ("## Kontakt {#contact}", (2, "Kontakt", "contact")),
    ("## Kontakt { #contact .wide }  ##", (2, "Kontakt", "contact")),
    ("##Kontakt", (2, "Kontakt", None)),
    ("### C# ###", (3, "C#", None)),
    ("####### Sju", (6, "# Sju", None)),
    ("## a" + " " * 5000 + "b {#x}", (2, "a" + " " * 5000 + "b", "x")),
    ("## a {" + " " * 5000 + "b", (2, "a {" + " " * 5000 + "b", None)),
    ("## {#only-id}", (2, "", "only-id")),
    ("## Tekst {#}", (2, "Tekst {#}", None)),
    ("Tekst", None),
    ("", None),
])
def test_headings(line, parsed):
    assert sections.parse_heading(line) == parsed


# --- symbolic links ----------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name, target", [("loop", "loop"), ("versions/up", ".."), ("other.md", "/etc/hostname"),
                                          ("versions/3.md", "1.md")], ids=["loop", "folder", "outside", "version"])
def test_a_symbolic_link_under_docs_is_an_error(tiny, name, target):
    os.symlink(target, tiny.docs / name)
    folder, _, file = f"docs/{name}".rpartition("/")
    assert problems(tiny) == [f"docs/{name}: a symbolic link is not allowed under docs/ — replace it with the file itself: "
                              f"git rm {folder}/{file}, then add a copy"]


def test_a_symbolic_link_loop_fails_the_build_with_one_line(tiny):
    os.symlink("loop", tiny.docs / "loop")
    built = tiny.build()
    assert not built.ok
    assert built.messages == ["docs/loop: a symbolic link is not allowed under docs/ — replace it with the file itself: "
                              "git rm docs/loop, then add a copy",
                              "1 problem(s) in the privacy statement, listed above. Nothing was built; fix them and build again."]


# --- malformed files of every kind -------------------------------------------------------------------------------

@LANGUAGES
def test_deep_yaml_in_the_statements_front_matter(tiny, language):
    tiny.edit(FILES[language], "description:", "nested: " + "{a: " * 500 + "1" + "}" * 500 + "\ndescription:")
    assert problems(tiny) == [f"{FILES[language]}:3: the front matter is not valid YAML (nested more than 16 levels deep) — "
                              'write each field as "name: value"; put a value that contains ": " in quotes']


def test_deep_yaml_in_the_facts(tiny):
    tiny.edit("docs/facts.yml", "links:", "deep: " + "{a: " * 500 + "1" + "}" * 500 + "\nlinks:")
    assert problems(tiny) == ["docs/facts.yml:18: the facts file is not valid YAML (nested more than 16 levels deep) — "
                              'write each fact as "name: value", indented under its group; put a value that contains ": " in quotes']


def test_a_control_character_in_the_facts_is_one_line_with_its_line(tiny):
    tiny.edit("docs/facts.yml", "city: Nordby", "city: Kristian\x0bsund")
    assert problems(tiny) == ["docs/facts.yml:7: the character U+000B (control character), character 17 of the line, "
                              "is invisible or not allowed in the text — delete it: retype the text around it if you "
                              "cannot see it"]


@pytest.mark.parametrize("path", ["docs/facts.yml", "docs/index.md", "docs/index.en.md", "docs/versions/index.md",
                                  "docs/versions/index.en.md", "docs/other.md"])
def test_a_byte_that_is_not_utf8_in_any_file(tiny, path):
    target = tiny.root / path
    data = target.read_bytes() if target.exists() else b"# Other\n\nText.\n"
    target.write_bytes(data.replace(b"\n", b"\n\xff", 1))
    assert f"{path}:2: the file is not UTF-8 (byte 0xff) — save the file with UTF-8 encoding" in problems(tiny)


@LANGUAGES
@pytest.mark.parametrize("char, name", [("\x00", "control character"), ("\x1b", "control character"),
                                        ("\u202e", "RIGHT-TO-LEFT OVERRIDE")], ids=["nul", "escape", "bidi-override"])
def test_an_invisible_character_in_the_text_is_reported_on_its_line(tiny, language, char, name):
    line = insert(tiny, FILES[language], "## ", f"Vi lagrer{char} opplysninger.\n")
    assert problems(tiny) == [f"{FILES[language]}:{line}: the character U+{ord(char):04X} ({name}), character 10 of the "
                              "line, is invisible or not allowed in the text — delete it: retype the text around it if you "
                              "cannot see it"]


def test_a_problem_is_one_line_whatever_it_quotes():
    from personvern.problems import Problem
    assert str(Problem("docs/index.md", 3, 'bad ("a\nb\r\nc")', "fix\nit")) == 'docs/index.md:3: bad ("a b c") — fix it'

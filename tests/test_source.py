"""Reading an editor's Markdown file: UTF-8, front matter, and the problems editors are told about."""
from pathlib import Path

import pytest

from personvern import fields
from personvern.source import read_document, read_text, shown_path

SCHEMA = fields.STATEMENT
SHOWN = "docs/index.en.md"
TODO_UTF8 = "save the file with UTF-8 encoding"
TODO_NO_FRONT = 'start the file with a line "---", the fields (such as "title: …") and another "---"'
TODO_YAML = 'write each field as "name: value"; put a value that contains ": " in quotes'


def write(root: Path, content: str | bytes, name: str = "index.en.md") -> Path:
    path = root / "docs" / name
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8", newline="")
    return path


def read(root: Path, content: str | bytes | None, schema: fields.Group = SCHEMA):
    """Writes `content` (None: no file at all) as docs/index.en.md and reads it: the document and the problems as editors see them."""
    path = write(root, content) if content is not None else root / "docs" / "index.en.md"
    problems = []
    doc = read_document(path, shown_path(path, root), schema, problems)
    return doc, [str(p) for p in problems]


# --- shown paths -------------------------------------------------------------------------------------------------

def test_shown_path_is_relative_to_the_project(tmp_path):
    assert shown_path(tmp_path / "docs" / "index.en.md", tmp_path) == "docs/index.en.md"


def test_shown_path_outside_the_project_is_left_as_it_is(tmp_path):
    outside = tmp_path.parent / "elsewhere" / "index.md"
    assert shown_path(outside, tmp_path / "project") == outside.as_posix()


# --- files that read well ----------------------------------------------------------------------------------------

def test_valid_document(tmp_path):
    text = "---\ntitle: Privacy statement\ndescription: How we process data.\n---\n\n# Privacy\n"
    doc, problems = read(tmp_path, text)
    assert problems == []
    assert doc.shown == SHOWN
    assert doc.meta == {"title": "Privacy statement", "description": "How we process data."}
    assert doc.body == "\n# Privacy\n"
    assert doc.body_line == 5
    assert doc.raw == text


@pytest.mark.parametrize("text", [
    "---\r\ntitle: Privacy statement\r\n---\r\n# Privacy\r\n",  # saved on Windows
    "---\ntitle: Privacy statement\n...\n# Privacy\n",  # YAML's own end marker
    "---  \ntitle: Privacy statement\n---\t\n# Privacy\n",  # trailing blanks on the markers
], ids=["crlf", "dots", "trailing-blanks"])
def test_front_matter_variants_editors_may_write(tmp_path, text):
    doc, problems = read(tmp_path, text)
    assert problems == []
    assert (doc.meta, doc.body, doc.body_line) == ({"title": "Privacy statement"}, "# Privacy\n", 4)


def test_utf8_file_with_byte_order_mark_reads_like_any_utf8_file(tmp_path):
    # Windows Notepad saves UTF-8 with a byte order mark; MkDocs itself reads such files ("utf-8-sig").
    doc, problems = read(tmp_path, "\ufeff---\ntitle: Personvernerklæring\n---\n# Personvern\n".encode("utf-8"))
    assert problems == []
    assert doc.meta == {"title": "Personvernerklæring"}


# --- files that cannot be read -----------------------------------------------------------------------------------

def test_missing_file(tmp_path):
    doc, problems = read(tmp_path, None)
    assert doc is None
    assert problems == ["docs/index.en.md: the file is missing — create it (see README › For redaktører)"]


def test_folder_instead_of_file(tmp_path):
    (tmp_path / "docs" / "index.en.md").mkdir(parents=True)
    doc, problems = read(tmp_path, None)
    assert doc is None
    assert problems == ["docs/index.en.md: the file cannot be read (Is a directory) — check that it is a normal file"]


@pytest.mark.parametrize("raw, line", [
    (b"---\ntitle: Personvernerkl\xe6ring\n---\n", 2),
    (b"---\ntitle: T\n---\n\n# Personvern\n\nVi lager lamper p\xe5 verkstedet.\n", 7),
    (b"---\r\ntitle: T\r\n---\r\n\r\nVi lager lamper p\xe5 verkstedet.\r\n", 5),
], ids=["in-front-matter", "in-body", "crlf"])
def test_file_that_is_not_utf8_names_the_line_of_the_bad_byte(tmp_path, raw, line):
    doc, problems = read(tmp_path, raw)
    assert doc is None
    byte = "e6" if b"\xe6" in raw else "e5"
    assert problems == [f"docs/index.en.md:{line}: the file is not UTF-8 (byte 0x{byte}) — {TODO_UTF8}"]


def test_read_text_normalises_line_endings(tmp_path):
    problems = []
    assert read_text(write(tmp_path, "a\r\nb\r\n"), SHOWN, problems) == "a\nb\n"
    assert problems == []


# --- front matter ------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "# Privacy statement\n\nText.\n",
    "",
    "\n---\ntitle: T\n---\n",
    "title: T\n---\n",
], ids=["markdown-only", "empty-file", "blank-line-first", "first-marker-missing"])
def test_no_front_matter(tmp_path, text):
    doc, problems = read(tmp_path, text)
    assert doc is None
    assert problems == [f"docs/index.en.md:1: the file has no front matter — {TODO_NO_FRONT}"]


def test_front_matter_never_closed(tmp_path):
    doc, problems = read(tmp_path, "---\ntitle: T\n\n# Privacy statement\n")
    assert doc is None
    assert problems == ['docs/index.en.md:1: the front matter is never closed — add a line "---" after the last field']


@pytest.mark.parametrize("front, line, reason", [
    ("title: T\ndescription: How: we do it", 3, "mapping values are not allowed here"),
    ('title: "Privacy statement', 2, "found unexpected end of stream"),
    ("title: T\n\tdescription: D", 3, "found character '\\t' that cannot start any token"),
    ("title: T\ndescription: D\n- item", 4, "expected <block end>, but found '-'"),
], ids=["colon-in-value", "unclosed-quote", "tab", "list-item"])
def test_front_matter_that_is_not_valid_yaml(tmp_path, front, line, reason):
    doc, problems = read(tmp_path, f"---\n{front}\n---\n\nText.\n")
    assert doc is None
    assert problems == [f"docs/index.en.md:{line}: the front matter is not valid YAML ({reason}) — {TODO_YAML}"]


@pytest.mark.parametrize("front", ["- title\n- description", "Privacy statement"], ids=["list", "plain-text"])
def test_front_matter_that_is_not_a_list_of_fields(tmp_path, front):
    doc, problems = read(tmp_path, f"---\n{front}\n---\n")
    assert doc is None
    assert problems == ['docs/index.en.md:2: the front matter is not a list of fields — write each field as "name: value"']


def test_unknown_field_is_reported_on_its_line(tmp_path):
    doc, problems = read(tmp_path, "---\ntitle: T\ndescription: D\nauthor: Kari\n---\nText.\n")
    assert problems == ['docs/index.en.md:4: unknown front matter field "author" — use only title, description']
    assert doc.meta == {"title": "T", "description": "D"}  # the document is still read, so its other problems are found too


@pytest.mark.parametrize("front, line", [
    ("description: D", 1),
    ("title:\ndescription: D", 2),
    ("description: D\ntitle: ''", 3),
    ('title: "   "', 2),
    ("title: ~", 2),
    ("", 1),
], ids=["absent", "empty", "empty-quotes", "blank", "null", "no-fields"])
def test_missing_or_empty_required_field(tmp_path, front, line):
    doc, problems = read(tmp_path, f"---\n{front}\n---\nText.\n")
    assert problems == [f'docs/index.en.md:{line}: the front matter field "title" is missing or empty — '
                        'add "title: …" between the "---" lines']
    assert doc.body == "Text.\n"


def test_misspelt_field_is_both_unknown_and_missing(tmp_path):
    _, problems = read(tmp_path, "---\ntittel: Personvern\n---\n")
    assert problems == [
        'docs/index.en.md:2: unknown front matter field "tittel" (did you mean "title"?) — use only title, description',
        'docs/index.en.md:1: the front matter field "title" is missing or empty — add "title: …" between the "---" lines',
    ]


def test_every_required_field_is_checked(tmp_path):
    schema = fields.Group(fields.TITLE, fields.Field("effective", fields.Date(), True, ""))
    _, problems = read(tmp_path, "---\ntitle: T\neffective:\n---\n", schema)
    assert problems == ['docs/index.en.md:3: the front matter field "effective" is missing or empty — '
                        'add "effective: …" between the "---" lines']


def test_field_line_is_not_fooled_by_a_longer_field_name(tmp_path):
    _, problems = read(tmp_path, "---\ntitles: T\ntitle:\n---\n")
    assert problems == [
        'docs/index.en.md:2: unknown front matter field "titles" (did you mean "title"?) — use only title, description',
        'docs/index.en.md:3: the front matter field "title" is missing or empty — add "title: …" between the "---" lines',
    ]

"""Reading an editor's Markdown file: UTF-8, front matter, and the problems editors are told about."""
from pathlib import Path

import pytest
import yaml
from hypothesis import example, given, settings
from hypothesis import strategies as st

from conftest import ROOT
from personvern import fields, source
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


# --- libyaml first, the loader in Python when it refuses -----------------------------------------------------------

YAML_PIECES = st.sampled_from([
    "a", "b: ", "- ", "-", "  ", "\n", ": ", "? ", ", ", "[", "]", "{", "}", "'x'", '"y\\n"', '"\\x41\\u00e9"', "'", '"', "|",
    ">-", "|2+", "#c", " #", "---", "...", "\t", "%YAML 1.1", "%TAG ! tag:x,2000:", "&a ", "*a", "!!str ", "!x ", "!!binary ",
    "<<: ", "=", "1", "0o7", "0x1F", ".5", "1e3", "+.inf", "2026-02-30", "2026-01-01 10:00:00", "yes", "~", "@", "`", "é",
    "\ufeff", "\x85", "\u2028", "\u2029", "\r", "\x00", "\x07", "\\", "\ud800", "\U0001F600"])
"""Pieces of YAML, both well and badly formed, for texts that reach every corner of both parsers."""


def _shape(node):
    """Everything the fields read of a node: its kind, tag, value, a scalar's style and where it starts. Nothing reads
    where a node ends or a collection's flow style, which libyaml and the loader in Python record differently."""
    if node is None:
        return None
    if isinstance(node, yaml.ScalarNode):
        return "scalar", node.tag, node.value, node.style, node.start_mark.line, node.start_mark.column
    items = [tuple(map(_shape, pair)) if isinstance(pair, tuple) else _shape(pair) for pair in node.value]
    return type(node).__name__, node.tag, items, node.start_mark.line, node.start_mark.column


def _nested(depth: int) -> str:
    """YAML whose one value is inside `depth` mappings."""
    return "".join("  " * level + f"k{level}:\n" for level in range(depth)) + "  " * depth + "v\n"


def _python_reads(text: str):
    loader = source._BoundedLoader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML was built without libyaml")
@settings(max_examples=400, deadline=None)
@given(st.lists(YAML_PIECES, max_size=30).map("".join))
@example("title: Personvern\ndescription: 'Slik: behandler vi'\n")
@example("a: &x 1\nb: *x\n")
@example(_nested(source.MAX_DEPTH))
@example(_nested(source.MAX_DEPTH - 1))
def test_what_libyaml_reads_the_loader_in_python_reads_the_same(text):
    """libyaml is only a faster way to the same nodes: whatever it reads, _BoundedLoader reads too, node for node;
    all else, _BoundedLoader reads (and reports) itself."""
    read, node = source.compose_quickly(text)
    if read:
        assert _shape(node) == _shape(_python_reads(text))


def test_libyaml_leaves_anchors_and_depth_to_the_loader_in_python():
    assert source.compose_quickly("a: &x 1\nb: *x\n") == (False, None)
    assert source.compose_quickly(_nested(source.MAX_DEPTH)) == (False, None)
    assert source.compose_quickly(_nested(source.MAX_DEPTH - 1))[0] == hasattr(yaml, "CSafeLoader")


def _projects_yaml() -> list[str]:
    """The project's own YAML: each Markdown file's front matter, the facts and the coverage declarations."""
    docs = ROOT / "docs"
    texts = [path.read_text(encoding="utf-8").split("---\n")[1] for path in sorted(docs.rglob("*.md"))]
    return texts + [(docs / name).read_text(encoding="utf-8") for name in ("facts.yml", "coverage.yml")]


@pytest.mark.skipif(not hasattr(yaml, "CSafeLoader"), reason="PyYAML was built without libyaml")
def test_libyaml_reads_all_of_the_projects_own_yaml_as_the_loader_in_python_does():
    for text in _projects_yaml():
        read, node = source.compose_quickly(text)
        assert read, text
        assert _shape(node) == _shape(_python_reads(text))

"""Property tests: whatever an editor writes, the check gives a project or one-line problems, never an exception or a
hang; and "what changed" never crashes and never leaves a change out."""
import datetime as dt
import shutil
import string
from pathlib import Path

import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from conftest import EN, FACTS, NB, TODAY
from personvern import diff, fields, project, sections
from personvern.problems import Invalid

FAST = settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                         HealthCheck.too_slow])
MARKUP = "#[]()<>{}%*_`!&;:|'\"-=/\\\t\n "
TEXT = st.lists(st.sampled_from(list(MARKUP + "abcæøå19") + ["\x00", "\x07", "\u202e", "\ud800", "\x85", "{{", "{%",
                                                             "##", "- ", "\n\n"]), max_size=60).map("".join)
YAML = st.lists(st.sampled_from(list("abc: -[]{}'\"&*!|>#,?\n\t019.") + ["\n  ", "\n- ", "2026-02-30", "~", "yes", "0150",
                                                                        "title: ", "\x07", "2026-12-01 10:00:00", "5"]),
                max_size=20).map("".join)


@pytest.fixture(scope="module")
def original(tmp_path_factory) -> Path:
    """The tiny site's files with version 1 released, copied afresh for each example."""
    from conftest import TinySite, project_config  # noqa: F401  (the fixture's own helpers)
    import yaml

    root = tmp_path_factory.mktemp("original")
    site = TinySite(root)
    (root / "mkdocs.yml").write_text(yaml.safe_dump(project_config(root), allow_unicode=True), encoding="utf-8")
    site.write("docs/facts.yml", FACTS)
    site.write("docs/index.md", NB)
    site.write("docs/index.en.md", EN)
    site.write("docs/versions/index.md", "---\ntitle: Versjonshistorikk\n---\n\n# Versjonshistorikk\n")
    site.write("docs/versions/index.en.md", "---\ntitle: Version history\n---\n\n# Version history\n")
    site.release(TODAY, "Første versjon.", "First version.")
    return root


def checked(original: Path, tmp_path: Path, edit) -> None:
    """Copies the site, applies `edit(docs)`, and runs the check: a project, or problems that are each one line."""
    root = tmp_path / "example"
    shutil.rmtree(root, ignore_errors=True)
    shutil.copytree(original, root)
    edit(root / "docs")
    try:
        project.load(root / "docs", root, TODAY, strict=True)
    except Invalid as invalid:
        assert invalid.problems
        for problem in invalid.problems:
            line = str(problem)
            assert "\n" not in line and "\r" not in line, line
            assert problem.path and (problem.line is None or problem.line >= 1), line
            assert " — " in line and "Traceback" not in line, line


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8", errors="surrogatepass")


@FAST
@example(markdown="## a" + " " * 4900 + "b", language="index.md", where="## ")
@example(markdown="[" * 99 + "\n\n" + "<a " * 60, language="index.en.md", where="- ")
@example(markdown="{{ cycler.__init__ }}\x07\ud800", language="index.md", where="{% for")
@given(markdown=TEXT, language=st.sampled_from(["index.md", "index.en.md"]), where=st.sampled_from(["## ", "- ", "{% for"]))
def test_any_markdown(original, tmp_path, markdown, language, where):
    checked(original, tmp_path, lambda docs: replace_in(docs / language, where, markdown + where))


FIELD = st.sampled_from(list(fields.ARCHIVE.fields) + ["tittel", "- x", "? a", "[a]", ""])
FRONT = st.one_of(YAML, st.lists(st.tuples(FIELD, YAML), max_size=8).map(lambda f: "\n".join(f"{k}: {v}" for k, v in f)))


@FAST
@example(front="released: 2026-02-30\nnotes: 5\nsummary: {a: b}", language="versions/1.md")
@example(front="released: 2026-12-01 10:00:00\ntitle: [x]", language="versions/1.en.md")
@example(front="title: " + "{a: " * 400 + "}" * 400, language="index.md")
@example(front="title: &a x\ndescription: *a", language="index.en.md")
@given(front=FRONT, language=st.sampled_from(["index.md", "index.en.md", "versions/index.md", "versions/1.md",
                                               "versions/1.en.md"]))
def test_any_front_matter(original, tmp_path, front, language):
    def edit(docs):
        text = (docs / language).read_text(encoding="utf-8")
        body = text.split("\n---\n", 1)[1]
        (docs / language).write_text(f"---\n{front}\n---\n{body}", encoding="utf-8", errors="surrogatepass")
    checked(original, tmp_path, edit)


@FAST
@example(value="0150", fact='postcode: "5003"')
@example(value="", fact="phone: 55 12 34 00")
@example(value='"+47 55 12 34 99"', fact="phone: 55 12 34 00")
@example(value='"a\\x07b"', fact="name: Nordlys Elektro AS")
@example(value="{a: " * 400 + "}" * 400, fact="name: Nordlys Elektro AS")
@example(value="5", fact="- name: Vinterlys")
@given(value=st.one_of(YAML, TEXT.map(lambda t: '"' + t.replace('"', "") + '"')),
       fact=st.sampled_from(["name: Nordlys Elektro AS", "postcode: \"5003\"", "phone: 55 12 34 00", "org_nr: 123 456 785",
                             "email: post@nordlys-elektro.no", "url: https://tilsyn.example/", "- name: Vinterlys",
                             "lampeguide: https://lampeguide.example/"]))
def test_any_facts(original, tmp_path, value, fact):
    key = fact.split(":")[0]
    checked(original, tmp_path, lambda docs: replace_in(docs / "facts.yml", fact, f"{key}: {value}"))


@FAST
@given(data=st.binary(max_size=40), name=st.sampled_from(["facts.yml", "index.md", "index.en.md", "versions/1.md",
                                                         "versions/SHA256SUMS", "other.md"]))
def test_any_bytes(original, tmp_path, data, name):
    def edit(docs):
        path = docs / name
        old = path.read_bytes() if path.exists() else b""
        path.write_bytes(old[: len(old) // 2] + data + old[len(old) // 2:])
    checked(original, tmp_path, edit)


@settings(max_examples=300, deadline=None)
@given(line=st.lists(st.sampled_from(list("# {}\t-_a1æ") + ["{#", "##"]), max_size=100).map("".join))
def test_any_heading_line(line):
    parsed = sections.parse_heading(line)
    if parsed is not None:
        level, title, heading_id = parsed
        assert 1 <= level <= 6 and line.startswith("#")
        assert heading_id is None or f"#{heading_id}" in line and "{#" + heading_id not in title


@settings(max_examples=200, deadline=None)
@given(value=TEXT)
def test_plain_text_check_never_fails(value):
    fault = fields.plain_text_fault(value)
    assert fault is None or (fault[0] and fault[1])


# --- what changed ------------------------------------------------------------------------------------------------

WORDS = ["vi", "lagrer", "deler", "opplysninger", "samtykke", "rett", "innsyn", "sletting", "klage", "tilsynet"]
BLOCK = st.tuples(st.booleans(), st.lists(st.sampled_from(WORDS), min_size=1, max_size=6)).map(
    lambda b: ("- " if b[0] else "") + " ".join(b[1]).capitalize() + ("" if b[0] else "."))
SECTION_IDS = ["storage", "rights", "sharing", "contact"]


@st.composite
def versions(draw):
    """Two versions of a text: the second is the first with blocks moved, duplicated, reworded, added and removed."""
    old = {key: draw(st.lists(BLOCK, max_size=5)) for key in draw(st.lists(st.sampled_from(SECTION_IDS), unique=True))}
    new = {key: list(blocks) for key, blocks in old.items()}
    for _ in range(draw(st.integers(0, 6))):
        keys = list(new)
        if not keys:
            break
        key = draw(st.sampled_from(keys))
        blocks = new[key]
        operation = draw(st.sampled_from(["move", "duplicate", "reword", "remove", "add", "elsewhere", "section"]))
        if operation == "section":
            new[draw(st.sampled_from(SECTION_IDS))] = draw(st.lists(BLOCK, max_size=3))
        elif operation == "add" or not blocks:
            blocks.insert(draw(st.integers(0, len(blocks))), draw(BLOCK))
        else:
            index = draw(st.integers(0, len(blocks) - 1))
            if operation == "move":
                blocks.insert(draw(st.integers(0, len(blocks) - 1)), blocks.pop(index))
            elif operation == "duplicate":
                blocks.insert(draw(st.integers(0, len(blocks))), blocks[index])
            elif operation == "reword":
                blocks[index] = blocks[index].rstrip(".") + " " + draw(st.sampled_from(WORDS)) + "."
            elif operation == "remove":
                blocks.pop(index)
            else:
                new[draw(st.sampled_from(keys))].append(blocks.pop(index))
    return markdown(old), markdown(new)


def markdown(text: dict[str, list[str]]) -> str:
    return "# Tittel\n\nInnledning.\n\n" + "".join(
        f"## {key.capitalize()} {{#{key}}}\n\n" + "".join(f"{block}\n\n" for block in blocks) for key, blocks in text.items())


def side(block: diff.Block, leave_out: str) -> str:
    return "".join(piece.text for piece in block.pieces if piece.kind != leave_out)


@settings(max_examples=150, deadline=None)
@given(pair=versions())
def test_what_changed_never_crashes_and_leaves_nothing_out(pair):
    old, new = pair
    changes = diff.compare(old, new)
    before = {text.lstrip("#") for _, blocks in diff._sections(old).values() for text in blocks}
    after = {text.lstrip("#") for _, blocks in diff._sections(new).values() for text in blocks}
    shown_new = {side(b, "del") for c in changes.sections for b in c.blocks if not b.heading}
    shown_old = {side(b, "ins") for c in changes.sections for b in c.blocks if not b.heading}
    assert after - before <= shown_new, "a new or reworded block is not shown"
    assert before - after <= shown_old, "a removed or reworded block is not shown"
    assert diff.compare(new, new).empty


def test_the_properties_can_fail():
    """The property above catches the fault it was written for: a reworded block left out."""
    old = markdown({"rights": ["- Rett innsyn", "- Rett sletting", "- Rett klage"]})
    new = markdown({"rights": ["- Rett sletting", "- Rett klage", "- Rett innsyn", "- Rett klage tilsynet"]})
    changes = diff.compare(old, new)
    assert {side(b, "del") for c in changes.sections for b in c.blocks} >= {"Rett innsyn", "Rett klage tilsynet"}

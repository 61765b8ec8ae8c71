"""No words an editor reads are written in the code: every problem, printed line and error takes its words from the
catalogue (hooks/personvern/messages.yml), so that each exists in Norwegian and in English.

An AST walk over the domain and the MkDocs adapters finds
- text (a string or f-string with letters) handed straight to Problem(...), print(...), a logger, an error an editor
  sees, or a report's add(node, what, todo); calls inside those arguments (messages.text(…), ", ".join(…)) are where
  the words come from, so they are not looked into;
- any other string of three words or more (a sentence returned as a tuple, say), outside docstrings, argparse's help
  and description, and the documentation of a field. The few that are not for editors are listed below, each with why.
"""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from conftest import ROOT

FILES = sorted([*(ROOT / "hooks" / "personvern").glob("*.py"), *(ROOT / "hooks").glob("mkdocs_*.py")])
CATALOGUE = {"messages.py"}
"""The catalogue's reader."""
EDITOR_FACING = {"Problem", "print", "PluginError", "ArgumentTypeError", "Wrong", "Abort", "Invalid", "Unavailable",
                 "error", "warning", "info", "critical", "exception"}
"""Calls whose text an editor reads, by function name (logger methods included); and sys.stdout/stderr.write."""
NOT_FOR_EDITORS: dict[tuple[str, str], str] = {
    ("mkdocs_hooks.py", "Error reading page '"): "MkDocs' own line, matched so that it is left out",
    ("cli.py", "validate the statement, facts, links, archive and release file without building the site"):
        "`personvern --help`, for developers and CI; argparse writes the rest of the help in English",
    ("cli.py", "archive the current text as a new version"): "`personvern --help`",
    ("cli.py", "which GDPR Art. 13/14 items the text covers, and wording hints (never fails on a missing item)"):
        "`personvern --help`",
    ("cli.py", "check that no published version was changed, renamed or removed"): "`personvern --help`",
    ("fields.py", "front matter field"): "the name of a catalogue key (fields.front_matter_field), not a text",
    ("headers.py", "# Security headers for Netlify and Cloudflare Pages; written by the build (personvern.headers)."):
        "a comment in a server configuration file, for the web team",
    ("headers.py", "# Security headers for nginx: include this file in the site's server block."): "the same",
    ("headers.py", "# Written by the build (personvern.headers)."): "the same",
    ("problems.py", " problem(s) in the privacy statement"):
        "Invalid's exception text, for a developer's traceback; editors read each problem and the catalogue's closing line",
    ("release.py", "Kort sammendrag av endringen."): "the README's example summary, compared with, never printed",
    ("release.py", "Short summary of the change."): "the same",
}
"""(file, literal) → why the text may stay in the code."""
_LETTERS = re.compile(r"[^\W\d_]{2}")
_SENTENCE = re.compile(r"[^\W\d_]+ [^\W\d_]+ [^\W\d_]+")


def _name(call: ast.Call) -> str | None:
    function = call.func
    return function.id if isinstance(function, ast.Name) else function.attr if isinstance(function, ast.Attribute) else None


def _stream_write(call: ast.Call) -> bool:
    """sys.stdout.write(…) or sys.stderr.write(…); not the write of a code generator, say."""
    function = call.func
    return (isinstance(function, ast.Attribute) and function.attr == "write" and isinstance(function.value, ast.Attribute)
            and function.value.attr in ("stdout", "stderr"))


def _literals(node: ast.AST):
    """The string literals with letters in an argument, not looking into calls or subscripts."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        if _LETTERS.search(node.value):
            yield node
        return
    if isinstance(node, (ast.Call, ast.Subscript, ast.Lambda)):
        return
    for child in ast.iter_child_nodes(node):
        yield from _literals(child)


def _not_text(tree: ast.AST) -> set[int]:
    """The ids of literals that are documentation: docstrings, argparse's help and description, a field's doc."""
    skipped = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Expr) and isinstance(node.value, ast.Constant):
            skipped.add(id(node.value))
        elif isinstance(node, ast.keyword) and node.arg in ("help", "description"):
            skipped |= {id(child) for child in ast.walk(node.value)}
        elif isinstance(node, ast.Call) and _name(node) == "Field" and len(node.args) >= 4:
            skipped |= {id(child) for child in ast.walk(node.args[3])}
    return skipped


def words_in_code(source: str) -> list[tuple[int, str, str]]:
    """(line, where, literal) for each text in the code that an editor could read."""
    tree = ast.parse(source)
    found: dict[int, tuple[int, str, str]] = {}
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        name = _name(node)
        if name in EDITOR_FACING or _stream_write(node):
            arguments = node.args[2:] if name == "Problem" else node.args
        elif name == "add" and len(node.args) == 3:  # report.add(node, what, todo)
            arguments = node.args[1:]
        else:
            continue
        arguments = [*arguments, *(k.value for k in node.keywords if k.arg not in ("file", "sep", "end", "exc_info"))]
        for argument in arguments:
            found.update({id(c): (c.lineno, f"{name}()", c.value) for c in _literals(argument)})
    skipped = _not_text(tree)
    for node in ast.walk(tree):
        if (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skipped
                and id(node) not in found and _SENTENCE.search(node.value)):
            found[id(node)] = (node.lineno, "sentence", node.value)
    return sorted(found.values())


@pytest.mark.parametrize("path", [p for p in FILES if p.name not in CATALOGUE], ids=lambda p: p.name)
def test_no_words_for_editors_are_written_in_the_code(path):
    found = [f"{path.name}:{line}: {where}: {text!r}" for line, where, text in words_in_code(path.read_text(encoding="utf-8"))
             if (path.name, text) not in NOT_FOR_EDITORS]
    assert found == [], ("put these in hooks/personvern/messages.yml, in nb and en, and use messages.text/problem "
                         "(or list one in NOT_FOR_EDITORS, with why):\n" + "\n".join(found))


@pytest.mark.parametrize(("name", "text"), sorted(NOT_FOR_EDITORS))
def test_each_text_let_through_is_still_in_the_code(name, text):
    path = next(p for p in FILES if p.name == name)
    assert text in [t for _, _, t in words_in_code(path.read_text(encoding="utf-8"))]


@pytest.mark.parametrize(("snippet", "expected"), [
    ('problems.append(Problem(shown, 3, "the title is missing", f"add a title to {shown}"))',
     [(1, "Problem()", "add a title to "), (1, "Problem()", "the title is missing")]),
    ('print(f"{count} problem(s). Fix them.", file=sys.stderr)', [(1, "print()", " problem(s). Fix them.")]),
    ('raise PluginError("Nothing was built: " + str(count))', [(1, "PluginError()", "Nothing was built: ")]),
    ('log.warning("no title")', [(1, "warning()", "no title")]),
    ('sys.stderr.write("Interrupted.\\n")', [(1, "write()", "Interrupted.\n")]),
    ('self.write("environment.concat((")', []),
    ('report.add(node, f"{label} must be text", "put it in quotes")',
     [(1, "add()", " must be text"), (1, "add()", "put it in quotes")]),
    ('return (needle, f"element <{tag}> is not allowed", "remove it")', [(1, "sentence", "> is not allowed")]),
    ('print("\\n".join(lines), file=sys.stderr)', []),
    ('print(messages.text("check.closing", count=len(problems)), file=sys.stderr)', []),
    ('problems.append(messages.problem(shown, 3, "sections.no_id", title=title))', []),
    ('Problem(problem.path, None, problem.what, problem.todo)', []),
    ('print(f"{where}: {what} — {todo}")', []),
    ('parser.add_argument("--port", type=int, help="the port to listen on, 8000 by default")', []),
    ('def run():\n    """Prints every problem it finds."""', []),
])
def test_the_walk_finds_text_handed_to_an_editor_and_nothing_else(snippet, expected):
    assert words_in_code(snippet) == expected

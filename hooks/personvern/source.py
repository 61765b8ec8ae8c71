"""Reading an editor's Markdown file: UTF-8, front matter, and where its body starts."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from yaml.nodes import MappingNode, Node

from . import characters, fields, messages
from .problems import Problem

_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")


@dataclass
class Document:
    """An editor's Markdown file, read: its front matter as values, and its body."""

    path: Path
    shown: str
    """The path as shown to editors."""
    meta: dict = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    """The file line on which `body` starts."""
    raw: str = ""
    lines: dict[str, int] = field(default_factory=dict)
    """The file line of each front matter field."""


MAX_DEPTH = 16
"""How deeply YAML may nest; the editors' files need three levels."""


def shown_path(path: Path, root: Path) -> str:
    """The path from the project's folder, as editors see it, on one line: bytes of a name that are not UTF-8 as \\xNN,
    and characters that do not print (a line break, a bidirectional override) as Python writes them (\\n, \\u202e)."""
    try:
        shown = path.resolve().relative_to(root.resolve()).as_posix()
    except (ValueError, OSError, RuntimeError):  # outside the project, or a link that leads round in a loop
        shown = path.as_posix()
    shown = shown.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return "".join(char if char.isprintable() else ascii(char)[1:-1] for char in shown)


def read_text(path: Path, shown: str, problems: list[Problem]) -> str | None:
    """The file's text, or None with a problem when it is missing or not UTF-8."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        problems.append(messages.problem(shown, None, "source.missing"))
        return None
    except OSError as error:
        problems.append(messages.problem(shown, None, "source.unreadable", reason=error.strerror))
        return None
    try:
        text = data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        problems.append(messages.problem(shown, line, "source.not_utf8", byte=f"{data[error.start]:02x}"))
        return None
    beyond = beyond_limits(shown, text)
    problems.extend(beyond)
    return None if beyond else text


MAX_CHARACTERS = 200_000
"""Characters in one file: ten times the statement."""
MAX_LINE = 5000
"""Characters in one line. The statement's longest line has about 600."""
MAX_BRACKETS = 100
""""[" and "<" in one paragraph: Python-Markdown's time grows with the cube of their number in a paragraph."""
MAX_TAGS = 50
""""<" in one file: the HTML parser may look for the end of each one through the rest of the file."""


def beyond_limits(shown: str, text: str) -> list[Problem]:
    """Characters outside the allow-list (characters.py), each on its line; and files, lines and paragraphs too large
    to be text, which would take the Markdown converter minutes, the first of each kind. The statement stays far
    below every limit."""
    if len(text) > MAX_CHARACTERS:
        return [messages.problem(shown, None, "source.too_long", count=len(text), limit=MAX_CHARACTERS)]
    lines = text.split("\n")
    if (characters.first_refused(text) is None and max(map(len, lines)) <= MAX_LINE and text.count("<") <= MAX_TAGS
            and text.count("[") + text.count("<") <= MAX_BRACKETS):
        return []  # within every limit as a whole, so no line or paragraph of it is beyond one: most files stop here
    found: dict[object, Problem] = {}
    count, start, tags = 0, 1, 0
    for number, line in enumerate(lines, start=1):
        for column, char in characters.refused(line):
            found.setdefault((number, char), character_problem(shown, number, column, char))
        if len(line) > MAX_LINE:
            found.setdefault("line", messages.problem(shown, number, "source.long_line", count=len(line), limit=MAX_LINE))
        if not line.strip():
            count, start = 0, number + 1
            continue
        tags += line.count("<")
        count += line.count("[") + line.count("<")
        if count > MAX_BRACKETS:
            found.setdefault("brackets", messages.problem(shown, start, "source.brackets", limit=MAX_BRACKETS))
        if tags > MAX_TAGS:
            found.setdefault("tags", messages.problem(shown, number, "source.tags", limit=MAX_TAGS))
    return list(found.values())


def character_problem(shown: str, line: int, column: int, char: str) -> Problem:
    """The problem of a character outside the allow-list at `column` (from 0) of the file's `line`."""
    return messages.problem(shown, line, "source.character", column=column + 1, **characters.described(char))


def read_document(path: Path, shown: str, kind: fields.Group, problems: list[Problem]) -> Document | None:
    """Reads a Markdown file with YAML front matter of `kind`; every fault found is appended to `problems`."""
    text = read_text(path, shown, problems)
    if text is None:
        return None
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        problems.append(messages.problem(shown, 1, "source.no_front_matter"))
        return None
    end = next((i for i in range(1, len(lines)) if _CLOSE.match(lines[i])), None)
    if end is None:
        problems.append(messages.problem(shown, 1, "source.front_matter_open"))
        return None
    ok, node = read_yaml("\n".join(lines[1:end]), shown, 2, messages.text("source.the_front_matter"), problems,
                         messages.text("source.front_matter_yaml"))
    if not ok:
        return None
    if node is not None and not isinstance(node, MappingNode):
        problems.append(messages.problem(shown, 2, "source.front_matter_not_fields"))
        return None
    meta, field_lines = fields.read_front_matter(kind, node, shown, problems)
    return Document(path, shown, meta, "\n".join(lines[end + 1:]), end + 2, text, field_lines)


def read_yaml(text: str, shown: str, first_line: int, what: str, problems: list[Problem], todo: str) -> tuple[bool, Node | None]:
    """The YAML in `text` (the file's line `first_line` onwards) as a node with its lines, or False after a problem.

    Nothing in it is run or built: anchors and aliases are refused, and nesting is bounded."""
    read, node = compose_quickly(text)
    if read:
        return True, node
    loader = None
    try:
        loader = _BoundedLoader(text)
        return True, loader.get_single_node()
    except yaml.reader.ReaderError as error:  # after read_text, only for a text that did not come from a file
        start = text.rfind("\n", 0, error.position) + 1
        line = text.count("\n", 0, error.position) + first_line
        problems.append(character_problem(shown, line, error.position - start, chr(error.character)))
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        reason = messages.from_english((error.problem or error.context or "").replace("\n", " "), "source.yaml_reason.")
        reason = reason or messages.text("source.invalid_yaml")
        problems.append(messages.problem(shown, mark.line + first_line if mark else first_line, "source.yaml", what=what,
                                         reason=reason, todo=todo))
    except (yaml.YAMLError, RecursionError) as error:
        problems.append(messages.problem(shown, first_line, "source.yaml", what=what, reason=error.__class__.__name__, todo=todo))
    finally:
        if loader is not None:
            loader.dispose()
    return False, None


_C_LOADER = getattr(yaml, "CSafeLoader", None)
"""PyYAML's loader in C (libyaml), when PyYAML was built with it."""
_LOOSER = ("\t", "\ufeff")
"""Characters libyaml allows in more places than the loader in Python: a text with one is left to the latter."""


def compose_quickly(text: str) -> tuple[bool, Node | None]:
    """(True, the node) when libyaml, PyYAML's parser in C, reads `text` to the very node _BoundedLoader would give.

    (False, None) when libyaml cannot read it, when it holds what _BoundedLoader refuses (an anchor or alias, nesting
    deeper than MAX_DEPTH) or what libyaml reads otherwise (_LOOSER, block scalars, empty values), and always when
    PyYAML has no libyaml: _BoundedLoader then reads the text itself, and says what is wrong in the editor's words.
    libyaml is about ten times faster; tests/test_source.py compares the two on the project's files and random texts."""
    if _C_LOADER is None or any(sign in text for sign in _LOOSER):
        return False, None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=_C_LOADER):
            if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
                return False, None
            if isinstance(event, yaml.NodeEvent) and depth >= MAX_DEPTH:  # as deep as _BoundedLoader refuses
                return False, None
            if isinstance(event, yaml.ScalarEvent) and (event.style in ("|", ">") or event.value == "" and not event.style):
                return False, None  # a block scalar's header libyaml reads more loosely; an empty value it places otherwise
            if isinstance(event, yaml.CollectionStartEvent):
                depth += 1
            elif isinstance(event, yaml.CollectionEndEvent):
                depth -= 1
        return True, _plain_style_as_none(yaml.compose(text, Loader=_C_LOADER))
    except (yaml.YAMLError, ValueError):  # ValueError: a lone surrogate, which libyaml cannot take as UTF-8
        return False, None


def _plain_style_as_none(node: Node | None) -> Node | None:
    """The node with each unquoted scalar's style None, as the loader in Python gives it (libyaml gives "")."""
    if isinstance(node, yaml.ScalarNode):
        node.style = node.style or None
    elif isinstance(node, yaml.SequenceNode):
        for item in node.value:
            _plain_style_as_none(item)
    elif isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _plain_style_as_none(key)
            _plain_style_as_none(value)
    return node


class _BoundedLoader(yaml.SafeLoader):
    """Composes YAML into nodes only; the types in fields.py read the values."""

    depth = 0

    def compose_node(self, parent, index):
        event = self.peek_event()
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None) is not None:
            raise yaml.composer.ComposerError(None, None, messages.text("source.anchors"), event.start_mark)
        if self.depth >= MAX_DEPTH:
            raise yaml.composer.ComposerError(None, None, messages.text("source.nested", depth=MAX_DEPTH), event.start_mark)
        self.depth += 1
        try:
            return super().compose_node(parent, index)
        finally:
            self.depth -= 1


def impossible_date(shown: str, lines: list[str], error: ValueError) -> Problem:
    """The problem of a YAML date that does not exist, placed on the first line that holds a date (for files read
    without fields.py; there, each date is reported on its own line)."""
    line = next((n for n, text in enumerate(lines, start=1) if re.search(r"\d{4}-\d{2}-\d{2}", text)), 1)
    return messages.problem(shown, line, "source.impossible_date", written=lines[line - 1].strip(),
                            error=messages.from_english(str(error), "source.date."))


def field_line(doc: Document, name: str) -> int:
    """The line of a front matter field, or 1 when it is absent."""
    return doc.lines.get(name, 1)

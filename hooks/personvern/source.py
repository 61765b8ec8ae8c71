"""Reading an editor's Markdown file: UTF-8, front matter, and where its body starts."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .problems import Problem

_CLOSE = re.compile(r"^(?:---|\.\.\.)[ \t]*$")


@dataclass
class Document:
    path: Path
    shown: str
    """The path as shown to editors."""
    meta: dict = field(default_factory=dict)
    body: str = ""
    body_line: int = 1
    """The file line on which `body` starts."""
    raw: str = ""


@dataclass(frozen=True)
class Schema:
    """The front matter fields a kind of page takes."""

    required: tuple[str, ...]
    optional: tuple[str, ...] = ()


def shown_path(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def read_text(path: Path, shown: str, problems: list[Problem]) -> str | None:
    """The file's text, or None with a problem when it is missing or not UTF-8."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        problems.append(Problem(shown, None, "the file is missing", "create it (see README › For redaktører)"))
        return None
    except OSError as error:
        problems.append(Problem(shown, None, f"the file cannot be read ({error.strerror})", "check that it is a normal file"))
        return None
    try:
        return data.decode("utf-8-sig").replace("\r\n", "\n")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        problems.append(Problem(
            shown, line, f"the file is not UTF-8 (byte 0x{data[error.start]:02x})",
            "save the file with UTF-8 encoding"))
        return None


def read_document(path: Path, shown: str, schema: Schema, problems: list[Problem]) -> Document | None:
    """Reads a Markdown file with YAML front matter; every fault found is appended to `problems`."""
    text = read_text(path, shown, problems)
    if text is None:
        return None
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        problems.append(Problem(shown, 1, "the file has no front matter",
                                'start the file with a line "---", the fields (such as "title: …") and another "---"'))
        return None
    end = next((i for i in range(1, len(lines)) if _CLOSE.match(lines[i])), None)
    if end is None:
        problems.append(Problem(shown, 1, "the front matter is never closed",
                                'add a line "---" after the last field'))
        return None
    front = "\n".join(lines[1:end])
    try:
        meta = yaml.safe_load(front) if front.strip() else {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = getattr(error, "problem", None) or "invalid YAML"
        line = mark.line + 2 if mark else 2
        problems.append(Problem(shown, line, f"the front matter is not valid YAML ({reason})",
                                'write each field as "name: value"; put a value that contains ": " in quotes'))
        return None
    except ValueError as error:  # YAML reads 2026-11-31 as a date, and that date does not exist
        problems.append(impossible_date(shown, lines[:end], error))
        return None
    if not isinstance(meta, dict):
        problems.append(Problem(shown, 2, "the front matter is not a list of fields",
                                'write each field as "name: value"'))
        return None
    doc = Document(path, shown, meta, "\n".join(lines[end + 1:]), end + 2, text)
    _check_fields(doc, schema, problems)
    return doc


def impossible_date(shown: str, lines: list[str], error: ValueError) -> Problem:
    """The problem of a YAML date that does not exist, placed on the first line that holds a date."""
    line = next((n for n, text in enumerate(lines, start=1) if re.search(r"\d{4}-\d{2}-\d{2}", text)), 1)
    return Problem(shown, line, f'"{lines[line - 1].strip()}" is not a real date ({error})', "write a date that exists, as YYYY-MM-DD")


def field_line(doc: Document, name: str) -> int:
    """The line of a front matter field, or 1 when it is absent."""
    for number, line in enumerate(doc.raw.split("\n")[: doc.body_line - 1], start=1):
        if re.match(rf"{re.escape(name)}\s*:", line):
            return number
    return 1


def _check_fields(doc: Document, schema: Schema, problems: list[Problem]) -> None:
    known = schema.required + schema.optional
    for name in doc.meta:
        if name not in known:
            problems.append(Problem(doc.shown, field_line(doc, str(name)), f'unknown front matter field "{name}"',
                                    f"use only {', '.join(known)}"))
    for name in schema.required:
        value = doc.meta.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            problems.append(Problem(doc.shown, field_line(doc, name), f'the front matter field "{name}" is missing or empty',
                                    f'add "{name}: …" between the "---" lines'))

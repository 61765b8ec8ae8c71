"""docs/release.yml: a new version described in one small file, so that editors publish without a command line.

    effective: 2027-01-01
    summary_nb: Oppdatert listen over informasjonskapsler.
    summary_en: Updated the list of cookies.

The pull request's check validates the file and shows what it will publish (`plan`); after the merge,
`personvern release --from-file docs/release.yml` archives that version and removes the file (`apply`).
"""
from __future__ import annotations

import argparse
import datetime as dt
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import diff, layout, release
from . import project as project_module
from .problems import Invalid, Problem
from .source import impossible_date, read_text, safe_load, shown_path

FIELDS = {
    "effective": "the date the version takes effect, YYYY-MM-DD",
    **{f"summary_{language}": f"what changed, in {language}: one or two plain sentences" for language in layout.LANGUAGES},
    **{f"notes_{language}": f"details of the change, in {language}: a list of plain sentences (optional)"
       for language in layout.LANGUAGES},
    "translation_unchanged": "true when only the Norwegian text changed and the translation needs no change (optional)",
}
"""Every field the file takes, with what it holds; all but effective and the summaries are optional."""
REQUIRED = ("effective", *(f"summary_{language}" for language in layout.LANGUAGES))
_FORBIDDEN = ("<", ">", "{{", "{%", "](", "`")


@dataclass
class Request:
    effective: dt.date
    summaries: dict[str, str]
    notes: dict[str, list[str]] = field(default_factory=dict)
    translation_unchanged: bool = False


@dataclass
class Plan:
    """What the release will publish."""

    number: int
    effective: dt.date
    released: dt.date
    request: Request
    changed: dict[str, list[str]]
    """Per language: the titles of the sections that change, "" for the text before the first section."""


def path(docs_dir: Path) -> Path:
    return docs_dir / layout.RELEASE_FILE


def read(file: Path, shown: str) -> Request:
    """The request the file makes; raises Invalid with every fault, each on its line."""
    problems: list[Problem] = []
    text = read_text(file, shown, problems)
    if text is None:
        raise Invalid(problems)
    lines = text.split("\n")
    try:
        data = safe_load(text) if text.strip() else {}
    except ValueError as error:  # effective: 2027-02-30
        raise Invalid([impossible_date(shown, lines, error)]) from None
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise Invalid([Problem(shown, mark.line + 1 if mark else None,
                               f"the file is not valid YAML ({getattr(error, 'problem', None) or 'invalid YAML'})",
                               'write each field as "name: value" on its own line')]) from None
    if not isinstance(data, dict):
        raise Invalid([Problem(shown, 1, "the file is not a list of fields", 'write each field as "name: value"')])

    def line(name: str) -> int:
        return next((n for n, text in enumerate(lines, start=1) if text.startswith(f"{name}:")), 1)

    for name in data:
        if name not in FIELDS:
            problems.append(Problem(shown, line(str(name)), f'unknown field "{name}"', f"use only {', '.join(FIELDS)}"))
    for name in REQUIRED:
        if data.get(name) in (None, ""):
            problems.append(Problem(shown, line(name), f'the field "{name}" is missing or empty',
                                    f'write "{name}: …", {FIELDS[name]}'))
    effective = data.get("effective")
    if isinstance(effective, str):
        try:
            effective = dt.date.fromisoformat(effective.strip())
        except ValueError:
            pass
    if effective not in (None, "") and not (isinstance(effective, dt.date) and not isinstance(effective, dt.datetime)):
        problems.append(Problem(shown, line("effective"), f'"effective" is not a date ({effective!r})', "write it as YYYY-MM-DD"))
    summaries, notes = {}, {}
    for language in layout.LANGUAGES:
        name = f"summary_{language}"
        if data.get(name) not in (None, ""):
            summaries[language] = _plain(data[name], shown, line(name), name, problems)
        name = f"notes_{language}"
        value = data.get(name)
        if value is not None:
            if not isinstance(value, list):
                problems.append(Problem(shown, line(name), f'"{name}" is not a list',
                                        'write each note on its own line below it, starting with "- "'))
            else:
                notes[language] = [_plain(note, shown, line(name), name, problems) for note in value]
    unchanged = data.get("translation_unchanged", False)
    if not isinstance(unchanged, bool):
        problems.append(Problem(shown, line("translation_unchanged"), '"translation_unchanged" is not true or false',
                                "write true or false, or remove the field"))
    if problems:
        raise Invalid(problems)
    return Request(effective, summaries, notes, unchanged)


def _plain(value, shown: str, line: int, name: str, problems: list[Problem]) -> str:
    """A plain-text field: text on one line, without markup or placeholders."""
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        problems.append(Problem(shown, line, f'"{name}" is not text', "write plain text, in quotes if it starts with a special sign"))
        return ""
    text = str(value).strip()
    if any(ord(c) < 32 or c == "\x7f" for c in text):
        problems.append(Problem(shown, line, f'"{name}" has a line break or a control character', "write it on one line"))
    markup = next((mark for mark in _FORBIDDEN if mark in text), None)
    if markup:
        problems.append(Problem(shown, line, f'"{name}" contains "{markup}"; the summaries are plain text', f'remove "{markup}"'))
    return text


def plan(docs_dir: Path, root: Path, today: dt.date) -> Plan:
    """What `apply` would publish today, worked out on a copy; raises Invalid with every problem, changing nothing."""
    file = path(docs_dir)
    request = read(file, shown_path(file, root))
    with tempfile.TemporaryDirectory() as temp:
        try:
            copy = Path(temp) / docs_dir.resolve().relative_to(root.resolve())
        except ValueError:  # docs outside the project: its problems then name the copy
            copy = Path(temp) / layout.DOCS_DIR
        shutil.copytree(docs_dir, copy, symlinks=True)
        _release(copy, Path(temp), request, today)
        project = project_module.load(copy, Path(temp), today)
    new, previous = project.versions[-1], (project.versions[-2] if len(project.versions) > 1 else None)
    changed = {language: [c.title for c in diff.compare(previous.docs[language].body, new.docs[language].body).sections]
               for language in project.languages} if previous else {}
    return Plan(new.number, new.effective, today, request, changed)


def apply(file: Path, docs_dir: Path, root: Path, today: dt.date) -> tuple[int, list[Path]]:
    """Archives the version the file describes and removes the file; raises Invalid and changes nothing when it can't."""
    written = _release(docs_dir, root, read(file, shown_path(file, root)), today)
    file.unlink()
    number = int(written[0].name.split(".")[0])
    return number, written


def _release(docs_dir: Path, root: Path, request: Request, today: dt.date) -> list[Path]:
    return release.release(docs_dir, root, request.effective, request.summaries, today, request.notes,
                           request.translation_unchanged)


_ARGUMENTS = ("effective", "summary_nb", "summary_en")
"""The arguments `personvern release` needs unless --from-file gives them."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """`personvern release`'s arguments, and --from-file in place of the three it otherwise needs."""
    release.add_arguments(parser)
    for action in parser._actions:
        if action.dest in _ARGUMENTS:
            action.required = False
    parser.add_argument("--from-file", type=Path, metavar="FILE",
                        help=f"take the date, summaries and notes from FILE ({layout.DOCS_DIR}/{layout.RELEASE_FILE}), "
                             "and remove it once the version is archived")


def run(args: argparse.Namespace) -> int:
    """`personvern release`: from the arguments, or from docs/release.yml with --from-file."""
    if args.from_file is None:
        missing = [f"--{name.replace('_', '-')}" for name in _ARGUMENTS if getattr(args, name) is None]
        if missing:
            print(f"personvern release: give {', '.join(missing)}, or --from-file {layout.DOCS_DIR}/{layout.RELEASE_FILE}",
                  file=sys.stderr)
            return 2
        return release.run(args)
    root = Path.cwd()
    try:
        number, written = apply(args.from_file, args.docs, root, release.release_date())
    except Invalid as invalid:
        for problem in invalid.problems:
            print(problem, file=sys.stderr)
        print(f"Nothing was published: {len(invalid.problems)} problem(s).", file=sys.stderr)
        return 1
    for file in written:
        print(f"wrote {shown_path(file, root)}")
    print(f"removed {shown_path(args.from_file, root)}")
    print(f"published version {number}")
    return 0

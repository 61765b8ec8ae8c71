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

from yaml.nodes import MappingNode, Node, ScalarNode

from . import diff, fields, layout, messages, release
from . import project as project_module
from .problems import Invalid, Problem
from .source import read_text, read_yaml, shown_path

class _YesNo(fields.Type):
    name = "yes_no"

    def value(self, node: Node, at: fields.Name) -> bool | None:
        if isinstance(node, ScalarNode) and node.tag == "tag:yaml.org,2002:null":
            return None
        if not isinstance(node, ScalarNode) or node.tag != "tag:yaml.org,2002:bool":
            wrong = messages.problem("", None, "release.yes_no", key=at.key)
            raise fields.Wrong(wrong.what, wrong.todo)
        return node.value.lower() in ("true", "yes", "on")


RELEASE = fields.Group(
    fields.Field("effective", fields.Date(), True, "the date the version takes effect, YYYY-MM-DD"),
    *(fields.Field(f"summary_{language}", fields.Text(), True, f"what changed, in {language}: one or two plain sentences")
      for language in layout.LANGUAGES),
    *(fields.Field(f"notes_{language}", fields.ListOf(fields.Text()), False, f"details of the change, in {language}")
      for language in layout.LANGUAGES),
    fields.Field("translation_unchanged", _YesNo(), False,
                 "true when only the source text changed and the translation needs no change"),
)
"""The fields of docs/release.yml, each declared once with its type; every text is plain text."""
FIELDS = RELEASE.fields


@dataclass
class Request:
    effective: dt.date
    summaries: dict[str, str]
    notes: dict[str, list[str]] = field(default_factory=dict)
    translation_unchanged: bool = False
    places: release.Places = field(default_factory=dict, compare=False)
    """The file and the line of each field, for the release's messages (not part of what is requested)."""


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
    return layout.release_path(docs_dir)


def read(file: Path, shown: str) -> Request:
    """The request the file makes; raises Invalid with every fault, each on its line."""
    problems: list[Problem] = []
    text = read_text(file, shown, problems)
    if text is None:
        raise Invalid(problems)
    ok, node = read_yaml(text, shown, 1, messages.text("release.the_file"), problems, messages.text("release.yaml"))
    if ok and node is not None and not isinstance(node, MappingNode):
        problems.append(messages.problem(shown, 1, "release.not_fields"))
    if problems:
        raise Invalid(problems)
    values, lines, ok = RELEASE.read_fields(node, fields.Name("", ""), fields.Report(shown, 1, "field", problems))
    if problems:
        raise Invalid(problems)
    return Request(values["effective"], {language: values[f"summary_{language}"] for language in layout.LANGUAGES},
                   {language: values[f"notes_{language}"] for language in layout.LANGUAGES if values.get(f"notes_{language}")},
                   bool(values.get("translation_unchanged", False)),
                   {name: (shown, lines.get(name)) for name in RELEASE.fields})


def date_problems(file: Path, shown: str, project: project_module.Project, today: dt.date) -> list[Problem]:
    """What is wrong with the file's effective date, when the date itself can be read: reported beside the file's other
    faults, so that an editor fixes all of them in one round."""
    text = read_text(file, shown, [])
    ok, node = read_yaml(text, shown, 1, "", [], "") if text is not None else (False, None)
    if not ok or not isinstance(node, MappingNode):
        return []
    values, lines, _ = RELEASE.read_fields(node, fields.Name("", ""), fields.Report(shown, 1, "field", []))
    if "effective" not in values:
        return []
    return release.date_problems(project, values["effective"], today, (shown, lines["effective"]))


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
                           request.translation_unchanged, request.places)


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
            print(messages.text("release.arguments", missing=", ".join(missing),
                                file=f"{layout.DOCS_DIR}/{layout.RELEASE_FILE}"), file=sys.stderr)
            return 2
        return release.run(args)
    root = Path.cwd()
    try:
        number, written = apply(args.from_file, args.docs, root, release.release_date())
    except Invalid as invalid:
        return release.refused(invalid)
    for file in written:
        print(messages.text("release.wrote", file=shown_path(file, root)))
    print(messages.text("release.removed", file=shown_path(args.from_file, root)))
    print(messages.text("release.published", number=number))
    return 0

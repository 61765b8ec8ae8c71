"""Cutting a new version: archive the current text in every language and record its fingerprints.

    python -m personvern.release --effective 2027-01-01 --summary-nb "…" --summary-en "…"
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import yaml

from . import fields, layout, writing
from . import source as source_module
from . import project as project_module
from . import messages
from .problems import Invalid, Problem
from .revision import TODAY_VARIABLE, build_date, parse_date
from .source import shown_path
from .versions import MAX_AHEAD, fingerprint


EXAMPLE_SUMMARY = {"nb": "Kort sammendrag av endringen.", "en": "Short summary of the change."}
"""The README's example summary in each language: a release that copies it verbatim is refused."""


Places = dict[str, tuple[str, int | None]]
"""Where each input of a release was written, for its messages: "effective", "summary_nb", "notes_nb" … → (what the
editor wrote it in, its line): an argument of `personvern release`, or a field of docs/release.yml."""


def arguments() -> Places:
    """The places of a release from the command line: its arguments."""
    places: Places = {"effective": ("--effective", None)}
    for language in layout.LANGUAGES:
        places[f"summary_{language}"], places[f"notes_{language}"] = (f"--summary-{language}", None), (f"--note-{language}", None)
    return places


def release(docs_dir: Path, root: Path, effective: dt.date, summaries: dict[str, str], today: dt.date,
            notes: dict[str, list[str]] | None = None, translation_unchanged: bool = False,
            places: Places | None = None) -> list[Path]:
    """Archives the current text as the next version; raises Invalid and writes nothing when it can't. A problem with
    the date, a summary or a note is reported at its place (the arguments, unless `places` says otherwise).

    It checks everything first, the new files included, with the loader the build uses; then, holding a lock on the
    docs folder, writes each file to a temporary name and renames it into place, SHA256SUMS last. A release that is
    interrupted leaves nothing, or a complete version."""
    with writing.locked(docs_dir, root):
        files = prepare(docs_dir, root, effective, summaries, today, notes or {}, translation_unchanged,
                        places or arguments())
        writing.commit(files, root)
    return [path for path, _ in files]


def prepare(docs_dir: Path, root: Path, effective: dt.date, summaries: dict[str, str], today: dt.date,
            notes: dict[str, list[str]], translation_unchanged: bool, places: Places) -> list[tuple[Path, bytes]]:
    """The files the release writes, SHA256SUMS last, after checking that the build will accept them."""
    project = project_module.load(docs_dir, root, today)
    source = project.statement.docs[project.languages[0]].shown
    latest = project.versions[-1] if project.versions else None
    problems = _rules(project, source, effective, summaries, today, notes, places)
    current = {doc.shown for doc in project.statement.docs.values()}
    stale = [w for w in project.warnings if w.path in current]  # published versions are not this release's business
    if stale and not translation_unchanged:
        problems += stale
    if problems:
        raise Invalid(problems)
    number = latest.number + 1 if latest else 1
    folder = docs_dir / layout.VERSIONS_DIR
    files, sums = [], []
    for language in project.languages:
        doc = project.statement.docs[language]
        meta = {"title": doc.meta["title"], "version": number, "effective": effective, "released": today,
                "summary": " ".join(summaries[language].split())}
        if doc.meta.get("description"):
            meta["description"] = doc.meta["description"]  # the version's own, shown while it is in force
        if notes.get(language):
            meta["notes"] = notes[language]
        if translation_unchanged and language != project.languages[0] and language not in project.unreleased:
            meta["translation"] = "unchanged"
        front = yaml.dump(meta, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False, width=1000)
        text = f"---\n{front}---\n{project.statement.text[language]}"
        path = layout.version_path(docs_dir, number, language)
        files.append((path, _encoded(text, shown_path(path, root))))
        sums.append(f"{fingerprint(text)}  {path.name}\n")
    old = folder / layout.FINGERPRINTS
    existing = old.read_text(encoding="utf-8") if old.is_file() else ""
    files.append((old, (existing + ("\n" if existing and not existing.endswith("\n") else "") + "".join(sums)).encode("utf-8")))
    writing.staged_check(docs_dir, root, today, files)
    return files


def release_date() -> dt.date:
    """The day a release is dated: the build date, which PERSONVERN_TODAY may set for previews, but never later than
    today; raises Invalid otherwise."""
    today, actual = build_date(), build_date({})
    if today > actual:
        raise Invalid([messages.problem(TODAY_VARIABLE, None, "release.future", today=today, actual=actual, variable=TODAY_VARIABLE)])
    return today


def _rules(project, source: str, effective: dt.date, summaries: dict[str, str], today: dt.date,
           notes: dict[str, list[str]], places: Places) -> list[Problem]:
    """What a release may not do: repeat the text, take effect retroactively, more than MAX_AHEAD ahead or before the
    version it follows, or go without a real summary in every language."""
    latest = project.versions[-1] if project.versions else None
    problems = []
    if latest is not None and not project.unreleased:
        problems.append(messages.problem(source, None, "release.same_text", number=latest.number))
    problems += date_problems(project, effective, today, places["effective"])
    for language in project.languages:
        summary, place = " ".join(summaries.get(language, "").split()), places[f"summary_{language}"]
        if not summary:
            problems.append(messages.problem(*place, "release.no_summary", language=language, upper=language.upper()))
        elif any(_same(summary, example) for example in EXAMPLE_SUMMARY.values()):
            problems.append(messages.problem(*place, "release.example_summary", language=language, summary=summary))
        else:  # as given: a character the allow-list refuses is refused, even one that split() would make a space
            problems += _argument_problems(place, [summaries[language]])
        problems += _argument_problems(places[f"notes_{language}"], notes.get(language, []))
    return problems


def date_problems(project, effective: dt.date, today: dt.date, place: tuple[str, int | None]) -> list[Problem]:
    """What is wrong with `effective` as the date of the next version, released `today`: at most one problem."""
    latest = project.versions[-1] if project.versions else None
    if effective < today:
        return [messages.problem(*place, "release.retroactive", effective=effective, today=today)]
    if effective > today + MAX_AHEAD:
        return [messages.problem(*place, "release.too_far", effective=effective, today=today, latest=today + MAX_AHEAD)]
    if latest is not None and effective < latest.effective:
        return [messages.problem(*place, "release.before_latest", effective=effective, number=latest.number,
                                 latest=latest.effective)]
    return []


def _argument_problems(place: tuple[str, int | None], values: list[str]) -> list[Problem]:
    """Summaries and notes are plain text of a sensible length, reported at their place: the archived file they would
    go into does not exist yet. (The release file's fields are checked as plain text where it is read.)"""
    problems = []
    for value in values:
        fault = fields.plain_text_fault(value.strip(), multiline=True)
        if not value.strip():
            problems.append(messages.problem(*place, "release.empty_argument", argument=place[0]))
        elif fault:
            problems.append(Problem(*place, *fault))
        elif len(value) > source_module.MAX_LINE:
            problems.append(messages.problem(*place, "release.long_argument", count=len(value), limit=source_module.MAX_LINE))
    return problems


def _same(summary: str, example: str) -> bool:
    return summary.casefold().rstrip(" .") == example.casefold().rstrip(" .")


def _encoded(text: str, shown: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError as error:
        line = text.count("\n", 0, error.start) + 1
        raise Invalid([messages.problem(shown, line, "release.not_unicode", code=f"{ord(text[error.start]):04X}")]) from None


class _PlainDumper(yaml.SafeDumper):
    """Writes each value in full: no "&id001" anchors when two dates are the same."""

    def ignore_aliases(self, data) -> bool:
        return True


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--effective", required=True, type=_date, help="the date the version takes effect, YYYY-MM-DD")
    parser.add_argument("--summary-nb", required=True, help="what changed, in Norwegian (one or two sentences)")
    parser.add_argument("--summary-en", required=True, help="what changed, in English")
    parser.add_argument("--note-nb", action="append", default=[], help="a detail of the change, in Norwegian (repeatable)")
    parser.add_argument("--note-en", action="append", default=[], help="a detail of the change, in English (repeatable)")
    parser.add_argument("--translation-unchanged", action="store_true",
                        help="the English text needs no change although the Norwegian changed")


def refused(invalid: Invalid) -> int:
    """Prints every problem of a refused release and the closing line; the exit code."""
    for problem in invalid.problems:
        print(problem, file=sys.stderr)
    print(messages.text("release.refused", count=len(invalid.problems)), file=sys.stderr)
    return 1


def run(args: argparse.Namespace) -> int:
    """`personvern release`: prints what it wrote, or every problem and exit 1 with nothing written."""
    try:
        today = release_date()
        paths = release(args.docs, Path.cwd(), args.effective, {"nb": args.summary_nb, "en": args.summary_en}, today,
                        {"nb": args.note_nb, "en": args.note_en}, args.translation_unchanged)
    except Invalid as invalid:
        return refused(invalid)
    for path in paths:
        print(messages.text("release.wrote", file=path))
    print(messages.text("release.commit"))
    return 0


def main(argv: list[str] | None = None) -> int:
    """`personvern-release`, the older name of `personvern release`."""
    from .cli import main as personvern
    return personvern(["release", *(sys.argv[1:] if argv is None else argv)])


def _date(value: str) -> dt.date:
    try:
        return parse_date(value)
    except ValueError:
        raise argparse.ArgumentTypeError(messages.text("release.not_a_date", value=repr(value)))


if __name__ == "__main__":
    sys.exit(main())

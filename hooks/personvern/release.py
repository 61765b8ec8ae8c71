"""Cutting a new version: archive the current text in every language and record its fingerprints.

    python -m personvern.release --effective 2027-01-01 --summary-nb "…" --summary-en "…"
"""
from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path

import yaml

from . import layout
from . import project as project_module
from .problems import Invalid, Problem
from .revision import build_date
from .versions import fingerprint, unwritten_problems


def release(docs_dir: Path, root: Path, effective: dt.date, summaries: dict[str, str], today: dt.date,
            notes: dict[str, list[str]] | None = None, translation_unchanged: bool = False) -> list[Path]:
    """Archives the current text as the next version; raises Invalid and writes nothing when it can't."""
    project = project_module.load(docs_dir, root, today)
    source = project.statement.docs[project.languages[0]].shown
    latest = project.versions[-1] if project.versions else None
    problems = []
    if latest is not None and not project.unreleased:
        problems.append(Problem(source, None, f"the text is the same as version {latest.number}", "change the text before you publish a new version"))
    if latest is not None and effective <= latest.effective:
        problems.append(Problem(source, None, f"the effective date {effective} is not after version {latest.number}'s ({latest.effective})",
                                "choose a later effective date"))
    for language in project.languages:
        if not summaries.get(language, "").strip():
            problems.append(Problem(source, None, f"no summary of the change in {language}",
                                    f'give SUMMARY_{language.upper()}="…" to `make release` (--summary-{language} to the command)'))
    current = {doc.shown for doc in project.statement.docs.values()}
    stale = [w for w in project.warnings if w.path in current]  # published versions are not this release's business
    if stale and not translation_unchanged:
        problems += stale
    if problems:
        raise Invalid(problems)
    number = latest.number + 1 if latest else 1
    folder = docs_dir / layout.VERSIONS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written, sums = [], []
    for language in project.languages:
        doc = project.statement.docs[language]
        meta = {"title": doc.meta["title"], "version": number, "effective": effective, "released": today,
                "summary": summaries[language].strip()}
        if notes and notes.get(language):
            meta["notes"] = notes[language]
        if translation_unchanged and language != project.languages[0] and language not in project.unreleased:
            meta["translation"] = "unchanged"
        front = yaml.dump(meta, Dumper=_PlainDumper, allow_unicode=True, sort_keys=False, width=1000)
        text = f"---\n{front}---\n{project.statement.text[language]}"
        path = layout.version_path(docs_dir, number, language)
        written.append((path, text))
        sums.append(f"{fingerprint(text)}  {path.name}\n")
    refused = unwritten_problems(dict(written), number, root, project.facts)  # the build's own checks, before writing
    if refused:
        raise Invalid(refused)
    for path, text in written:
        path.write_text(text, encoding="utf-8")
    fingerprints = folder / layout.FINGERPRINTS
    existing = fingerprints.read_text(encoding="utf-8") if fingerprints.exists() else ""
    with fingerprints.open("a", encoding="utf-8") as handle:
        if existing and not existing.endswith("\n"):
            handle.write("\n")
        handle.writelines(sums)
    return [path for path, _ in written] + [folder / layout.FINGERPRINTS]


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


def run(args: argparse.Namespace) -> int:
    """`personvern release`: prints what it wrote, or every problem and exit 1 with nothing written."""
    try:
        paths = release(args.docs, Path.cwd(), args.effective, {"nb": args.summary_nb, "en": args.summary_en}, build_date(),
                        {"nb": args.note_nb, "en": args.note_en}, args.translation_unchanged)
    except Invalid as invalid:
        for problem in invalid.problems:
            print(problem, file=sys.stderr)
        print(f"Nothing was published: {len(invalid.problems)} problem(s).", file=sys.stderr)
        return 1
    for path in paths:
        print(f"wrote {path}")
    print("Commit these files in the same pull request as the text change.")
    return 0


def main(argv: list[str] | None = None) -> int:
    """`personvern-release`, the older name of `personvern release`."""
    from .cli import main as personvern
    return personvern(["release", *(sys.argv[1:] if argv is None else argv)])


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{value!r} is not a date; write YYYY-MM-DD")


if __name__ == "__main__":
    sys.exit(main())

"""`personvern check`: every problem the build would report, without building, as lines or as GitHub annotations.

With docs/release.yml present, the unpublished text is what that file publishes: the check validates the file,
works out the version on a copy, and shows it (version number, dates, what changed) in the job summary.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import cache, github, layout, messages
from . import project as project_module
from .problems import Invalid, Problem
from .revision import build_date, format_date
from .source import shown_path

TYPE_CHECKING = False  # as typing.TYPE_CHECKING, which type checkers read alike, without importing typing on every check
if TYPE_CHECKING:
    from . import release_file


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "github"), default="text",
                        help="github: also print ::error annotations and write the job summary")


def run(args: argparse.Namespace) -> int:
    root = Path.cwd()
    with cache.kept_in(root / layout.CACHE_DIR):  # archived texts unchanged since the last check are not rendered again
        problems, plan = problems_and_plan(args.docs, root)
    if args.format == "github":
        for problem in problems:
            print(github.annotation(problem, messages.text("check.annotation_title")))
        github.write_summary(summary(problems, plan, shown_path(layout.release_path(args.docs), root)))
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(messages.text("check.closing", count=len(problems)), file=sys.stderr)
        return 1
    if plan is not None:  # the release date is the day of the merge: a version for today must be merged today
        print(messages.text("check.publishes_today" if plan.effective == plan.released else "check.publishes",
                            file=shown_path(layout.release_path(args.docs), root), number=plan.number,
                            date=plan.effective.isoformat()))
    print(messages.text("check.ok", docs=layout.DOCS_DIR))
    return 0


_DAYS = {0: "summary.today", 1: "summary.tomorrow"}
"""How the job summary says when a version takes effect, when "in N days" does not read well."""


def problems_and_plan(docs_dir: Path, root: Path) -> tuple[list[Problem], release_file.Plan | None]:
    from . import embed  # here, not at the top: the check needs only its setting, not the embed pages' templates
    problems = layout.config_problems(root / layout.CONFIG_FILE, layout.CONFIG_FILE)
    problems += [] if problems else embed.origin_problems(root / layout.CONFIG_FILE, layout.CONFIG_FILE)
    today, plan = build_date(), None
    pending = layout.release_path(docs_dir).exists()
    if pending:
        from . import release_file  # here, not at the top: only a version waiting in docs/release.yml needs it
    try:
        project = project_module.load(docs_dir, root, today)
    except Invalid as invalid:
        problems += invalid.problems
        if pending:  # the file's own faults too, so that all are fixed in one round
            file = release_file.path(docs_dir)
            try:
                release_file.read(file, shown_path(file, root))
            except Invalid as more:
                problems += more.problems
        return problems, None
    if not pending:
        return problems + [project_module.unreleased_problem(project, language) for language in project.unreleased] \
            + project.warnings, None
    if project.versions and not project.unreleased:  # what the file describes is out already: a file left behind
        shown = shown_path(release_file.path(docs_dir), root)
        return problems + [messages.problem(shown, None, "check.release_file_left", number=project.versions[-1].number,
                                            file=shown)], None
    try:
        plan = release_file.plan(docs_dir, root, today)
    except Invalid as invalid:
        file = release_file.path(docs_dir)
        dates = release_file.date_problems(file, shown_path(file, root), project, today)
        problems += invalid.problems + [problem for problem in dates if problem not in invalid.problems]
    return problems, plan


def summary(problems: list[Problem], plan: release_file.Plan | None, shown: str) -> str:
    """The job summary, in the editor's language: the problems, and what docs/release.yml will publish."""
    words, language = messages.catalogue(), messages.language()
    lines = [f"## {words['check.annotation_title']}", ""]
    if problems:
        lines += [words["summary.problems"].format(count=len(problems)), ""] + [f"- {_escape(str(p))}" for p in problems]
    else:
        lines.append(words["summary.no_problems"])
    if plan is not None:
        days = (plan.effective - plan.released).days
        lines += ["", f"### {words['summary.version'].format(file=shown, number=plan.number)}", "", "| | |", "| --- | --- |",
                  f"| {words['summary.effective']} | {format_date(plan.effective, language)} ({plan.effective.isoformat()}), "
                  f"{words[_DAYS.get(days, 'summary.days')].format(days=days)} |",
                  f"| {words['summary.released']} | {words['summary.on_merge'].format(today=plan.released.isoformat())} |"]
        for code in layout.LANGUAGES:
            lines.append(f"| {words['summary.summary'].format(language=code)} | {_escape(plan.request.summaries[code])} |")
            for note in plan.request.notes.get(code, []):
                lines.append(f"| {words['summary.note'].format(language=code)} | {_escape(note)} |")
            changed = ", ".join(_escape(title or words["summary.introduction"]) for title in plan.changed.get(code, []))
            lines.append(f"| {words['summary.changed'].format(language=code)} | {changed or '–'} |")
    return "\n".join(lines)


def _escape(text: str) -> str:
    """Text shown as it is in GitHub's Markdown: every sign that could start markup is escaped."""
    return "".join(f"\\{c}" if c in "\\`*_{}[]()#+-.!|<>&~" else c for c in text.replace("\n", " "))

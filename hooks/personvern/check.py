"""`personvern check`: every problem the build would report, without building, as lines or as GitHub annotations.

With docs/release.yml present, the unpublished text is what that file publishes: the check validates the file,
works out the version on a copy, and shows it (version number, dates, what changed) in the job summary.
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import embed, github, layout, release_file
from . import project as project_module
from .problems import Invalid, Problem
from .revision import build_date, format_date
from .source import shown_path

TITLE = "personvern check"
"""The title of each annotation."""


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "github"), default="text",
                        help="github: also print ::error annotations and write the job summary")


def run(args: argparse.Namespace) -> int:
    root = Path.cwd()
    problems, plan = problems_and_plan(args.docs, root)
    if args.format == "github":
        for problem in problems:
            print(github.annotation(problem, TITLE))
        github.write_summary(summary(problems, plan, shown_path(release_file.path(args.docs), root)))
    if problems:
        for problem in problems:
            print(problem, file=sys.stderr)
        print(f"{len(problems)} problem(s). Fix them and check again.", file=sys.stderr)
        return 1
    if plan is not None:
        print(f"{shown_path(release_file.path(args.docs), root)}: publishes version {plan.number}, "
              f"effective {plan.effective.isoformat()}")
    print(f"{layout.DOCS_DIR}: no problems")
    return 0


def problems_and_plan(docs_dir: Path, root: Path) -> tuple[list[Problem], release_file.Plan | None]:
    problems = layout.config_problems(root / layout.CONFIG_FILE, layout.CONFIG_FILE)
    problems += [] if problems else embed.origin_problems(root / layout.CONFIG_FILE, layout.CONFIG_FILE)
    today, plan = build_date(), None
    pending = release_file.path(docs_dir).exists()
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
    try:
        plan = release_file.plan(docs_dir, root, today)
    except Invalid as invalid:
        problems += invalid.problems
    return problems, plan


def summary(problems: list[Problem], plan: release_file.Plan | None, shown: str) -> str:
    """The job summary: the problems, or what docs/release.yml will publish."""
    lines = ["## personvern check", ""]
    if problems:
        lines += [f"{len(problems)} problem(s):", ""] + [f"- {_escape(str(problem))}" for problem in problems]
    else:
        lines.append("No problems.")
    if plan is not None:
        lines += ["", f"### {shown}: version {plan.number}", "", "| | |", "| --- | --- |",
                  f"| Gjelder fra / effective | {format_date(plan.effective, 'nb')} ({plan.effective.isoformat()}), "
                  f"{(plan.effective - plan.released).days} dager fra i dag / days from today |",
                  f"| Publiseres / released | når pull requesten slås sammen / when the pull request is merged "
                  f"(i dag / today: {plan.released.isoformat()}) |"]
        for language in layout.LANGUAGES:
            lines.append(f"| Sammendrag / summary ({language}) | {_escape(plan.request.summaries[language])} |")
            for note in plan.request.notes.get(language, []):
                lines.append(f"| Detalj / note ({language}) | {_escape(note)} |")
            changed = ", ".join(_escape(title or "(innledningen / introduction)") for title in plan.changed.get(language, []))
            lines.append(f"| Endrede seksjoner / changed sections ({language}) | {changed or '–'} |")
    return "\n".join(lines)


def _escape(text: str) -> str:
    """Text shown as it is in GitHub's Markdown: every sign that could start markup is escaped."""
    return "".join(f"\\{c}" if c in "\\`*_{}[]()#+-.!|<>&~" else c for c in text.replace("\n", " "))

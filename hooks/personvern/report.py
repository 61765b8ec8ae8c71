"""`personvern report`: the GDPR checklist per language (covered / partly / missing, section, notes) and the hints,
as a text table, Markdown or JSON, all with the same content. For editors and CI; never published on the site."""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from . import coverage, hints, layout, messages
from . import project as project_module
from .problems import Invalid
from .revision import build_date
from .source import shown_path

FORMATS = ("text", "markdown", "json")
STATUSES = (coverage.COVERED, coverage.PARTLY, coverage.MISSING)
"""In the order the summary counts them."""


def _status(status: str, language: str) -> str:
    """A status in the language of the table it is in: a text's table speaks the text's language, not the editor's."""
    return messages.catalogue(language)[f"report.{status}"]


def _head(language: str) -> list[str]:
    return messages.catalogue(language)["report.head"].split(" | ")


def build(docs_dir: Path, root: Path) -> dict:
    """The report as plain data; raises Invalid when the files cannot be read (a missing item is not a problem)."""
    project = project_module.load(docs_dir, root, build_date())
    path = docs_dir / layout.COVERAGE_FILE
    shown, problems = shown_path(path, root), []
    mapping = coverage.load_mapping(path, shown, problems)
    if problems:
        raise Invalid(problems)
    languages = {}
    for language in project.languages:
        rows = coverage.rows(project, mapping, language, shown)
        languages[language] = {
            "file": project.statement.docs[language].shown,
            "summary": {status: sum(row.status == status for row in rows) for status in STATUSES},
            "items": [{"key": row.item.key, "article": row.item.article, "name": row.item.name[language], "status": row.status,
                       "sections": row.sections, "notes": row.notes} for row in rows]}
    found = [{"file": h.path, "line": h.line, "key": h.key, "quote": h.quote, "message": h.message} for h in hints.find(project)]
    return {"mapping": shown, "languages": languages, "hints": found}


def text(report: dict) -> str:
    out = []
    for language, part in report["languages"].items():
        out.append(f"{part['file']} ({language}): {_summary(part, language)}")
        table = [_head(language)] + [_cells(item, language) for item in part["items"]]
        widths = [max(len(row[i]) for row in table) for i in range(4)]
        out += ["  " + "  ".join(cell.ljust(width) for cell, width in zip(row, widths)) + "  " + row[4] for row in table]
        out.append("")
    out.append(messages.text("report.hints", count=len(report["hints"])))
    out += [f"{h['file']}:{h['line']}: hint: {h['message']}" for h in report["hints"]]
    return "\n".join(out) + "\n"


def markdown(report: dict) -> str:
    out = []
    for language, part in report["languages"].items():
        out += [f"## {_cell(part['file'])} ({language})", "", _summary(part, language), "",
                "| " + " | ".join(_head(language)) + " |", "|" + " --- |" * 5]
        out += ["| " + " | ".join(_cell(cell) for cell in _cells(item, language)) + " |" for item in part["items"]]
        out.append("")
    out += [f"## {messages.text('report.hints_heading', count=len(report['hints']))}", ""]
    out += [f"- `{h['file']}:{h['line']}`: {_cell(h['message'])}" for h in report["hints"]]
    return "\n".join(out) + "\n"


def _cells(item: dict, language: str) -> tuple[str, ...]:
    return (item["article"], item["name"], _status(item["status"], language), ", ".join(item["sections"]) or "—",
            "; ".join(item["notes"]))


def _summary(part: dict, language: str) -> str:
    counts = part["summary"]
    return ", ".join(f"{counts[status]} {_status(status, language)}" for status in STATUSES) + f" ({len(part['items'])})"


def _cell(value: str) -> str:
    """A value safe inside a Markdown table cell: no line breaks, no pipes, no HTML."""
    value = " ".join(str(value).split())
    for raw, escaped in (("&", "&amp;"), ("<", "&lt;"), (">", "&gt;"), ("|", "\\|")):
        value = value.replace(raw, escaped)
    return value


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=FORMATS, default="text", help="text (default), markdown or json")


def run(args: argparse.Namespace) -> int:
    """Prints the report; exit 0 however much is missing, 1 only when the files cannot be read."""
    try:
        report = build(args.docs, Path.cwd())
    except Invalid as invalid:
        for problem in invalid.problems:
            print(problem, file=sys.stderr)
        print(messages.text("report.refused", count=len(invalid.problems)), file=sys.stderr)
        return 1
    if args.format == "json":
        sys.stdout.write(json.dumps(report, ensure_ascii=False, indent=2) + "\n")
    else:
        sys.stdout.write((markdown if args.format == "markdown" else text)(report))
    return 0

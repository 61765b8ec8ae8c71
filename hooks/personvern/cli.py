"""`personvern`: the project's one command. Each subcommand calls the domain directly; none runs the site generator.

    personvern check [--format github]   validate everything an editor wrote, without building the site
    personvern release --effective …     archive the current text as a new version
    personvern release --from-file docs/release.yml   … as that file describes it, then remove the file
    personvern report [--format …]       which GDPR Art. 13/14 items the text covers; hints on vague wording
    personvern verify-archive --base main --published https://…/versions.json
                                         no published version was changed, renamed or removed
"""
from __future__ import annotations

import argparse
import sys
from pathlib import Path

from . import check, layout, messages, release_file, verify
from . import report as coverage_report
from .problems import Invalid, Problem


SUBCOMMANDS = {
    "check": (check.run, "validate the statement, facts, links, archive and release file without building the site",
              check.add_arguments),
    "release": (release_file.run, "archive the current text as a new version", release_file.add_arguments),
    "report": (coverage_report.run, "which GDPR Art. 13/14 items the text covers, and wording hints (never fails on a missing item)",
               coverage_report.add_arguments),
    "verify-archive": (verify.run, "check that no published version was changed, renamed or removed", verify.add_arguments),
}
"""name: (function taking the parsed arguments and returning the exit code, help, function adding its arguments)."""


def report(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)
    print(messages.text("cli.nothing_changed", count=len(problems)), file=sys.stderr)


class Parser(argparse.ArgumentParser):
    """argparse, with its closing line of a usage error in the editor's language (the words inside it are argparse's)."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, messages.text("cli.usage_error", prog=self.prog, message=message) + "\n")


def parser() -> argparse.ArgumentParser:
    top = Parser(prog="personvern", description="Publish West Elektro AS's privacy statement.")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (function, summary, add_arguments) in SUBCOMMANDS.items():
        sub = commands.add_parser(name, help=summary, description=summary)
        sub.add_argument("--docs", type=Path, default=Path(layout.DOCS_DIR), help="the docs folder (default: docs)")
        if add_arguments is not None:
            add_arguments(sub)
        sub.set_defaults(function=function)
    return top


def main(argv: list[str] | None = None) -> int:
    try:
        args = parser().parse_args(argv)
        garbled = _not_text(args)
        if garbled:
            print(garbled, file=sys.stderr)
            return 2
        return args.function(args)
    except Invalid as invalid:
        report(invalid.problems)
        return 1
    except KeyboardInterrupt:
        print(messages.text("cli.interrupted"), file=sys.stderr)
        return 130


def _not_text(args: argparse.Namespace) -> str | None:
    """The first argument that is not valid UTF-8 (the system hands such bytes over as lone surrogates), as one line."""
    for name, value in vars(args).items():
        for text in value if isinstance(value, list) else [value]:
            bad = next((c for c in text if "\ud800" <= c <= "\udfff"), None) if isinstance(text, str) else None
            if bad is not None:
                byte = f"byte 0x{ord(bad) - 0xDC00:02x}" if ord(bad) >= 0xDC80 else f"U+{ord(bad):04X}"
                return str(messages.problem(f"--{name.replace('_', '-')}", None, "cli.not_text", byte=byte))
    return None


if __name__ == "__main__":
    sys.exit(main())

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
import importlib
import sys
from pathlib import Path

from . import layout, messages
from .problems import Invalid, Problem


SUBCOMMANDS = {
    "check": ("check", "validate the statement, facts, links, archive and release file without building the site"),
    "release": ("release_file", "archive the current text as a new version"),
    "report": ("report", "which GDPR Art. 13/14 items the text covers, and wording hints (never fails on a missing item)"),
    "verify-archive": ("verify", "check that no published version was changed, renamed or removed"),
}
"""name: (the module of this package that does it, help). The module's run(args) returns the exit code, and its
add_arguments(parser) declares its arguments. Only the module of the subcommand given is imported, so that each
command loads only the code it needs (`personvern check` runs in every pull request)."""


def report(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)
    print(messages.text("cli.nothing_changed", count=len(problems)), file=sys.stderr)


class Parser(argparse.ArgumentParser):
    """argparse, with its closing line of a usage error in the editor's language (the words inside it are argparse's)."""

    def error(self, message: str):
        self.print_usage(sys.stderr)
        self.exit(2, messages.text("cli.usage_error", prog=self.prog, message=message) + "\n")


def parser(command: str | None = None) -> argparse.ArgumentParser:
    """The command line, with the arguments of `command` (the subcommand given, if any)."""
    top = Parser(prog="personvern", description="Publish West Elektro AS's privacy statement.")
    commands = top.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, (module, summary) in SUBCOMMANDS.items():
        sub = commands.add_parser(name, help=summary, description=summary)
        sub.add_argument("--docs", type=Path, default=Path(layout.DOCS_DIR), help="the docs folder (default: docs)")
        if name == command:
            code = importlib.import_module(f"{__package__}.{module}")
            code.add_arguments(sub)
            sub.set_defaults(function=code.run)
    return top


def main(argv: list[str] | None = None) -> int:
    try:
        given = sys.argv[1:] if argv is None else argv
        args = parser(next((word for word in given if not word.startswith("-")), None)).parse_args(given)
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

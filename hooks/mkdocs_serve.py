"""`make serve`: MkDocs' live preview on a chosen port, which shows the build's problems instead of hanging.

    python hooks/mkdocs_serve.py [--port 8000]

A busy port is one line, not a traceback. While the build has problems, every page of the preview is a page
that lists them, in the editor's language (PERSONVERN_LANG); it reloads by itself once they are fixed.
Like mkdocs_hooks.py this is an adapter: it knows MkDocs, and takes its words from the domain.
"""
from __future__ import annotations

import argparse
import logging
import socket
import sys
from pathlib import Path

import jinja2
import mkdocs.commands.serve
from mkdocs.__main__ import cli
from mkdocs.commands.build import build

from personvern import layout, messages
from personvern.cli import Parser

TEMPLATE = Path(__file__).resolve().parents[1] / "overrides" / "build-errors.html"
"""The page shown in place of every page while the build fails."""


def port_problem(port: int) -> str | None:
    """Why the preview cannot listen on `port`, or None when it can."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        try:
            probe.bind(("127.0.0.1", port))
        except OSError:
            return messages.text("serve.port_busy", port=port, other=port + 1)
    return None


def build_or_show_problems(config, **options) -> None:
    """Builds as MkDocs' preview does; when the build fails, every page of the preview lists its problems."""
    collector = _Collector()
    logging.getLogger("mkdocs").addHandler(collector)
    try:
        build(config, **options)
    except (Exception, SystemExit) as error:  # whatever stops the build, the preview shows it instead of hanging
        lines = collector.lines or [str(error) or error.__class__.__name__]
        write_problem_pages(Path(config.site_dir), lines)
    finally:
        logging.getLogger("mkdocs").removeHandler(collector)


def write_problem_pages(site_dir: Path, lines: list[str]) -> None:
    words = messages.catalogue()
    environment = jinja2.Environment(autoescape=True, undefined=jinja2.StrictUndefined)
    page = environment.from_string(TEMPLATE.read_text(encoding="utf-8")).render(
        language=messages.language(), words=words, problems=lines).encode("utf-8")
    targets = set(site_dir.rglob("*.html")) | {site_dir / "404.html"} | \
        {site_dir / layout.page_url(language, "index.html") for language in layout.LANGUAGES}
    for target in targets:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(page)


class _Collector(logging.Handler):
    def __init__(self):
        super().__init__(logging.ERROR)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())


def port(value: str) -> int:
    """PORT=… as `make serve` passes it: a number the system can listen on."""
    if value.strip().isdigit() and 0 < int(value) < 65536:
        return int(value)
    raise argparse.ArgumentTypeError(messages.text("serve.not_a_port", value=value))


def main(argv: list[str] | None = None) -> int:
    parser = Parser(prog="make serve", description="Preview the site, rebuilt on every save.")
    parser.add_argument("--port", type=port, default=8000)
    args = parser.parse_args(argv)
    problem = port_problem(args.port)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    config, problems = layout.read_config(Path(layout.CONFIG_FILE), layout.CONFIG_FILE)
    if config is None:  # MkDocs reads it with a loader that runs a !!python tag: it never gets a file this one refuses
        print("\n".join(map(str, problems)), file=sys.stderr)
        return 1
    mkdocs.commands.serve.build = build_or_show_problems
    try:
        cli.main(["serve", "--dev-addr", f"127.0.0.1:{args.port}"], prog_name="mkdocs", standalone_mode=False)
    except OSError:  # another program took the port after the check
        print(messages.text("serve.port_busy", port=args.port, other=args.port + 1), file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Problems as GitHub Actions shows them: `::error` annotations on the lines at fault, and the job summary."""
from __future__ import annotations

import os
from pathlib import Path

from .problems import Problem

SUMMARY_VARIABLE = "GITHUB_STEP_SUMMARY"
"""Set by GitHub Actions: the file whose Markdown is shown as the job's summary."""


def escape_data(value: str) -> str:
    """A workflow command's message, escaped as the Actions toolkit does (`%`, CR and LF)."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """A workflow command's property value: as a message, and `:` and `,` too."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem, title: str) -> str:
    """`::error file=…,line=…,title=…::what — todo`, which GitHub shows on the line in the pull request."""
    properties = [f"file={escape_property(problem.path)}"]
    if problem.line is not None:
        properties.append(f"line={problem.line}")
    properties.append(f"title={escape_property(title)}")
    return f"::error {','.join(properties)}::{escape_data(f'{problem.what} — {problem.todo}')}"


def write_summary(markdown: str, environ=os.environ) -> None:
    """Adds `markdown` to the job summary, when running on GitHub Actions."""
    path = environ.get(SUMMARY_VARIABLE)
    if path:
        with Path(path).open("a", encoding="utf-8") as handle:
            handle.write(markdown.rstrip("\n") + "\n\n")

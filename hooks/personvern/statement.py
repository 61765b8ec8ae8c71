"""The current statement: one Markdown template per language, filled in from the facts and checked."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

from . import facts as facts_module
from . import layout, messages, render, sections
from .problems import Problem
from .fields import STATEMENT as STATEMENT_FIELDS
from .source import Document, read_document, shown_path

_PLACEHOLDER = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.S)
"""A {{ placeholder }} or a {% tag %}."""


@dataclass
class Statement:
    """The current statement in every language: the files, their texts with the facts filled in, and their sections."""

    docs: dict[str, Document] = field(default_factory=dict)
    text: dict[str, str] = field(default_factory=dict)
    """Per language: the Markdown body with the facts filled in."""
    outlines: dict[str, sections.Outline] = field(default_factory=dict)


def load(docs_dir: Path, root: Path, facts: dict | None, problems: list[Problem]) -> Statement:
    """Reads, renders and checks the current statement in every language."""
    statement = Statement()
    for language in layout.LANGUAGES:
        path = layout.statement_path(docs_dir, language)
        shown = shown_path(path, root)
        if language != layout.DEFAULT and not path.exists():
            reference = shown_path(layout.statement_path(docs_dir, layout.DEFAULT), root)
            problems.append(messages.problem(shown, None, "statement.translation_missing", language=language, file=shown,
                                             reference=reference))
            continue
        doc = read_document(path, shown, STATEMENT_FIELDS, problems)
        if doc is None:
            continue
        before = len(problems)
        text = facts_module.render(doc, facts, problems) if facts is not None else doc.body
        statement.docs[language], statement.text[language] = doc, text
        rendered = facts is not None and len(problems) == before
        # Placeholders that failed are reported already: the rest of the text is checked without them, in the same round.
        problems.extend(html_problems(doc, text) if rendered else
                        render.html(_PLACEHOLDER.sub(lambda m: "\n" * m[0].count("\n"), doc.body), shown, doc.body_line)[1])
        statement.outlines[language] = check_outline(doc, text, facts if rendered else None, problems)
    compare_languages(statement.docs, statement.outlines, problems)
    return statement


def check_outline(doc: Document, text: str, facts: dict | None, problems: list[Problem]) -> sections.Outline:
    """The document's sections, checked on their own. Lines are counted in the unrendered file.

    Without facts (they, or the placeholders, are broken) the facts in the text are not checked."""
    outline = sections.outline(text, doc.body_line)
    if text.count("\n") != doc.body.count("\n"):  # a {% for %} changed the line count: place headings by the source
        outline = _with_source_lines(outline, sections.outline(doc.body, doc.body_line))
    controller = (facts or {}).get("controller")
    org_nr = str(controller.get("org_nr", "")) if isinstance(controller, dict) else ""
    problems.extend(sections.check(doc.shown, outline, org_nr or None, content=facts is not None))
    return outline


def compare_languages(docs: dict[str, Document], outlines: dict[str, sections.Outline], problems: list[Problem]) -> None:
    reference = layout.DEFAULT
    if reference not in outlines:
        return
    for language in layout.LANGUAGES[1:]:
        if language in outlines:
            problems.extend(sections.compare(docs[reference].shown, outlines[reference], docs[language].shown, outlines[language]))


def _with_source_lines(rendered: sections.Outline, source: sections.Outline) -> sections.Outline:
    if len(rendered.headings) == len(source.headings):
        for heading, written in zip(rendered.headings, source.headings):
            heading.line = written.line
    else:  # a heading inside a {% for %}: place the others by their id
        lines = {h.id: h.line for h in source.headings if h.id}
        for heading in rendered.headings:
            heading.line = lines.get(heading.id, heading.line)
    rendered.end_line = source.end_line
    return rendered


def html_problems(doc: Document, text: str) -> list[Problem]:
    """What the allow-list removes from the text (placeholders filled in), placed on the lines of the file."""
    _, found = render.html(text, doc.shown, doc.body_line)
    if text == doc.body or not found:
        return found
    line_of = source_lines(doc.body.split("\n"), text.split("\n"))
    return list(dict.fromkeys(Problem(p.path, doc.body_line + line_of[min(p.line - doc.body_line, len(line_of) - 1)],
                                      p.what, p.todo) if p.line is not None else p for p in found))


MAX_COMPARED = 250_000
"""Pairs of lines difflib may compare (its time grows with their number); beyond, lines are matched in one pass."""


def source_lines(source: list[str], filled: list[str]) -> list[int]:
    """For each line of the filled-in text, the index of the line it was written on: the same line where the text
    is the same, else the line where it differs (a placeholder, or the {% for %} that made it)."""
    head = 0
    while head < min(len(source), len(filled)) and source[head] == filled[head]:
        head += 1
    tail = 0
    while tail < min(len(source), len(filled)) - head and source[-1 - tail] == filled[-1 - tail]:
        tail += 1
    written, made = source[head:len(source) - tail], filled[head:len(filled) - tail]
    middle = [0] * len(made)
    if len(written) * len(made) <= MAX_COMPARED:
        for op, i1, _, j1, j2 in difflib.SequenceMatcher(None, written, made, autojunk=False).get_opcodes():
            for j in range(j1, j2):
                middle[j] = i1 + (j - j1 if op == "equal" else 0)
    else:
        i = 0
        for j, line in enumerate(made):
            same = next((k for k in range(i, min(i + 4, len(written))) if written[k] == line), None)
            middle[j] = min(i, max(len(written) - 1, 0)) if same is None else same
            i = i if same is None else same + 1
    return [*range(head), *(head + i for i in middle), *range(len(source) - tail, len(source))]

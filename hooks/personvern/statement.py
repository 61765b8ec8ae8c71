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
    source, filled = doc.body.split("\n"), text.split("\n")
    line_of = {}  # a filled-in line -> the line it was written on
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, source, filled, autojunk=False).get_opcodes():
        for j in range(j1, j2):
            line_of[j] = i1 + (j - j1 if op == "equal" else 0)
    return list(dict.fromkeys(Problem(p.path, doc.body_line + line_of.get(p.line - doc.body_line, 0), p.what, p.todo)
                              if p.line is not None else p for p in found))

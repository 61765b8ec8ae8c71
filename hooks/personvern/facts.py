"""The facts kept once (names, numbers, addresses, cookie providers) and their rendering into the text."""
from __future__ import annotations

import re
import sys
from pathlib import Path

from yaml.nodes import MappingNode

from . import cache, fields, messages
from .problems import Problem
from .source import Document, read_text, read_yaml

_TEMPLATE_FILE = "<template>"  # the name Jinja gives code compiled from a string


def load_facts(path: Path, shown: str, problems: list[Problem]) -> dict | None:
    """The facts, each checked against its type in fields.FACTS; None when the file or any fact is wrong."""
    text = read_text(path, shown, problems)
    if text is None:
        return None
    ok, node = read_yaml(text, shown, 1, messages.text("facts.the_file"), problems, messages.text("facts.yaml"))
    if not ok:
        return None
    if not isinstance(node, MappingNode):
        problems.append(messages.problem(shown, 1, "facts.not_named"))
        return None
    return fields.read_facts(node, shown, problems)


def render(doc: Document, facts: dict, problems: list[Problem]) -> str:
    """The document's body with its {{ placeholders }} filled in from the facts."""
    def work() -> tuple[str, list[Problem]]:
        found: list[Problem] = []
        return _render(doc, facts, found), found
    key = cache.data_key(facts)
    text, found = work() if key is None else cache.text_and_problems("facts.render", [doc.body, doc.body_line, doc.shown, key], work)
    problems.extend(found)
    return text


def _render(doc: Document, facts: dict, problems: list[Problem]) -> str:
    import jinja2  # here, not at the top: a check that filled in the same text before never needs Jinja
    from . import placeholders
    unknown: list[tuple[int, str]] = []
    template: jinja2.Template | None = None

    def template_line() -> int:
        frame = sys._getframe()
        while frame is not None:
            if frame.f_code.co_filename == _TEMPLATE_FILE and template is not None:
                return template.get_corresponding_lineno(frame.f_lineno)
            frame = frame.f_back
        return 1

    class Unknown(jinja2.ChainableUndefined):
        def _note(self) -> None:
            owner = self._undefined_obj
            known = sorted(owner) if isinstance(owner, dict) else sorted(facts)
            unknown.append((template_line(), self._undefined_name, ", ".join(known)))

        def __str__(self) -> str:
            self._note()
            return ""

        def __iter__(self):
            self._note()
            return iter(())

        def __bool__(self) -> bool:
            self._note()
            return False

    env = placeholders.environment(Unknown)
    offset = doc.body_line - 1
    too_complex = placeholders.bounds(env, doc.body)
    if too_complex:
        problems.extend(messages.problem(doc.shown, line + offset, key, **values) for line, key, values in too_complex)
        return doc.body
    try:
        refused = placeholders.refused(env.parse(doc.body), facts)
        if refused:
            problems.extend(Problem(doc.shown, line + offset, what, todo) for line, what, todo in refused)
            return doc.body
        template = env.from_string(doc.body)
        text = placeholders.fill(template, facts)
    except placeholders.Unfillable as error:
        line = error.values.pop("line", None) or _traceback_line(error)
        problems.append(messages.problem(doc.shown, line + offset, error.key, **error.values))
        return doc.body
    except jinja2.TemplateSyntaxError as error:
        problems.append(messages.problem(doc.shown, (error.lineno or 1) + offset, "facts.syntax",
                                         reason=messages.from_english((error.message or "").rstrip("."), "facts.jinja.")))
        return doc.body
    except Exception as error:  # a filter or test failing on a fact: report it, don't crash the build
        problems.append(messages.problem(doc.shown, _traceback_line(error) + offset, "facts.error", reason=str(error).rstrip(".")))
        return doc.body
    for line, name, known in dict.fromkeys(unknown):  # a placeholder in a loop is reported once
        problems.append(messages.problem(doc.shown, line + offset, "facts.unknown", name=name, names=known))
    return text


def filled(lines: list[str], index: int, facts: dict | None) -> str | None:
    """What the placeholder on `lines[index]` reads as with today's facts (a whole {% for %} block if it opens one)."""
    if not facts:
        return None
    end = index
    if re.search(r"\{%-?\s*for\b", lines[index]):
        end = next((i for i in range(index, len(lines)) if re.search(r"\{%-?\s*endfor\b", lines[i])), index)
    source = "\n".join(lines[index:end + 1])
    import jinja2  # here, not at the top: only an archived text with a placeholder left in it needs Jinja
    from . import placeholders
    env = placeholders.environment(jinja2.StrictUndefined)
    if placeholders.bounds(env, source):
        return None
    try:
        if placeholders.refused(env.parse(source), facts):
            return None
        text = placeholders.fill(env.from_string(source), facts)
    except Exception:  # the line is broken as a placeholder too: the editor gets the plain instruction
        return None
    return " ".join(line.strip() for line in text.split("\n") if line.strip())


def _traceback_line(error: Exception) -> int:
    tb, line = error.__traceback__, 1
    while tb is not None:
        if tb.tb_frame.f_code.co_filename == _TEMPLATE_FILE:
            line = tb.tb_lineno  # Jinja has already rewritten the frame to the template's line
        tb = tb.tb_next
    return line

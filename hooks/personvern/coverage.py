"""Which items of the GDPR checklist the statement covers: the editors' declarations in docs/coverage.yml, checked
against the text of each language. Missing items are reported, never errors: the client decides the text."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import characters, messages, requirements, sections
from .problems import Problem
from .project import Project
from .requirements import Evidence, Item
from .revision import format_date
from .source import compose_quickly, read_text

COVERED, PARTLY, MISSING = "covered", "partly", "missing"

_ID = re.compile(r"[\w][\w-]*")


def _note(language: str, key: str, **values) -> str:
    """A note of the report, in the language of the text it is about (not the editor's): `coverage.<key>` in the catalogue."""
    return messages.catalogue(language)[f"coverage.{key}"].format(**values)


@dataclass
class Row:
    """One item of the checklist in the report: whether the text covers it, in which sections, and notes."""

    item: Item
    status: str
    sections: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def load_mapping(path: Path, shown: str, problems: list[Problem]) -> dict[str, list[str]]:
    """docs/coverage.yml: item key → the ids of the sections that cover it. Faults are appended to `problems`."""
    if not path.exists():
        return {}
    text = read_text(path, shown, problems)
    if text is None:
        return {}
    read, node = compose_quickly(text)
    try:
        node = node if read else yaml.compose(text, Loader=yaml.SafeLoader)  # the loader in Python says what is wrong
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        reason = messages.from_english((getattr(error, "problem", None) or "").replace("\n", " "), "source.yaml_reason.")
        problems.append(messages.problem(shown, mark.line + 1 if mark else None, "coverage.yaml",
                                         reason=reason or messages.text("source.invalid_yaml")))
        return {}
    except RecursionError:
        problems.append(messages.problem(shown, None, "coverage.nested"))
        return {}
    if node is None:
        return {}
    if not isinstance(node, yaml.MappingNode):
        problems.append(messages.problem(shown, node.start_mark.line + 1, "coverage.not_items"))
        return {}
    keys, site = requirements.item_keys(), requirements.site_items()  # not load(): the check needs no patterns
    mapping: dict[str, list[str]] = {}
    for key_node, value_node in node.value:
        line, key = key_node.start_mark.line + 1, key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        values = [value_node] if isinstance(value_node, yaml.ScalarNode) else value_node.value if isinstance(value_node, yaml.SequenceNode) else None
        ids = [v.value for v in values or [] if isinstance(v, yaml.ScalarNode)]
        if not isinstance(key, str) or key not in keys:
            close = difflib.get_close_matches(str(key), list(keys), n=1)
            problems.append(messages.problem(shown, line, "coverage.unknown_close" if close else "coverage.unknown",
                                             key=_one_line(key), close=close[0] if close else "", keys=", ".join(keys)))
        elif key in mapping:
            problems.append(messages.problem(shown, line, "coverage.twice", key=key))
        elif key in site:
            problems.append(messages.problem(shown, line, "coverage.site", key=key))
        elif values is None or not ids or len(ids) != len(values) or not all(_ID.fullmatch(i) for i in ids):
            problems.append(messages.problem(shown, line, "coverage.not_ids", key=key))
        else:
            mapping[key] = ids
    return mapping


def _one_line(value: object, limit: int = 40) -> str:
    """An editor's value shortened to one line for a message."""
    text = characters.visible(" ".join(str(value).split()))
    return text if len(text) <= limit else text[:limit - 1] + "…"


def blocks(text: str) -> dict[str, str]:
    """Section id → its text: from its heading to the next heading of the same or a higher level."""
    lines = text.split("\n")
    headings = sections.outline(text, 1).headings
    found: dict[str, str] = {}
    for index, heading in enumerate(headings):
        if heading.id and heading.id not in found:
            end = next((h.line for h in headings[index + 1:] if h.level <= heading.level), len(lines) + 1)
            found[heading.id] = "\n".join(lines[heading.line:end - 1])
    return found


def rows(project: Project, mapping: dict[str, list[str]], language: str, mapping_file: str) -> list[Row]:
    """One row per checklist item for one language."""
    texts = blocks(project.statement.text[language])
    return [_row(item, project, mapping.get(item.key, []), texts, language, mapping_file) for item in requirements.load().items]


def _row(item: Item, project: Project, declared: list[str], texts: dict[str, str], language: str, mapping_file: str) -> Row:
    def note(key: str, **values) -> str:
        return _note(language, key, **values)

    if item.site:
        return _site_row(item, project, language)
    row = Row(item, MISSING, list(declared))
    present = [i for i in declared if texts.get(i, "").strip()]
    row.notes += [note("no_section" if i not in texts else "empty", id=i) for i in declared if i not in present]
    if not declared:
        row.notes.append(note("undeclared", file=mapping_file))
        for evidence in item.evidence:
            where = [i for i, text in texts.items() if evidence.words and evidence.words[language].search(text)]
            if where:
                row.notes.append(note("mentioned", what=evidence.what[language], ids=", ".join(where), file=mapping_file))
    if present:
        text = "\n".join(texts[i] for i in present)
        found, lacking = [], []
        for evidence in item.evidence:
            absent = _absent(evidence, text, project.facts, language)
            found += [] if absent else [_what(evidence, project.facts, language)]
            lacking += absent
        row.status = COVERED if not lacking and len(present) == len(declared) else PARTLY
        row.notes += [note("not_found", what=what) for what in lacking] + ([note("found", what=", ".join(found))] if found else [])
    if row.status == COVERED:
        row.notes += [item.caveat[language]] if item.caveat else []
    else:
        row.notes += [item.applies[language]] if item.applies else []
        if item.reminder and (values := _values(project.facts, item.reminder["each_fact"])):
            row.notes.append(item.reminder[language].format(values=", ".join(values)))
    return row


def _absent(evidence: Evidence, text: str, facts: dict, language: str) -> list[str]:
    """What the text lacks of the evidence: nothing, its description, or the facts' values it does not show."""
    if evidence.words:
        return [] if evidence.words[language].search(text) else [evidence.what[language]]
    name = evidence.fact or evidence.each_fact
    values = _values(facts, name)
    if not values:
        return [_note(language, "no_fact", fact=name)]
    return [f"«{v}» ({name})" for v in values if v.casefold() not in text.casefold()]


def _what(evidence: Evidence, facts: dict, language: str) -> str:
    if evidence.words:
        return evidence.what[language]
    return ", ".join(f"«{v}»" for v in _values(facts, evidence.fact or evidence.each_fact))


def _values(facts: dict, name: str) -> list[str]:
    """The values of a dotted fact (`authority.name`), or of a field in every entry of a list (`cookie_providers.name`)."""
    *path, last = name.split(".")
    node = facts
    for part in path:
        node = node.get(part) if isinstance(node, dict) else None
    entries = node if isinstance(node, list) else [node]
    return [str(e[last]).strip() for e in entries if isinstance(e, dict) and e.get(last) not in (None, "")]


def _site_row(item: Item, project: Project, language: str) -> Row:
    version = project.in_force
    if version is None:
        return Row(item, MISSING, [], [_note(language, "unpublished")])
    if item.site == "effective":
        text = _note(language, "effective", number=version.number, date=format_date(version.effective, language))
    else:
        text = _note(language, "history", count=len(project.versions))
    return Row(item, COVERED, [], [text])

"""Which items of the GDPR checklist the statement covers: the editors' declarations in docs/coverage.yml, checked
against the text of each language. Missing items are reported, never errors: the client decides the text."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from . import requirements, sections
from .problems import Problem
from .project import Project
from .requirements import Evidence, Item
from .revision import format_date
from .source import read_text

COVERED, PARTLY, MISSING = "covered", "partly", "missing"

_ID = re.compile(r"[\w][\w-]*")
_NOTES = {
    "undeclared": {"nb": "ikke erklært i {file}", "en": "not declared in {file}"},
    "mentioned": {"nb": "{what} nevnes i {ids}: erklær seksjonen i {file} hvis den dekker punktet",
                  "en": "{what} is mentioned in {ids}: declare the section in {file} if it covers the item"},
    "no_section": {"nb": "erklært, men seksjonen {id} finnes ikke", "en": "declared, but there is no section {id}"},
    "empty": {"nb": "erklært, men seksjonen {id} er tom", "en": "declared, but the section {id} is empty"},
    "not_found": {"nb": "finner ikke {what}", "en": "{what} not found"},
    "no_fact": {"nb": "{fact} står ikke i fakta", "en": "{fact} is not in the facts"},
    "found": {"nb": "fant {what}", "en": "found {what}"},
    "effective": {"nb": "nettstedet viser versjon {number}, gjelder fra {date}", "en": "the site shows version {number}, effective {date}"},
    "history": {"nb": "versjonshistorikken viser {count} versjon(er) og hva som er endret",
                "en": "the version history shows {count} version(s) and what changed"},
    "unpublished": {"nb": "ingen versjon er publisert ennå", "en": "no version is published yet"},
}


@dataclass
class Row:
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
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        problems.append(Problem(shown, mark.line + 1 if mark else None, f"the file is not valid YAML ({getattr(error, 'problem', None) or 'syntax'})",
                                'write each item as "key: section-id" or "key: [section-id, section-id]"'))
        return {}
    except RecursionError:
        problems.append(Problem(shown, None, "the file is nested too deeply", 'write each item as "key: [section-id, …]"'))
        return {}
    if node is None:
        return {}
    if not isinstance(node, yaml.MappingNode):
        problems.append(Problem(shown, node.start_mark.line + 1, "the file is not a list of items", 'write each item as "key: section-id"'))
        return {}
    keys = {item.key: item for item in requirements.load().items}
    mapping: dict[str, list[str]] = {}
    for key_node, value_node in node.value:
        line, key = key_node.start_mark.line + 1, key_node.value if isinstance(key_node, yaml.ScalarNode) else None
        values = [value_node] if isinstance(value_node, yaml.ScalarNode) else value_node.value if isinstance(value_node, yaml.SequenceNode) else None
        ids = [v.value for v in values or [] if isinstance(v, yaml.ScalarNode)]
        if not isinstance(key, str) or key not in keys:
            close = difflib.get_close_matches(str(key), list(keys), n=1)
            hint = f' (did you mean "{close[0]}"?)' if close else ""
            problems.append(Problem(shown, line, f'unknown item "{_one_line(key)}"{hint}', f"use one of {', '.join(keys)} (README › Dekningsrapporten)"))
        elif key in mapping:
            problems.append(Problem(shown, line, f'item "{key}" is declared twice', "declare each item once, with a list of sections"))
        elif keys[key].site:
            problems.append(Problem(shown, line, f'item "{key}" is shown by the site, not by a section', "remove the line"))
        elif values is None or not ids or len(ids) != len(values) or not all(_ID.fullmatch(i) for i in ids):
            problems.append(Problem(shown, line, f'item "{key}" does not name section ids',
                                    f'write "{key}: section-id" or "{key}: [section-id, section-id]", with ids as in "## … {{#section-id}}"'))
        else:
            mapping[key] = ids
    return mapping


def _one_line(value: object, limit: int = 40) -> str:
    """An editor's value shortened to one line for a message."""
    text = " ".join(str(value).split())
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
        return _NOTES[key][language].format(**values)

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
        return [_NOTES["no_fact"][language].format(fact=name)]
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
    version, notes = project.in_force, _NOTES
    if version is None:
        return Row(item, MISSING, [], [notes["unpublished"][language]])
    if item.site == "effective":
        text = notes["effective"][language].format(number=version.number, date=format_date(version.effective, language))
    else:
        text = notes["history"][language].format(count=len(project.versions))
    return Row(item, COVERED, [], [text])

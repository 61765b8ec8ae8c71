"""What a statement must contain, read from requirements.yml: required sections, content rules, the GDPR checklist, hints.

    python -m personvern.requirements    prints the README's table of required sections
"""
from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from pathlib import Path


from . import datafiles
from .layout import LANGUAGES

FILE = Path(__file__).with_name("requirements.yml")


@dataclass(frozen=True)
class Required:
    """A section every language must have, with text."""

    id: str
    description: dict[str, str]
    rule: str | None
    """A content rule's name (`org_nr`, `email_or_phone`), or None."""


@dataclass(frozen=True)
class Evidence:
    """One thing the report looks for in the sections declared for an item."""

    fact: str | None = None
    """A dotted name in docs/facts.yml whose value must appear."""
    each_fact: str | None = None
    """`list.field` in docs/facts.yml: every entry's value must appear."""
    words: dict[str, re.Pattern] = field(default_factory=dict)
    """Per language, a pattern that must match."""
    what: dict[str, str] = field(default_factory=dict)
    """Per language, what the pattern stands for."""


@dataclass(frozen=True)
class Item:
    """An information item of GDPR Art. 13/14, or a practical one."""

    key: str
    article: str
    name: dict[str, str]
    evidence: tuple[Evidence, ...] = ()
    site: str | None = None
    """`effective` or `history`: the site shows it, not a section."""
    applies: dict[str, str] = field(default_factory=dict)
    """Per language, when the item is required at all, if not always."""
    reminder: dict | None = None
    """`each_fact` and a message per language, shown while the item is not covered."""
    caveat: dict[str, str] = field(default_factory=dict)
    """Per language, what the report cannot check about the item, shown when it is covered."""


@dataclass(frozen=True)
class Hint:
    """Vague wording the report points out: a pattern per language that finds it, and a message that says what to write."""

    key: str
    patterns: dict[str, re.Pattern]
    message: dict[str, str]
    unless_in_section: tuple[dict[str, re.Pattern], ...] = ()
    """No hint when one of these matches the section the wording is in."""


@dataclass(frozen=True)
class Requirements:
    """All of requirements.yml: the content rules, required sections, checklist items and hints."""

    rules: dict[str, dict[str, str]]
    sections: tuple[Required, ...]
    items: tuple[Item, ...]
    hints: tuple[Hint, ...]

    def required_ids(self) -> tuple[str, ...]:
        return tuple(section.id for section in self.sections)

    def item(self, key: str) -> Item | None:
        return next((item for item in self.items if item.key == key), None)


@functools.cache
def _data() -> dict:
    return datafiles.load(FILE.name)


@functools.cache
def required() -> tuple[Required, ...]:
    """The required sections alone, which every check needs, without compiling the report's patterns."""
    return tuple(Required(s["id"], {lang: s[lang] for lang in LANGUAGES}, s.get("rule")) for s in _data()["sections"])


@functools.cache
def item_keys() -> tuple[str, ...]:
    """The checklist's item keys alone, which checking docs/coverage.yml needs, without compiling the patterns."""
    return tuple(i["key"] for i in _data()["items"])


@functools.cache
def site_items() -> frozenset[str]:
    """The keys of the items the site itself shows, not a section."""
    return frozenset(i["key"] for i in _data()["items"] if i.get("site"))


@functools.cache
def load() -> Requirements:
    data, sections = _data(), required()
    items = tuple(Item(i["key"], str(i["article"]), {lang: i[lang] for lang in LANGUAGES},
                       tuple(_evidence(e) for e in i.get("evidence", ())), i.get("site"), i.get("applies", {}),
                       i.get("reminder"), i.get("caveat", {})) for i in data["items"])
    hints = tuple(Hint(h["key"], _patterns(h), h["message"], tuple(_patterns(p) for p in h.get("unless_in_section", ())))
                  for h in data["hints"])
    return Requirements(data["rules"], sections, items, hints)


def readme_table(language: str = "nb") -> str:
    """The Markdown table of required sections, as the README shows it."""
    requirements = load()
    header = {"nb": "| id | innhold |", "en": "| id | content |"}[language]
    rows = [header, "| --- | --- |"]
    for section in requirements.sections:
        rule = f"; {requirements.rules[section.rule][language]}" if section.rule else ""
        rows.append(f"| `{section.id}` | {section.description[language]}{rule} |")
    return "\n".join(rows)


def _evidence(data: dict) -> Evidence:
    return Evidence(data.get("fact"), data.get("each_fact"), _patterns(data["words"]) if "words" in data else {},
                    data.get("what", {}))


def _patterns(by_language: dict) -> dict[str, re.Pattern]:
    return {lang: re.compile(by_language[lang], re.IGNORECASE) for lang in LANGUAGES}


if __name__ == "__main__":
    print(readme_table())

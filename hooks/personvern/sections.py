"""The sections of a statement: headings with explicit ids, and the rules they must follow."""
from __future__ import annotations

import difflib
import re
from dataclasses import dataclass, field

from . import layout, messages, requirements
from .problems import Problem

REQUIRED = tuple(section.id for section in requirements.required())
"""Section ids every language must have, each with text in it (requirements.yml)."""

_ID = re.compile(r"\w[\w-]*")
_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_PHONE = re.compile(r"(?<!\d)(?:\+47[ \t]?)?\d{2}[ \t]?\d{2}[ \t]?\d{2}[ \t]?\d{2}(?!\d)")


@dataclass
class Heading:
    """A heading of level 2 or deeper: its level, title, explicit id (if any) and file line."""

    level: int
    title: str
    id: str | None
    line: int


@dataclass
class Section:
    """A level-2 heading and everything up to the next one."""

    heading: Heading
    lines: list[str] = field(default_factory=list)

    @property
    def id(self) -> str | None:
        return self.heading.id

    @property
    def text(self) -> str:
        return "\n".join(self.lines)

    def is_empty(self) -> bool:
        return not any(line.strip() and not parse_heading(line) for line in self.lines)


@dataclass
class Outline:
    """A Markdown body cut into its sections: the text before the first, the sections, every heading, and the
    file line of its last line that is not blank."""

    intro: list[str]
    sections: list[Section]
    headings: list[Heading]
    end_line: int

    def ids(self) -> list[str]:
        return [h.id for h in self.headings if h.id]

    def section(self, section_id: str) -> Section | None:
        return next((s for s in self.sections if s.id == section_id), None)


def parse_heading(line: str) -> tuple[int, str, str | None] | None:
    """A "# Title {#id}" line as (level, title, id), or None. Plain string scanning: linear in the line's length."""
    hashes = len(line) - len(line.lstrip("#"))
    if not 1 <= hashes:
        return None
    level = min(hashes, 6)
    rest = line[level:].rstrip(" \t").rstrip("#").rstrip(" \t")  # a closing "##" sequence is not part of the title
    heading_id = None
    if rest.endswith("}") and "{" in rest:
        brace = rest.rindex("{")
        inside = rest[brace + 1:-1].lstrip(" \t")
        found = _ID.match(inside, 1) if inside.startswith("#") else None
        if found:
            heading_id, rest = found.group(0), rest[:brace]
    return level, rest.strip(" \t").strip(), heading_id


def outline(body: str, first_line: int = 1) -> Outline:
    """Splits a Markdown body into its sections; `first_line` is the file line of the body's first line."""
    intro: list[str] = []
    sections: list[Section] = []
    headings: list[Heading] = []
    lines = body.split("\n")
    for number, (line, parsed) in enumerate(zip(lines, _parsed(lines)), start=first_line):
        if parsed and parsed[0] >= 2:
            heading = Heading(*parsed, number)
            headings.append(heading)
            if heading.level == 2:
                sections.append(Section(heading))
                continue
        (sections[-1].lines if sections else intro).append(line)
    last = max((n for n, line in enumerate(lines, start=first_line) if line.strip()), default=first_line)
    return Outline(intro, sections, headings, last)


def written(body: str) -> list[tuple[int, str, str]]:
    """(level, id, title) of every heading written as "# Title" at the start of a line, the level-1 title's too: the
    id is the one written at its end, or the one Python-Markdown gives it."""
    return [(level, heading_id or _slug(title), title) for level, title, heading_id in filter(None, _parsed(body.split("\n")))]


def _parsed(lines: list[str]) -> list[tuple[int, str, str | None] | None]:
    """Each line as parse_heading reads it. Lines of ``` or ~~~ start no code block: the site's Markdown has none
    (render.EXTENSIONS), and Python-Markdown makes a heading between them a heading."""
    return [parse_heading(line) for line in lines]


def check(shown: str, doc: Outline, org_nr: str | None, content: bool = True) -> list[Problem]:
    """The problems of one language's statement on its own; `content` checks the facts shown in it too."""
    problems = []
    seen: dict[str, Heading] = {}
    for heading in doc.headings:
        if heading.id is None and heading.level == 2:
            problems.append(messages.problem(shown, heading.line, "sections.no_id", title=heading.title))
        elif heading.id is not None and not layout.SECTION_ID.fullmatch(heading.id):
            problems.append(messages.problem(shown, heading.line, "sections.id_pattern", id=heading.id))
        elif heading.id in layout.TEMPLATE_IDS:
            problems.append(messages.problem(shown, heading.line, "sections.id_reserved", id=heading.id))
        elif heading.id is None and _slug(heading.title) in layout.TEMPLATE_IDS:
            problems.append(messages.problem(shown, heading.line, "sections.slug_reserved", title=heading.title,
                                             id=_slug(heading.title), hashes="#" * heading.level))
        elif heading.id in seen:
            problems.append(messages.problem(shown, heading.line, "sections.id_twice", id=heading.id, first=seen[heading.id].line))
        elif heading.id:
            seen[heading.id] = heading
    for required in REQUIRED:
        section = doc.section(required)
        if section is None:
            problems.append(messages.problem(shown, _expected_line(doc, REQUIRED, required), "sections.required_missing", id=required))
        elif section.is_empty():
            problems.append(messages.problem(shown, section.heading.line, "sections.required_empty", id=required))
    if not content:
        return problems
    for rule in requirements.required():
        section = doc.section(rule.id)
        if section is None or section.is_empty() or rule.rule is None:
            continue
        if rule.rule == "org_nr" and org_nr and _digits(org_nr) not in _digits(section.text):
            problems.append(messages.problem(shown, section.heading.line, "sections.no_org_nr", id=rule.id))
        elif rule.rule == "email_or_phone" and not (_EMAIL.search(section.text) or _PHONE.search(section.text)):
            problems.append(messages.problem(shown, section.heading.line, "sections.no_contact", id=rule.id))
    return problems


def compare(reference_shown: str, reference: Outline, shown: str, doc: Outline) -> list[Problem]:
    """The problems of a translation whose section ids differ from the reference language's."""
    problems = []
    want, have = list(dict.fromkeys(reference.ids())), list(dict.fromkeys(doc.ids()))  # a repeated id is reported on its own
    by_id = {h.id: h for h in doc.headings if h.id}
    for heading_id in have:
        if heading_id not in want and heading_id not in REQUIRED:  # a missing required id is reported on its own
            close = difflib.get_close_matches(heading_id, [i for i in want if i not in have], n=1)
            problems.append(messages.problem(shown, by_id[heading_id].line, "sections.unknown_id_close" if close else "sections.unknown_id",
                                             id=heading_id, reference=reference_shown, close=close[0] if close else ""))
    for heading_id in want:
        if heading_id not in have and heading_id not in REQUIRED:
            problems.append(messages.problem(shown, _expected_line(doc, want, heading_id), "sections.missing",
                                             id=heading_id, reference=reference_shown))
    common_want = [i for i in want if i in have]
    common_have = [i for i in have if i in want]
    for expected, actual in zip(common_want, common_have):
        if expected != actual:
            problems.append(messages.problem(shown, by_id[actual].line, "sections.order", id=actual, expected=expected,
                                             reference=reference_shown))
            break
    return problems


def _expected_line(doc: Outline, order: tuple[str, ...] | list[str], missing: str) -> int:
    """Where a missing section belongs: at the heading of the next section that this document has."""
    later = order[order.index(missing) + 1:] if missing in order else []
    by_id = {h.id: h.line for h in doc.headings if h.id}
    return next((by_id[i] for i in later if i in by_id), doc.end_line)


def _slug(title: str) -> str:
    """The id Python-Markdown gives a heading written without one."""
    from markdown.extensions.toc import slugify  # here, not at the top: the statement gives its headings ids
    return slugify(title, "-")


def _digits(text: str) -> str:
    return re.sub(r"\D", "", text)

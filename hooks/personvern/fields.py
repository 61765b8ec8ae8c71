"""Every field an editor writes, declared once with its type: the front matter of each kind of page, and the facts.

A type reads one YAML node into a value, or reports what is wrong on the node's own line. Every text is plain
text: markup in it is an error, because the pages print it exactly as written.
"""
from __future__ import annotations

import datetime as dt
import difflib
import re
from dataclasses import dataclass
from urllib.parse import SplitResult, urlsplit

from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from . import characters, messages
from .problems import Problem

_TAG = "tag:yaml.org,2002:"
_KINDS = {"int": "number", "float": "number", "bool": "yes_no", "timestamp": "date", "null": "empty"}
"""YAML's reading of a value → what messages call it (fields.kind.… in the message catalogue)."""
_MARKUP = re.compile(r"(<[A-Za-z/!?])|(&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|[A-Za-z][A-Za-z0-9]*);)|(!?\[[^\]\n]*\][(\[:])"
                     r"|(\{\{|\{%)")
_MARKUP_MESSAGES = ("fields.html", "fields.character_reference", "fields.link", "fields.placeholder")
"""The message for each group of _MARKUP, in order."""
_DATE = re.compile(r"([0-9]{4})-([0-9]{1,2})-([0-9]{1,2})")


@dataclass(frozen=True)
class Name:
    """A field's name, for messages and in the file."""

    label: str
    """The field as messages name it: `title`, `controller.phone`."""
    key: str
    """The field as it is written in the file: `phone`."""

    def child(self, key: str) -> Name:
        return Name(f"{self.label}.{key}" if self.label else key, key)


class Wrong(Exception):
    """A value that does not fit its type: what is wrong and what to do."""

    def __init__(self, what: str, todo: str):
        super().__init__(what)
        self.what, self.todo = what, todo

    @classmethod
    def message(cls, key: str, /, **values) -> Wrong:
        """The message `key` of the catalogue, in the editor's language."""
        problem = messages.problem("", None, key, **values)
        return cls(problem.what, problem.todo)


def _kind(name: str) -> str:
    return messages.text(f"fields.kind.{name}")


@dataclass(frozen=True)
class Report:
    """Where problems go: the file, the file line of the YAML's first line, and what its fields are called."""
    shown: str
    first_line: int
    noun: str
    """"front matter field", "fact" or "field"."""
    problems: list

    @property
    def called(self) -> str:
        """What messages call the fields, in the editor's language (the definite form, where a language has one)."""
        return messages.text("fields." + self.noun.replace(" ", "_"))

    def add(self, node: Node, what: str, todo: str) -> None:
        self.problems.append(Problem(self.shown, node.start_mark.line + self.first_line, what, todo))


def plain_text_fault(text: str, multiline: bool = False) -> tuple[str, str] | None:
    """What makes `text` more than plain text, and what to do, or None. Linear in the length of `text`."""
    refused = characters.first_refused(text, characters.LINE_BREAK)
    if refused is not None:
        return _split("fields.character", **characters.described(refused[1]))
    if not multiline and "\n" in text:
        return _split("fields.one_line")
    match = _MARKUP.search(text)
    if match is None:
        return None
    return _split(_MARKUP_MESSAGES[match.lastindex - 1], excerpt=_excerpt(text, match.start()))


def _split(message: str, /, **values) -> tuple[str, str]:
    wrong = Wrong.message(message, **values)
    return wrong.what, wrong.todo


def _excerpt(text: str, start: int) -> str:
    end = start + 30
    return text[start:end].split("\n")[0] + ("…" if len(text) > end else "")


class Type:
    """Reads a YAML node; the subclasses below are the types a field can have."""
    name = "value"
    """What messages call values of this type: fields.type.… in the message catalogue."""

    def description(self) -> str:
        """What messages call a list's items of this type, in the editor's language."""
        return messages.text(f"fields.type.{self.name}")

    def read(self, node: Node, at: Name, report: Report):
        """The value, or None after reporting what is wrong."""
        try:
            return self.value(node, at)
        except Wrong as wrong:
            report.add(node, wrong.what, wrong.todo)
            return None

    def value(self, node: Node, at: Name):
        raise NotImplementedError

    def derived(self, key: str, value) -> dict:
        """Values computed from this one, available to the text as facts of their own."""
        return {}


def _scalar(node: Node, at: Name, kind: str) -> ScalarNode:
    if isinstance(node, ScalarNode):
        return node
    shape = _kind("list" if isinstance(node, SequenceNode) else "group")
    raise Wrong.message("fields.not_scalar", label=at.label, kind=_kind(kind), shape=shape, key=at.key)


class Text(Type):
    name = "text"

    def __init__(self, multiline: bool = False):
        self.multiline = multiline

    def value(self, node: Node, at: Name) -> str | None:
        node = _scalar(node, at, "text")
        if node.tag == _TAG + "null":
            return None
        if node.tag != _TAG + "str":
            got = _kind(_KINDS.get(node.tag.removeprefix(_TAG), "other"))
            raise Wrong.message("fields.not_text", label=at.label, got=got, value=node.value, key=at.key)
        text = node.value.strip()  # a folded ">" value ends in a line break
        fault = plain_text_fault(text, self.multiline)
        if fault:
            raise Wrong(f'{messages.text("fields.quoted", label=at.label)} {fault[0]}', fault[1])
        return text


_MARKDOWN = re.compile(r"^(?:#|>|[-*+][ \t]|\d{1,9}[.)][ \t])|`|\*\*|__|(?<![\w*])\*\S|(?<![\w_])_[^\W_]")
"""What Markdown reads as formatting in a fact inserted into a line: a heading, quote or list at its start, code,
emphasis."""


class Inline(Text):
    """Text that goes into the statement's Markdown, as the facts do: no formatting of its own."""

    def value(self, node: Node, at: Name) -> str | None:
        text = super().value(node, at)
        match = _MARKDOWN.search(text or "")
        if match:
            wrong = Wrong.message("fields.markdown", excerpt=_excerpt(text, match.start()))
            raise Wrong(f'{messages.text("fields.quoted", label=at.label)} {wrong.what}', wrong.todo)
        return text


class Code(Text):
    """Text of digits and signs, such as a phone number: a plain 71566500 is read as written."""

    def value(self, node: Node, at: Name) -> str | None:
        node = _scalar(node, at, "text")
        if node.tag in (_TAG + "int", _TAG + "float") and node.style is None:
            read = getattr(SafeConstructor(), "construct_yaml_" + node.tag.removeprefix(_TAG))(node)
            if str(read) != node.value:
                raise Wrong.message("fields.read_as_number", label=at.label, value=node.value, read=read, key=at.key)
            node = ScalarNode(_TAG + "str", node.value, node.start_mark, node.end_mark)
        text = super().value(node, at)
        return None if text is None or not text.strip() else self.check(text.strip(), at)

    def check(self, text: str, at: Name) -> str:
        return text


class Postcode(Code):
    name = "postcode"

    def check(self, text: str, at: Name) -> str:
        if not re.fullmatch(r"[0-9]{4}", text):
            raise Wrong.message("fields.postcode", label=at.label, text=text, key=at.key)
        return text


class OrgNr(Code):
    name = "org_nr"
    _WEIGHTS = (3, 2, 7, 6, 5, 4, 3, 2)

    def check(self, text: str, at: Name) -> str:
        digits = text.replace(" ", "")
        if not re.fullmatch(r"[0-9]{9}", digits):
            raise Wrong.message("fields.org_nr_digits", label=at.label, text=text, key=at.key)
        check = 11 - sum(int(d) * w for d, w in zip(digits, self._WEIGHTS)) % 11
        if check % 11 != int(digits[8]):
            raise Wrong.message("fields.org_nr_check", label=at.label, text=text)
        return text


class Phone(Code):
    name = "phone"

    def check(self, text: str, at: Name) -> str:
        if e164(text) is None:
            raise Wrong.message("fields.phone", label=at.label, text=text, key=at.key)
        return text

    def derived(self, key: str, value) -> dict:
        return {f"{key}_e164": e164(value)} if value else {}


def e164(written: str) -> str | None:
    """The number in E.164 form for a tel: link (+4722334455), or None when it is not a phone number.

    Eight digits without a country code are a Norwegian number."""
    text = written.strip()
    if not re.fullmatch(r"\+?[0-9][0-9 -]*", text):
        return None
    digits = text.lstrip("+").replace(" ", "").replace("-", "")
    if text.startswith("+"):
        number = digits
    elif digits.startswith("00"):
        number = digits[2:]
    else:
        number = "47" + digits if len(digits) == 8 else ""
    if number.startswith("47") and len(number) != 10 or not 8 <= len(number) <= 15 or number.startswith("0"):
        return None
    return "+" + number


class Email(Code):
    name = "email"
    _LOCAL = re.compile(r"[A-Za-z0-9._%+-]+")
    _LABEL = re.compile(r"[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?")

    def check(self, text: str, at: Name) -> str:
        local, _, domain = text.partition("@")
        labels = domain.split(".")
        if not (self._LOCAL.fullmatch(local) and len(labels) >= 2 and all(self._LABEL.fullmatch(x) for x in labels)
                and labels[-1].isalpha()):
            raise Wrong.message("fields.email", label=at.label, text=text, key=at.key)
        return text


class Url(Code):
    name = "url"
    _HOST = re.compile(r"(?:[^\W_](?:[\w-]{0,61}[^\W_])?\.)+(?:[^\W\d_]{2,63}|xn--[a-z0-9-]{1,59})")
    """A public host name: labels of letters, digits and hyphens, and a top-level domain (no IP address, no localhost)."""

    def check(self, text: str, at: Name) -> str:
        parts = split_url(text)
        if (parts is None or parts.scheme != "https" or not self._HOST.fullmatch(parts.hostname or "")
                or "@" in parts.netloc or re.search(r"[\s()<>\"'\\]", text)):
            raise Wrong.message("fields.url", label=at.label, text=text, key=at.key)
        return text


def split_url(text: str) -> SplitResult | None:
    """The address in its parts, or None where Python cannot take it apart: "[…]" that is no IPv6 address, or a port
    out of range (urlsplit, .hostname and .port raise ValueError for those, and a check must not)."""
    try:
        parts = urlsplit(text)
        parts.hostname, parts.port  # noqa: B018 — read for the ValueError they raise
    except ValueError:
        return None
    return parts


class Integer(Type):
    name = "whole_number"

    def value(self, node: Node, at: Name) -> int | None:
        node = _scalar(node, at, "whole_number")
        if node.tag == _TAG + "null":
            return None
        if not re.fullmatch(r"[1-9][0-9]{0,8}", node.value):
            raise Wrong.message("fields.whole_number", key=at.key, value=node.value)
        return int(node.value)


class Date(Type):
    name = "date"

    def value(self, node: Node, at: Name) -> dt.date | None:
        node = _scalar(node, at, "date")
        if node.tag == _TAG + "null":
            return None
        written = f"{at.key}: {node.value}"
        match = _DATE.fullmatch(node.value)
        if match is None and node.tag == _TAG + "timestamp":
            raise Wrong.message("fields.date_time", written=written, key=at.key, date=node.value[:10])
        if match is None:
            raise Wrong.message("fields.not_date", written=written, key=at.key)
        try:
            return dt.date(*map(int, match.groups()))
        except ValueError as error:
            raise Wrong.message("source.impossible_date", written=written, error=messages.from_english(str(error), "source.date.")) from None


class Choice(Text):
    def __init__(self, *choices: str):
        super().__init__()
        self.choices = choices

    def description(self) -> str:
        return messages.text("fields.or").join(f'"{c}"' for c in self.choices)

    def value(self, node: Node, at: Name) -> str | None:
        text = super().value(node, at)
        if text is not None and text not in self.choices:
            raise Wrong.message("fields.choice", key=at.key, text=text, choices=messages.text("fields.or").join(self.choices))
        return text


class ListOf(Type):
    def __init__(self, item: Type):
        self.item = item

    def description(self) -> str:
        return messages.text("fields.list_of", item=self.item.description())

    def read(self, node: Node, at: Name, report: Report) -> list | None:
        if isinstance(node, ScalarNode) and node.tag == _TAG + "null":
            return []
        if not isinstance(node, SequenceNode):
            got = _kind("group" if isinstance(node, MappingNode) else _KINDS.get(node.tag.removeprefix(_TAG), "text"))
            report.add(node, *_split("fields.not_list", label=at.label, items=self.description(), got=got, key=at.key))
            return None
        items = []
        for child in node.value:
            before = len(report.problems)
            item = self.item.read(child, at, report)
            if (item is None or item == "") and len(report.problems) == before:  # says nothing: not published either
                report.add(child, *_split("fields.empty_item", label=at.label))
            items.append(item)
        return None if any(item is None or item == "" for item in items) else items


@dataclass(frozen=True)
class Field:
    """A field of front matter or facts: its name, its type, whether it must have a value."""

    name: str
    type: Type
    required: bool
    doc: str
    """What the field is for, as the README says it."""


class Group(Type):
    """Named fields, each declared once. `other`, if given, is the type of any further name (a free list of links)."""

    def __init__(self, *fields: Field, other: Type | None = None):
        self.fields = {f.name: f for f in fields}
        self.other = other
        self.name = "group"

    def only(self, values: dict) -> dict:
        """`values` without any name this group does not declare: a second wall behind the check, for a generator that
        reads front matter on its own."""
        return {key: value for key, value in values.items() if key in self.fields}

    def read(self, node: Node, at: Name, report: Report) -> dict | None:
        if isinstance(node, ScalarNode) and node.tag == _TAG + "null":
            return None  # reported as missing or empty, if it is required
        values, _, ok = self.read_fields(node, at, report)
        return values if ok else None

    def read_fields(self, node: Node | None, at: Name, report: Report) -> tuple[dict, dict[str, int], bool]:
        """The values that are right, the line of each field, and whether everything was right."""
        if node is not None and not isinstance(node, MappingNode):
            report.add(node, *_split("fields.not_group", label=at.label, key=at.key))
            return {}, {}, False
        values, lines, failed = {}, {}, set()
        for key_node, value_node in node.value if node is not None else []:
            key = key_node.value if isinstance(key_node, ScalarNode) else "?"
            field = self.fields.get(key) or (Field(key, self.other, False, "") if self.other else None)
            if key in lines:
                report.add(key_node, *_split("fields.twice", noun=report.called, label=at.child(key).label, first=lines[key]))
                failed.add(key)
                continue
            lines[key] = key_node.start_mark.line + report.first_line
            if field is None:
                close = difflib.get_close_matches(key, list(self.fields), n=1)
                report.add(key_node, *_split("fields.unknown_close" if close else "fields.unknown", noun=report.called,
                                             label=characters.visible(at.child(key).label), close=close[0] if close else "", names=", ".join(self.fields)))
                failed.add(key)
                continue
            before = len(report.problems)
            value = field.type.read(value_node, at.child(key), report)
            if len(report.problems) > before:
                failed.add(key)
            elif value is not None and not (isinstance(value, str) and not value.strip()):
                values[key] = value
                values.update(field.type.derived(key, value))
        for field in self.fields.values():
            if field.required and field.name not in values and field.name not in failed:
                line = lines.get(field.name) or (node.start_mark.line + report.first_line if node is not None and at.label else 1)
                report.problems.append(messages.problem(report.shown, line, "fields.missing", noun=report.called,
                                                        label=at.child(field.name).label, todo=self._add(at, field.name, report)))
                failed.add(field.name)
        return values, lines, not failed

    @staticmethod
    def _add(at: Name, key: str, report: Report) -> str:
        if at.label:
            return messages.text("fields.add_below", key=key, parent=at.key)
        return messages.text("fields.add_front_matter" if report.noun == "front matter field" else "fields.add", key=key)


def read_front_matter(kind: Group, node: Node | None, shown: str, problems: list[Problem]) -> tuple[dict, dict[str, int]]:
    """The fields of a page's front matter (YAML from the file's second line) that are right, and each field's line."""
    values, lines, _ = kind.read_fields(node, Name("", ""), Report(shown, 2, "front matter field", problems))
    return values, lines


def read_facts(node: Node, shown: str, problems: list[Problem]) -> dict | None:
    """The facts, with the values derived from them (controller.phone_e164), or None when any is wrong."""
    values, _, ok = FACTS.read_fields(node, Name("", ""), Report(shown, 1, "fact", problems))
    return values if ok else None


TITLE = Field("title", Text(), True, "the page's title: the heading, the browser tab and the menu")
DESCRIPTION = Field("description", Text(), False, "one sentence about the page, for search engines and link previews")

STATEMENT = Group(TITLE, DESCRIPTION)
"""Front matter of the statement, docs/index.md and its translations."""

HISTORY = Group(TITLE, DESCRIPTION)
"""Front matter of the version history, docs/versions/index.md and its translations."""

PAGE = Group(TITLE, DESCRIPTION)
"""Front matter of any other page an editor adds (docs/about.md). Nothing else: a field such as `template` would let
the page choose any of the theme's templates, redirects and analytics included."""

ARCHIVE = Group(
    Field("title", Text(), True, "the statement's title in this version"),
    Field("version", Integer(), True, "the version's number, the same as in the file name"),
    Field("effective", Date(), True, "the day the version takes effect"),
    Field("summary", Text(multiline=True), True, "what changed, in a sentence or two"),
    DESCRIPTION,
    Field("released", Date(), False, "the day the version was published"),
    Field("notes", ListOf(Text(multiline=True)), False, "details of the change, one item each"),
    Field("translation", Choice("unchanged"), False, "this translation needed no change although the source text did"),
)
"""Front matter of an archived version, docs/versions/N.md and its translations."""

FACTS = Group(
    Field("controller", Group(
        Field("name", Inline(), True, "the company's full name"),
        Field("short_name", Inline(), True, "the name the text uses in sentences"),
        Field("org_nr", OrgNr(), True, "nine digits with a valid check digit, as written (spaces allowed)"),
        Field("street", Inline(), True, "street address"),
        Field("postcode", Postcode(), True, 'four digits, in quotes: "0150"'),
        Field("city", Inline(), True, "postal town"),
        Field("email", Email(), True, "name@domain.no"),
        Field("phone", Phone(), True, "shown as written; the tel: link uses controller.phone_e164 (+4722334455)"),
    ), True, "the company responsible for the processing"),
    Field("authority", Group(
        Field("name", Inline(), True, "the supervisory authority's name"),
        Field("name_en", Inline(), True, "its name in English"),
        Field("website", Inline(), True, "its address as the text shows it"),
        Field("url", Url(), True, "its address for the link, https only"),
    ), True, "the supervisory authority"),
    Field("cookie_providers", ListOf(Group(Field("name", Inline(), True, "the service's name"))), True,
          "the services that set cookies, one \"- name: …\" each"),
    Field("links", Group(other=Url()), False, "named https addresses the text links to; any name"),
)
"""docs/facts.yml. Any other name is an error: a misspelt fact is caught at its line, and no value escapes its type."""

"""What a placeholder in the text may do, and the sandbox that fills it in.

Editors write `{{ group.name }}` (with a few text filters), `{% for x in list %}` over a list from the facts, and
`{% if … %}`. Anything else is refused before it runs; what runs, runs in Jinja2's immutable sandbox with nothing
in scope but the facts.
"""
from __future__ import annotations

import datetime as dt
import functools

import jinja2
from jinja2 import nodes
from jinja2.compiler import CodeGenerator
from jinja2.defaults import DEFAULT_FILTERS, DEFAULT_TESTS
from jinja2.sandbox import ImmutableSandboxedEnvironment

from . import messages, source

FILTERS = ("replace", "lower", "upper", "capitalize", "title", "trim", "join", "first", "last", "length", "default")
"""Filters that only reshape a fact's text."""
TESTS = ("defined", "undefined", "none", "string", "number", "eq", "ne")
USAGE = {"replace": 'replace("old", "new")', "join": 'join(", ", attribute="name")', "trim": "trim",
         "default": 'default("text")'}
"""How each filter that takes arguments is written, for the message about wrong ones."""
_TEXT_FILTERS = ("replace", "lower", "upper", "capitalize", "title", "trim")
"""Filters of one fact's text: a group or a list has none."""
MAX_VALUE = source.MAX_LINE
"""Characters one placeholder, or one filter on its way, may make: as many as one line of a file may have."""
MAX_TEXT = source.MAX_CHARACTERS
"""Characters the text may have with every placeholder filled in: as many as one file may have."""
MAX_PARTS = 60
"""Names, strings, filters and operators in one {{ placeholder }} or {% tag %}; the statement's longest has 9."""
MAX_DEPTH = 10
"""How deeply {% if %} and {% for %}, or brackets in one placeholder, may nest; Jinja's parser recurses on each."""
_RESERVED = ("self", "varargs", "kwargs", "caller")
"""Names Jinja gives a meaning of its own (the template, a macro's arguments): never a fact."""
_IGNORED = ("whitespace", "comment_begin", "comment", "comment_end", "linecomment_begin", "linecomment",
            "linecomment_end", "data")


class Unfillable(Exception):
    """A placeholder that cannot be filled in: the problem's key in the message catalogue, and its values."""

    def __init__(self, key: str, **values):
        super().__init__(key)
        self.key, self.values = key, values

_EXPRESSIONS = (nodes.Name, nodes.Getattr, nodes.Getitem, nodes.Const, nodes.Filter, nodes.Test, nodes.Not,
                nodes.And, nodes.Or, nodes.Compare, nodes.Operand, nodes.Concat, nodes.CondExpr)
_ABSENT = object()
_TAGS = {"Include": "include", "Import": "import", "FromImport": "from … import", "Extends": "extends",
         "Macro": "macro", "CallBlock": "call", "Assign": "set", "AssignBlock": "set", "FilterBlock": "filter",
         "With": "with", "Block": "block", "ScopedEvalContextModifier": "autoescape", "ExprStmt": "do",
         "Break": "break", "Continue": "continue"}
_KINDS = {"Call": "call", "List": "list", "Tuple": "list", "Dict": "mapping", "Slice": "slice",
          "Add": "arithmetic", "Sub": "arithmetic", "Mul": "arithmetic", "Div": "arithmetic", "FloorDiv": "arithmetic",
          "Mod": "arithmetic", "Pow": "arithmetic", "Neg": "arithmetic", "Pos": "arithmetic"}
"""Jinja's expression → what messages call it (placeholders.kind.… in the message catalogue)."""


def environment(undefined: type[jinja2.Undefined]) -> ImmutableSandboxedEnvironment:
    """No loader, no globals (no range, cycler, lipsum, namespace, dict …), only text filters.

    "{#" starts a heading id in Markdown ("## Kontakt {#contact}"), so Jinja comments are "{##  ##}"."""
    env = _Sandbox(loader=None, undefined=undefined, autoescape=False, finalize=_printable,
                                        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                                        comment_start_string="{##", comment_end_string="##}")
    env.globals.clear()
    env.filters = {name: _bounded(name, DEFAULT_FILTERS[name]) for name in FILTERS}
    env.filters["join"] = _bounded("join", _join)
    env.tests = {name: DEFAULT_TESTS[name] for name in TESTS}
    return env


def names(facts: dict, prefix: str = "") -> list[str]:
    """Every placeholder the facts offer, as editors write them: controller.name, cookie_providers (a list) …"""
    found = []
    for key, value in facts.items():
        path = f"{prefix}{key}"
        if isinstance(value, dict):
            found += names(value, f"{path}.")
        else:
            found.append(messages.text("placeholders.a_list", name=path) if isinstance(value, list) else path)
    return found


def refused(template: nodes.Template, facts: dict) -> list[tuple[int, str, str]]:
    """(template line, what is wrong, what to do) for each construct that is not a placeholder the text may use."""
    found: list[tuple[int, str]] = []
    _statements(template.body, facts, set(), False, found)
    todo = messages.text("placeholders.todo", facts=", ".join(names(facts)))
    return [(line, what, todo) for line, what in dict.fromkeys(found)]


def _statements(body: list[nodes.Node], facts: dict, loop: set[str], nested: bool, found: list) -> None:
    for node in body:
        if isinstance(node, nodes.Output):
            for child in node.nodes:
                if not isinstance(child, nodes.TemplateData):
                    _expression(child, loop, found)
        elif isinstance(node, nodes.If):
            _expression(node.test, loop, found)
            for branch in node.elif_:
                _expression(branch.test, loop, found)
                _statements(branch.body, facts, loop, nested, found)
            _statements(node.body + node.else_, facts, loop, nested, found)
        elif isinstance(node, nodes.For):
            _loop(node, facts, loop, nested, found)
        elif isinstance(node, nodes.Scope):  # Jinja's wrapper around {% autoescape %}: judge what it wraps
            _statements(node.body, facts, loop, nested, found)
        else:
            tag = _TAGS.get(type(node).__name__, type(node).__name__.lower())
            found.append((_line(node), messages.text("placeholders.tag", tag=tag)))


def _loop(node: nodes.For, facts: dict, loop: set[str], nested: bool, found: list) -> None:
    path = _path(node.iter)
    if nested:
        found.append((node.lineno, messages.text("placeholders.nested_for")))
    elif not isinstance(node.target, nodes.Name) or node.test is not None or node.recursive:
        found.append((node.lineno, messages.text("placeholders.for_one_item")))
    elif path is None or _lookup(facts, path) is not _ABSENT and not isinstance(_lookup(facts, path), list):
        found.append((node.lineno, messages.text("placeholders.for_not_list", path=".".join(path)) if path
                       else messages.text("placeholders.for_list")))
    else:
        _statements(node.body, facts, loop | {node.target.name}, True, found)
    _statements(node.else_, facts, loop, nested, found)


def _expression(node: nodes.Node, loop: set[str], found: list) -> None:
    kind = type(node).__name__
    if not isinstance(node, _EXPRESSIONS):
        shown = messages.text(f"placeholders.kind.{_KINDS[kind]}") if kind in _KINDS else kind.lower()
        found.append((node.lineno, messages.text("placeholders.not_allowed", kind=shown)))
        return
    hidden = (isinstance(node, nodes.Name) and node.name.startswith("_")) or (isinstance(node, nodes.Getattr) and node.attr.startswith("_"))
    if isinstance(node, nodes.Getitem) and not (isinstance(node.arg, nodes.Const) and isinstance(node.arg.value, (str, int))):
        found.append((node.lineno, messages.text("placeholders.computed")))
        return
    if isinstance(node, nodes.Getitem) and str(node.arg.value).startswith("_"):
        hidden = True
    if hidden:
        found.append((node.lineno, messages.text("placeholders.hidden")))
        return
    if isinstance(node, nodes.Name) and node.name in _RESERVED and node.name not in loop:
        found.append((node.lineno, messages.text("placeholders.reserved", name=node.name)))
        return
    if isinstance(node, (nodes.Filter, nodes.Test)):
        allowed = FILTERS if isinstance(node, nodes.Filter) else TESTS
        if node.name not in allowed:
            what = "placeholders.filter" if isinstance(node, nodes.Filter) else "placeholders.test"
            found.append((node.lineno, messages.text(what, name=node.name, allowed=", ".join(allowed))))
            return
        if node.dyn_args is not None or node.dyn_kwargs is not None or not all(
                isinstance(arg, nodes.Const) for arg in [*node.args, *(k.value for k in node.kwargs)]):
            found.append((node.lineno, messages.text("placeholders.arguments", name=node.name)))
            return
    for child in node.iter_child_nodes():
        if not isinstance(child, nodes.Keyword):
            _expression(child, loop, found)


def _line(node: nodes.Node) -> int:
    """The node's line; Jinja leaves it out on some nodes (autoescape), so take the first line inside."""
    if getattr(node, "lineno", None):
        return node.lineno
    return next((_line(child) for child in node.iter_child_nodes()), 1)


def _path(node: nodes.Node) -> list[str] | None:
    if isinstance(node, nodes.Name):
        return [node.name]
    if isinstance(node, nodes.Getattr):
        parent = _path(node.node)
        return parent + [node.attr] if parent is not None else None
    return None


def _lookup(facts: dict, path: list[str]):
    value = facts
    for part in path:
        if not isinstance(value, dict) or part not in value:
            return _ABSENT  # reported as an unknown placeholder when it runs, with the names that exist
        value = value[part]
    return value


def bounds(env: jinja2.Environment, text: str) -> list[tuple[int, str, dict]]:
    """(template line, message key, values) for the first placeholder too long or nested too deeply to parse.

    Jinja's parser and Python's compiler recurse once per bracket, filter, operator and {% if %}: without this
    bound a short line makes them overflow. Lexing is linear; a text Jinja cannot lex is left to the parser."""
    depth, blocks, parts, start, inside = 0, [], 0, 1, False
    try:
        for line, kind, value in env.lex(text):
            if kind in ("variable_begin", "block_begin"):
                depth, parts, start, inside = 0, 0, line, True
            elif kind in ("variable_end", "block_end"):
                inside = False
            elif inside and kind not in _IGNORED:
                if kind == "name" and parts == 0:
                    if value in ("if", "for", "macro", "call", "filter", "with", "block", "autoescape"):
                        blocks.append(line)
                    elif value.startswith("end") and blocks:
                        blocks.pop()
                parts += 1
                depth += kind == "operator" and ((value in "([{") - (value in ")]}"))
                if parts > MAX_PARTS:
                    return [(start, "placeholders.too_many_parts", {"limit": MAX_PARTS})]
                if depth > MAX_DEPTH or len(blocks) > MAX_DEPTH:
                    return [(line, "placeholders.too_deep", {"limit": MAX_DEPTH})]
    except jinja2.TemplateSyntaxError:
        pass
    return []


def fill(template: jinja2.Template, facts: dict) -> str:
    """The template filled in from the facts, stopped with Unfillable as soon as the text grows beyond MAX_TEXT, or
    a line beyond MAX_VALUE: the Markdown converter's time grows faster than the length of a line."""
    pieces, size, width = [], 0, 0
    generator = template.generate(facts)
    for piece in generator:
        size += len(piece)
        width = len(piece) - piece.rindex("\n") - 1 if "\n" in piece else width + len(piece)
        if size > MAX_TEXT or width > MAX_VALUE:
            frame = getattr(generator.gi_yieldfrom, "gi_frame", None)  # the template's code, paused at this piece
            line = template.get_corresponding_lineno(frame.f_lineno) if frame is not None else 1
            generator.close()
            if size > MAX_TEXT:
                raise Unfillable("placeholders.text_too_long", limit=MAX_TEXT, line=line)
            raise Unfillable("placeholders.line_too_long", limit=MAX_VALUE, line=line)
        pieces.append(piece)
    return "".join(pieces)


class _Generator(CodeGenerator):
    def visit_Concat(self, node: nodes.Concat, frame) -> None:  # "a" ~ b: joined by the sandbox, which checks both
        self.write("environment.concat((")
        for arg in node.nodes:
            self.visit(arg, frame)
            self.write(", ")
        self.write("))")


class _Sandbox(ImmutableSandboxedEnvironment):
    code_generator_class = _Generator

    def getattr(self, obj, attribute: str):
        """A group's facts by name, even those named like a method of dict (links.items); nothing else of a group."""
        if isinstance(obj, dict):
            return obj[attribute] if attribute in obj else self.undefined(obj=obj, name=attribute)
        return super().getattr(obj, attribute)

    @staticmethod
    def concat(parts) -> str:
        joined, size = [], 0
        for part in parts:
            text = str(_printable(part))
            size += len(text)
            if size > MAX_VALUE:
                raise Unfillable("placeholders.too_long", limit=MAX_VALUE)
            joined.append(text)
        return "".join(joined)


def _bounded(name: str, function):
    """The filter, refusing a group or list where it takes text, arguments it cannot take, and results that are
    longer than MAX_VALUE (checked before replace runs, so that no chain of them ever builds a huge text)."""
    skip = 1 if getattr(function, "jinja_pass_arg", None) is not None else 0

    @functools.wraps(function)
    def run(*args, **kwargs):
        value = args[skip] if len(args) > skip else None
        if name in _TEXT_FILTERS and isinstance(value, (dict, list, tuple)):
            raise Unfillable("facts.error", reason=messages.text("placeholders.group_printed"))
        if name == "replace":
            _replace_size(*args[skip:], **kwargs)
        try:
            result = function(*args, **kwargs)
        except (TypeError, ValueError, OverflowError, AttributeError):
            raise Unfillable("placeholders.filter_arguments", name=name, usage=USAGE.get(name, name)) from None
        if isinstance(result, str) and len(result) > MAX_VALUE:
            raise Unfillable("placeholders.too_long", limit=MAX_VALUE)
        return result
    return run


def _replace_size(value=None, old="", new="", count=None, *_, **__) -> None:
    text, old, new = str(value), str(old), str(new)
    found = text.count(old) if old else len(text) + 1
    if isinstance(count, int) and 0 <= count < found:
        found = count
    if len(text) + found * (len(new) - len(old)) > MAX_VALUE:
        raise Unfillable("placeholders.too_long", limit=MAX_VALUE)


@jinja2.pass_environment
def _join(env: jinja2.Environment, value, separator: str = "", attribute: str | int | None = None) -> str:
    """Jinja's join, of a list of facts only, each item (or each item's `attribute`) a fact's text."""
    if not isinstance(value, (list, tuple)) and not isinstance(value, jinja2.Undefined):
        raise Unfillable("facts.error", reason=messages.text("placeholders.join_list"))
    items = [env.getitem(item, attribute) if attribute is not None else item for item in value]
    return _Sandbox.concat(part for index, item in enumerate(items) for part in ((separator, item) if index else (item,)))


def _printable(value):
    """Only a fact's own value is printed: a group or list of facts, a method or Jinja's objects have no text."""
    if isinstance(value, (dict, list, tuple)):
        raise Unfillable("facts.error", reason=messages.text("placeholders.group_printed"))
    if not isinstance(value, (str, int, float, dt.date, jinja2.Undefined)) and value is not None:
        raise Unfillable("facts.error", reason=messages.text("placeholders.not_a_fact"))
    if isinstance(value, str) and len(value) > MAX_VALUE:
        raise Unfillable("placeholders.too_long", limit=MAX_VALUE)
    return value

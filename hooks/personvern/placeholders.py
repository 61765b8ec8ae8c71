"""What a placeholder in the text may do, and the sandbox that fills it in.

Editors write `{{ group.name }}` (with a few text filters), `{% for x in list %}` over a list from the facts, and
`{% if … %}`. Anything else is refused before it runs; what runs, runs in Jinja2's immutable sandbox with nothing
in scope but the facts.
"""
from __future__ import annotations

import jinja2
from jinja2 import nodes
from jinja2.defaults import DEFAULT_FILTERS, DEFAULT_TESTS
from jinja2.sandbox import ImmutableSandboxedEnvironment

from . import messages

FILTERS = ("replace", "lower", "upper", "capitalize", "title", "trim", "join", "first", "last", "length", "default")
"""Filters that only reshape a fact's text."""
TESTS = ("defined", "undefined", "none", "string", "number", "eq", "ne")

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
    env = ImmutableSandboxedEnvironment(loader=None, undefined=undefined, autoescape=False, finalize=_printable,
                                        trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                                        comment_start_string="{##", comment_end_string="##}")
    env.globals.clear()
    env.filters = {name: DEFAULT_FILTERS[name] for name in FILTERS}
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


def _printable(value):
    """A group or list of facts has no text of its own: printing one is a mistake, not a Python repr on the page."""
    if isinstance(value, (dict, list, tuple)):
        raise TypeError(messages.text("placeholders.group_printed"))
    if callable(value) and not isinstance(value, jinja2.Undefined):  # {{ controller.name.upper }}: a method
        raise TypeError(messages.text("placeholders.not_a_fact"))
    return value

"""Words the project's patterns key on, taken from its own data (hooks/personvern/requirements.yml), not spelled out in
the tests: `example(pattern)` writes the shortest text a pattern matches."""
from __future__ import annotations

import re
from re import _constants as c
from re import _parser

from personvern import requirements

_CATEGORY = {c.CATEGORY_DIGIT: "1", c.CATEGORY_WORD: "x", c.CATEGORY_SPACE: " ", c.CATEGORY_NOT_DIGIT: "x",
             c.CATEGORY_NOT_WORD: " ", c.CATEGORY_NOT_SPACE: "x"}


def example(pattern: re.Pattern, excused: bool = False) -> str:
    """The shortest text `pattern` finds: the first alternative, the fewest repeats. With `excused`, the words of a
    negative lookbehind come first, the way that makes the pattern ignore the text."""
    text = _walk(_parser.parse(pattern.pattern, pattern.flags), excused)
    assert bool(pattern.search(text)) != excused, f"{text!r} for {pattern.pattern!r}"
    return text


def named_hint(key: str) -> requirements.Hint:
    return next(h for h in requirements.load().hints if h.key == key)


def _walk(nodes, excused: bool) -> str:
    return "".join(_node(op, av, excused) for op, av in nodes)


def _node(op, av, excused: bool) -> str:
    if op is c.LITERAL:
        return chr(av)
    if op is c.NOT_LITERAL:
        return "y" if chr(av) == "x" else "x"
    if op is c.ANY:
        return "x"
    if op is c.IN:
        return _one_of(av)
    if op is c.BRANCH:
        return _walk(av[1][0], excused)
    if op is c.SUBPATTERN:
        return _walk(av[-1], excused)
    if op in (c.MAX_REPEAT, c.MIN_REPEAT, c.POSSESSIVE_REPEAT):
        low, _, nodes = av
        return _walk(nodes, excused) * low
    if op is c.ASSERT_NOT:
        direction, nodes = av
        return _walk(nodes, excused) if excused and direction < 0 else ""
    if op in (c.AT, c.ASSERT):
        return ""
    raise ValueError(f"no example for {op} in a pattern")


def _one_of(items) -> str:
    if items and items[0][0] is c.NEGATE:
        return "x"
    op, av = items[0]
    if op is c.LITERAL:
        return chr(av)
    if op is c.RANGE:
        return chr(av[0])
    if op is c.CATEGORY:
        return _CATEGORY[av]
    raise ValueError(f"no example for {op} in a character set")

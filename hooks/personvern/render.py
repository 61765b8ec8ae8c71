"""The statement's Markdown as safe HTML: one fixed set of Markdown extensions, then the allow-list.

Every output that shows the statement's text takes its HTML from `html`. Whatever the allow-list would remove
is a problem on the line of the Markdown block it came from: the text is never fixed silently.
"""
from __future__ import annotations

import functools
import html as entities
import re
from dataclasses import dataclass

from . import cache, messages, sanitize, sections as outline
from .problems import Problem

EXTENSIONS = ("attr_list", "toc", "tables")
"""attr_list for heading ids (`## Title {#cookies}`), toc to give every other heading an id, tables."""
EXTENSION_CONFIGS = {"toc": {"marker": ""}, "tables": {"use_align_attribute": True}}
"""No `[TOC]` marker; column alignment as `align`, not as a style attribute."""

MAX_NESTING = 20
"""Levels a list or quote may nest (markers at a line's start, or 4 spaces of indentation each): Python-Markdown
recurses once per level and overflows Python's stack at about 250. The statement's lists have two."""
_MARKERS = re.compile(r"(?:[ \t]*(?:[-*+>]|\d{1,9}[.)])(?=[ \t]|$))+")
_RULE = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:.*$", re.M)
MAX_LOCATED = 300
"""Blocks that could hold HTML which are rendered one by one to find a problem's line; the statement has about 60."""
_BRACKETS = re.compile(r"\[([^\]]*)\]")
_ATTRIBUTE_LIST = re.compile(r"\{:[^}\n]*\}|\{[ \t]*[#.][\w-][^}\n]*\}")
"""An attribute list, `{: …}` or `{#id .class}`, wherever it stands on a line (in a table cell, after a link)."""
_H2 = re.compile(r'<h2(?: id="([^"]*)")?>(.*?)</h2>', re.S)
_ANY_HEADING = re.compile(r'<h([1-6])(?: id="([^"]*)")?>(.*?)</h\1>', re.S)
_HEADING = re.compile(r'(<h([1-6]) id="([^"]*)">)(.*?)(</h\2>)', re.S)


@dataclass(frozen=True)
class Section:
    """A part of the statement's HTML that begins with a level-2 heading (or the text before the first)."""

    id: str
    """The heading's id; "" for the text before the first level-2 heading."""
    title: str
    """The heading as plain text; "" for the text before the first level-2 heading."""
    html: str
    """The section's HTML, its <h2> included: the sections' HTML joined is the whole statement."""


def html(markdown: str, shown: str, first_line: int) -> tuple[str, list[Problem]]:
    """The Markdown as HTML that passed the allow-list, and a problem for everything the allow-list removed.

    `first_line` is the file line of the Markdown's first line; problems name `shown` and a file line."""
    return cache.text_and_problems("render.html", [markdown, shown, first_line], lambda: _html(markdown, shown, first_line))


def _html(markdown: str, shown: str, first_line: int) -> tuple[str, list[Problem]]:
    deep = _too_deep(markdown, shown, first_line)
    if deep:
        return "", deep
    try:
        rendered = _convert(markdown)
    except RecursionError:  # nesting _too_deep does not measure: on the first line, rather than a traceback
        return "", [messages.problem(shown, first_line, "render.too_deep", limit=MAX_NESTING)]
    cleaned = sanitize.clean(rendered)
    headings = _unwritten_headings(markdown, shown, first_line, cleaned)
    if cleaned == rendered or sanitize.tokens(cleaned) == sanitize.tokens(rendered):  # the first is the quick common case
        return cleaned, headings
    problems = _locate(markdown, shown, first_line, rendered)
    if not problems:  # the whole differs but no block on its own does: say so on the first line
        problems = [_generic(shown, first_line, rendered, cleaned)]
    return cleaned, problems + headings


def sections(html: str) -> list[Section]:
    """The statement's HTML cut at each <h2>; the text before the first one comes first, when there is any."""
    headings = list(_H2.finditer(html))
    intro = html[: headings[0].start() if headings else len(html)]
    cut = [Section("", "", intro)] if intro.strip() else []
    for heading, following in zip(headings, headings[1:] + [None]):
        end = following.start() if following else len(html)
        cut.append(Section(entities.unescape(heading.group(1) or ""), _text(heading.group(2)), html[heading.start():end]))
    return cut


def permalinks(html: str, title: str) -> str:
    """Each heading with an id gets a link to itself at its end, as the site's pages show them."""
    def link(match: re.Match) -> str:
        start, _, anchor, inner, end = match.groups()
        return f'{start}{inner}<a class="headerlink" href="#{anchor}" title="{entities.escape(title)}">&para;</a>{end}'
    return _HEADING.sub(link, html)


def _unwritten_headings(markdown: str, shown: str, first_line: int, html: str) -> list[Problem]:
    """A problem for each heading in the HTML that no "## Title" line wrote: one underlined with --- or ===, written
    in HTML, or inside a list or quote. The rules for sections and their ids read those lines only.

    A written heading is the HTML heading with its level, id (unless the allow-list removed it) and title; failing
    that, with its level and id; failing that, the first unmatched one of its level, which other rules report."""
    found = [(int(m[1]), entities.unescape(m[2] or ""), _text(m[3])) for m in _ANY_HEADING.finditer(html)]
    unused = dict(enumerate(outline.written(markdown)))
    matched = set()
    for strictness in (2, 1, 0):  # level, id and title; level and id; level alone (a line Markdown read otherwise)
        for index, (level, found_id, title) in enumerate(found):
            written = None if index in matched else next(
                (key for key, (lv, expected, text) in unused.items() if lv == level
                 and (strictness < 1 or found_id in (expected, "") or found_id.startswith(expected + "_"))
                 and (strictness < 2 or _letters(text) == _letters(title))), None)
            if written is not None:
                matched.add(index)
                del unused[written]
    lines, problems = markdown.split("\n"), []
    for index, (_, _, title) in enumerate(found):
        if index not in matched:
            line = next((i for i, text in enumerate(lines) if title and title in text), 0)
            problems.append(messages.problem(shown, first_line + line, "render.heading_form", title=title))
    return problems


def _letters(text: str) -> str:
    return re.sub(r"\W", "", text).casefold()


def _too_deep(markdown: str, shown: str, first_line: int) -> list[Problem]:
    """A problem on the first line whose list or quote markers and indentation nest more than MAX_NESTING levels."""
    for index, line in enumerate(markdown.split("\n")):
        if len(line) - len(line.lstrip()) < 4 * MAX_NESTING and line.count(" ") + line.count("\t") < MAX_NESTING:
            continue  # too few spaces to hold that many levels: most lines stop here
        indent = len(line.expandtabs(4)) - len(line.expandtabs(4).lstrip())
        markers = _MARKERS.match(line)
        levels = indent // 4 + (len(re.findall(r"[-*+>]|\d+[.)]", markers.group())) if markers else 0)
        if levels > MAX_NESTING and not _RULE.match(line):
            return [messages.problem(shown, first_line + index, "render.too_deep", limit=MAX_NESTING)]
    return []


@functools.lru_cache(maxsize=32)
def _convert(markdown: str) -> str:
    """The Markdown as HTML, before the allow-list. Kept for the texts met again in one run: the latest archived
    version is the current text once it is released, and blocks repeat from version to version."""
    try:
        return _converter().reset().convert(markdown)
    except BaseException:
        _converter.cache_clear()  # a conversion cut short (too deep) may leave parser state behind: start afresh
        raise


@functools.cache
def _converter():
    """One converter, reset before each text: building one costs more than converting a page."""
    import markdown as python_markdown  # here, not at the top: a check whose texts are all cached never needs it
    from markdown.extensions import attr_list, tables, toc
    classes = {"attr_list": attr_list.AttrListExtension, "toc": toc.TocExtension, "tables": tables.TableExtension}
    # Instances, not names: a name makes Markdown search every installed package's entry points.
    return python_markdown.Markdown(extensions=[classes[name](**EXTENSION_CONFIGS.get(name, {})) for name in EXTENSIONS],
                                    output_format="html")


def _locate(markdown: str, shown: str, first_line: int, rendered: str) -> list[Problem]:
    """Each block (lines between blank lines) that could hold HTML rendered alone, with the link definitions it
    names, and checked. Beyond MAX_LOCATED such blocks, each problem goes on the first line that holds its text.

    Only the definitions a block names: with all of them, a text of many blocks and definitions took minutes."""
    definitions: dict[str, list[str]] = {}
    for definition in _REFERENCE.findall(markdown):
        definitions.setdefault(_label(definition[definition.index("[") + 1:definition.index("]")]), []).append(definition)
    lines = markdown.split("\n")
    blocks = [(start, block) for start, block in _blocks(lines) if any(c in line for line in block for c in "<[{&")]
    if len(blocks) > MAX_LOCATED:
        return _place(sanitize.findings(rendered), lines, shown, first_line, 0)
    problems: list[Problem] = []
    for start, block in blocks:
        text = "\n".join(block)
        named = dict.fromkeys(d for label in _BRACKETS.findall(text) for d in definitions.get(_label(label), ()))
        alone = _convert(text + "\n\n" + "\n".join(named))
        cleaned = sanitize.clean(alone)
        if sanitize.tokens(cleaned) == sanitize.tokens(alone):
            continue
        found = sanitize.findings(alone)
        if not found:
            generic = _generic(shown, first_line, alone, cleaned)
            found = [("", generic.what, generic.todo)]
        problems += [p for p in _place(found, block, shown, first_line, start) if p not in problems]
    return problems


def _place(found: list[tuple[str, str, str]], lines: list[str], shown: str, first_line: int, start: int) -> list[Problem]:
    """Each finding on the first of `lines` (the text's from its index `start`) that holds its text, else on the
    first that holds an attribute list, else on the first."""
    problems: list[Problem] = []
    for needle, what, todo in found:
        offset = next((i for i, line in enumerate(lines) if needle and needle.lower() in line.lower()),
                      next((i for i, line in enumerate(lines) if _ATTRIBUTE_LIST.search(line)), 0))
        problem = Problem(shown, first_line + start + offset, what, todo)
        if problem not in problems:
            problems.append(problem)
    return problems


def _label(text: str) -> str:
    """A link label as Markdown compares them: case and runs of white space do not count."""
    return " ".join(text.lower().split())


def _blocks(lines: list[str]) -> list[tuple[int, list[str]]]:
    """(index of the first line, lines) of each run of non-blank lines."""
    blocks: list[tuple[int, list[str]]] = []
    start = None
    for index, line in enumerate(lines + [""]):
        if line.strip() and start is None:
            start = index
        elif not line.strip() and start is not None:
            blocks.append((start, lines[start:index]))
            start = None
    return blocks


def _generic(shown: str, line: int, rendered: str, cleaned: str) -> Problem:
    """HTML the allow-list removes that no finding names, quoted where the HTML first differs from what is kept."""
    before, after = sanitize.tokens(rendered), sanitize.tokens(cleaned)
    index = next((i for i, (a, b) in enumerate(zip(before, after)) if a != b), min(len(before), len(after)))
    quote = ""
    if index < len(before):
        token = before[index]
        quote = f"<{token[1]}>" if token[0] == "start" else f"</{token[1]}>" if token[0] == "end" else str(token[1]).strip()
    if quote:
        return messages.problem(shown, line, "render.html_near", quote=quote[:40])
    return messages.problem(shown, line, "render.html")


def _text(fragment: str) -> str:
    return "".join(token[1] for token in sanitize.tokens(fragment) if token[0] == "data").strip()

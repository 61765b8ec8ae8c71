"""The statement's Markdown as safe HTML: one fixed set of Markdown extensions, then the allow-list.

Every output that shows the statement's text takes its HTML from `html`. Whatever the allow-list would remove
is a problem on the line of the Markdown block it came from: the text is never fixed silently.
"""
from __future__ import annotations

import functools
import html as entities
import re
from dataclasses import dataclass

from . import cache, messages, sanitize
from .problems import Problem

EXTENSIONS = ("attr_list", "toc", "tables")
"""attr_list for heading ids (`## Title {#cookies}`), toc to give every other heading an id, tables."""
EXTENSION_CONFIGS = {"toc": {"marker": ""}, "tables": {"use_align_attribute": True}}
"""No `[TOC]` marker; column alignment as `align`, not as a style attribute."""

_REFERENCE = re.compile(r"^ {0,3}\[[^\]\n]+\]:.*$", re.M)
_ATTRIBUTE_LIST = re.compile(r"\{:?[ \t]*[#.\w][^}\n]*\}[ \t]*$")
_H2 = re.compile(r'<h2(?: id="([^"]*)")?>(.*?)</h2>', re.S)
_HEADING = re.compile(r'(<h([1-6]) id="([^"]*)">)(.*?)(</h\2>)', re.S)


@dataclass(frozen=True)
class Section:
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
    rendered = _convert(markdown)
    cleaned = sanitize.clean(rendered)
    if cleaned == rendered or sanitize.tokens(cleaned) == sanitize.tokens(rendered):  # the first is the quick common case
        return cleaned, []
    problems = _locate(markdown, shown, first_line)
    if not problems:  # the whole differs but no block on its own does: say so on the first line
        problems = [_generic(shown, first_line, rendered, cleaned)]
    return cleaned, problems


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


@functools.lru_cache(maxsize=32)
def _convert(markdown: str) -> str:
    """The Markdown as HTML, before the allow-list. Kept for the texts met again in one run: the latest archived
    version is the current text once it is released, and blocks repeat from version to version."""
    return _converter().reset().convert(markdown)


@functools.cache
def _converter():
    """One converter, reset before each text: building one costs more than converting a page."""
    import markdown as python_markdown  # here, not at the top: a check whose texts are all cached never needs it
    from markdown.extensions import attr_list, tables, toc
    classes = {"attr_list": attr_list.AttrListExtension, "toc": toc.TocExtension, "tables": tables.TableExtension}
    # Instances, not names: a name makes Markdown search every installed package's entry points.
    return python_markdown.Markdown(extensions=[classes[name](**EXTENSION_CONFIGS.get(name, {})) for name in EXTENSIONS],
                                    output_format="html")


def _locate(markdown: str, shown: str, first_line: int) -> list[Problem]:
    """Each block (lines between blank lines) rendered alone, with the text's link definitions, and checked."""
    definitions = "\n".join(_REFERENCE.findall(markdown))
    problems: list[Problem] = []
    for start, lines in _blocks(markdown.split("\n")):
        rendered = _convert("\n".join(lines) + "\n\n" + definitions)
        cleaned = sanitize.clean(rendered)
        if sanitize.tokens(cleaned) == sanitize.tokens(rendered):
            continue
        found = sanitize.findings(rendered)
        if not found:
            generic = _generic(shown, first_line, rendered, cleaned)
            found = [("", generic.what, generic.todo)]
        for needle, what, todo in found:
            offset = next((i for i, line in enumerate(lines) if needle and needle.lower() in line.lower()),
                          next((i for i, line in enumerate(lines) if _ATTRIBUTE_LIST.search(line)), 0))
            problem = Problem(shown, first_line + start + offset, what, todo)
            if problem not in problems:
                problems.append(problem)
    return problems


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

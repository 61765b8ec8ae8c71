"""Links between the site's pages: every link to a page or a `#id` must arrive, and the statement's links must
mean the same in its archived copy under versions/.

Links to other sites (https:, mailto:, tel:) and links whose address is a fact (`{{ links.… }}`) are not
followed here; the facts are checked where they are read.
"""
from __future__ import annotations

import difflib
import html
import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote

from . import layout, messages
from .problems import Problem
from .source import shown_path

_BACKTICKS = re.compile(r"`+")
_TARGETS = (
    re.compile(r"\]\(\s*<([^>\n]*)>"),                      # [text](<address>)
    re.compile(r"\]\(\s*([^)\s<][^)\s]*)"),                 # [text](address "title"), ![image](address)
    re.compile(r"^[ ]{0,3}\[(?!\^)[^\]\n]+\]:[ \t]*<?([^\s>]+)", re.M),  # [name]: address, not a [^footnote]
    re.compile(r"\b(?:href|src)[ \t]*=[ \t]*[\"']([^\"'\n]*)[\"']", re.I),
)
_HEADING = re.compile(r"^#{1,6}[ \t]+(.*?)[ \t]*#*[ \t]*$")
_ATTR_ID = re.compile(r"\{:?[ \t]*(?:[.\w-]+(?:=\S+)?[ \t]+)*#([\w][\w-]*)[^}\n]*\}")
_HTML_ID = re.compile(r"\b(?:id|name)[ \t]*=[ \t]*[\"']([^\"'\n]+)[\"']", re.I)
_EXTERNAL = re.compile(r"^(?:[a-z][a-z0-9+.-]*:|//)", re.I)
_FILLED = ("{{", "{%")


@dataclass(frozen=True)
class Link:
    """A link's address as written, and the file line it is on."""

    target: str
    line: int


def links(text: str) -> list[Link]:
    """Every link address in a Markdown file, with its line, outside code blocks and code spans."""
    masked = _without_code(text)
    found: dict[int, Link] = {}
    for pattern in _TARGETS:
        for match in pattern.finditer(masked):
            found.setdefault(match.start(1), Link(match.group(1).strip(), masked.count("\n", 0, match.start(1)) + 1))
    return [found[position] for position in sorted(found)]


def ids(text: str) -> set[str]:
    """The ids a page has: explicit `{#id}`s, HTML ids, and the ids headings without one get from their text."""
    masked = _without_code(text)
    found = set(_ATTR_ID.findall(masked)) | set(_HTML_ID.findall(masked))
    for line in masked.split("\n"):
        heading = _HEADING.match(line)
        if heading and not _ATTR_ID.search(line):
            from markdown.extensions.toc import slugify  # here, not at the top: most pages give every heading an id
            title = re.sub(r"[*_`\[\]]|\([^)]*\)", "", heading.group(1))
            found.add(slugify(title, "-"))
    return found


def check(docs_dir: Path, root: Path) -> list[Problem]:
    """Every link that goes nowhere, in every Markdown page an editor writes, and every relative link in the
    statement. Archived versions are records that cannot change, so their links are not checked."""
    pages = {path: _read(path) for path in sorted(docs_dir.rglob("*.md")) if not _archived(docs_dir, path)}
    statement = {layout.statement_path(docs_dir, language) for language in layout.LANGUAGES}
    problems = []
    for path, text in pages.items():
        if text is None:
            continue  # an unreadable file is reported where it is read
        shown = shown_path(path, root)
        for link in links(text):
            target = link.target
            decoded = html.unescape(target)  # "&#106;avascript:" is a scheme to the browser, so it is one here too
            if not decoded or target.startswith(_FILLED) or _EXTERNAL.match(decoded):
                continue  # another site's address is the sanitiser's to judge, a fact's where the facts are read
            if decoded.startswith("/"):
                problems.append(messages.problem(shown, link.line, "links.root", target=target))
                continue
            address, _, fragment = decoded.partition("#")
            if address and path in statement:
                problems.append(messages.problem(shown, link.line, "links.relative", target=target,
                                        folder=f"{layout.DOCS_DIR}/{layout.VERSIONS_DIR}/"))
                continue
            destination = _destination(docs_dir, path, unquote(address)) if address else path
            if destination is None:
                close = _close_page(docs_dir, path, address)
                problems.append(messages.problem(shown, link.line, "links.no_page_close" if close else "links.no_page",
                                        target=target, close=close))
            elif fragment and destination.suffix == ".md":
                known = ids(pages[destination] if destination in pages else _read(destination) or "")
                if unquote(fragment) not in known:
                    where = messages.text("links.this_page") if destination == path else shown_path(destination, root)
                    close = difflib.get_close_matches(fragment, sorted(known), n=1)
                    problems.append(messages.problem(shown, link.line, "links.no_id_close" if close else "links.no_id",
                                            target=target, id=fragment, page=where, close=close[0] if close else ""))
    return problems


def _destination(docs_dir: Path, page: Path, address: str) -> Path | None:
    """The file a relative address reaches from `page`, or None; `folder/` means the folder's index page."""
    target = (page.parent / address).resolve()
    docs = docs_dir.resolve()
    if target != docs and docs not in target.parents:
        return None
    if address.endswith("/") or target.is_dir():
        index = target / f"{layout.STATEMENT_STEM}.md"
        return index if index.is_file() else None
    return target if target.is_file() else None


def _close_page(docs_dir: Path, page: Path, address: str) -> str:
    """The existing page whose address is nearest to `address`, or ""."""
    names = [Path(_relative(p, page.parent)).as_posix() for p in sorted(docs_dir.rglob("*.md"))]
    close = difflib.get_close_matches(address, names, n=1)
    return close[0] if close else ""


def _relative(path: Path, folder: Path) -> str:
    try:
        return str(path.relative_to(folder))
    except ValueError:
        return str(path)


def _archived(docs_dir: Path, path: Path) -> bool:
    return path.parent == docs_dir / layout.VERSIONS_DIR and path.name.split(".")[0].isdigit()


def _read(path: Path) -> str | None:
    try:
        return path.read_text(encoding="utf-8-sig").replace("\r\n", "\n")
    except (OSError, UnicodeDecodeError):
        return None


def _without_code(text: str) -> str:
    """`text` with its code spans blanked out, lines and positions kept: from a run of backticks to the next run of as
    many in the same paragraph, as Python-Markdown reads them. Lines of ``` or ~~~ start no code block (the site's
    Markdown has none): a link between them a blank line apart is a link on the page. Linear in the text's length."""
    chars = list(text)
    for start, end in _paragraphs(text):
        runs = [(m.start(), m.end()) for m in _BACKTICKS.finditer(text, start, end)
                if m.start() == 0 or text[m.start() - 1] != "\\"]
        following: dict[int, int] = {}
        later = [None] * len(runs)
        for index in range(len(runs) - 1, -1, -1):  # for each run, the next run of as many backticks
            width = runs[index][1] - runs[index][0]
            later[index], following[width] = following.get(width), index
        index = 0
        while index < len(runs):
            closing = later[index]
            if closing is None:
                index += 1
                continue
            for position in range(runs[index][0], runs[closing][1]):
                if chars[position] != "\n":
                    chars[position] = " "
            index = closing + 1
    return "".join(chars)


def _paragraphs(text: str) -> list[tuple[int, int]]:
    """(start, end) of each run of lines between blank lines."""
    found, start, position = [], None, 0
    for line in text.split("\n"):
        if line.strip() and start is None:
            start = position
        elif not line.strip() and start is not None:
            found.append((start, position))
            start = None
        position += len(line) + 1
    return found + ([(start, len(text))] if start is not None else [])
"""What changed between two versions: grouped by section, marked word by word, with moved text recognised."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .sections import outline

SIMILAR = 0.5
"""Blocks at least this alike are shown as one changed block with words marked, not as removed and added."""

_LIST_ITEM = re.compile(r"^\s{0,3}(?:[-*+]|\d+[.)])\s+")
_TOKEN = re.compile(r"(?:https?://|mailto:|tel:)[^\s)]+|\s+|\w+|[^\w\s]")  # an address is one word


@dataclass
class Piece:
    kind: str
    """"same", "ins" or "del"."""
    text: str


@dataclass
class Block:
    kind: str
    """"added", "removed", "changed", "moved" (where the text now is) or "moved_away" (where it was)."""
    pieces: list[Piece]
    heading: bool = False
    moved: str | None = None
    """For text moved between sections: the title of the other section."""


@dataclass
class SectionChange:
    id: str
    title: str
    kind: str
    """"added", "removed" or "changed"."""
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Changes:
    sections: list[SectionChange]
    unchanged: int
    """How many sections are the same in both versions."""

    @property
    def empty(self) -> bool:
        return not self.sections


def compare(old: str, new: str) -> Changes:
    """The changes from the Markdown body `old` to `new`."""
    before, after = _sections(old), _sections(new)
    titles = {key: title for key, (title, _) in {**before, **after}.items()}
    changes: dict[str, SectionChange] = {}
    for key in list(after) + [k for k in before if k not in after]:
        old_title, old_blocks = before.get(key, (None, []))
        new_title, new_blocks = after.get(key, (None, []))
        kind = "added" if key not in before else "removed" if key not in after else "changed"
        blocks = _align(old_blocks, new_blocks)
        if kind == "changed" and old_title != new_title:
            blocks.insert(0, Block("changed", _words(old_title, new_title), heading=True))
        if blocks:
            changes[key] = SectionChange(key, titles[key], kind, blocks)
    _mark_moves(changes, titles)
    kept = [c for c in changes.values() if c.blocks]
    return Changes(kept, len([k for k in after if k in before and k not in changes]))


def _sections(body: str) -> dict[str, tuple[str, list[str]]]:
    doc = outline(body)
    title = next((line.lstrip("# ").strip() for line in doc.intro if line.startswith("# ")), "")
    intro = [line for line in doc.intro if not line.startswith("# ")]
    result = {"": (title, _blocks(intro))}
    for section in doc.sections:
        result[section.id or section.heading.title] = (_plain(section.heading.title), _blocks(section.lines))
    return result


def _blocks(lines: list[str]) -> list[str]:
    """Paragraphs, list items and sub-headings, each as plain text; headings start with "#"."""
    blocks: list[list[str]] = []
    for line in lines:
        if not line.strip():
            blocks.append([])
        elif line.lstrip().startswith("#") or _LIST_ITEM.match(line) or not blocks:
            blocks.append([line])
        else:
            blocks[-1].append(line)
    return [_plain(" ".join(part.strip() for part in block)) if not block[0].lstrip().startswith("#")
            else "#" + _plain(block[0].lstrip("# ")) for block in blocks if block]


def _plain(markdown: str) -> str:
    text = re.sub(r"\{[:#.][^}]*\}", "", markdown)
    text = re.sub(r"!\[([^\]]*)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"\[([^\]]*)\]\(\s*<?([^)\s>]*)>?[^)]*\)", _link, text)
    text = re.sub(r"(\*\*|__|(?<!\w)[*_](?=\S))|((?<=\S)[*_](?!\w))", "", text)
    text = _LIST_ITEM.sub("", text)
    return re.sub(r"\s+", " ", text).strip()


def _link(match: re.Match) -> str:
    """A link as text, with its address when the text does not already show it, so a changed address shows."""
    text, url = match.group(1), match.group(2)
    squeezed = re.sub(r"\W", "", text.lower())
    return text if squeezed and squeezed in re.sub(r"\W", "", url.lower()) else f"{text} ({url})"


def _align(old: list[str], new: list[str]) -> list[Block]:
    blocks: list[Block] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        removed, added = old[i1:i2], new[j1:j2]
        while removed and added and _similarity(removed[0], added[0]) >= SIMILAR:
            blocks.append(_block("changed", _words(removed.pop(0), added.pop(0))))
        blocks += [_block("removed", [Piece("del", text)]) for text in removed]
        blocks += [_block("added", [Piece("ins", text)]) for text in added]
    return blocks


def _block(kind: str, pieces: list[Piece]) -> Block:
    heading = bool(pieces) and pieces[0].text.startswith("#")
    if heading:
        pieces[0] = Piece(pieces[0].kind, pieces[0].text[1:])
    return Block(kind, pieces, heading)


def _mark_moves(changes: dict[str, SectionChange], titles: dict[str, str]) -> None:
    """Text removed in one place and added, alike, in another becomes one "moved" block where it now is."""
    removed = [(key, block) for key, change in changes.items() for block in change.blocks if block.kind == "removed"]
    for key, change in changes.items():
        for index, block in enumerate(change.blocks):
            if block.kind != "added":
                continue
            text = _text(block)
            match = next(((k, b) for k, b in removed if _similarity(_text(b), text) >= 0.9), None)
            if match is None:
                continue
            removed.remove(match)
            source_key, source = match
            elsewhere = source_key != key
            source_blocks = changes[source_key].blocks
            if elsewhere:  # a short note where the text was, instead of the whole text struck out
                source_blocks[source_blocks.index(source)] = Block("moved_away", [], source.heading, titles[key])
            else:
                source_blocks.remove(source)
            change.blocks[index] = Block("moved", _words(_text(source), text), block.heading,
                                         titles[source_key] if elsewhere else None)


def _text(block: Block) -> str:
    return "".join(piece.text for piece in block.pieces)


def _similarity(a: str, b: str) -> float:
    return SequenceMatcher(None, _TOKEN.findall(a), _TOKEN.findall(b), autojunk=False).ratio()


def _words(old: str, new: str) -> list[Piece]:
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    pieces: list[Piece] = []
    for op, i1, i2, j1, j2 in SequenceMatcher(None, a, b, autojunk=False).get_opcodes():
        if op == "equal":
            _add(pieces, "same", "".join(b[j1:j2]))
            continue
        _add(pieces, "del", "".join(a[i1:i2]))
        _add(pieces, "ins", "".join(b[j1:j2]))
    return pieces


def _add(pieces: list[Piece], kind: str, text: str) -> None:
    if not text:
        return
    if pieces and pieces[-1].kind == kind:
        pieces[-1].text += text
    else:
        pieces.append(Piece(kind, text))

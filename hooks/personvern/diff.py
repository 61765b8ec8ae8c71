"""What changed between two versions: grouped by section, marked word by word, with moved text recognised."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from difflib import SequenceMatcher

from .sections import outline

SIMILAR = 0.5
"""Blocks at least this alike, in the same place, are shown as one changed block with words marked, not as removed
and added."""
MOVED = 0.75
"""Blocks at least this alike in different places are shown as one moved block, with any rewording marked."""

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
    keys = list(after) + [k for k in before if k not in after]
    regions = [region for key in keys for region in _regions(key, before.get(key, (None, []))[1], after.get(key, (None, []))[1])]
    partner = _pair(regions)
    changes: list[SectionChange] = []
    for key in keys:
        kind = "added" if key not in before else "removed" if key not in after else "changed"
        blocks = [block for index, region in enumerate(regions) if region.key == key
                  for block in _shown(index, regions, partner, titles)]
        if kind == "changed" and before[key][0] != after[key][0]:
            blocks.insert(0, Block("changed", _words(before[key][0], after[key][0]), heading=True))
        if blocks:
            changes.append(SectionChange(key, titles[key], kind, blocks))
    changed = {c.id for c in changes}
    return Changes(changes, len([k for k in after if k in before and k not in changed]))


@dataclass
class _Region:
    """Blocks of one section that differ between the versions, between two runs of equal blocks."""
    key: str
    removed: list[str]
    added: list[str]


def _regions(key: str, old: list[str], new: list[str]) -> list[_Region]:
    return [_Region(key, old[i1:i2], new[j1:j2])
            for op, i1, i2, j1, j2 in SequenceMatcher(None, old, new, autojunk=False).get_opcodes() if op != "equal"]


MAX_COMPARED = 2_500
"""Pairs of removed and added blocks compared for likeness (50 by 50); beyond it, a block is compared only with the
one in its place, and only identical text counts as moved."""


def _pair(regions: list[_Region]) -> dict[tuple[int, str, int], tuple[int, int]]:
    """Each removed block matched to at most one added block, the most alike first: (region, "del"|"ins", index) →
    the other side's (region, index). Identical text and, in the same region, text at least SIMILAR alike pair up."""
    removed = [(r, i, text) for r, region in enumerate(regions) for i, text in enumerate(region.removed)]
    added = [(r, j, text) for r, region in enumerate(regions) for j, text in enumerate(region.added)]
    everything = len(removed) * len(added) <= MAX_COMPARED
    tokens = {text: _TOKEN.findall(text) for _, _, text in removed}
    matcher = SequenceMatcher(None, autojunk=False)
    candidates = []
    for r2, j, new in added:
        matcher.set_seq2(_TOKEN.findall(new))  # SequenceMatcher caches what it learns about its second sequence
        for r1, i, old in removed:
            likeness = 1.0 if old == new else 0.0
            least = SIMILAR if r1 == r2 else MOVED
            if not likeness and (everything or (r1, i) == (r2, j)):  # beyond MAX_COMPARED, only text in its place
                matcher.set_seq1(tokens[old])
                if matcher.real_quick_ratio() >= least and matcher.quick_ratio() >= least:
                    likeness = matcher.ratio()
            if likeness >= least:
                candidates.append((-likeness, r1 != r2, abs(r1 - r2), abs(i - j), r1, i, r2, j))
    partner: dict[tuple[int, str, int], tuple[int, int]] = {}
    for *_, r1, i, r2, j in sorted(candidates):
        if (r1, "del", i) not in partner and (r2, "ins", j) not in partner:
            partner[(r1, "del", i)], partner[(r2, "ins", j)] = (r2, j), (r1, i)
    return partner


def _shown(index: int, regions: list[_Region], partner: dict, titles: dict[str, str]) -> list[Block]:
    """A region's blocks as the page shows them: removed text where it was, then the new text in its order."""
    region, blocks = regions[index], []
    for i, text in enumerate(region.removed):
        other = partner.get((index, "del", i))
        if other is None:
            blocks.append(_block("removed", [Piece("del", text)]))
        elif regions[other[0]].key != region.key:  # a short note where the text was, instead of the whole text struck out
            blocks.append(Block("moved_away", [], text.startswith("#"), titles[regions[other[0]].key]))
    for j, text in enumerate(region.added):
        other = partner.get((index, "ins", j))
        if other is None:
            blocks.append(_block("added", [Piece("ins", text)]))
            continue
        source = regions[other[0]]
        pieces = _words(source.removed[other[1]], text)
        if other[0] == index:
            blocks.append(_block("changed", pieces))
        else:
            block = _block("moved", pieces)
            block.moved = titles[source.key] if source.key != region.key else None
            blocks.append(block)
    return blocks


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


def _block(kind: str, pieces: list[Piece]) -> Block:
    heading = bool(pieces) and pieces[0].text.startswith("#")
    if heading:
        pieces[0] = Piece(pieces[0].kind, pieces[0].text[1:])
    return Block(kind, pieces, heading)


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

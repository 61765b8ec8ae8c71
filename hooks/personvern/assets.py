"""Files besides Markdown that editors put under docs/: the site publishes them as they are, on its own address,
so only kinds that cannot run script are allowed, and an SVG image may hold drawing only."""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from . import layout, messages
from .problems import Problem
from .source import shown_path

KINDS = frozenset({".md", ".yml", ".yaml", ".css", ".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".ico", ".svg",
                   ".pdf", ".txt", ".woff", ".woff2"})
"""File name endings allowed under docs/ (besides docs/versions/, whose files the archive rules decide)."""
SVG_ELEMENTS = frozenset({"svg", "g", "path", "circle", "ellipse", "line", "polyline", "polygon", "rect", "title",
                          "desc", "defs", "linearGradient", "radialGradient", "stop", "clipPath", "mask", "symbol",
                          "use", "text", "tspan", "metadata"})
"""What an SVG image may be drawn with: shapes, groups, gradients and text, nothing that runs or fetches."""
SVG_FUNCTIONS = frozenset({"rgb", "rgba", "hsl", "hsla", "calc", "var", "translate", "rotate", "scale", "matrix",
                           "skewx", "skewy"})
"""The functions an attribute or style of an SVG image may call besides url(#id): colours, sums and transforms. Any
other (url() of an address, image-set(), a name spelt with CSS escapes) could fetch from another site."""
_FUNCTION = re.compile(r"([\w-]+)\(\s*(['\"]?)\s*(.?)")
"""A CSS function: its name right before "(" (with a space between, CSS reads no function), and the first sign of
its argument."""


def problems(docs_dir: Path, root: Path) -> list[Problem]:
    """Every file under docs/ (docs/versions/ aside) of a kind the site must not publish, or an SVG that could run."""
    found = []
    versions, own = docs_dir / layout.VERSIONS_DIR, layout.theme_files(root / layout.CONFIG_FILE)
    for path in sorted(p for p in docs_dir.rglob("*") if p.is_file() and not p.is_symlink()):
        if versions in path.parents:
            continue
        shown = shown_path(path, root)
        if path.suffix.lower() not in KINDS:
            found.append(messages.problem(shown, None, "assets.kind", kind=path.suffix or path.name))
        elif path.relative_to(docs_dir).as_posix() in own:
            found.append(messages.problem(shown, None, "assets.theme_file", file=path.relative_to(docs_dir).as_posix()))
        elif path.suffix.lower() == ".svg":
            found.extend(svg_problems(path, shown))
    return found


def svg_problems(path: Path, shown: str) -> list[Problem]:
    """What in an SVG image could run script or fetch something: elements outside SVG_ELEMENTS, event handlers,
    and links anywhere but inside the image."""
    try:
        tree = ET.parse(path)
    except (ET.ParseError, OSError, UnicodeError) as error:
        reason = messages.from_english(str(error), "assets.xml.")
        return [messages.problem(shown, None, "assets.svg_unreadable", error=reason)]
    found = []
    for element in tree.iter():
        name = str(element.tag).rsplit("}", 1)[-1]
        if name not in SVG_ELEMENTS:
            found.append(f"<{name}>")
        for attribute, value in element.attrib.items():
            local = attribute.rsplit("}", 1)[-1]
            if local.lower().startswith("on") or (local == "href" and not value.strip().startswith("#")) or _fetches(value):
                found.append(f'{local}="{value[:40]}"')
    return [messages.problem(shown, None, "assets.svg", what=what) for what in dict.fromkeys(found)]


def _fetches(value: str) -> bool:
    """Whether an attribute's value could fetch something: a CSS escape, or a function outside SVG_FUNCTIONS, or a
    url() that is not a reference inside the image (`url(#id)`)."""
    return "\\" in value or any(name.lower() not in SVG_FUNCTIONS and not (name.lower() == "url" and first == "#")
                                 for name, _, first in _FUNCTION.findall(value))

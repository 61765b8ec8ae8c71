"""What mkdocs.yml may say: the settings the site uses, and no other. A setting such as `extra_javascript`, `INHERIT`,
`theme: favicon:` from another site, a language switcher link of one's own, another plugin or another hook would make
every page load a file nobody checked, link where the site does not, or the build run code that is not the project's.

`personvern check` and the build both ask `layout.config_problems`, which asks this module.
"""
from __future__ import annotations

import re
import reprlib
from pathlib import Path

from . import layout, messages
from .problems import Problem

ANY = None
"""A setting whose value the site checks elsewhere (the languages, the allowed origins) or that loads nothing."""
LANGUAGE = {"locale": ANY, "name": ANY, "default": ANY, "build": ANY, "site_name": ANY, "site_description": ANY,
            "nav_translations": ANY, "theme": {"language": ANY}}
"""What mkdocs-static-i18n may set for one language: no links, `extra` or theme files of its own."""
SHAPE = {
    "site_name": ANY, "site_description": ANY, "site_url": ANY, "docs_dir": ANY, "site_dir": ANY,
    "use_directory_urls": ANY, "exclude_docs": ANY, "nav": ANY, "not_in_nav": ANY, "hooks": ANY,
    "theme": {"name": ANY, "custom_dir": ANY, "language": ANY, "font": ANY, "favicon": ANY, "icon": {"logo": ANY}},
    "extra": {"generator": ANY, layout.EMBED_ORIGINS: ANY},
    "markdown_extensions": ("named", {"attr_list": ANY, "toc": ANY}),
    "plugins": ("named", {"i18n": {"docs_structure": ANY, "fallback_to_default": ANY, "reconfigure_material": ANY,
                                   "reconfigure_search": ANY, "languages": ("each", LANGUAGE)}}),
}
"""Every setting the site uses, and under it the settings it may hold: a dict is a group, ("named", …) a list of
plugins or extensions by name with their options, ("each", …) a list of groups."""
EXCLUDED = (layout.FACTS_FILE, layout.RELEASE_FILE, layout.COVERAGE_FILE, f"{layout.VERSIONS_DIR}/{layout.FINGERPRINTS}")
"""The files in docs/ that are data, not pages: exclude_docs lists these and no other (`*.en.md` there would leave a
language unpublished, `versions/1.md` a legal record)."""
FIXED = {"docs_dir": layout.DOCS_DIR, "site_dir": layout.SITE_DIR, "exclude_docs": frozenset(EXCLUDED), "use_directory_urls": True,
         "theme › custom_dir": layout.THEME_DIR, "theme › favicon": layout.FAVICON, "theme › icon › logo": layout.LOGO,
         "theme › font": False, "hooks": [layout.ADAPTER]}
"""Settings that must be as the project has them: its folders and files (a path; the build replaces the whole folder
site_dir names), the pages it publishes and their addresses (layout.py's), and no web fonts (Google's)."""

_DEFAULTS = {"docs_dir": layout.DOCS_DIR, "site_dir": layout.SITE_DIR, "use_directory_urls": True}
"""What MkDocs takes when these are not set."""

NAV_PAGE = re.compile(r"[a-z0-9][a-z0-9_/-]*(\.[a-z]{2})?\.md")
"""A menu entry (mkdocs.yml's nav): a Markdown file in docs/, never an address (`javascript:…`, another site)."""

_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxlist, _REPR.maxdict = 2, 3, 3

_PROJECT = Path(__file__).resolve().parents[2]
"""The project this package belongs to: a site in another folder (a test's) may use its templates and hook."""


def problems(config_file: Path, shown: str, config: dict | None = None) -> list[Problem]:
    """Every setting in mkdocs.yml that the site does not use, or that names a folder or file other than its own."""
    if config is None:
        config, found = layout.read_config(config_file, shown)
        if config is None:
            return found
    lines = _lines(config_file)
    found = [messages.problem(shown, _line(lines, path), "settings.unknown", setting=" › ".join(path))
             for path in _unknown(config, SHAPE, ())]
    nav = _line(lines, ("nav",)) or 1
    found += [messages.problem(shown, next((i + 1 for i in range(nav - 1, len(lines)) if entry in lines[i]), nav),
                               "settings.nav", entry=entry)
              for entry in _leaves(config.get("nav")) if not NAV_PAGE.fullmatch(entry)]
    site_url = config.get("site_url")
    if site_url is not None and not _web_address(site_url):
        found.append(messages.problem(shown, _line(lines, ("site_url",)), "settings.site_url", found=_shown(site_url)))
    for setting, expected in FIXED.items():
        path = tuple(setting.split(" › "))
        value = _get(config, path, _DEFAULTS.get(setting))
        if not _is_fixed(config_file, value, expected):
            found.append(messages.problem(shown, _line(lines, path), "settings.fixed", setting=setting,
                                          found=_listed(value) or messages.text("layout.not_set"),
                                          expected=_listed(expected), written=_written(expected)))
    return found


def _web_address(value) -> bool:
    """Whether the site's address is one MkDocs and the feeds can join page addresses to: http(s), with a host."""
    from .fields import split_url  # here, not at the top: only a written site_url needs it
    parts = split_url(value) if isinstance(value, str) and not re.search(r"[\s<>\"'\\]", value) else None
    return parts is not None and parts.scheme in ("https", "http") and bool(parts.hostname) and parts.port != 0


def _unknown(value, shape, path: tuple[str, ...]) -> list[tuple[str, ...]]:
    """The path of every setting in `value` that `shape` does not allow."""
    if shape is ANY:
        return []
    if isinstance(shape, tuple) and shape[0] == "each":
        return [p for item in (value if isinstance(value, list) else []) for p in _unknown(item, shape[1], path)]
    if isinstance(shape, tuple):  # ("named", {name: options})
        named = [item if isinstance(item, dict) else {_shown(item): None} for item in value] if isinstance(value, list) \
            else [value] if isinstance(value, dict) else []
        return [p for item in named for name, options in item.items()
                for p in ([(*path, str(name))] if name not in shape[1] else _unknown(options, shape[1][name], (*path, str(name))))]
    if not isinstance(value, dict):
        return []
    return [p for key, item in value.items()
            for p in ([(*path, str(key))] if key not in shape else _unknown(item, shape[key], (*path, str(key))))]


def _leaves(nav) -> list[str]:
    """Every file or address in the menu, written as `- file`, `- Title: file` or `- Title: [entries]`. Each list or
    group is read once, however deep or often (a YAML alias) it is written."""
    leaves, seen, waiting = [], set(), [nav]
    while waiting:
        item = waiting.pop()
        if isinstance(item, (list, dict)):
            if id(item) not in seen:
                seen.add(id(item))
                waiting.extend(reversed(list(item.values() if isinstance(item, dict) else item)))
        elif item is not None:
            leaves.append(str(item))
    return leaves


def _shown(value) -> str:
    """A value as a message quotes it: short, however large or deep (a YAML alias) it is."""
    return value[:80] if isinstance(value, str) else _REPR.repr(value)


def _get(config: dict, path: tuple[str, ...], default=None):
    for key in path:
        config = config.get(key) if isinstance(config, dict) else None
    return default if config is None else config


def _is_fixed(config_file: Path, value, expected) -> bool:
    """Whether `value` is `expected`: the same yes or no; the same lines (exclude_docs); the same paths relative to
    mkdocs.yml, either beside it or in this package's project."""
    if isinstance(expected, bool):
        return value is expected
    if isinstance(expected, frozenset):
        return isinstance(value, str) and {line.strip() for line in value.splitlines() if line.strip()} == expected
    if isinstance(expected, list):
        return isinstance(value, list) and len(value) == len(expected) and all(map(_is_fixed, [config_file] * len(value),
                                                                                   value, expected))
    if not isinstance(value, str) or not value.strip():
        return False
    given = (config_file.parent / value).resolve()
    return given in {(config_file.parent / expected).resolve(), (_PROJECT / expected).resolve()}


def _listed(value) -> str:
    """A value as a message lists it: yes or no as YAML writes them, the lines or items joined by commas."""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, str):
        return ", ".join(line.strip()[:80] for line in value.splitlines() if line.strip())
    if isinstance(value, (list, frozenset)):
        return ", ".join(map(_shown, sorted(value, key=EXCLUDED.index) if isinstance(value, frozenset) else value))
    return "" if value is None else _shown(value)


def _written(expected) -> str:
    """`expected` as it is written in mkdocs.yml, on one line."""
    if isinstance(expected, frozenset):
        return '"' + "\\n".join(sorted(expected, key=EXCLUDED.index)) + '"'
    return f"[{expected[0]}]" if isinstance(expected, list) else _listed(expected)


def _lines(config_file: Path) -> list[str]:
    try:
        return config_file.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return []


def _line(lines: list[str], path: tuple[str, ...]) -> int | None:
    """The line of the setting at `path`: each name looked for below the line of the one before, as `name:` or `- name`."""
    number = None
    for depth, name in enumerate(path):
        pattern = re.compile(rf"{re.escape(name)}\s*:" if depth == 0 else rf"\s*(-\s*)?{re.escape(name)}\s*(:|$)")
        start = 0 if number is None else number
        found = next((i for i in range(start, len(lines)) if pattern.match(lines[i])), None)
        if found is None:
            break
        number = found + 1
    return number

"""What mkdocs.yml may say: the settings the site uses, and no other. A setting such as `extra_javascript`, `INHERIT`,
another plugin or another hook would make every page load a file nobody checked, or the build run code that is not
the project's; its templates and its own code are where the project keeps them.

`personvern check` and the build both ask `layout.config_problems`, which asks this module.
"""
from __future__ import annotations

import re
from pathlib import Path

from . import layout, messages
from .problems import Problem

ALLOWED = frozenset({"site_name", "site_description", "site_url", "docs_dir", "site_dir", "use_directory_urls",
                     "exclude_docs", "nav", "not_in_nav", "theme", "extra", "markdown_extensions", "plugins", "hooks"})
"""The top-level settings the site uses."""
PLUGINS = frozenset({"i18n"})
"""The plugins the site uses (mkdocs-static-i18n)."""
EXTENSIONS = frozenset({"attr_list", "toc"})
"""The Markdown extensions MkDocs runs on the pages; the pages show the statement as render.py writes it."""
FIXED = {"docs_dir": layout.DOCS_DIR, "theme › custom_dir": layout.THEME_DIR, "hooks": layout.ADAPTER}
"""Settings that name a folder or file of the project: they must name that one."""

_PROJECT = Path(__file__).resolve().parents[2]
"""The project this package belongs to: a site in another folder (a test's) may use its templates and hook."""


def problems(config_file: Path, shown: str, config: dict | None = None) -> list[Problem]:
    """Every setting in mkdocs.yml that the site does not use, or that names a folder or file other than its own."""
    if config is None:
        config, found = layout.read_config(config_file, shown)
        if config is None:
            return found
    lines = _lines(config_file)
    found = [_unknown(shown, lines, str(key), f"^{re.escape(str(key))}\\s*:") for key in config if key not in ALLOWED]
    for setting, allowed in (("markdown_extensions", EXTENSIONS), ("plugins", PLUGINS)):
        found += [_unknown(shown, lines, f"{setting} › {name}", rf"^\s*-?\s*{re.escape(name)}\s*(:|$)", setting)
                  for name in _names(config.get(setting)) if name not in allowed]
    theme = config.get("theme") if isinstance(config.get("theme"), dict) else {}
    values = {"docs_dir": config.get("docs_dir", layout.DOCS_DIR), "theme › custom_dir": theme.get("custom_dir"),
              "hooks": config.get("hooks")}
    for setting, expected in FIXED.items():
        value = values[setting]
        given = value if isinstance(value, list) and setting == "hooks" else [value]
        if len(given) == 1 and _is_own(config_file, given[0], expected):
            continue
        top, key = setting.split(" › ")[0], setting.split(" › ")[-1]
        found.append(messages.problem(shown, _line(lines, rf"^\s*{key}\s*:", top), "settings.fixed", setting=setting,
                                      found=", ".join(str(v) for v in given if v is not None) or messages.text("layout.not_set"),
                                      expected=expected, written=f"[{expected}]" if setting == "hooks" else expected))
    return found


def _unknown(shown: str, lines: list[str], setting: str, pattern: str, under: str | None = None) -> Problem:
    return messages.problem(shown, _line(lines, pattern, under), "settings.unknown", setting=setting)


def _names(value) -> list[str]:
    """The names in a list of plugins or extensions, each written as a name or as `name: {options}`."""
    items = list(value) if isinstance(value, dict) else value if isinstance(value, list) else []
    return [str(name) for item in items for name in (item if isinstance(item, dict) else [item])]


def _is_own(config_file: Path, value, expected: str) -> bool:
    """Whether `value`, relative to mkdocs.yml, is the project's own `expected` (beside mkdocs.yml, or this package's)."""
    if not isinstance(value, str) or not value.strip():
        return False
    given = (config_file.parent / value).resolve()
    return given in {(config_file.parent / expected).resolve(), _PROJECT / expected}


def _lines(config_file: Path) -> list[str]:
    try:
        return config_file.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return []


def _line(lines: list[str], pattern: str, under: str | None = None) -> int | None:
    """The number of the first line that matches `pattern`, after the line of the top-level setting `under` if given."""
    start = 0
    if under is not None:
        start = next((number for number, line in enumerate(lines) if re.match(rf"{re.escape(under)}\s*:", line)), None)
        if start is None:
            return None
    match = next((number for number, line in enumerate(lines[start:], start) if re.match(pattern, line)), None)
    return None if match is None else match + 1

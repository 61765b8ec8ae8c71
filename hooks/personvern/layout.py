"""Where everything is: the published languages, the editors' files and the site's addresses.

Every other module asks this one; no other module spells a file name, a folder or a URL path.
The site generator's configuration (mkdocs.yml) must agree with it, which `config_problems` checks.
"""
from __future__ import annotations

import functools
import os
import re
from pathlib import Path

import yaml

from . import datafiles, messages
from .problems import Problem

LANGUAGES: tuple[str, ...] = ("nb", "en")
"""The published languages; the first is the source of truth and is served at the site root, the others under
`/<language>/`."""

DEFAULT = LANGUAGES[0]

DOCS_DIR = "docs"
"""In the project: the editors' files."""
SITE_DIR = "site"
"""In the project: where the build writes the site; each build replaces the whole folder."""
FACTS_FILE = "facts.yml"
"""In docs/: the facts both languages render."""
STATEMENT_STEM = "index"
"""In docs/: index.md is the statement in the default language, index.<language>.md in the others."""
VERSIONS_DIR = "versions"
"""In docs/: the archived versions, N.md and N.<language>.md, with the version history index.md."""
HISTORY_STEM = "index"
"""In docs/versions/: index.md is the version history in the default language, index.<language>.md in the others."""
COVERAGE_FILE = "coverage.yml"
"""In docs/: which section covers which item of the GDPR checklist (`personvern report`); not published."""
FINGERPRINTS = "SHA256SUMS"
"""In docs/versions/: one `sha256  file` line per archived text, as `sha256sum` writes them."""
RELEASE_FILE = "release.yml"
"""In docs/: a new version described for publishing (effective date and summaries); removed once it is archived."""
CONFIG_FILE = "mkdocs.yml"
"""In the project: the site generator's configuration."""
THEME_DIR = "overrides"
"""In the project: the site's templates, stylesheet and script (mkdocs.yml's theme › custom_dir)."""
ADAPTER = "hooks/mkdocs_hooks.py"
"""In the project: the site generator's hook that hands its pages to this package (mkdocs.yml's hooks)."""
CACHE_DIR = ".cache/personvern"
"""In the project: the results `personvern check` keeps between runs (cache.py); not in git, and safe to delete."""

FAVICON = "assets/favicon.svg"
"""At the site root: the site's icon (mkdocs.yml's theme › favicon). Pages name it, so that no browser asks for a
missing /favicon.ico."""
LOGO = "material/shield-half-full"
"""The logo in the site bar (mkdocs.yml's theme › icon › logo): an icon of the theme, drawn inline from its files."""
HISTORY_PATH = f"{VERSIONS_DIR}/"
"""The version history's URL path within a language."""
FEED_FILE = "feed.xml"
"""Per language: the Atom feed of versions."""
VERSIONS_JSON = "versions.json"
"""At the site root: every version in every language."""
HEADERS_FILE = "_headers"
"""At the site root: the security headers, as Netlify and Cloudflare Pages read them."""
NGINX_FILE = "nginx-security-headers.conf"
"""At the site root: the same headers as nginx directives, for the server block of a self-hosted site."""
CHANGES_ID = "what-changed"
"""On an archived version's page: the id of what changed from the version before."""
TITLE_ID = "content"
"""On the current and archived pages: the id of the title, where the skip link and the table of contents lead."""
TEMPLATE_IDS = (TITLE_ID, CHANGES_ID, "changes-since", "text", "main", "pv-nav", "top")
"""Every id the templates (overrides/) give an element or link to, on any page: no section may have one of them.
The version history's entries are `v<number>`; no section of the statement is shown there."""
SECTION_ID = re.compile(r"[a-z][a-z0-9-]*")
"""A section's id, written `{#id}` at the end of its heading: a lowercase letter, then letters, digits and hyphens."""
SITEMAP = "sitemap.xml"
"""At the site root: every page in every language, with its translations and the day it last changed."""
SITEMAP_GZ = f"{SITEMAP}.gz"
"""At the site root: the same sitemap, compressed, where MkDocs also writes one."""

EMBED_PATH = "embed/"
"""Per language: the embed page, a lean page made for an iframe on the company's website."""
EMBED_PAGE = f"{EMBED_PATH}index.html"
EMBED_SNIPPET = f"{EMBED_PATH}snippet.html"
"""Per language: a page for the web team that shows the markup to paste, the script snippet and the plain iframe."""
EMBED_SNIPPET_TEXT = f"{EMBED_PATH}snippet.txt"
"""Per language: the exact markup of the script snippet, with absolute addresses, as plain text."""
EMBED_IFRAME_TEXT = f"{EMBED_PATH}iframe.txt"
"""Per language: the exact markup of the plain iframe, for a website that runs no script of ours, as plain text."""
EMBED_FRAGMENT = f"{EMBED_PATH}fragment.html"
"""Per language: the statement as an HTML fragment, for a CMS that renders server-side."""
EMBED_MARKUP = (EMBED_FRAGMENT,)
"""Per language: the .html files that are markup for other websites to include, not pages of this site."""
EMBED_JSON = f"{EMBED_PATH}statement.json"
"""Per language: the statement as JSON, sections with id, title and HTML."""
EMBED_LOADER = f"{EMBED_PATH}loader.js"
"""At the site root: the script the snippet loads; it inserts the embed page as an iframe and keeps it as tall as its content."""
EMBED_SCHEMA = f"{EMBED_PATH}statement.schema.json"
"""At the site root: the JSON Schema of EMBED_JSON."""
EMBED_ORIGINS = "embed_origins"
"""In mkdocs.yml under `extra:`: the websites (origins) allowed to frame the embed page."""


PAGE_NAME = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
"""In docs/: the name of a page an editor adds, before `.md` (or `.<language>.md` for a translation)."""
MARKDOWN_ENDINGS = (".md", ".markdown", ".mdown", ".mkdn", ".mkd")
"""File name endings the site generator reads as pages, in any case."""


def reserved_names() -> frozenset[str]:
    """Names no added page may have: its address would be one the site uses itself (a language's prefix, the version
    history, the embed files, the feed, headers and sitemap, the assets)."""
    own = (HISTORY_PATH, FEED_FILE, VERSIONS_JSON, HEADERS_FILE, NGINX_FILE, SITEMAP, SITEMAP_GZ, EMBED_PATH,
           EMBED_LOADER, FAVICON, *LANGUAGES)
    return frozenset(path.split("/")[0].split(".")[0] for path in own)


def pages(docs_dir: Path, root: Path, problems: list[Problem]) -> list[Path]:
    """The pages an editor added in docs/, besides the statement (docs/versions/ has its own rules, in archive.py).

    Every other Markdown file, and every name that is not UTF-8, is a problem: the site generator would publish it
    somewhere unchecked, over one of the site's own files, or crash."""
    from .source import shown_path  # source reads files; this module only names them
    found = []
    for folder, dirs, files in os.walk(docs_dir):
        here = Path(folder)
        if here == docs_dir / VERSIONS_DIR:
            dirs.clear()
            continue
        for name in sorted(dirs + files):
            shown = shown_path(here / name, root)
            if not _is_utf8(name):
                problems.append(messages.problem(shown, None, "layout.name_not_utf8"))
                if name in dirs:
                    dirs.remove(name)
            elif name in files and name.lower().endswith(MARKDOWN_ENDINGS):
                problem = _page_problem(name, shown, here == docs_dir)
                if problem is not None:
                    problems.append(problem)
                elif not _is_statement(name):
                    found.append(here / name)
    return found


def _page_problem(name: str, shown: str, at_top: bool) -> Problem | None:
    if not at_top:
        return messages.problem(shown, None, "pages.in_folder")
    match = re.fullmatch(r"(?P<stem>.+?)(?:\.(?P<language>[a-z]{2}))?\.md", name)
    stem, language = (match.group("stem"), match.group("language")) if match else (name, None)
    example = {"language": LANGUAGES[-1], "default": DEFAULT}
    if match and language == DEFAULT:
        return messages.problem(shown, None, "pages.default_suffix", proper=f"{stem}.md", **example)
    if match and language is not None and language not in LANGUAGES:
        return messages.problem(shown, None, "pages.unknown_language", found=language, languages=", ".join(LANGUAGES), **example)
    if match is None or not PAGE_NAME.fullmatch(stem):
        return messages.problem(shown, None, "pages.name", **example)
    if stem in reserved_names():
        return messages.problem(shown, None, "pages.reserved", name=stem, **example)
    return None


def _is_statement(name: str) -> bool:
    return name in {statement_path(Path(), language).name for language in LANGUAGES}


def _is_utf8(name: str) -> bool:
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:  # the bytes that are not UTF-8 were read as lone surrogates
        return False
    return True


def source_path(folder: Path, stem: str, language: str) -> Path:
    """`index.md` for the default language, `index.en.md` for the others (mkdocs-static-i18n's suffix layout)."""
    return folder / (f"{stem}.md" if language == DEFAULT else f"{stem}.{language}.md")


def statement_path(docs_dir: Path, language: str) -> Path:
    return source_path(docs_dir, STATEMENT_STEM, language)


def release_path(docs_dir: Path) -> Path:
    return docs_dir / RELEASE_FILE


def version_path(docs_dir: Path, number: int, language: str) -> Path:
    return source_path(docs_dir / VERSIONS_DIR, str(number), language)


_SOURCE = re.compile(r"^(?P<stem>.*?)(?:\.(?P<language>[a-z]{2}))?\.md$")


def page_kind(source: str) -> tuple[str | None, int | None]:
    """What a Markdown file in docs/ is, from its path there (`versions/2.en.md`), in any language: ("current", None),
    ("changelog", None), ("archived", its number), or (None, None) for any other page."""
    match = _SOURCE.match(source)
    stem = match.group("stem") if match else ""
    if stem == STATEMENT_STEM:
        return "current", None
    if stem == f"{VERSIONS_DIR}/{HISTORY_STEM}":
        return "changelog", None
    archived = re.fullmatch(rf"{VERSIONS_DIR}/(\d+)", stem)
    return ("archived", int(archived.group(1))) if archived else (None, None)


TEMPLATES = {"archived": "archived.html", "changelog": "changelog.html"}
"""The theme's template (in overrides/) for each kind of page that has its own; the current statement uses main.html."""


def page_url(language: str, path: str = "") -> str:
    """A page's URL relative to the site root: `versions/1/` in the default language, `en/versions/1/` in others."""
    return ("" if language == DEFAULT else f"{language}/") + path


def version_url(language: str, number: int) -> str:
    return page_url(language, f"{HISTORY_PATH}{number}/")


def read_config(config_file: Path, shown: str) -> tuple[dict | None, list[Problem]]:
    """mkdocs.yml as plain data, without MkDocs; or None with the problem. The data is shared: read it, never change it."""
    try:
        config = _parse_config(config_file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as error:
        reason = _REASONS.get(error.__class__.__name__)
        return None, [messages.problem(shown, None, "layout.config_unreadable",
                                      error=messages.text(reason) if reason else error.__class__.__name__)]
    return (config if isinstance(config, dict) else {}), []


_REASONS = {"FileNotFoundError": "layout.reason.missing", "PermissionError": "layout.reason.denied",
            "IsADirectoryError": "layout.reason.folder", "UnicodeDecodeError": "layout.reason.encoding",
            "ScannerError": "layout.reason.scanner", "ParserError": "layout.reason.parser",
            "ConstructorError": "layout.reason.constructor"}
"""Why mkdocs.yml cannot be read, by the error Python or PyYAML raised: the message that says it in words."""


@functools.lru_cache(maxsize=4)
def _parse_config(text: str):
    """The text of mkdocs.yml as data, parsed once however often it is read: a check or a build asks for the languages,
    the embed setting and the theme's files, and the file is read again each time, so that a changed file is seen."""
    return yaml.load(text, Loader=_TolerantLoader)


def theme_files(config_file: Path) -> frozenset[str]:
    """The site's own files in its theme folder (mkdocs.yml's theme › custom_dir), as paths on the site: a file under
    docs/ with one of these paths would replace it (the site's stylesheet, say)."""
    config, _ = read_config(config_file, config_file.name)
    theme = (config or {}).get("theme")
    folder = theme.get("custom_dir") if isinstance(theme, dict) else None
    if not isinstance(folder, str) or not (config_file.parent / folder).is_dir():
        return frozenset()
    folder = config_file.parent / folder
    return frozenset(path.relative_to(folder).as_posix() for path in folder.rglob("*") if path.is_file())


def config_problems(config_file: Path, shown: str) -> list[Problem]:
    """Where the site generator's languages differ from LANGUAGES (the default first, then the others in order), and
    every setting the site does not use (settings.py)."""
    from . import settings  # what else mkdocs.yml may say
    config, problems = read_config(config_file, shown)
    if config is None:
        return problems
    configured = _configured_languages(config)
    if configured != list(LANGUAGES):
        problems.append(messages.problem(shown, None, "layout.languages", languages=", ".join(LANGUAGES), default=DEFAULT,
                                         configured=", ".join(configured) or messages.text("layout.not_set")))
    return problems + settings.problems(config_file, shown, config)


def _configured_languages(config) -> list[str]:
    plugins = config.get("plugins") if isinstance(config, dict) else None
    for plugin in plugins if isinstance(plugins, list) else []:
        if isinstance(plugin, dict) and isinstance(plugin.get("i18n"), dict):
            languages = [entry for entry in plugin["i18n"].get("languages") or [] if isinstance(entry, dict)]
            ordered = sorted(languages, key=lambda entry: not entry.get("default"))
            return [str(entry.get("locale")) for entry in ordered if entry.get("build", True)]
    theme = config.get("theme") if isinstance(config, dict) else None
    return [str(theme.get("language"))] if isinstance(theme, dict) and theme.get("language") else []


class _TolerantLoader(datafiles.LOADER):
    """Reads mkdocs.yml without MkDocs: its `!ENV` and `!relative` tags become their plain values."""


_TolerantLoader.add_multi_constructor("!", lambda loader, suffix, node: None if not isinstance(node, yaml.ScalarNode)
                                      else loader.construct_scalar(node))

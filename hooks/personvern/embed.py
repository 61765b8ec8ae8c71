"""What the company's website embeds, in every language and from the same source: the embed page (for an iframe),
the loader script and the snippet that inserts it, the plain iframe, an HTML fragment and a JSON document; and a
page that shows the web team the markup to paste.

Every form shows the statement's HTML from render.html. The websites allowed to frame the embed page are set
once, in mkdocs.yml (`extra: embed_origins:`); the embed page's script and the frame-ancestors policy follow it.
"""
from __future__ import annotations

import base64
import functools
import hashlib
import html as html_module
import json
import re
from pathlib import Path
from urllib.parse import urljoin

from . import layout, messages, render
from .problems import Invalid, Problem
from .project import Project
from .revision import labels

TEMPLATES = Path(__file__).with_name("embed_templates")
SCHEMA = TEMPLATES / "statement.schema.json"
PLAIN_IFRAME_HEIGHT = 800
"""CSS pixels: the height of the plain iframe (no script), and of the loader's iframe until the page says its own."""
LANGUAGE_ALIASES = {"no": "nb", "nn": "nb"}
"""Host-page languages the loader shows in another language: Norwegian and Nynorsk readers get Bokmål."""
HEIGHT_RANGE = (50, 100_000)
"""CSS pixels: the loader clamps every height the embed page reports to this range."""

_ORIGIN = re.compile(r"https://[a-z0-9-]+(\.[a-z0-9-]+)+(:\d{1,5})?|http://(localhost|127\.0\.0\.1)(:\d{1,5}|:\*)?")
_LINK = re.compile(r'(<a(?:\s+[\w:-]+(?:="[^"]*")?)*?\s+href=")([^"]*)(")')


@functools.cache
def _templates() -> jinja2.Environment:
    import jinja2  # here, not at the top: `personvern check` reads this module's setting, not its templates
    return jinja2.Environment(loader=jinja2.FileSystemLoader(TEMPLATES), autoescape=jinja2.select_autoescape(["html"]),
                              trim_blocks=True, lstrip_blocks=True, keep_trailing_newline=True,
                              undefined=jinja2.StrictUndefined)


def allowed_origins(config_file: Path, shown: str) -> list[str]:
    """The websites allowed to frame the embed page, from mkdocs.yml; raises Invalid when the setting is wrong."""
    config, problems = layout.read_config(config_file, shown)
    if config is None:
        raise Invalid(problems)
    extra = config.get("extra")
    value = extra.get(layout.EMBED_ORIGINS) if isinstance(extra, dict) else None
    line = _line(config_file, f"{layout.EMBED_ORIGINS}:")
    todo = messages.text("embed.origins_todo")
    if not isinstance(value, list) or not value:
        raise Invalid([messages.problem(shown, line, "embed.origins_missing", setting=layout.EMBED_ORIGINS, todo=todo)])
    bad = [origin for origin in value if not isinstance(origin, str) or not _ORIGIN.fullmatch(origin)]
    if bad:
        raise Invalid([messages.problem(shown, line, "embed.not_origin", origin=repr(origin), setting=layout.EMBED_ORIGINS, todo=todo)
                       for origin in bad])
    return list(dict.fromkeys(value))


def origin_problems(config_file: Path, shown: str) -> list[Problem]:
    """What is wrong with the allowed-origins setting, for a check that reports everything at once."""
    try:
        allowed_origins(config_file, shown)
    except Invalid as invalid:
        return invalid.problems
    return []


def frame_ancestors(origins: list[str]) -> str:
    """The Content-Security-Policy directive that lets only those websites frame the embed pages."""
    return "frame-ancestors " + (" ".join(origins) or "'none'")


def headers(origins: list[str]) -> dict[str, dict[str, str]]:
    """URL path pattern (as `_headers` writes them) → header → value, for the embed pages of every language.

    Only the framing rule: the embed page's own policy is in its <meta> tag. A host that joins the headers of
    every matching rule must not also send `frame-ancestors 'none'` for these paths."""
    return {"/" + layout.page_url(language, layout.EMBED_PATH) + "*": {"Content-Security-Policy": frame_ancestors(origins)}
            for language in layout.LANGUAGES}


def statement(project: Project, language: str, site_url: str) -> dict:
    """What every form shows: the text (safe HTML, absolute links), its sections, version, dates and addresses."""
    from . import history  # here, not at the top: `personvern check` imports this module for its setting alone
    shown = project.in_force
    draft = bool(project.unreleased) or shown is None
    doc = project.statement.docs[language] if draft else shown.docs[language]
    markdown, first_line = history.without_title(history.current_text(project, language), doc.body_line)
    body, problems = render.html(markdown, doc.shown, first_line)
    if problems:
        raise Invalid(problems)
    base = urljoin(site_url, layout.page_url(language))
    body = absolute_links(body, base)
    page = history.current_page(project, language)
    upcoming = [dict(next, url=urljoin(site_url, next["url"])) for next in page["upcoming"]]
    return {
        "language": language,
        "title": str(doc.meta["title"]),
        "stamp": page["stamp"],
        "status": "draft" if draft else history.status(project, shown),
        "upcoming": upcoming,
        "html": body,
        "sections": render.sections(body),
        "urls": {"statement": base,
                 "history": urljoin(site_url, layout.page_url(language, layout.HISTORY_PATH)),
                 **{name: urljoin(site_url, layout.page_url(language, path)) for name, path in
                    (("embed", layout.EMBED_PATH), ("fragment", layout.EMBED_FRAGMENT), ("json", layout.EMBED_JSON))}},
    }


def absolute_links(html: str, base: str) -> str:
    """Every link made absolute against `base`, so that it works wherever the HTML is shown."""
    def absolute(match: re.Match) -> str:
        return match[1] + html_module.escape(urljoin(base, html_module.unescape(match[2]))) + match[3]
    return _LINK.sub(absolute, html)


def page(model: dict, origins: list[str]) -> bytes:
    """The embed page: the statement alone, with a script that only tells an allowed parent its height."""
    script = _templates().get_template("height.js").render(origins=origins)
    style = _templates().get_template("embed.css").render()
    return _templates().get_template("page.html").render(
        s=model, words=labels(model["language"]), script=script, style=style, policy=policy(script, style),
        icon=_icon(model["language"])).encode("utf-8")


def policy(script: str | None, style: str) -> str:
    """An embed page's Content-Security-Policy: nothing but its own inline script (if any) and style, by hash."""
    scripts = _hash(script) if script else "'none'"
    return (f"default-src 'self'; script-src {scripts}; style-src {_hash(style)}; img-src 'self'; object-src 'none'; "
            "base-uri 'none'; form-action 'none'")


def fragment(model: dict) -> bytes:
    return _templates().get_template("fragment.html").render(s=model, words=labels(model["language"])).encode("utf-8")


def document(model: dict) -> bytes:
    """The JSON document that statement.schema.json describes."""
    stamp, upcoming = model["stamp"], model["upcoming"]
    data = {
        "language": model["language"],
        "title": model["title"],
        "version": stamp["number"] if stamp else None,
        "effective": stamp["datetime"] if stamp else None,
        "status": model["status"],
        "upcoming": {"version": upcoming[0]["number"], "effective": upcoming[0]["datetime"], "url": upcoming[0]["url"]}
        if upcoming else None,
        "sections": [{"id": section.id, "title": section.title, "html": section.html} for section in model["sections"]],
        "urls": model["urls"],
    }
    return (json.dumps(data, ensure_ascii=False, indent=2) + "\n").encode("utf-8")


def loader(project: Project) -> bytes:
    """The script the snippet loads, the same for every language and every host: it finds the site from its own address."""
    pages = {language: [layout.page_url(language, layout.EMBED_PATH), str(project.statement.docs[language].meta["title"])]
             for language in project.languages}
    script = _templates().get_template("loader.js").render(
        root="../" * layout.EMBED_LOADER.count("/"), pages=pages, aliases=LANGUAGE_ALIASES, default=layout.DEFAULT,
        height=PLAIN_IFRAME_HEIGHT, min=HEIGHT_RANGE[0], max=HEIGHT_RANGE[1])
    return re.sub(r" *\n *", "\n", script).encode("utf-8")  # without indentation: every byte counts towards 1 KB


def snippet(model: dict, site_url: str) -> str:
    """The markup the website pastes: a container with a plain link (what stays without JavaScript) and the script."""
    return _templates().get_template("snippet.html").render(
        language=model["language"], statement=model["urls"]["statement"], title=model["title"],
        loader=urljoin(site_url, layout.EMBED_LOADER))


def plain_iframe(model: dict) -> str:
    """The markup of the plain iframe: a fixed height, and the embed page scrolls inside it; no script needed."""
    return _templates().get_template("iframe.html").render(
        embed=model["urls"]["embed"], title=model["title"], height=PLAIN_IFRAME_HEIGHT)


def snippet_page(model: dict, origins: list[str], forms: dict[str, tuple[str, str]]) -> bytes:
    """The page that shows the web team the markup to paste, escaped, with when to use which: no script, no fetch.

    `forms`: "script" and "iframe" → (their markup, the address of the same markup as plain text)."""
    words = labels(model["language"])
    shown = [{"id": name, "heading": words[f"embed_code_{name}"], "markup": markup.rstrip("\n"), "url": url,
              "when": words[f"embed_code_{name}_when"].format(height=PLAIN_IFRAME_HEIGHT)}
             for name, (markup, url) in forms.items()]
    style = _templates().get_template("embed.css").render() + _templates().get_template("code.css").render()
    return _templates().get_template("snippet_page.html").render(
        s=model, words=words, forms=shown, origins=origins, style=style, policy=policy(None, style),
        icon=_icon(model["language"])).encode("utf-8")


def files(project: Project, site_url: str, origins: list[str]) -> dict[str, bytes]:
    """Path under the site root → content, for every embed form in every language."""
    written = {layout.EMBED_LOADER: loader(project), layout.EMBED_SCHEMA: SCHEMA.read_bytes()}
    for language in project.languages:
        model = statement(project, language, site_url)
        forms = {"script": (snippet(model, site_url), layout.EMBED_SNIPPET_TEXT),
                 "iframe": (plain_iframe(model), layout.EMBED_IFRAME_TEXT)}
        for markup, path in forms.values():
            written[layout.page_url(language, path)] = markup.encode("utf-8")
        written[layout.page_url(language, layout.EMBED_PAGE)] = page(model, origins)
        written[layout.page_url(language, layout.EMBED_SNIPPET)] = snippet_page(model, origins, {
            name: (markup, urljoin(site_url, layout.page_url(language, path))) for name, (markup, path) in forms.items()})
        written[layout.page_url(language, layout.EMBED_FRAGMENT)] = fragment(model)
        written[layout.page_url(language, layout.EMBED_JSON)] = document(model)
    return written


def _icon(language: str) -> str:
    """The site's icon, relative to the embed folder of `language`."""
    return "../" * layout.page_url(language, layout.EMBED_PATH).count("/") + layout.FAVICON


def _hash(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def _line(config_file: Path, key: str) -> int | None:
    try:
        lines = config_file.read_text(encoding="utf-8").split("\n")
    except (OSError, UnicodeDecodeError):
        return None
    return next((number for number, line in enumerate(lines, start=1) if line.strip().startswith(key)), None)

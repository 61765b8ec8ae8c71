"""MkDocs adapter: reads MkDocs objects, asks the `personvern` domain, and reports.

All knowledge about the privacy statement lives in hooks/personvern/, which never imports mkdocs.
"""
from __future__ import annotations

import logging
from copy import deepcopy
from pathlib import Path
from urllib.parse import urlsplit

from markupsafe import Markup
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.toc import AnchorLink, TableOfContents
from mkdocs.utils import CountHandler, get_relative_url

from personvern import embed, fields, headers, history, layout, messages, outputs, render, staging
from personvern import project as project_module
from personvern.problems import Invalid, Problem
from personvern.revision import build_date, labels
from personvern.source import shown_path

log = logging.getLogger("mkdocs.hooks.personvern")


_state: dict = {"command": "build", "project": None, "404": None, "site_name": {}, "embed_origins": [], "script_hashes": {}}


def on_startup(command, dirty):
    _state["command"], _state["dirty"] = command, dirty


def on_pre_build(config):
    """Checks the whole statement once, before the first page is written or the old site is cleaned."""
    i18n = config.plugins.get("i18n")
    if i18n is not None and i18n.building:
        return  # mkdocs-static-i18n is building another language: it was all checked already
    _state["project"], _state["site_name"], _state["script_hashes"] = None, {}, {}
    root = Path(config.config_file_path or ".").resolve().parent
    strict = bool(config.strict) and _state["command"] != "serve"
    try:
        config_file = Path(config.config_file_path or layout.CONFIG_FILE)
        problems = layout.config_problems(config_file, config_file.name)
        if problems:
            raise Invalid(problems)
        project = project_module.load(Path(config.docs_dir), root, build_date(), strict)
        _state["embed_origins"] = embed.allowed_origins(config_file, config_file.name)
    except Invalid as invalid:
        for problem in invalid.problems:
            log.error(str(problem))
        raise PluginError(messages.text("build.closing", count=len(invalid.problems)))
    _stage(config)
    for warning in project.warnings:
        log.warning(str(warning))
    for language in project.unreleased:
        log.warning(str(project_module.unreleased_problem(project, language)))
    _state["project"] = project


class _Publisher(BasePlugin):
    """Swaps the finished site in, after every other on_post_build (mkdocs-static-i18n builds the other languages
    from its own), or drops it when the build fails anywhere."""

    @event_priority(-1000)
    def on_post_build(self, config):
        i18n = config.plugins.get("i18n")
        if i18n is None or not i18n.building:
            _unstage(published=True)

    def on_build_error(self, error):
        _unstage(published=False)


def _stage(config) -> None:
    """Builds into a new folder beside site_dir: whatever fails from here on, the old site stays as it was. A dirty
    build (`mkdocs serve --dirty`) rewrites only some pages, so it goes straight to site_dir."""
    _unstage(published=False)  # a build that ended without either event
    if _state.get("dirty"):
        return
    if "personvern-publish" not in config.plugins:
        config.plugins["personvern-publish"] = _Publisher()
    counter = CountHandler()  # MkDocs aborts a strict build with warnings after on_post_build: don't publish it
    counter.setLevel(logging.WARNING)
    logging.getLogger("mkdocs").addHandler(counter)
    _state["staged"] = (config, config.site_dir, staging.begin(Path(config.site_dir)), counter)
    config.site_dir = str(_state["staged"][2])


def _unstage(published: bool) -> None:
    staged = _state.pop("staged", None)
    if staged is None:
        return
    config, site_dir, folder, counter = staged
    config.site_dir = site_dir
    logging.getLogger("mkdocs").removeHandler(counter)
    if published and not (config.strict and counter.get_counts()):
        staging.publish(folder, Path(site_dir))
    else:
        staging.discard(folder)


def on_files(files, config):
    """Ships only the site's own files: the templates in overrides/ replace Material's JavaScript, stylesheets and
    images, so none of the theme's own assets is copied."""
    own = [Path(folder).resolve() for folder in (config.docs_dir, config.theme.custom_dir) if folder]
    for file in list(files):
        if file.abs_src_path and not any(folder in Path(file.abs_src_path).resolve().parents for folder in own):
            files.remove(file)
    return files


def on_page_markdown(markdown, page, config, files):
    project, kind, number = _state["project"], *_kind(page)
    if project is None:
        return markdown
    language = _language(config)
    if kind == "current":
        markdown = history.current_text(project, language)
        page.meta.pop("description", None)
        page.meta.update(history.current_meta(project, language))
    elif kind in layout.TEMPLATES:
        page.meta["template"] = layout.TEMPLATES[kind]
    else:  # checked before the build; a setting such as `template` never reaches the theme
        page.meta = fields.PAGE.only(page.meta)
    return history.without_title(markdown)[0] if kind in ("current", "archived") else markdown


def on_env(env, config, files):
    """Every value a template prints is escaped, unless it is HTML the domain made (Markup)."""
    env.autoescape = True
    return env


def on_page_content(html, page, config, files):
    """Every page shows the HTML the domain renders (and the allow-list passed), not MkDocs' own."""
    shown = shown_path(Path(page.file.abs_src_path or page.file.src_uri), Path(config.config_file_path or ".").resolve().parent)
    safe, problems = render.html(page.markdown, shown, 1)
    if problems:  # the whole site was checked before the build; this is the second wall
        _refuse(page, problems)
    _plain_titles(page.toc)
    return Markup(render.permalinks(safe, labels(_language(config))["permalink"]))


def _refuse(page, problems) -> None:
    """Stops the build at a page the allow-list refused, reported as the check reports a file: one line a problem, in
    the editor's language, then the closing line. The line numbers of the page as built are not the file's, so the
    lines give the file alone; MkDocs' own "Error reading page …:" for it is left out, since each line names the file."""
    for problem in problems:
        log.error(str(Problem(problem.path, None, problem.what, problem.todo)))
    _REPORTED.message = f"Error reading page '{page.file.src_uri}':"
    logging.getLogger("mkdocs.commands.build").addFilter(_REPORTED)
    raise PluginError(messages.text("build.closing", count=len(problems)))


class _Reported(logging.Filter):
    message = ""

    def filter(self, record: logging.LogRecord) -> bool:
        return record.getMessage() != self.message


_REPORTED = _Reported()


def on_build_error(error):
    logging.getLogger("mkdocs.commands.build").removeFilter(_REPORTED)


def on_page_context(context, page, config, nav):
    project, kind, number = _state["project"], *_kind(page)
    if project is None or kind is None:
        return context
    language = _language(config)
    if kind == "current":
        model = history.current_page(project, language)
    elif kind == "changelog":
        model = history.changelog(project, language)
    else:
        model = history.archived_page(project, language, number)
    if kind in ("current", "archived"):
        page.toc = _under_title(page.title, page.toc)
    context["personvern"] = _relative(model, page.url)
    context["personvern_words"] = labels(language)
    context["personvern_facts"] = project.facts
    context["personvern_feed"] = get_relative_url(layout.page_url(language, layout.FEED_FILE), page.url)
    return context


def on_template_context(context, template_name, config):
    """The 404 page: its words in the language being built, and a language switcher to each language's home."""
    project = _state["project"]
    if template_name != "404.html" or project is None:
        return context
    language = _language(config)
    i18n = config.plugins.get("i18n")
    if i18n is not None and getattr(i18n, "extra_alternate", None):
        config.extra.alternate = deepcopy(i18n.extra_alternate)  # not the alternates of the last page built
    context["personvern_words"] = labels(language)
    context["personvern_facts"] = project.facts
    context["personvern_home"] = urlsplit(config.site_url or "/").path + layout.page_url(language)
    return context


def on_post_page(output, page, config):
    """Every page carries the site's Content-Security-Policy, its own inline scripts allowed by hash."""
    _state["script_hashes"].update(dict.fromkeys(headers.inline_scripts(output)))
    return headers.with_meta(output)


def on_post_template(output_content, template_name, config):
    """The pages MkDocs builds from a template alone (404.html) carry the policy too."""
    if not template_name.endswith(".html"):
        return output_content
    _state["script_hashes"].update(dict.fromkeys(headers.inline_scripts(output_content)))
    return headers.with_meta(output_content)


def on_post_build(config):
    project = _state["project"]
    if project is None:
        return
    language, site = _language(config), Path(config.site_dir)
    _state["site_name"][language] = config.site_name
    if set(_state["site_name"]) == set(project.languages):  # every language is built: write the other files once
        for path, content in outputs.files(project, config.site_url or "/", _state["site_name"], _state["embed_origins"],
                                           list(_state["script_hashes"])).items():
            (site / path).parent.mkdir(parents=True, exist_ok=True)
            (site / path).write_bytes(content)
    if language == project.languages[0]:
        _state["404"] = _read(site / "404.html")
    elif _state.get("404") is not None:
        # Every language writes the root 404.html; keep the default language's there, this one's under its prefix.
        (site / layout.page_url(language, "404.html")).write_bytes((site / "404.html").read_bytes())
        (site / "404.html").write_bytes(_state["404"])


def _read(path: Path) -> bytes | None:
    return path.read_bytes() if path.exists() else None


def _language(config) -> str:
    i18n = config.plugins.get("i18n")
    return i18n.current_language if i18n is not None else config.theme["language"]


def _kind(page) -> tuple[str | None, int | None]:
    return layout.page_kind(page.file.src_uri)


def _plain_titles(items) -> None:
    """The table of contents as plain text (Python-Markdown gives it as HTML), for the templates to escape."""
    for item in items:
        item.title = Markup(item.title).striptags()
        _plain_titles(item.children)


def _under_title(title: str, toc: TableOfContents) -> TableOfContents:
    """The page's sections under its title, so that Material's skip link goes to the title (the templates write
    `<h1 id="content">`), not past the revision stamp and notices to the first section."""
    top = AnchorLink(title, layout.TITLE_ID, 1)
    top.children = list(toc)
    return TableOfContents([top])


def _relative(model, page_url: str):
    """The view model with every `…url` made relative to the page, so the site works under any path."""
    if isinstance(model, dict):
        return {key: get_relative_url(value, page_url) if key.endswith("url") and isinstance(value, str)
                else _relative(value, page_url) for key, value in model.items()}
    if isinstance(model, list):
        return [_relative(item, page_url) for item in model]
    return model

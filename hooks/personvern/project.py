"""The whole publication checked at once: facts, the current statement in every language, and its versions."""
from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path

from . import facts as facts_module
from . import assets, fields, layout, links, messages, render
from . import statement as statement_module
from . import versions as versions_module
from .problems import Invalid, Problem
from .source import read_document, shown_path
from .statement import Statement
from .versions import Version

@dataclass
class Project:
    """Everything an editor wrote, read and checked: the facts, the current statement and its published versions."""

    languages: tuple[str, ...]
    today: dt.date
    facts: dict
    statement: Statement
    versions: list[Version]
    unreleased: list[str] = field(default_factory=list)
    """Languages whose current text differs from the latest published version."""
    warnings: list[Problem] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)
    """The names of the pages an editor added in docs/ (`om-oss` for om-oss.md), as layout.pages finds them."""

    @property
    def in_force(self) -> Version | None:
        """The version that applies today; before the first takes effect, the first (or the correction replacing it)."""
        first = next((v for v in self.versions if versions_module.corrected_by(self.versions, v) is None), None)
        return versions_module.in_force(self.versions, self.today) or first

    @property
    def upcoming(self) -> list[Version]:
        return versions_module.upcoming(self.versions, self.today)

    def version(self, number: int) -> Version | None:
        return next((v for v in self.versions if v.number == number), None)


def load(docs_dir: Path, root: Path, today: dt.date, strict: bool = False) -> Project:
    """Checks everything an editor can get wrong; raises Invalid with every problem, or returns the project.

    With `strict`, an unreleased text and an outdated translation are errors instead of warnings."""
    if docs_dir.is_symlink():
        shown = Path(os.path.relpath(docs_dir, root)).as_posix()
        raise Invalid([messages.problem(shown, None, "project.docs_symlink", path=shown)])
    problems: list[Problem] = _symlinks(docs_dir, root)
    if problems:
        raise Invalid(problems)  # every other check walks the folder, which a link may lead out of or round in
    facts_path = docs_dir / layout.FACTS_FILE
    facts = facts_module.load_facts(facts_path, shown_path(facts_path, root), problems)
    statement = statement_module.load(docs_dir, root, facts, problems)
    versions = versions_module.load(docs_dir / layout.VERSIONS_DIR, root, problems, facts)
    _check_changelog_pages(docs_dir / layout.VERSIONS_DIR, root, problems)
    others = layout.pages(docs_dir, root, problems)
    _check_other_pages(others, root, problems)
    problems.extend(assets.problems(docs_dir, root))
    problems.extend(links.check(docs_dir, root))
    problems.extend(_coverage_problems(docs_dir, root))
    if problems:
        raise Invalid(problems)
    project = Project(layout.LANGUAGES, today, facts or {}, statement, versions,
                      pages=list(dict.fromkeys(path.name.split(".")[0] for path in others)))
    project.unreleased = _unreleased(project)
    project.warnings = _stale_translations(project)
    if strict and (project.unreleased or project.warnings):
        raise Invalid([unreleased_problem(project, language) for language in project.unreleased] + project.warnings)
    return project


def _symlinks(docs_dir: Path, root: Path) -> list[Problem]:
    """Every symbolic link under docs/: the published files are the files in the repository, nothing they point to."""
    found = []
    for folder, dirs, files in os.walk(docs_dir, followlinks=False):
        for name in sorted(dirs + files):
            path = Path(folder) / name
            if path.is_symlink():
                shown = shown_path(path.parent, root) + "/" + name
                found.append(messages.problem(shown, None, "project.symlink", path=shown))
    return found


def _coverage_problems(docs_dir: Path, root: Path) -> list[Problem]:
    """docs/coverage.yml is the editors' too: a fault in it fails the check and the build, not only the report."""
    from . import coverage  # coverage reads a loaded Project
    path, problems = docs_dir / layout.COVERAGE_FILE, []
    coverage.load_mapping(path, shown_path(path, root), problems)
    return problems


def _check_changelog_pages(folder: Path, root: Path, problems: list[Problem]) -> None:
    for language in layout.LANGUAGES:
        path = layout.source_path(folder, "index", language)
        doc = read_document(path, shown_path(path, root), fields.HISTORY, problems)
        if doc is not None:
            problems.extend(render.html(doc.body, doc.shown, doc.body_line)[1])


def _check_other_pages(paths: list[Path], root: Path, problems: list[Problem]) -> None:
    """Any other page an editor adds (layout.pages found it, with a name layout allows): front matter of fields.PAGE
    only, and a body the allow-list passes."""
    for path in paths:
        doc = read_document(path, shown_path(path, root), fields.PAGE, problems)
        if doc is not None:
            problems.extend(render.html(doc.body, doc.shown, doc.body_line)[1])


def _unreleased(project: Project) -> list[str]:
    latest = project.versions[-1] if project.versions else None
    changed = []
    for language in project.languages:
        doc = project.statement.docs[language]
        current = versions_module.comparable(str(doc.meta["title"]), project.statement.text[language])
        if latest is None or current != versions_module.comparable(str(latest.docs[language].meta["title"]), latest.docs[language].body):
            changed.append(language)
    return changed


_RELEASE_FILE = f"{layout.DOCS_DIR}/{layout.RELEASE_FILE}"


def unreleased_problem(project: Project, language: str) -> Problem:
    doc = project.statement.docs[language]
    if not project.versions:
        return messages.problem(doc.shown, None, "project.never_published", release_file=_RELEASE_FILE)
    return messages.problem(doc.shown, None, "project.unreleased", number=project.versions[-1].number, release_file=_RELEASE_FILE)


def _stale_translations(project: Project) -> list[Problem]:
    """Versions, and the unreleased text, where the source language changed but a translation did not."""
    source, warnings = project.languages[0], []
    for before, after in zip(project.versions[-2:], project.versions[-1:]):  # older versions are published records
        for language in project.languages[1:]:
            if (_body(before, source) != _body(after, source) and _body(before, language) == _body(after, language)
                    and after.docs[language].meta.get("translation") != "unchanged"):
                warnings.append(messages.problem(
                    after.docs[language].shown, None, "project.stale_version", source=source, number=after.number,
                    files=messages.text("and").join(doc.shown for doc in after.docs.values()),
                    sums=f"{Path(after.docs[language].shown).parent.as_posix()}/{layout.FINGERPRINTS}"))
    if source in project.unreleased:
        for language in project.languages[1:]:
            if language not in project.unreleased:
                doc = project.statement.docs[language]
                warnings.append(messages.problem(doc.shown, None, "project.stale_text", source=source, file=doc.shown,
                                                 reference=project.statement.docs[source].shown, release_file=_RELEASE_FILE))
    return warnings


def _body(version: Version, language: str) -> str:
    doc = version.docs[language]
    return versions_module.comparable(str(doc.meta.get("title", "")), doc.body)

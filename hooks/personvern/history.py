"""What the pages around the statement show: the revision stamp, the changelog, and each archived version."""
from __future__ import annotations

import re

from . import diff, layout
from .project import Project
from .revision import format_date, labels
from .versions import Version, corrected_by, in_force, until

def status(project: Project, version: Version) -> str:
    if corrected_by(project.versions, version) is not None:
        return "corrected"
    if version.effective > project.today:
        return "upcoming"
    return "current" if version is project.in_force else "past"


def stamp(project: Project, language: str, version: Version) -> dict:
    words = labels(language)
    return {
        "number": version.number,
        "version": words["version"].format(number=version.number),
        "datetime": version.effective.isoformat(),
        "date": format_date(version.effective, language),
        "effective": words["effective_from"].format(date=format_date(version.effective, language)),
    }


def current_text(project: Project, language: str) -> str:
    """The Markdown the current page shows: the version in force, or the edited text while it is a draft."""
    shown = project.in_force
    if project.unreleased or shown is None:
        return project.statement.text[language]
    return shown.docs[language].body


def current_meta(project: Project, language: str) -> dict[str, str]:
    """The title and description of the text the current page shows: those of the version in force, not of an
    upcoming version's text in docs/index.md. A version that records no description has none of its own."""
    shown, doc = project.in_force, project.statement.docs[language]
    if project.unreleased or shown is None or shown is project.versions[-1]:
        meta = doc.meta  # the page shows the text of docs/index.md itself
    else:
        meta = shown.docs[language].meta
    return {name: meta[name] for name in ("title", "description") if meta.get(name)}


def without_title(markdown: str, first_line: int = 1) -> tuple[str, int]:
    """The text without its "# Title" line (pages write the title from the front matter, followed by the revision
    stamp), and the file line on which what remains starts."""
    title = re.match(r"\A\s*# [^\n]*\n", markdown)
    return (markdown[title.end():], first_line + title.group().count("\n")) if title else (markdown, first_line)


def current_page(project: Project, language: str) -> dict:
    """The stamp, the announcement of upcoming versions and the draft flag for the current statement."""
    shown = project.in_force
    upcoming = [dict(stamp(project, language, v), url=layout.version_url(language, v.number))
                for v in project.upcoming if v is not shown]
    return {
        "kind": "current",
        "stamp": stamp(project, language, shown) if shown else None,
        "history_url": layout.page_url(language, layout.HISTORY_PATH),
        "upcoming": upcoming,
        "today": applies_today(project, language) if upcoming else None,
        "draft": bool(project.unreleased),
    }


def applies_today(project: Project, language: str) -> str | None:
    """The plain sentence a notice leads with: which version applies today, and since when. None while none does."""
    applying = in_force(project.versions, project.today)
    if applying is None:
        return None
    return labels(language)["applies_today"].format(number=applying.number, start=format_date(applying.effective, language))


def changelog(project: Project, language: str) -> dict:
    """Every version, newest first."""
    entries = []
    for version in reversed(project.versions):
        url = layout.version_url(language, version.number)
        entries.append(dict(stamp(project, language, version), url=url,
                            status=status(project, version), summary=version.summary(language),
                            notes=version.notes(language), since=_since_link(project, version)))
    return {"kind": "changelog", "entries": entries, "current_url": layout.page_url(language)}


def archived_page(project: Project, language: str, number: int) -> dict:
    """The notice, the period in force, and what changed from the version before."""
    version = project.version(number)
    words = labels(language)
    last_day = until(project.versions, version)
    state = status(project, version)
    start = format_date(version.effective, language)
    if state == "corrected":
        period = words["archived_corrected"].format(number=number, start=start,
                                                    correction=corrected_by(project.versions, version).number)
    elif state == "past":
        period = words["archived_period"].format(number=number, start=start, end=format_date(last_day, language))
    else:
        period = words[f"archived_{state}"].format(number=number, start=start)
    previous = project.version(number - 1)
    changes = diff.compare(previous.docs[language].body, version.docs[language].body) if previous else None
    return dict(stamp(project, language, version), kind="archived", status=state, period=period,
                summary=version.summary(language), notes=version.notes(language),
                current_url=layout.page_url(language), history_url=layout.page_url(language, layout.HISTORY_PATH),
                previous=previous.number if previous else None, changes=changes,
                today=applies_today(project, language) if state != "current" else None,
                since=compared_with_in_force(project, language, version))


def compared_with_in_force(project: Project, language: str, version: Version) -> dict | None:
    """What differs between a version and the one in force today, older text first: for an earlier version, what
    changed since a reader agreed to it; for an upcoming one, what will change.

    None on the version in force, on the next one (its changes from the version before say it already) and
    while no version is in force."""
    applying = _compared_with(project, version)
    if applying is None:
        return None
    older, newer = sorted((version, applying), key=lambda v: v.number)
    return {"number": applying.number, "upcoming": version.number > applying.number,
            "changes": diff.compare(older.docs[language].body, newer.docs[language].body)}


def _compared_with(project: Project, version: Version) -> Version | None:
    applying = in_force(project.versions, project.today)
    if applying is None or version.number in (applying.number, applying.number + 1):
        return None
    return applying


def _since_link(project: Project, version: Version) -> dict | None:
    applying = _compared_with(project, version)
    return {"upcoming": version.number > applying.number} if applying else None

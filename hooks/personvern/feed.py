"""The Atom feed of versions per language, and versions.json for both languages."""
from __future__ import annotations

import datetime as dt
import json
from urllib.parse import urljoin
from xml.etree import ElementTree as ET

from . import layout
from .history import status
from .project import Project
from .revision import effective_text, labels

ATOM = "http://www.w3.org/2005/Atom"


def _timestamp(day: dt.date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def atom(project: Project, language: str, site_url: str, name: str) -> bytes:
    """An Atom feed with one entry per version, newest first."""
    words = labels(language)
    ET.register_namespace("", ATOM)
    root = ET.Element(f"{{{ATOM}}}feed", {"{http://www.w3.org/XML/1998/namespace}lang": language})
    home = urljoin(site_url, layout.page_url(language, layout.HISTORY_PATH))
    _text(root, "id", home)
    _text(root, "title", words["feed_title"].format(name=name))
    ET.SubElement(root, f"{{{ATOM}}}link", rel="self", href=urljoin(site_url, layout.page_url(language, layout.FEED_FILE)))
    ET.SubElement(root, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=home)
    newest = max((v.released() for v in project.versions), default=project.today)
    _text(root, "updated", _timestamp(newest))
    author = ET.SubElement(root, f"{{{ATOM}}}author")
    _text(author, "name", name)
    for version in reversed(project.versions):
        url = urljoin(site_url, layout.version_url(language, version.number))
        entry = ET.SubElement(root, f"{{{ATOM}}}entry")
        _text(entry, "id", url)
        title = f"{words['version'].format(number=version.number)}: {effective_text(version.effective, language)}"
        _text(entry, "title", title)
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="alternate", type="text/html", href=url)
        # "related", not a second "alternate": feed readers open the alternate, the version itself.
        ET.SubElement(entry, f"{{{ATOM}}}link", rel="related", type="text/html", href=f"{url}#{layout.CHANGES_ID}",
                      title=words["changes"])
        _text(entry, "published", _timestamp(version.released()))
        _text(entry, "updated", _timestamp(version.released()))
        _text(entry, "summary", version.summary(language))
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def versions_json(project: Project, site_url: str) -> str:
    """Every version with its dates, status, summaries, addresses and the fingerprint (SHA-256 of the archived file, as
    in SHA256SUMS) in every language: `personvern verify-archive --published` compares the archive with them."""
    in_force = project.in_force
    items = []
    for version in project.versions:
        items.append({
            "version": version.number,
            "effective": version.effective.isoformat(),
            "status": status(project, version),
            "summary": {language: version.summary(language) for language in project.languages},
            "fingerprint": {language: version.fingerprint(language) for language in project.languages},
            "url": {language: urljoin(site_url, layout.version_url(language, version.number)) for language in project.languages},
        })
    document = {
        "current": in_force.number if in_force else None,
        "generated": project.today.isoformat(),
        "statement": {language: urljoin(site_url, layout.page_url(language)) for language in project.languages},
        "feed": {language: urljoin(site_url, layout.page_url(language, layout.FEED_FILE)) for language in project.languages},
        "versions": items,
    }
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"


def _text(parent: ET.Element, tag: str, text: str) -> None:
    ET.SubElement(parent, f"{{{ATOM}}}{tag}").text = text

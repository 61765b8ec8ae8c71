"""The sitemap: every page in every language, the day it last changed, and its translations (hreflang)."""
from __future__ import annotations

import datetime as dt
from urllib.parse import urljoin
from xml.etree import ElementTree as ET

from . import layout
from .project import Project
from .versions import Version, corrected_by, in_force

SITEMAP = "http://www.sitemaps.org/schemas/sitemap/0.9"
XHTML = "http://www.w3.org/1999/xhtml"
X_DEFAULT = "x-default"
"""The hreflang of the page shown to a reader whose language is none of ours: the default language's."""


def xml(project: Project, site_url: str) -> bytes:
    """The statement, the version history and each archived version, in every language.

    Each address lists every language's address of the same page, its own included, and x-default."""
    ET.register_namespace("", SITEMAP)
    ET.register_namespace("xhtml", XHTML)
    root = ET.Element(f"{{{SITEMAP}}}urlset")
    pages = [(lambda language: layout.page_url(language), last_changed(project)),
             (lambda language: layout.page_url(language, layout.HISTORY_PATH), last_changed(project))]
    pages += [(lambda language, number=v.number: layout.version_url(language, number), last_changed(project, v))
              for v in project.versions]
    for address, day in pages:
        alternates = {language: urljoin(site_url, address(language)) for language in project.languages}
        alternates[X_DEFAULT] = alternates[project.languages[0]]
        for language in project.languages:
            entry = ET.SubElement(root, f"{{{SITEMAP}}}url")
            ET.SubElement(entry, f"{{{SITEMAP}}}loc").text = alternates[language]
            ET.SubElement(entry, f"{{{SITEMAP}}}lastmod").text = day.isoformat()
            for hreflang, href in alternates.items():
                ET.SubElement(entry, f"{{{XHTML}}}link", rel="alternate", hreflang=hreflang, href=href)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"


def last_changed(project: Project, version: Version | None = None) -> dt.date:
    """The last day on which a page's content changed, never the build date.

    An archived version's page changes when it is released, when a same-day correction replaces it, and whenever
    another version takes effect (its status, and what changed since it or what it will change). The statement and
    the version history change with every release and every version taking effect."""
    applying = in_force(project.versions, project.today)
    if version is None:
        days = [v.released() for v in project.versions]
    else:
        correction = corrected_by(project.versions, version)
        days = [version.released()] + ([correction.released()] if correction else [])
    if applying is not None:
        days.append(applying.effective)
    return min(max(days, default=project.today), project.today)  # a preview dated earlier shows no future day

"""Every file the site publishes besides its pages: one function returns them all, for any generator to write."""
from __future__ import annotations

from . import feed, layout
from .project import Project


def files(project: Project, site_url: str, site_name: dict[str, str]) -> dict[str, bytes]:
    """Path under the site root → content: the Atom feed of each language and versions.json.

    `site_name` is the site's name in each language, as the feeds call it."""
    written = {layout.page_url(language, layout.FEED_FILE): feed.atom(project, language, site_url, site_name[language])
               for language in project.languages}
    written[layout.VERSIONS_JSON] = feed.versions_json(project, site_url).encode("utf-8")
    return written

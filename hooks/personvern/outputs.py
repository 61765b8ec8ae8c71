"""Every file the site publishes besides its pages: one function returns them all, for any generator to write."""
from __future__ import annotations

import gzip

from . import embed, feed, headers, layout, sitemap
from .project import Project


def files(project: Project, site_url: str, site_name: dict[str, str], embed_origins: list[str] = (),
          script_hashes: list[str] = ()) -> dict[str, bytes]:
    """Path under the site root → content: the Atom feed of each language, versions.json, the sitemap
    (which replaces the generator's own, plain and compressed) and the embed files.

    `site_name` is the site's name in each language, as the feeds call it; `embed_origins` the websites allowed to
    frame the embed page (embed.allowed_origins; none by default); `script_hashes` the CSP sources of the inline
    scripts the built pages carry (headers.inline_scripts), for the policy the headers send."""
    written = {layout.page_url(language, layout.FEED_FILE): feed.atom(project, language, site_url, site_name[language])
               for language in project.languages}
    written[layout.VERSIONS_JSON] = feed.versions_json(project, site_url).encode("utf-8")
    written[layout.SITEMAP] = sitemap.xml(project, site_url)
    written[layout.SITEMAP_GZ] = gzip.compress(written[layout.SITEMAP], mtime=0)
    written.update(embed.files(project, site_url, embed_origins))
    written.update(headers.files(list(script_hashes), embed.headers(list(embed_origins)), project.pages))
    return written

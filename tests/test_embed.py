"""The embed forms, tested on the domain without a build: page, loader, snippet (and the page that shows it), fragment,
JSON and the origins setting."""
import base64
import datetime as dt
import hashlib
import html
import json
import re

import jsonschema
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from conftest import EMBED_ORIGINS, ROOT, TODAY
from mkdocs.utils.yaml import yaml_load

from personvern import embed, layout, outputs, render
from personvern import project as project_module
from personvern.revision import labels

SITE = "https://example.org/personvern/"
ORIGINS = ["https://www.example.com", "http://localhost:*"]
PREFIX = {"nb": SITE, "en": f"{SITE}en/"}
LANGUAGES = pytest.mark.parametrize("language", ["nb", "en"])
SECOND = dt.date(2027, 1, 1)
EDITED = {"nb": "lager vi lykter", "en": "we make lanterns"}


def digest(value: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(value.encode()).digest()).decode() + "'"


def load(tiny, today: dt.date = TODAY):
    return project_module.load(tiny.docs, tiny.root, today)


def built(tiny, today: dt.date = TODAY) -> dict[str, bytes]:
    return embed.files(load(tiny, today), SITE, ORIGINS)


def text(files: dict[str, bytes], path: str) -> str:
    return files[path].decode("utf-8")


@pytest.fixture
def upcoming(tiny):
    """Version 2 released on 2026-12-01, taking effect on SECOND."""
    tiny.edit("docs/index.md", "lager vi lamper", EDITED["nb"])
    tiny.edit("docs/index.en.md", "we make lamps", EDITED["en"])
    tiny.today = dt.date(2026, 12, 1)
    tiny.release(SECOND, "Ny ordlyd.", "New wording.")
    return tiny


def test_every_form_in_every_language_is_one_file_under_the_layouts_names(tiny):
    assert sorted(built(tiny)) == sorted([
        "embed/loader.js", "embed/statement.schema.json",
        "embed/index.html", "embed/snippet.html", "embed/snippet.txt", "embed/iframe.txt", "embed/fragment.html",
        "embed/statement.json", "en/embed/index.html", "en/embed/snippet.html", "en/embed/snippet.txt",
        "en/embed/iframe.txt", "en/embed/fragment.html", "en/embed/statement.json"])


def test_outputs_include_the_embed_files(tiny):
    written = outputs.files(load(tiny), SITE, {"nb": "N", "en": "E"}, ORIGINS)
    assert set(built(tiny)) <= set(written)


def shown_code(page: str) -> list[str]:
    """What the page shows in its code blocks, as the reader copies it: escaped text, no elements."""
    blocks = re.findall(r"<pre><code>(.*?)</code></pre>", page, re.S)
    assert not any("<" in code for code in blocks), blocks
    return [html.unescape(code) for code in blocks]


@LANGUAGES
def test_snippet_is_a_container_with_a_plain_link_and_one_script_line_with_absolute_addresses(tiny, language):
    title = load(tiny).statement.docs[language].meta["title"]
    assert text(built(tiny), layout.page_url(language, layout.EMBED_SNIPPET_TEXT)) == (
        f'<div data-personvern data-lang="{language}"><a href="{PREFIX[language]}">{title}</a></div>\n'
        f'<script src="{SITE}embed/loader.js" async></script>\n')


@LANGUAGES
def test_plain_iframe_has_a_title_and_the_documented_fixed_height(tiny, language):
    title = load(tiny).statement.docs[language].meta["title"]
    assert text(built(tiny), layout.page_url(language, layout.EMBED_IFRAME_TEXT)) == (
        f'<iframe src="{PREFIX[language]}embed/" title="{title}" height="{embed.PLAIN_IFRAME_HEIGHT}" '
        'style="display:block;width:100%;border:0" loading="lazy"></iframe>\n')


@LANGUAGES
def test_the_snippet_page_shows_both_forms_exactly_with_when_to_use_which(tiny, language):
    files, words = built(tiny), labels(language)
    page = text(files, layout.page_url(language, layout.EMBED_SNIPPET))
    assert shown_code(page) == [text(files, layout.page_url(language, path)).removesuffix("\n")
                                for path in (layout.EMBED_SNIPPET_TEXT, layout.EMBED_IFRAME_TEXT)]
    assert f'<html lang="{language}">' in page and f"<title>{words['embed_code_title']}</title>" in page
    assert words["embed_code_script_when"] in page
    assert words["embed_code_iframe_when"].format(height=embed.PLAIN_IFRAME_HEIGHT) in page
    for path in (layout.EMBED_SNIPPET_TEXT, layout.EMBED_IFRAME_TEXT):
        assert f'<a href="{SITE}{layout.page_url(language, path)}">' in page
    assert all(f"<code>{origin}</code>" in page for origin in ORIGINS)


@LANGUAGES
def test_the_snippet_page_runs_nothing_and_fetches_nothing_from_another_host(tiny, language):
    page = text(built(tiny), layout.page_url(language, layout.EMBED_SNIPPET))
    assert not re.search(r"<script|<[^>]*\sstyle=", page)
    assert re.findall(r'<(?:link|img|iframe)\b[^>]*>', page) == ['<link rel="icon" href="'
                                                                  + "../" * (1 + (language != "nb")) + 'assets/favicon.svg">']
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page).group(1).replace("&#39;", "'")
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives == {"default-src": "'self'", "script-src": "'none'", "style-src": digest(style),
                          "img-src": "'self'", "object-src": "'none'", "base-uri": "'none'", "form-action": "'none'"}
    assert "system-ui" in style and "ui-monospace" in style


def test_the_snippet_page_shows_the_markup_escaped_whatever_the_title(tiny):
    statement = embed.statement(load(tiny), "en", SITE)

    @settings(max_examples=200, deadline=None)
    @given(title=st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=40))
    def shown_exactly(title):
        model = dict(statement, title=title)
        markup = embed.snippet(model, SITE)
        link = re.fullmatch(r'<div [^<>]*><a href="[^"<>]*">([^<>]*)</a></div>\n<script src="[^"<>]*" async></script>\n', markup)
        assert html.unescape(link[1]) == title
        page = embed.snippet_page(model, ORIGINS, {"script": (markup, SITE + "s.txt")}).decode("utf-8")
        assert shown_code(page) == [markup.removesuffix("\n")]
        assert page.count("<a ") == 3  # the plain-text address, the fragment and the JSON: the title made no element

    shown_exactly()


@LANGUAGES
def test_json_validates_against_the_schema_in_the_repository(tiny, language):
    document = json.loads(text(built(tiny), layout.page_url(language, layout.EMBED_JSON)))
    schema = json.loads((ROOT / "hooks" / "personvern" / "embed_templates" / "statement.schema.json").read_text())
    jsonschema.Draft202012Validator.check_schema(schema)
    jsonschema.validate(document, schema, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
    project = load(tiny)
    assert (document["language"], document["version"], document["effective"], document["status"], document["upcoming"]) == \
        (language, 1, TODAY.isoformat(), "current", None)
    assert document["title"] == project.statement.docs[language].meta["title"]
    assert [s["id"] for s in document["sections"]] == [""] + project.statement.outlines[language].ids()
    assert document["urls"] == {"statement": PREFIX[language], "history": f"{PREFIX[language]}versions/",
                                "embed": f"{PREFIX[language]}embed/", "fragment": f"{PREFIX[language]}embed/fragment.html",
                                "json": f"{PREFIX[language]}embed/statement.json"}


def test_the_schema_rejects_a_document_without_sections(tiny):
    document = json.loads(text(built(tiny), layout.EMBED_JSON))
    document["sections"] = []
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(document, json.loads(embed.SCHEMA.read_text()))


@LANGUAGES
def test_an_upcoming_version_is_in_the_json_and_announced_on_the_page(upcoming, language):
    files = built(upcoming)
    document = json.loads(text(files, layout.page_url(language, layout.EMBED_JSON)))
    assert document["upcoming"] == {"version": 2, "effective": "2027-01-01", "url": f"{PREFIX[language]}versions/2/"}
    assert (document["version"], document["status"]) == (1, "current")
    assert EDITED[language] not in document["sections"][0]["html"]  # version 1's text until version 2 takes effect
    page = text(files, layout.page_url(language, layout.EMBED_PAGE))
    notice = re.search(r'<p class="notice" role="note">(.*?)</p>', page).group(1)
    assert '<time datetime="2027-01-01">' in notice and f'href="{PREFIX[language]}versions/2/" target="_top"' in notice
    assert labels(language)["upcoming_link"] in notice


@LANGUAGES
def test_on_its_effective_date_the_new_version_is_shown_without_notice(upcoming, language):
    document = json.loads(text(built(upcoming, SECOND), layout.page_url(language, layout.EMBED_JSON)))
    assert (document["version"], document["effective"], document["upcoming"]) == (2, "2027-01-01", None)
    assert EDITED[language] in document["sections"][0]["html"]


@LANGUAGES
def test_embed_page_is_lean_and_carries_stamp_and_links_to_the_top_window(tiny, language):
    page = text(built(tiny), layout.page_url(language, layout.EMBED_PAGE))
    words = labels(language)
    assert f'<html lang="{language}">' in page
    assert "md-" not in page and "<link rel=\"stylesheet\"" not in page and "search" not in page.lower()
    assert re.findall(r"<script\b[^>]*>", page) == ["<script>"]
    assert '<time datetime="2026-11-25">' in page and words["version"].format(number=1) in page
    assert f'<a href="{PREFIX[language]}" target="_top">{words["embed_full"]}</a>' in page
    assert f'<a href="{PREFIX[language]}versions/" target="_top">{words["history_link"]}</a>' in page
    assert '<base target="_top">' in page
    assert page.count("--accent:") == 1 and page.count("--size:") == 1


@LANGUAGES
def test_embed_page_policy_allows_exactly_its_own_inline_script_and_style(tiny, language):
    page = text(built(tiny), layout.page_url(language, layout.EMBED_PAGE))
    policy = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]*)">', page).group(1).replace("&#39;", "'")
    script = re.search(r"<script>(.*?)</script>", page, re.S).group(1)
    style = re.search(r"<style>(.*?)</style>", page, re.S).group(1)
    directives = dict(d.strip().split(" ", 1) for d in policy.split(";"))
    assert directives == {"default-src": "'self'", "script-src": digest(script), "style-src": digest(style),
                          "img-src": "'self'", "object-src": "'none'", "base-uri": "'none'", "form-action": "'none'"}


def test_embed_page_script_posts_only_to_an_allowed_origin_never_to_any(tiny):
    script = re.search(r"<script>(.*?)</script>", text(built(tiny), layout.EMBED_PAGE), re.S).group(1)
    assert json.dumps(ORIGINS) in script
    assert re.findall(r"postMessage\(([^)]*)\)", script) == ["message, to"]
    assert "'*'" not in script and '"*"' not in script


def test_loader_is_language_neutral_and_has_no_global(tiny):
    loader = text(built(tiny), layout.EMBED_LOADER)
    assert loader.startswith("(function (d) {") and loader.rstrip().endswith("})(document);")
    pages = json.loads(re.search(r"pages = (\{.*?\}),\n", loader).group(1))
    project = load(tiny)
    assert pages == {language: [layout.page_url(language, "embed/"), project.statement.docs[language].meta["title"]]
                     for language in ("nb", "en")}
    assert json.loads(re.search(r"alias = (\{.*?\}),", loader).group(1)) == {"no": "nb", "nn": "nb"}
    assert "example.org" not in loader  # it finds the site from its own address


@LANGUAGES
def test_fragment_holds_the_same_statement_as_the_embed_page(tiny, language):
    files = built(tiny)
    fragment = text(files, layout.page_url(language, layout.EMBED_FRAGMENT))
    page = text(files, layout.page_url(language, layout.EMBED_PAGE))
    assert fragment.startswith(f'<div class="personvern" lang="{language}">\n<h1>')
    inner = fragment.removeprefix(f'<div class="personvern" lang="{language}">\n').removesuffix("</div>\n")
    assert inner in page
    document = json.loads(text(files, layout.page_url(language, layout.EMBED_JSON)))
    assert all(section["html"] in fragment for section in document["sections"])


@LANGUAGES
def test_every_form_takes_the_statements_html_from_render(tiny, monkeypatch, language):
    project = load(tiny)
    monkeypatch.setattr(render, "html", lambda markdown, shown, first: (f"<p>{shown}:{first}</p>", []))
    files = embed.files(project, SITE, ORIGINS)
    doc = project.in_force.docs[language]  # the published version in force, not the editable text
    marker = f"<p>{doc.shown}:{doc.body_line + 2}</p>"  # the line after "# Title"
    for path in (layout.EMBED_PAGE, layout.EMBED_FRAGMENT):
        assert marker in text(files, layout.page_url(language, path))
    assert json.loads(text(files, layout.page_url(language, layout.EMBED_JSON)))["sections"][0]["html"] == marker


def test_a_problem_from_render_stops_the_embed_files(tiny, monkeypatch):
    problem = project_module.Problem("docs/index.md", 9, "raw <script> is not allowed", "remove it")
    project = load(tiny)
    monkeypatch.setattr(render, "html", lambda markdown, shown, first: ("", [problem]))
    with pytest.raises(project_module.Invalid) as raised:
        embed.files(project, SITE, ORIGINS)
    assert raised.value.problems == [problem]


@pytest.mark.parametrize("html, expected", [
    ('<a href="versions/">x</a>', f'<a href="{SITE}en/versions/">x</a>'),
    ('<a href="#cookies">x</a>', f'<a href="{SITE}en/#cookies">x</a>'),
    ('<a href="https://lampeguide.example/">x</a>', '<a href="https://lampeguide.example/">x</a>'),
    ('<a href="mailto:a@b.no">x</a>', '<a href="mailto:a@b.no">x</a>'),
    ('<a title="a &gt; b" href="?a=1&amp;b=2">x</a>', f'<a title="a &gt; b" href="{SITE}en/?a=1&amp;b=2">x</a>'),
    ('<a title="x>y" href="../x">x</a>', f'<a title="x>y" href="{SITE}x">x</a>'),
])
def test_links_are_made_absolute(html, expected):
    assert embed.absolute_links(html, f"{SITE}en/") == expected


def test_the_allowed_origins_are_the_listed_websites_once_each(tmp_path):
    config = tmp_path / "mkdocs.yml"
    listed = "".join(f"    - {origin}\n" for origin in EMBED_ORIGINS + EMBED_ORIGINS[:1])
    config.write_text(f"site_name: x\nextra:\n  embed_origins:\n{listed}", encoding="utf-8")
    assert embed.allowed_origins(config, "mkdocs.yml") == EMBED_ORIGINS


def test_the_projects_own_origins_are_valid_and_let_local_previews_embed_it():
    listed = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))["extra"]["embed_origins"]
    assert embed.allowed_origins(ROOT / "mkdocs.yml", "mkdocs.yml") == listed
    assert {"http://localhost:*", "http://127.0.0.1:*"} < set(listed)


@pytest.mark.parametrize("value, what", [
    ('["*"]', "'*' in extra › embed_origins is not a website origin"),
    ('["https://nordlys-elektro.no/"]', "'https://nordlys-elektro.no/' in extra › embed_origins is not a website origin"),
    ('["http://nordlys-elektro.no"]', "'http://nordlys-elektro.no' in extra › embed_origins is not a website origin"),
    ('["https://x.no; script-src *"]', "'https://x.no; script-src *' in extra › embed_origins is not a website origin"),
    ("[]", "extra › embed_origins is missing or not a list"),
    ("https://nordlys-elektro.no", "extra › embed_origins is missing or not a list"),
])
def test_a_wrong_origins_setting_is_one_line_with_what_to_do(tmp_path, value, what):
    config = tmp_path / "mkdocs.yml"
    config.write_text(f"site_name: x\nextra:\n  generator: false\n  embed_origins: {value}\n", encoding="utf-8")
    with pytest.raises(project_module.Invalid) as raised:
        embed.allowed_origins(config, "mkdocs.yml")
    assert [str(p) for p in raised.value.problems] == [
        f"mkdocs.yml:4: {what} — list each website as https://host, and http://localhost:* for previews, "
        "without a path or a slash at the end (README › Embedding)"]


def test_frame_ancestors_for_the_embed_pages_of_each_language():
    assert embed.frame_ancestors(ORIGINS) == "frame-ancestors https://www.example.com http://localhost:*"
    assert embed.frame_ancestors([]) == "frame-ancestors 'none'"
    assert embed.headers(ORIGINS) == {
        path: {"Content-Security-Policy": "frame-ancestors https://www.example.com http://localhost:*"}
        for path in ("/embed/*", "/en/embed/*")}


def test_the_build_writes_the_embed_files_and_stops_on_a_wrong_origins_setting(tiny):
    build = tiny.build()
    assert build.ok, build.messages
    assert (tiny.site / "en" / "embed" / "index.html").exists() and (tiny.site / "embed" / "loader.js").exists()
    tiny.edit("mkdocs.yml", f"- {EMBED_ORIGINS[0]}", f"- {EMBED_ORIGINS[0]}/*")
    build = tiny.build()
    assert not build.ok
    assert build.messages[0].startswith("mkdocs.yml:") and \
        f"'{EMBED_ORIGINS[0]}/*' in extra › embed_origins is not a website origin — " in build.messages[0]


def test_the_readme_shows_the_markup_the_build_writes_for_the_production_address():
    site_url = re.search(r'site_url: !ENV \[PERSONVERN_SITE_URL, "([^"]+)"\]', (ROOT / "mkdocs.yml").read_text()).group(1)
    project = project_module.load(ROOT / "docs", ROOT, TODAY)
    files = embed.files(project, site_url, ORIGINS)
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for path in (layout.EMBED_SNIPPET_TEXT, layout.EMBED_IFRAME_TEXT):
        assert files[path].decode("utf-8") in readme, path


@LANGUAGES
def test_a_draft_preview_is_marked_as_a_draft_and_still_valid(tiny, language):
    tiny.edit("docs/index.md", "lager vi lamper", EDITED["nb"])
    tiny.edit("docs/index.en.md", "we make lamps", EDITED["en"])
    document = json.loads(text(built(tiny), layout.page_url(language, layout.EMBED_JSON)))
    jsonschema.validate(document, json.loads(embed.SCHEMA.read_text()))
    assert (document["status"], document["version"]) == ("draft", 1)
    assert EDITED[language] in document["sections"][0]["html"]  # the edited text, as the preview shows it


def test_before_the_first_version_the_json_has_no_version(tiny):
    for path in tiny.docs.joinpath("versions").glob("1*.md"):
        path.unlink()
    tiny.docs.joinpath("versions", "SHA256SUMS").unlink()
    for language in ("nb", "en"):
        document = json.loads(text(built(tiny), layout.page_url(language, layout.EMBED_JSON)))
        jsonschema.validate(document, json.loads(embed.SCHEMA.read_text()))
        assert (document["status"], document["version"], document["effective"]) == ("draft", None, None)


def test_personvern_check_reports_a_wrong_origins_setting_like_the_build(tiny):
    tiny.edit("mkdocs.yml", "- https://www.nordlys-elektro.no", "- www.nordlys-elektro.no")
    result = tiny.cli("personvern.cli", "check")
    assert result.returncode == 1
    line = next(line for line in result.stderr.splitlines() if "embed_origins" in line)
    assert re.fullmatch(r"mkdocs\.yml:\d+: 'www\.nordlys-elektro\.no' in extra › embed_origins is not a website origin — .*", line)

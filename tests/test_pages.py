"""Pages an editor adds besides the statement: which names they may have, and what their front matter may say."""
import datetime as dt
import os

import pytest

from personvern import check

SUMMARY = "{count} problem(s) in the privacy statement, listed above. Nothing was built; fix them and build again."
FIELDS = "use only title, description"


def check_lines(tiny) -> list[str]:
    """What `personvern check` reports for the tiny site."""
    return [str(problem) for problem in check.problems_and_plan(tiny.docs, tiny.root)[0]]


def assert_reported(tiny, *lines):
    """`personvern check` and the strict build report exactly these lines, and the build publishes nothing."""
    assert check_lines(tiny) == list(lines)
    result = tiny.build()
    assert not result.ok
    assert result.messages == [*lines, SUMMARY.format(count=len(lines))]
    assert not tiny.site.exists()


PAGE = {"nb": ("docs/om.md", "Om oss", "Hvem vi er."), "en": ("docs/om.en.md", "About us", "Who we are.")}
LANGUAGES = pytest.mark.parametrize("language", ["nb", "en"])


def page(title: str, body: str, *fields: str) -> str:
    return "\n".join(["---", f"title: {title}", *fields, "---", "", body, ""])


@LANGUAGES
def test_a_page_with_title_and_description_is_published(tiny, language):
    path, title, body = PAGE[language]
    tiny.write(path, page(title, body, f"description: {body}"))
    assert check_lines(tiny) == []
    result = tiny.build()
    assert result.ok, result.messages
    assert body in result.html(("" if language == "nb" else "en/") + "om/index.html")


@LANGUAGES
@pytest.mark.parametrize("fields, key", [
    (["template: redirect.html", "location: https://evil.example/phish"], "template"),
    (["template: partials/integrations/analytics/google.html"], "template"),
    (["hide:", "  - navigation"], "hide"),
])
def test_a_page_may_not_choose_a_template_or_any_other_setting(tiny, language, fields, key):
    path, title, body = PAGE[language]
    tiny.write(path, page(title, body, *fields))
    lines = [f'{path}:{3 + i}: unknown front matter field "{field.split(":")[0]}" — {FIELDS}'
             for i, field in enumerate(fields) if not field.startswith(" ")]
    assert_reported(tiny, *lines)
    assert key in lines[0]


@LANGUAGES
def test_a_redirect_never_reaches_the_site_or_its_policy(tiny, language):
    path, title, body = PAGE[language]
    tiny.write(path, page(title, body, "template: redirect.html", "location: https://evil.example/phish"))
    assert not tiny.build().ok
    assert not tiny.site.exists()


@LANGUAGES
def test_broken_front_matter_on_a_page_is_an_error_as_on_the_statement(tiny, language):
    path, title, body = PAGE[language]
    tiny.write(path, page("[unclosed", body))
    assert_reported(tiny, f"{path}:2: the front matter is not valid YAML (expected ',' or ']', but got '<stream end>') — "
                          'write each field as "name: value"; put a value that contains ": " in quotes')


@LANGUAGES
def test_a_page_needs_front_matter_with_a_title(tiny, language):
    path, _, body = PAGE[language]
    tiny.write(path, f"Template: redirect.html\nLocation: https://evil.example/\n\n{body}\n")
    tiny.write("docs/uten.md", f"---\ndescription: {body}\n---\n\n{body}\n")
    assert_reported(tiny,
                    f'{path}:1: the file has no front matter — start the file with a line "---", the fields (such as '
                    '"title: …") and another "---"',
                    'docs/uten.md:1: the front matter field "title" is missing or empty — add "title: …" between the "---" lines')


@LANGUAGES
def test_page_fields_are_plain_text(tiny, language):
    path, title, body = PAGE[language]
    tiny.write(path, page(f"{title} <script>x()</script>", body))
    assert check_lines(tiny) == [
        f'{path}:2: "title" contains HTML ("<script>x()</script>") — remove the markup: this field is plain text, '
        "shown exactly as written"]


def test_page_messages_are_in_norwegian_by_default(tiny, monkeypatch):
    monkeypatch.setenv("PERSONVERN_LANG", "nb")
    tiny.write("docs/om.md", page("Om", "Tekst.", "template: redirect.html"))
    assert check_lines(tiny) == ["docs/om.md:3: front matter-feltet «template» finnes ikke — bruk bare title, description"]


NAME = ("this is not a name a page can have — name the page with lowercase letters (a–z), digits and hyphens, as in "
        "docs/about-us.md, and its translation docs/about-us.en.md")
RESERVED = '"{name}" is a name the site uses for its own pages and files — give the page another name, such as docs/about-us.md'
IN_FOLDER = "a page in a folder under docs/ is not allowed — put pages in docs/ itself, as docs/about-us.md, or delete the file"
DEFAULT_SUFFIX = ("a page in nb, the default language, takes no language suffix: its name is {proper} — rename the file "
                  "{proper} (if {proper} exists already, merge the two)")


@pytest.mark.parametrize("path, message", [
    ("docs/feed.xml.md", NAME),
    ("docs/versions.json.md", NAME),
    ("docs/_headers.md", NAME),
    ("docs/sitemap.xml.md", NAME),
    ("docs/nginx-security-headers.conf.md", NAME),
    ("docs/Om.md", NAME),
    ("docs/om.MD", NAME),
    ("docs/index.x.md", NAME),
    ("docs/versions.md", RESERVED.format(name="versions")),
    ("docs/versions.en.md", RESERVED.format(name="versions")),
    ("docs/en.md", RESERVED.format(name="en")),
    ("docs/nb.md", RESERVED.format(name="nb")),
    ("docs/embed.md", RESERVED.format(name="embed")),
    ("docs/assets.md", RESERVED.format(name="assets")),
    ("docs/en/index.md", IN_FOLDER),
    ("docs/en/versions/index.md", IN_FOLDER),
    ("docs/assets/personvern.js.md", IN_FOLDER),
    ("docs/index.nb.md", DEFAULT_SUFFIX.format(proper="index.md")),
    ("docs/index.de.md", '"de" is not one of the site\'s languages (nb, en) — end the name in .en.md for a translation, or in '
                         ".md alone for nb; otherwise delete the file"),
])
def test_a_page_name_the_site_cannot_publish_is_reported_by_check(tiny, path, message):
    tiny.write(path, page("Om", "Tekst <script>x()</script>."))
    assert check_lines(tiny) == [f"{path}: {message}"]


@pytest.mark.parametrize("path", ["docs/feed.xml.md", "docs/_headers.md", "docs/sitemap.xml.md", "docs/versions.md",
                                  "docs/index.x.md", "docs/en/index.md"])
def test_the_build_reports_a_page_name_as_check_does_and_publishes_nothing(tiny, path):
    tiny.write(path, page("Om", "Tekst."))
    [line] = check_lines(tiny)
    assert_reported(tiny, line)


def test_a_translation_with_the_default_languages_suffix_beside_the_page(tiny):
    tiny.write("docs/om.md", page("Om", "Tekst."))
    tiny.write("docs/om.nb.md", page("Om", "Tekst."))
    assert_reported(tiny, f"docs/om.nb.md: {DEFAULT_SUFFIX.format(proper='om.md')}")


def test_a_name_that_is_not_utf8_is_reported_with_escapes(tiny):
    os.mkdir(os.path.join(os.fsencode(tiny.docs), b"bl\xe5"))
    with open(os.path.join(os.fsencode(tiny.docs), b"r\xf8d.md"), "w", encoding="utf-8") as handle:
        handle.write(page("Om", "Tekst."))
    message = "the name is not UTF-8 — rename the file or folder with letters, digits and hyphens"
    lines = [f"docs/bl\\xe5: {message}", f"docs/r\\xf8d.md: {message}"]
    assert check_lines(tiny) == lines
    result = tiny.cli("personvern.cli", "check", "--format", "github")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert result.stderr.splitlines()[:2] == lines


def test_docs_as_a_symlink_loop_is_a_message_not_a_crash(tmp_path):
    (tmp_path / "docs").symlink_to(tmp_path / "docs")
    from personvern import project
    from personvern.problems import Invalid
    with pytest.raises(Invalid) as raised:
        project.load(tmp_path / "docs", tmp_path, dt.date(2026, 11, 25))
    assert [str(p) for p in raised.value.problems] == [
        "docs: the folder is a symbolic link — make it a real folder with the editors' files: git rm docs, then add the "
        "folder itself"]


def test_docs_as_a_symlink_stops_the_check_cleanly(tiny):
    (tiny.root / "real").mkdir()
    tiny.docs.rename(tiny.root / "real" / "docs")
    tiny.docs.symlink_to(tiny.root / "real" / "docs")
    result = tiny.cli("personvern.cli", "check")
    assert (result.returncode, result.stderr.splitlines()) == (1, [
        "docs: the folder is a symbolic link — make it a real folder with the editors' files: git rm docs, then add the "
        "folder itself", "1 problem(s). Fix them and check again."])


def test_page_name_messages_in_norwegian(tiny, monkeypatch):
    monkeypatch.setenv("PERSONVERN_LANG", "nb")
    tiny.write("docs/versions.md", page("Om", "Tekst."))
    assert check_lines(tiny) == [
        "docs/versions.md: «versions» er et navn nettstedet bruker til sine egne sider og filer — gi siden et annet navn, "
        "som docs/om-oss.md"]


def test_reserved_names_come_from_the_sites_own_paths():
    from personvern import layout
    assert {"versions", "embed", "assets", "feed", "sitemap", *layout.LANGUAGES} <= layout.reserved_names()


@pytest.mark.parametrize("name, shown", [("a\nb.md", "a\\nb.md"), ("om\u202egnp.md", "om\\u202egnp.md")])
def test_a_name_that_does_not_print_is_shown_on_one_line(tiny, name, shown):
    tiny.write(f"docs/{name}", page("Om", "Tekst."))
    assert check_lines(tiny) == [f"docs/{shown}: {NAME}"]


def test_the_build_drops_any_other_setting_even_if_the_check_missed_it(tiny, monkeypatch):
    """The second wall: with the check of other pages switched off, the page still gets no template of its choosing."""
    from personvern import project
    monkeypatch.setattr(project, "_check_other_pages", lambda docs_dir, root, problems: None)
    tiny.write("docs/om.md", page("Om", "Tekst.", "template: redirect.html", "location: https://evil.example/phish"))
    result = tiny.build()
    assert result.ok, result.messages
    html = result.html("om/index.html")
    assert "evil.example" not in html and "Tekst." in html
    assert "evil.example" not in (tiny.site / "_headers").read_text(encoding="utf-8")

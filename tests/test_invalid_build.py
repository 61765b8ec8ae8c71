"""Bad input fails the build with one exact line per problem, and leaves the published site untouched.

The tiny statement (tests/conftest.py) has the same line numbers in both languages: the controller
heading on line 10, its text on 12, rights on 14, cookies on 19, contact on 27 and its text on 29.
"""
import pytest

FILES = {"nb": "docs/index.md", "en": "docs/index.en.md"}
LANGUAGES = pytest.mark.parametrize("language", ["nb", "en"])


def assert_fails_with(tiny, *lines):
    """Builds a good site, breaks nothing more, rebuilds: the lines are exact and the old site is kept."""
    before = {p: p.read_bytes() for p in tiny.site.rglob("*") if p.is_file()}
    result = tiny.build()
    assert not result.ok, "the build should have failed"
    summary = f"{len(lines)} problem(s) in the privacy statement, listed above. Nothing was built; fix them and build again."
    assert result.messages == [*lines, summary]
    after = {p: p.read_bytes() for p in tiny.site.rglob("*") if p.is_file()}
    assert after == before, "a failed build changed the published site"


@pytest.fixture
def built(tiny):
    result = tiny.build()
    assert result.ok, result.messages
    return tiny


def replace_line(site, path, number, text):
    lines = site.read(path).split("\n")
    lines[number - 1] = text
    site.write(path, "\n".join(lines))


@LANGUAGES
def test_missing_required_section(built, language):
    path = FILES[language]
    lines = built.read(path).split("\n")
    built.write(path, "\n".join(lines[:18] + lines[26:]))  # drop the cookies section, lines 19-26
    assert_fails_with(built, f'{path}:19: required section "cookies" is missing — '
                             'add a heading "## … {#cookies}" with its text (README › Obligatoriske seksjoner)')


@LANGUAGES
def test_empty_required_section(built, language):
    replace_line(built, FILES[language], 12, "")
    assert_fails_with(built, f'{FILES[language]}:10: required section "controller" is empty — write the section\'s text below its heading')


@LANGUAGES
def test_controller_without_organisation_number(built, language):
    built.edit(FILES[language], "{{ controller.org_nr }}", "")
    assert_fails_with(built, f"{FILES[language]}:10: the controller section does not show the organisation number — "
                             "write {{ controller.org_nr }} in the section")


@LANGUAGES
def test_contact_without_email_or_phone(built, language):
    replace_line(built, FILES[language], 29, "Kontakt oss." if language == "nb" else "Contact us.")
    assert_fails_with(built, f"{FILES[language]}:27: the contact section has no e-mail address or phone number — "
                             "write {{ controller.email }} or {{ controller.phone }} in the section")


def test_section_id_differs_between_languages(built):
    built.edit("docs/index.en.md", "{#cookies}", "{#cookie}")
    assert_fails_with(built,
                      'docs/index.en.md:27: required section "cookies" is missing — '
                      'add a heading "## … {#cookies}" with its text (README › Obligatoriske seksjoner)',
                      'docs/index.en.md:19: section id "cookie" is not in docs/index.md (did you mean "cookies"?) — '
                      "use the same ids as docs/index.md")


def test_optional_section_id_differs_between_languages(built):
    for path, heading in (("docs/index.md", "## Lagring {#retention}\n\nSå lenge det trengs.\n\n"),
                          ("docs/index.en.md", "## Retention {#retension}\n\nAs long as needed.\n\n")):
        built.edit(path, "## ", heading + "## ")
    assert_fails_with(built,
                      'docs/index.en.md:10: section id "retension" is not in docs/index.md (did you mean "retention"?) — '
                      "use the same ids as docs/index.md",
                      'docs/index.en.md:14: section "retention" is missing — translate the section "retention" from '
                      "docs/index.md, with the heading id {#retention}")


def test_sections_in_another_order(built):
    text = built.read("docs/index.en.md")
    rights = text[text.index("## What you can ask"):text.index("## Cookies")]
    cookies = text[text.index("## Cookies"):text.index("## Contact")]
    built.write("docs/index.en.md", text.replace(rights + cookies, cookies + rights))
    assert_fails_with(built, 'docs/index.en.md:14: section "cookies" is out of order (expected "rights" here) — '
                             "put the sections in the same order as docs/index.md")


@LANGUAGES
def test_duplicated_id(built, language):
    built.edit(FILES[language], "{#rights}", "{#controller}")
    assert_fails_with(built,
                      f'{FILES[language]}:14: section id "controller" is used twice (first on line 10) — give each heading its own id',
                      f'{FILES[language]}:19: required section "rights" is missing — '
                      'add a heading "## … {#rights}" with its text (README › Obligatoriske seksjoner)')


@LANGUAGES
def test_broken_front_matter(built, language):
    replace_line(built, FILES[language], 3, "description: Hvordan: vi behandler: data")
    assert_fails_with(built, f"{FILES[language]}:3: the front matter is not valid YAML (mapping values are not allowed here) — "
                             'write each field as "name: value"; put a value that contains ": " in quotes')


@LANGUAGES
def test_unknown_front_matter_field(built, language):
    replace_line(built, FILES[language], 2, "titel: Personvern")
    assert_fails_with(built,
                      f'{FILES[language]}:2: unknown front matter field "titel" (did you mean "title"?) — use only title, description',
                      f'{FILES[language]}:1: the front matter field "title" is missing or empty — add "title: …" between the "---" lines')


@LANGUAGES
def test_unknown_placeholder(built, language):
    built.edit(FILES[language], "{{ controller.phone }}", "{{ controller.telefon }}")
    assert_fails_with(built, f'{FILES[language]}:29: unknown placeholder "telefon" — use one of city, email, name, org_nr, '
                             "phone, phone_e164, postcode, short_name, street (from docs/facts.yml)")


@LANGUAGES
def test_template_syntax_error(built, language):
    built.edit(FILES[language], "{% endfor %}", "")
    assert_fails_with(built, f"{FILES[language]}:29: placeholder syntax error: Unexpected end of template. Jinja was looking "
                             "for the following tags: 'endfor' or 'else'. The innermost block that needs to be closed is 'for' — "
                             "write placeholders as {{ group.name }}, and close every {% for %} with {% endfor %}")


@LANGUAGES
def test_raw_script_event_handler_and_javascript_link(built, language):
    replace_line(built, FILES[language], 8, '<script>alert(1)</script> <a href="#" onclick="x()">x</a> [y](javascript:alert(1))')
    path = FILES[language]
    assert_fails_with(built,
                      f"{path}:8: HTML element <script> is not allowed — remove it; the statement is text, and the site runs no code from the text",
                      f'{path}:8: inline event handler "onclick" is not allowed — remove the attribute; the site runs no code from the text',
                      f'{path}:8: a "javascript:" link is not allowed (javascript:alert(1)) — link to an https://, mailto: or tel: address, '
                      "or to a page of this site")


def test_missing_translation_is_an_error_not_a_fallback(built):
    (built.docs / "index.en.md").unlink()
    assert_fails_with(built, "docs/index.en.md: the en translation is missing — create docs/index.en.md with the same "
                             "sections as docs/index.md; no language falls back to another")


@LANGUAGES
def test_file_that_is_not_utf8(built, language):
    path = built.docs / FILES[language].removeprefix("docs/")
    lines = path.read_bytes().split(b"\n")
    lines[7] = "Vi lager lamper på verkstedet.".encode("latin-1")
    path.write_bytes(b"\n".join(lines))
    assert_fails_with(built, f"{FILES[language]}:8: the file is not UTF-8 (byte 0xe5) — save the file with UTF-8 encoding")


@LANGUAGES
def test_edited_archived_version(built, language):
    path = {"nb": "docs/versions/1.md", "en": "docs/versions/1.en.md"}[language]
    built.edit(path, "organis", "organiz")
    line = 1 if language == "nb" else 2
    assert_fails_with(built, f"{path}: this archived text does not match its fingerprint (docs/versions/SHA256SUMS:{line}): "
                             "the text or that line was changed after it was published — restore the text "
                             f"(git checkout -- {path}); if the text is as published, restore the line instead "
                             "(git checkout -- docs/versions/SHA256SUMS). `personvern verify-archive --base main` tells "
                             "which one changed. Archived versions are legal records; to change the text, publish a "
                             "correction as a new version instead: edit docs/index.md and run `make release` (README › Ny versjon)")


def test_every_problem_in_both_languages_is_reported_in_one_run(built):
    built.edit("docs/index.md", "{{ controller.phone }}", "{{ controller.telefon }}")
    replace_line(built, "docs/index.en.md", 12, "")
    result = built.build()
    assert not result.ok
    assert [line.split(":")[0:2] for line in result.messages[:-1]] == [["docs/index.md", "29"], ["docs/index.en.md", "10"]]


def test_any_other_page_is_checked_too(built):
    (built.docs / "om.md").write_bytes("---\ntitle: Om\n---\n\nBl\xe5 <script>x()</script>\n".encode("latin-1"))
    built.write("docs/cookies.en.md", "---\ntitle: Cookies\n---\n\nText.\n\n<img src=\"https://tracker.example/p.gif\">\n")
    assert_fails_with(built,
                      "docs/cookies.en.md:7: an image from another site is not allowed (https://tracker.example/p.gif) — "
                      "remove it; the site fetches nothing from third parties",
                      "docs/om.md:5: the file is not UTF-8 (byte 0xe5) — save the file with UTF-8 encoding")


@pytest.mark.parametrize("language, lines", [
    ("nb", ["docs/index.en.md: HTML-elementet <script> er ikke tillatt — fjern det; erklæringen er tekst, og nettstedet "
            "kjører ingen kode fra teksten",
            "1 problem(er) i personvernerklæringen, listet opp ovenfor. Ingenting ble bygget; rett dem og bygg på nytt."]),
    ("en", ["docs/index.en.md: HTML element <script> is not allowed — remove it; the statement is text, and the site runs "
            "no code from the text",
            "1 problem(s) in the privacy statement, listed above. Nothing was built; fix them and build again."]),
])
def test_a_page_refused_while_it_is_built_is_reported_as_the_check_reports_a_file(built, monkeypatch, language, lines):
    """The second wall: should the allow-list refuse a page as built although its file passed the check, the lines
    name the file (not MkDocs' "Error reading page …") in the editor's language, and nothing is published."""
    import sys

    from personvern import render
    original = render.html

    def leaky(markdown, shown, first_line):  # as if the check had missed it: only the page being built has it
        if sys._getframe(1).f_code.co_name == "on_page_content" and shown == "docs/index.en.md":
            markdown += "\n\n<script>alert(1)</script>\n"
        return original(markdown, shown, first_line)

    monkeypatch.setattr(render, "html", leaky)
    monkeypatch.setenv("PERSONVERN_LANG", language)
    before = {p: p.read_bytes() for p in built.site.rglob("*") if p.is_file()}
    result = built.build()
    assert (result.ok, result.messages) == (False, lines)
    assert {p: p.read_bytes() for p in built.site.rglob("*") if p.is_file()} == before
    monkeypatch.setattr(render, "html", original)
    assert built.build().ok  # and the next build is not held back by what the refused one left

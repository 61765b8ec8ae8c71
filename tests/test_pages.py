"""Pages an editor adds besides the statement: which names they may have, and what their front matter may say."""
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

"""The GDPR checklist against a tiny statement: declarations in docs/coverage.yml, checked against the text in both languages."""
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import FACTS, TODAY
from personvern import coverage, messages, requirements
from personvern import project as project_module
from personvern.problems import Problem
from personvern.revision import format_date
from wording import example

SHOWN = "docs/coverage.yml"
KEYS = ", ".join(item.key for item in requirements.load().items)
LANGUAGES = ("nb", "en")


def rows(tiny, mapping_yaml: str | None = None) -> dict[str, dict[str, coverage.Row]]:
    """language → item key → row, for the tiny site with docs/coverage.yml as given."""
    if mapping_yaml is not None:
        tiny.write("docs/coverage.yml", mapping_yaml)
    problems: list[Problem] = []
    mapping = coverage.load_mapping(tiny.docs / "coverage.yml", SHOWN, problems)
    assert problems == []
    project = project_module.load(tiny.docs, tiny.root, TODAY)
    return {language: {row.item.key: row for row in coverage.rows(project, mapping, language, SHOWN)} for language in LANGUAGES}


def mapping_problems(tiny, text: str | bytes) -> list[str]:
    path = tiny.docs / "coverage.yml"
    path.write_bytes(text if isinstance(text, bytes) else text.encode("utf-8"))
    problems: list[Problem] = []
    coverage.load_mapping(path, SHOWN, problems)
    return [str(p) for p in problems]


def test_a_declared_item_whose_facts_are_shown_is_covered_and_says_what_was_found(tiny):
    facts = yaml.safe_load(FACTS)
    result = rows(tiny, "controller: [controller, contact]\ncookies: cookies\n")
    providers = [p["name"] for p in facts["cookie_providers"]]
    for language, word in (("nb", "fant"), ("en", "found")):
        controller, cookies = result[language]["controller"], result[language]["cookies"]
        assert (controller.status, controller.sections) == (coverage.COVERED, ["controller", "contact"])
        assert controller.notes == [f"{word} «{facts['controller']['name']}», «{facts['controller']['email']}»"]
        assert (cookies.status, cookies.notes) == (coverage.COVERED, [f"{word} " + ", ".join(f"«{p}»" for p in providers)])


def test_a_declared_section_that_does_not_exist_is_missing_and_flagged(tiny):
    result = rows(tiny, "rights: rigths\n")
    assert (result["nb"]["rights"].status, result["nb"]["rights"].notes) == (coverage.MISSING, ["erklært, men seksjonen rigths finnes ikke"])
    assert (result["en"]["rights"].status, result["en"]["rights"].notes) == (coverage.MISSING, ["declared, but there is no section rigths"])


def test_a_declared_section_without_the_authority_is_partly_covered_and_flagged(tiny):
    authority = yaml.safe_load(FACTS)["authority"]["name"]
    row = rows(tiny, "complaint: contact\n")["en"]["complaint"]
    assert row.status == coverage.PARTLY
    assert row.notes == [f"«{authority}» (authority.name) not found", "the supervisory authority not found"]


def test_each_right_is_looked_for_in_each_language(tiny):
    access, _, erasure, *_ = requirements.load().item("rights").evidence
    for language, path in (("nb", "docs/index.md"), ("en", "docs/index.en.md")):
        rights = tiny.read(path).split("{#rights}\n\n")[1].split("\n\n")[0]
        tiny.edit(path, rights, f"- {example(access.words[language])}\n- {example(erasure.words[language])}")
    tiny.release(TODAY.replace(day=TODAY.day + 1))
    result = rows(tiny, "rights: rights\n")  # the text names access and erasure only, as requirements.yml finds them
    assert result["nb"]["rights"].status == result["en"]["rights"].status == coverage.PARTLY
    assert result["nb"]["rights"].notes == ["finner ikke retting", "finner ikke begrensning", "finner ikke å protestere",
                                            "finner ikke dataportabilitet", "fant innsyn, sletting"]
    assert result["en"]["rights"].notes == ["rectification not found", "restriction not found", "objection not found",
                                            "portability not found", "found access, erasure"]


def test_a_cookie_provider_in_the_facts_but_not_in_the_text_is_flagged(tiny):
    providers = [p["name"] for p in yaml.safe_load(FACTS)["cookie_providers"]]
    for path in ("docs/index.md", "docs/index.en.md"):
        tiny.edit(path, "{% for provider in cookie_providers %}\n- {{ provider.name }}\n{% endfor %}\n", f"- {providers[0]}\n")
    tiny.release(TODAY.replace(day=TODAY.day + 1))
    result = rows(tiny, "cookies: cookies\n")
    for language in LANGUAGES:
        row = result[language]["cookies"]
        assert row.status == coverage.PARTLY
        assert row.notes[:len(providers) - 1] == [messages.catalogue(language)["coverage.not_found"].format(what=f"«{p}» (cookie_providers.name)")
                                                  for p in providers[1:]]


def test_an_undeclared_item_is_missing_and_points_at_a_section_that_mentions_it(tiny):
    result = rows(tiny)  # no docs/coverage.yml
    assert result["nb"]["rights"].status == coverage.MISSING
    assert result["nb"]["rights"].notes[:2] == ["ikke erklært i docs/coverage.yml",
                                                "innsyn nevnes i rights: erklær seksjonen i docs/coverage.yml hvis den dekker punktet"]
    assert result["en"]["rights"].notes[:2] == ["not declared in docs/coverage.yml",
                                                "access is mentioned in rights: declare the section in docs/coverage.yml if it covers the item"]


def test_transfers_name_the_cookie_providers_from_the_facts_while_not_covered(tiny):
    providers = ", ".join(p["name"] for p in yaml.safe_load(FACTS)["cookie_providers"])
    row = rows(tiny)["en"]["transfers"]
    assert row.status == coverage.MISSING
    assert f"the statement names {providers}: say whether data goes to countries outside the EEA" in row.notes[-1]


def test_the_effective_date_and_the_history_are_shown_by_the_site(tiny):
    result = rows(tiny)
    for language in LANGUAGES:
        effective, history = result[language]["effective-date"], result[language]["change-history"]
        assert effective.status == history.status == coverage.COVERED
        assert format_date(TODAY, language) in effective.notes[0] and "1" in history.notes[0]


def test_missing_items_never_fail_the_check(tiny):
    tiny.write("docs/coverage.yml", "")
    result = tiny.cli("personvern.cli", "check")
    assert result.returncode == 0, result.stderr


def test_the_mapping_file_is_not_published(tiny):
    tiny.write("docs/coverage.yml", "rights: rights\n")
    build = tiny.build()
    assert build.ok, build.messages
    assert not list(build.site.rglob("coverage.yml"))


@pytest.mark.parametrize("text, expected", [
    ("purpose: purposes\n", [f'{SHOWN}:1: unknown item "purpose" (did you mean "purposes"?) — use one of {KEYS} (README › Dekningsrapporten)']),
    ("rights: rights\nrights: contact\n", [f'{SHOWN}:2: item "rights" is declared twice — declare each item once, with a list of sections']),
    ("# comment\n\neffective-date: changes\n", [f'{SHOWN}:3: item "effective-date" is shown by the site, not by a section — remove the line']),
    ("rights: {a: b}\n", [f'{SHOWN}:1: item "rights" does not name section ids — write "rights: section-id" or "rights: [section-id, section-id]", '
                          'with ids as in "## … {#section-id}"']),
    ("rights: ['## Rettigheter']\n", [f'{SHOWN}:1: item "rights" does not name section ids — write "rights: section-id" or '
                                      '"rights: [section-id, section-id]", with ids as in "## … {#section-id}"']),
    ("rights: [rights\n", [f'{SHOWN}:2: the file is not valid YAML (expected \',\' or \']\', but got \'<stream end>\') — '
                           'write each item as "key: section-id" or "key: [section-id, section-id]"']),
    ("- rights\n", [f'{SHOWN}:1: the file is not a list of items — write each item as "key: section-id"']),
    ("", []),
    ("# only a comment\n", []),
])
def test_every_fault_in_the_mapping_file_is_one_line_with_what_to_do(tiny, text, expected):
    assert mapping_problems(tiny, text) == expected


def test_every_fault_in_the_mapping_file_is_reported_at_once(tiny):
    assert [p.split(":")[1] for p in mapping_problems(tiny, "purpose: purposes\nrights: rights\nrights: x\n")] == ["1", "3"]


@pytest.mark.parametrize("text", ["[" * 20000 + "]" * 20000, b"rights: r\xe6ttigheter\n", "rights: &a [x]\ncookies: *a\n", "? [a, b]\n: c\n",
                                  "rights: !!python/object:os.system x\n", "\x00\x01", "rights: " + "x" * 100000])
def test_no_mapping_file_crashes_the_report(tiny, text):
    problems = mapping_problems(tiny, text)
    assert all(line.startswith(SHOWN) and " — " in line for line in problems)



_SCALARS = st.one_of(st.text(max_size=20), st.sampled_from(["rights", "contact", "## x", "a b"]), st.integers(), st.none(), st.booleans())
_DECLARED = st.dictionaries(st.sampled_from([item.key for item in requirements.load().items]) | st.text(max_size=10),
                            _SCALARS | st.lists(_SCALARS | st.lists(_SCALARS, max_size=2), max_size=3), max_size=6)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.text(alphabet=st.sampled_from("ab-_: []{}#&*!?|'\"\n\t,\x00é") | st.characters(), max_size=200)
       | _DECLARED.map(lambda declared: yaml.safe_dump(declared, allow_unicode=True)))
def test_any_mapping_file_gives_a_mapping_or_one_line_problems_never_a_crash(tiny, text):
    path = tiny.docs / "coverage.yml"
    path.write_bytes(text.encode("utf-8", "surrogatepass"))  # a lone surrogate makes the file invalid UTF-8
    problems: list[Problem] = []
    mapping = coverage.load_mapping(path, SHOWN, problems)
    assert all(str(p).startswith(SHOWN) and "\n" not in str(p) for p in problems)
    assert all(isinstance(ids, list) and ids and all(isinstance(i, str) for i in ids) for ids in mapping.values())
    assert set(mapping) <= {item.key for item in requirements.load().items}


def test_faults_in_the_mapping_file_are_reported_in_norwegian_by_default(tiny, monkeypatch):
    monkeypatch.setenv("PERSONVERN_LANG", "nb")
    assert mapping_problems(tiny, "purpose: purposes\nrights: rights\nrights: contact\neffective-date: changes\n") == [
        f"{SHOWN}:1: ukjent punkt «purpose» (mente du «purposes»?) — bruk et av disse: {KEYS} (README › Dekningsrapporten)",
        f"{SHOWN}:3: punktet «rights» er erklært to ganger — erklær hvert punkt én gang, med en liste over seksjonene",
        f"{SHOWN}:4: punktet «effective-date» vises av nettstedet selv, ikke av en seksjon — fjern linjen",
    ]
    assert mapping_problems(tiny, "- rights\n") == [f"{SHOWN}:1: filen er ikke en liste med punkter — skriv hvert punkt som "
                                                    "«punkt: seksjons-id»"]


@pytest.mark.parametrize("editor", LANGUAGES)
def test_the_notes_speak_the_language_of_the_text_whatever_the_editors_language(tiny, monkeypatch, editor):
    monkeypatch.setenv("PERSONVERN_LANG", editor)
    result = rows(tiny, "rights: rigths\n")
    assert result["nb"]["rights"].notes == ["erklært, men seksjonen rigths finnes ikke"]
    assert result["en"]["rights"].notes == ["declared, but there is no section rigths"]


def test_what_yaml_says_about_the_mapping_file_is_in_norwegian_too(tiny, monkeypatch):
    monkeypatch.setenv("PERSONVERN_LANG", "nb")
    assert mapping_problems(tiny, "rights: [rights\n") == [
        f"{SHOWN}:2: filen er ikke gyldig YAML (her skulle det stått «,» eller «]», men det står '<stream end>') — skriv hvert punkt som "
        "«punkt: seksjons-id» eller «punkt: [seksjons-id, seksjons-id]»"]

"""requirements.yml: the required sections, content rules and the GDPR checklist are data, and the README agrees."""
import re

from conftest import ROOT
from personvern import layout, requirements
from personvern.sections import REQUIRED, check, outline

ARTICLE_13 = [f"13(1)({p})" for p in "abcdef"] + [f"13(2)({p})" for p in "abcdef"]
ARTICLE_14_ADDS = ["14(1)(d)", "14(2)(f)"]


def test_the_readme_table_of_required_sections_is_the_one_written_from_requirements_yml():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    table = requirements.readme_table()
    assert table in readme, f"README's table of required sections differs; replace it with:\n{table}"
    rows = [line for line in readme.split("\n") if re.match(r"\| `[\w-]+` \|", line)]
    assert [re.match(r"\| `([\w-]+)`", row).group(1) for row in rows[:len(REQUIRED)]] == list(REQUIRED)


def test_sections_requires_what_requirements_yml_lists():
    assert REQUIRED == requirements.load().required_ids()
    assert REQUIRED  # the build would otherwise require nothing


def test_every_content_rule_named_by_a_section_exists_and_is_enforced():
    data = requirements.load()
    body = "\n".join(f"## {s.id} {{#{s.id}}}\n\nText.\n" for s in data.sections)
    problems = [str(p) for p in check("docs/index.md", outline(body), org_nr="123 456 785")]
    ruled = [s for s in data.sections if s.rule]
    assert ruled and all(s.rule in data.rules for s in ruled)
    assert len(problems) == len(ruled), problems  # each rule finds its fact missing from "Text."
    for section in ruled:
        assert any(f"the {section.id} section" in problem for problem in problems)


def test_the_checklist_has_every_item_of_article_13_and_the_two_article_14_adds():
    items = requirements.load().items
    articles = {ref.strip() for item in items for ref in item.article.split(",")}
    assert set(ARTICLE_13 + ARTICLE_14_ADDS) <= articles


def test_every_item_has_a_key_an_article_a_name_in_each_language_and_something_to_check():
    items = requirements.load().items
    keys = [item.key for item in items]
    assert len(keys) == len(set(keys))
    for item in items:
        assert re.fullmatch(r"[a-z][a-z-]*", item.key)
        assert item.article
        assert all(item.name.get(language, "").strip() for language in layout.LANGUAGES), item.key
        assert item.evidence or item.site in ("effective", "history"), item.key
        for evidence in item.evidence:
            if evidence.words:
                assert set(evidence.words) == set(evidence.what) == set(layout.LANGUAGES), item.key


def test_every_hint_has_a_pattern_and_a_message_in_each_language_that_quotes_the_wording():
    for hint in requirements.load().hints:
        assert set(hint.patterns) == set(layout.LANGUAGES)
        assert all("{quote}" in hint.message[language] for language in layout.LANGUAGES), hint.key

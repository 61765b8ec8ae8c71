"""Placeholders are sandboxed: they print facts, loop over lists of facts and test them, and nothing else runs."""
from pathlib import Path

import pytest
import yaml
from hypothesis import given, settings, strategies as st

from conftest import FACTS, ROOT, TODAY
from personvern import layout, placeholders
from personvern.facts import filled, load_facts, render
from personvern.project import load
from personvern.source import Document

FACTS_DICT = yaml.safe_load(FACTS)
TODO = ("placeholders print a fact ({{ group.name }}), loop over a list of facts ({% for x in list %}) or test one "
        f"({{% if … %}}); the facts are: {', '.join(placeholders.names(FACTS_DICT))} (from docs/facts.yml)")


def fill(body: str, facts: dict = FACTS_DICT, shown: str = "docs/index.md") -> tuple[str, list[str]]:
    """The body rendered as if it started on line 5 of `shown`."""
    problems = []
    text = render(Document(Path(shown), shown, {}, body, 5, ""), facts, problems)
    return text, [str(p) for p in problems]


REFUSED = [
    ('{{ cycler.__init__.__globals__.os.popen("id").read() }}', "calling a function is not allowed in a placeholder"),
    ("{{ cycler.__init__.__globals__ }}", "names that start with _ are not allowed in a placeholder"),
    ("{{ controller.name.__class__.__mro__ }}", "names that start with _ are not allowed in a placeholder"),
    ('{{ controller["__class__"] }}', "names that start with _ are not allowed in a placeholder"),
    ("{{ controller[controller.name] }}", "a computed name is not allowed in a placeholder"),
    ('{{ controller.name|attr("__class__") }}', 'the filter "attr" is not allowed (use ' + ", ".join(placeholders.FILTERS) + ")"),
    ('{{ "%s"|format(controller) }}', 'the filter "format" is not allowed (use ' + ", ".join(placeholders.FILTERS) + ")"),
    ("{{ controller.name|replace(controller.city, 'x') }}", 'the arguments of "replace" must be written out, as in replace(" ", "")'),
    ("{% for i in range(10**9) %}x{% endfor %}", "{% for %} runs only over a list from the facts"),
    ("{% for c in controller %}x{% endfor %}", '{% for %} runs only over a list from the facts, and "controller" is not one'),
    ("{% for c in controller.name %}x{% endfor %}", '{% for %} runs only over a list from the facts, and "controller.name" is not one'),
    ("{% for p in cookie_providers %}{% for q in cookie_providers %}x{% endfor %}{% endfor %}",
     "a {% for %} inside another {% for %} is not allowed"),
    ("{% for p in cookie_providers if p.name %}x{% endfor %}", "a {% for %} may only name one item: {% for x in list %}"),
    ("{{ lipsum(10**6) }}", "calling a function is not allowed in a placeholder"),
    ("{{ range(10) }}", "calling a function is not allowed in a placeholder"),
    ("{{ namespace(a=1) }}", "calling a function is not allowed in a placeholder"),
    ("{{ dict(a=1) }}", "calling a function is not allowed in a placeholder"),
    ('{{ "x" * 1000000000 }}', "arithmetic is not allowed in a placeholder"),
    ("{{ 10 ** 10 ** 10 }}", "arithmetic is not allowed in a placeholder"),
    ("{{ [controller] }}", "a list is not allowed in a placeholder"),
    ('{% include "/etc/passwd" %}', '"{% include %}" is not allowed in the text'),
    ('{% import "x" as y %}', '"{% import %}" is not allowed in the text'),
    ('{% from "x" import y %}', '"{% from … import %}" is not allowed in the text'),
    ('{% extends "base.html" %}', '"{% extends %}" is not allowed in the text'),
    ("{% macro m() %}x{% endmacro %}", '"{% macro %}" is not allowed in the text'),
    ("{% call controller.name() %}x{% endcall %}", '"{% call %}" is not allowed in the text'),
    ("{% set x = controller %}", '"{% set %}" is not allowed in the text'),
    ("{% with x = 1 %}{{ x }}{% endwith %}", '"{% with %}" is not allowed in the text'),
    ("{% filter upper %}x{% endfilter %}", '"{% filter %}" is not allowed in the text'),
    ("{% block b %}x{% endblock %}", '"{% block %}" is not allowed in the text'),
    ("{% autoescape false %}x{% endautoescape %}", '"{% autoescape %}" is not allowed in the text'),
]


@pytest.mark.parametrize("shown", ["docs/index.md", "docs/index.en.md"])
@pytest.mark.parametrize("placeholder, what", REFUSED, ids=[r[0][:50] for r in REFUSED])
def test_anything_but_facts_is_refused_on_its_line_naming_the_placeholders(placeholder, what, shown):
    body = f"Tekst.\n\n{placeholder}\n"
    text, problems = fill(body, shown=shown)
    assert problems == [f"{shown}:7: {what} — {TODO}"]
    assert text == body  # nothing ran: the text is kept as written


def test_the_sandbox_has_nothing_in_scope_but_the_facts():
    env = placeholders.environment(placeholders.jinja2.StrictUndefined)
    assert env.globals == {} and env.loader is None
    assert sorted(env.filters) == sorted(placeholders.FILTERS)
    for name in ("range", "cycler", "lipsum", "namespace", "dict", "joiner"):
        with pytest.raises(placeholders.jinja2.UndefinedError):
            env.from_string(f"{{{{ {name} }}}}").render(FACTS_DICT)


def test_printing_a_group_of_facts_is_an_error_not_a_python_repr():
    _, problems = fill("Tekst.\n\n{{ controller }}\n")
    assert problems == ["docs/index.md:7: placeholder error: a group or list of facts cannot be printed; name one fact, "
                        "as in {{ group.name }} — check the placeholder against docs/facts.yml"]


def test_printing_a_method_of_a_fact_is_an_error_not_a_python_repr():
    _, problems = fill("Tekst.\n\n{{ controller.name.upper }}\n")
    assert problems == ["docs/index.md:7: placeholder error: this is not a fact; name one, as in {{ group.name }} — "
                        "check the placeholder against docs/facts.yml"]


@pytest.mark.parametrize("body, expected", [
    ('tel:+47{{ controller.phone | replace(" ", "") }}', "tel:+4771566500"),
    ("{% for p in cookie_providers %}- {{ p.name | upper }}\n{% endfor %}", "- GOOGLE ANALYTICS\n- FACEBOOK\n"),
    ("{% if controller.phone %}{{ controller.phone }}{% else %}-{% endif %}", "71 56 65 00"),
    ("{{ controller.short_name ~ ' (' ~ controller.org_nr ~ ')' }}", "West Elektro (956 889 057)"),
    ("{% raw %}{{ x }}{% endraw %}", "{{ x }}"),
])
def test_what_the_text_may_use_still_works(body, expected):
    assert fill(body) == (expected, [])


def test_filled_refuses_to_run_what_the_text_may_not_use():
    assert filled(['{{ cycler.__init__.__globals__.os.popen("id").read() }}'], 0, FACTS_DICT) is None
    assert filled(["{% for i in range(10**9) %}x{% endfor %}"], 0, FACTS_DICT) is None
    assert filled(['tel:+47{{ controller.phone | replace(" ", "") }}'], 0, FACTS_DICT) == "tel:+4771566500"


def test_the_real_statement_renders_as_its_published_version():
    # The archived texts are fingerprinted: the sandbox must fill the text in exactly as before.
    project = load(ROOT / layout.DOCS_DIR, ROOT, TODAY)
    assert project.unreleased == []
    for language in project.languages:
        assert project.statement.text[language].strip() == project.versions[-1].docs[language].body.strip()


@pytest.mark.parametrize("language", ["nb", "en"])
def test_a_hostile_placeholder_fails_the_build_and_runs_nothing(tiny, language, tmp_path):
    marker = tmp_path / "ran"
    path = "docs/index.md" if language == "nb" else "docs/index.en.md"
    tiny.edit(path, "{{ controller.short_name }}", f'{{{{ cycler.__init__.__globals__.os.system("touch {marker}") }}}}')
    result = tiny.build()
    assert not result.ok
    facts = load_facts(tiny.docs / "facts.yml", "docs/facts.yml", [])  # as the build reads them, derived facts included
    todo = TODO.replace(", ".join(placeholders.names(FACTS_DICT)), ", ".join(placeholders.names(facts)))
    assert result.messages[0] == f"{path}:8: calling a function is not allowed in a placeholder — {todo}"
    assert not marker.exists()


JINJA_BITS = st.sampled_from([
    "{{", "}}", "{%", "%}", " for ", " in ", " endfor ", " if ", " endif ", " else ", "controller", ".", "name", "_",
    "__class__", "cookie_providers", "p", "|", "replace", "(", ")", "'", '"', ",", "range", "10", "**", "*", "~",
    "[", "]", "\n", " ", "x", "set", "include", "lipsum", "loop", "{##", "##}", "raw", "endraw", "-",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(JINJA_BITS, max_size=30).map("".join))
def test_any_placeholder_text_gives_text_or_problems_and_never_raises(body):
    text, problems = fill(body)
    assert isinstance(text, str)
    assert all(p.startswith("docs/index.md:") for p in problems)


@pytest.mark.parametrize("language", ["nb", "en"])
def test_markup_is_reported_in_the_same_round_as_a_refused_placeholder(tiny, language):
    path = "docs/index.md" if language == "nb" else "docs/index.en.md"
    tiny.edit(path, "{{ controller.short_name }}", "{{ range(10) }} <svg/onload=alert(1)>")
    result = tiny.build()
    assert not result.ok
    assert [line.split(" — ")[0] for line in result.messages[:-1]] == [
        f"{path}:8: calling a function is not allowed in a placeholder", f"{path}:8: HTML element <svg> is not allowed"]

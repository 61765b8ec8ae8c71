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
    ('tel:+47{{ controller.phone | replace(" ", "") }}', "tel:+4755123400"),
    ("{% for p in cookie_providers %}- {{ p.name | upper }}\n{% endfor %}", "- LAMPETELLER\n- VINTERLYS\n"),
    ("{% if controller.phone %}{{ controller.phone }}{% else %}-{% endif %}", "55 12 34 00"),
    ("{{ controller.short_name ~ ' (' ~ controller.org_nr ~ ')' }}", "Nordlys Elektro (123 456 785)"),
    ("{% raw %}{{ x }}{% endraw %}", "{{ x }}"),
])
def test_what_the_text_may_use_still_works(body, expected):
    assert fill(body) == (expected, [])


def test_filled_refuses_to_run_what_the_text_may_not_use():
    assert filled(['{{ cycler.__init__.__globals__.os.popen("id").read() }}'], 0, FACTS_DICT) is None
    assert filled(["{% for i in range(10**9) %}x{% endfor %}"], 0, FACTS_DICT) is None
    assert filled(['tel:+47{{ controller.phone | replace(" ", "") }}'], 0, FACTS_DICT) == "tel:+4755123400"


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


def replaced(times: int) -> str:
    return '{{ "a"' + '|replace("a", "aaaaaaaaaa")' * times + " }}"


TOO_LONG = (f"this placeholder makes a text of more than {placeholders.MAX_VALUE} characters, the most one line may "
            "have — print the fact as it is, or with a filter or two, as in {{ group.name|upper }}")


@pytest.mark.parametrize("placeholder", [
    replaced(4),  # 10 000 characters; seven of them would make 10 MB, ten 10 GB
    "{{ controller.name|replace('', '" + "x" * 400 + "') }}",
    "{{ controller.name ~ '" + "x" * 4000 + "' ~ '" + "x" * 1000 + "' }}",
])
def test_no_placeholder_makes_more_than_a_line_of_text(placeholder):
    body = f"Tekst.\n\n{placeholder}\n"
    assert fill(body) == (body, [f"docs/index.md:7: {TOO_LONG}"])


def test_a_chain_of_filters_stops_at_the_first_text_too_long(monkeypatch):
    assert fill(replaced(3)) == ("a" * 1000, [])
    made = []
    replace = placeholders.DEFAULT_FILTERS["replace"]
    monkeypatch.setitem(placeholders.DEFAULT_FILTERS, "replace",
                        placeholders.jinja2.pass_eval_context(lambda *args: made.append(replace(*args)) or made[-1]))
    assert fill(replaced(7))[1] == [f"docs/index.md:5: {TOO_LONG}"]
    assert max(map(len, made)) == 1000  # the fourth replace is refused before it runs


def test_placeholders_on_one_line_make_no_line_longer_than_a_line_may_be():
    body = "a\n{% for p in cookie_providers %}{{ p.name }}" + "x" * 4990 + "{% endfor %}\nb\n"
    assert fill(body)[1] == [f"docs/index.md:6: with the facts filled in, this line would have more than "
                             f"{placeholders.MAX_VALUE} characters, the most one line may have — print fewer or "
                             "shorter facts on it"]


def test_the_text_filled_in_is_no_longer_than_a_file_may_be():
    facts = dict(FACTS_DICT, cookie_providers=[{"name": f"Tjeneste {n}"} for n in range(60)])
    body = "Tekst.\n\n{% for p in cookie_providers %}\n- {{ p.name }} " + "x" * 4000 + "\n{% endfor %}\n"
    text, problems = fill(body, facts)
    assert text == body
    assert problems == [f"docs/index.md:8: with the facts filled in, the text would have more than "
                        f"{placeholders.MAX_TEXT} characters, the most one file may have — shorten the text here, "
                        "or the lists in docs/facts.yml"]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["a", "", " ", "aa", "W"]), st.text("ab ", max_size=12)), max_size=8))
def test_any_chain_of_replace_gives_a_line_or_a_problem(steps):
    chain = "".join(f'|replace("{old}", "{new}")' for old, new in steps)
    text, problems = fill("{{ controller.name" + chain + " }}")
    assert (len(text) <= placeholders.MAX_VALUE and problems == []) or problems == [f"docs/index.md:5: {TOO_LONG}"]


GROUP = ("placeholder error: a group or list of facts cannot be printed; name one fact, as in {{ group.name }} — "
         "check the placeholder against docs/facts.yml")


@pytest.mark.parametrize("placeholder, message", [
    ('{{ "x"|replace("x", "y", 99999999999999999999999) }}',
     'the filter "replace" cannot take these arguments — write it as replace("old", "new")'),
    ('{{ "x"|replace("x", "y", "z") }}', 'the filter "replace" cannot take these arguments — write it as replace("old", "new")'),
    ('{{ controller.name|trim(1) }}', 'the filter "trim" cannot take these arguments — write it as trim'),
    ("{{ self }}", f'"self" is not a fact — {TODO}'),
    ("{% if caller %}x{% endif %}", f'"caller" is not a fact — {TODO}'),
    ('{{ cookie_providers|join(", ") }}', GROUP),
    ('{{ "" ~ cookie_providers }}', GROUP),
    ("{{ controller.name ~ controller }}", GROUP),
    ("{{ controller|upper }}", GROUP),
    ('{{ controller|join("|") }}', 'placeholder error: join joins a list of facts, as in cookie_providers|join(", ", '
                                   'attribute="name") — check the placeholder against docs/facts.yml'),
    ("{% for p in cookie_providers %}{{ loop }}{% endfor %}",
     "placeholder error: this is not a fact; name one, as in {{ group.name }} — check the placeholder against docs/facts.yml"),
])
def test_what_a_placeholder_prints_is_a_fact_never_python(placeholder, message):
    body = f"Tekst.\n\n{placeholder}\n"
    assert fill(body) == (body, [f"docs/index.md:7: {message}"])


def test_a_list_is_joined_by_the_facts_in_it():
    assert fill('{{ cookie_providers|join(", ", attribute="name") }}') == ("Lampeteller, Vinterlys", [])


def test_a_link_named_like_a_method_is_the_link():
    facts = dict(FACTS_DICT, links={"items": "https://example.no/items", "keys": "https://example.no/keys"})
    assert fill("{{ links.items }} {{ links.keys }}", facts) == ("https://example.no/items https://example.no/keys", [])
    assert fill("{{ controller.values }}")[1] == [
        'docs/index.md:5: unknown placeholder "values" — use one of ' + ", ".join(sorted(FACTS_DICT["controller"]))
        + " (from docs/facts.yml)"]


@pytest.mark.parametrize("body, line, message", [
    ("Tekst.\n\n{{ " + "(" * 300 + "controller.name" + ")" * 300 + " }}\n", 7,
     "brackets, {% if %} or {% for %} are nested more than 10 levels deep here — close some before opening more"),
    ("Tekst.\n\n{{ controller.name" + " ~ controller.name" * 30 + " }}\n", 7,
     "this placeholder has more than 60 parts (names, texts, filters) — print one fact at a time, as in {{ group.name }}"),
    ("Tekst.\n\n{{ " + "(" * 11 + "controller.name" + ")" * 11 + " }}\n", 7,
     "brackets, {% if %} or {% for %} are nested more than 10 levels deep here — close some before opening more"),
    ("{% if controller %}\n" * 220 + "x\n" + "{% endif %}\n" * 220, 15,
     "brackets, {% if %} or {% for %} are nested more than 10 levels deep here — close some before opening more"),
    ("{{ controller.name" + "|lower" * 2000 + " }}", 5,
     "this placeholder has more than 60 parts (names, texts, filters) — print one fact at a time, as in {{ group.name }}"),
    ("{{ " + "not " * 2000 + "x }}", 5,
     "this placeholder has more than 60 parts (names, texts, filters) — print one fact at a time, as in {{ group.name }}"),
])
def test_placeholders_nested_too_deeply_are_a_problem_on_their_line(body, line, message):
    assert fill(body) == (body, [f"docs/index.md:{line}: {message}"])
    assert filled(body.split("\n"), line - 5, FACTS_DICT) is None


def test_placeholder_problems_read_in_norwegian(monkeypatch):
    monkeypatch.setenv("PERSONVERN_LANG", "nb")
    body = "Tekst.\n\n" + replaced(4) + "\n"
    assert fill(body)[1] == [f"docs/index.md:7: denne plassholderen lager en tekst på mer enn {placeholders.MAX_VALUE} "
                             "tegn, mer enn én linje kan ha — vis faktumet slik det er, eller med ett eller to "
                             "filtre, som i {{ group.name|upper }}"]
    assert fill('{{ "x"|replace("x", "y", "z") }}')[1] == [
        'docs/index.md:5: filteret «replace» kan ikke brukes med disse argumentene — skriv det som replace("old", "new")']


def test_nesting_the_bounds_did_not_foresee_is_still_one_line_without_python(monkeypatch):
    monkeypatch.setattr(placeholders, "bounds", lambda env, text: [])
    body = "Tekst.\n\n{{ " + "(" * 1000 + "controller.name" + ")" * 1000 + " }}\n"
    assert fill(body) == (body, ["docs/index.md:5: brackets, {% if %} or {% for %} are nested more than 10 levels deep "
                                 "here — close some before opening more"])

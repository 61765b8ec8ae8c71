"""The one Markdown → HTML function: a fixed set of extensions, then an allow-list; whatever it removes is an error."""
import pytest
from hypothesis import given, settings, strategies as st

from personvern import render, sanitize
from personvern.layout import LANGUAGES
from personvern.project import load
from conftest import ROOT, TODAY

SHOWN = "docs/index.md"
CODE = "remove it; the statement is text, and the site runs no code from the text"
HANDLER = "remove the attribute; the site runs no code from the text"
LINK = "link to an https://, mailto: or tel: address, or to a page of this site"
STYLE = "remove it; the site's look comes from its own stylesheet"
HEAD = "remove it; the site writes the page's head itself"
FORM = "remove it; the statement has no forms"
REMOTE = "remove it; the site fetches nothing from third parties"
ELEMENT = "remove it; write the text in Markdown: headings, paragraphs, lists, links, emphasis and tables"
ATTRIBUTE = ('remove it; the text can give a heading an id, as in "## Title {#cookies}", '
             "and a link its address and title, nothing else")


def problems(markdown: str, first_line: int = 1) -> list[str]:
    return [str(p) for p in render.html(markdown, SHOWN, first_line)[1]]


HOSTILE = [
    # links
    ('<a href="&#106;avascript:alert(1)">x</a>', 'a "javascript:" link is not allowed (javascript:alert(1))', LINK),
    ('<a href="&#x6A;&#x61;vascript&colon;alert(1)">x</a>', 'a "javascript:" link is not allowed (javascript:alert(1))', LINK),
    ("[les mer](java&#x09;script:alert(1))", 'a "javascript:" link is not allowed (java\tscript:alert(1))', LINK),
    ('<a href="JaVaScRiPt:alert(1)">x</a>', 'a "javascript:" link is not allowed (JaVaScRiPt:alert(1))', LINK),
    ('<a href=" &#14; javascript:alert(1)">x</a>', 'a "javascript:" link is not allowed (javascript:alert(1))', LINK),
    ("[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
     'a "data:" link is not allowed (data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)', LINK),
    ("[x](vbscript:msgbox)", 'a "vbscript:" link is not allowed (vbscript:msgbox)', LINK),
    ("[x](http://example.com/)", 'a "http:" link is not allowed (http://example.com/)', LINK),
    ("[x](//evil.example/)", "a link to another site without https:// is not allowed (//evil.example/)", LINK),
    ('<a href="/\\evil.example/">x</a>', "a link to another site without https:// is not allowed (/\\evil.example/)", LINK),
    ("[x][ref]\n\n[ref]: javascript:alert(1)", 'a "javascript:" link is not allowed (javascript:alert(1))', LINK),
    ("[nordlys-elektro.no](https://nordlys-elektro.no@evil.example/)",
     'the link has a name before "@" in its address (https://nordlys-elektro.no@evil.example/), so it looks like one site '
     "and goes to another", 'write the address without "name@", so that the site comes right after https://'),
    ('<a href="HTTPS:\\\\nordlys-elektro.no:x@evil.example">x</a>',
     'the link has a name before "@" in its address (HTTPS:\\\\nordlys-elektro.no:x@evil.example), so it looks like one '
     "site and goes to another", 'write the address without "name@", so that the site comes right after https://'),
    # code and handlers
    ("<script>alert(1)</script>", "HTML element <script> is not allowed", CODE),
    ("<ScRiPt>alert(1)</sCrIpT>", "HTML element <script> is not allowed", CODE),
    ("Tekst <svg/onload=alert(1)>", "HTML element <svg> is not allowed", ELEMENT),
    ('<a href="#" onclick="x()">x</a>', 'inline event handler "onclick" is not allowed', HANDLER),
    ('<a href="#"\tONMOUSEOVER=x()>x</a>', 'inline event handler "onmouseover" is not allowed', HANDLER),
    ('Tekst\n{: onclick="alert(1)"}', 'inline event handler "onclick" is not allowed', HANDLER),
    ("## Informasjonskapsler {#cookies onmouseover=alert(1)}", 'inline event handler "onmouseover" is not allowed', HANDLER),
    ("<details open ontoggle=alert(1)>x</details>", "HTML element <details> is not allowed", ELEMENT),
    # elements that act on the page or fetch something
    ('<meta http-equiv="refresh" content="0;url=https://evil.example/">', "HTML element <meta> is not allowed", HEAD),
    ('<base href="https://evil.example/">', "HTML element <base> is not allowed", HEAD),
    ('<link rel="stylesheet" href="https://evil.example/x.css">', "HTML element <link> is not allowed", STYLE),
    ("<style>@import url(https://evil.example/x.css)</style>", "HTML element <style> is not allowed", STYLE),
    ('<p style="background:url(https://evil.example/x.png)">x</p>', "a style attribute on <p> is not allowed", STYLE),
    ('Tekst\n{: style="background:url(https://evil.example/x.png)"}', "a style attribute on <p> is not allowed", STYLE),
    ('<form action="https://evil.example/">x</form>', "HTML element <form> is not allowed", FORM),
    ('<button formaction="https://evil.example/">x</button>', "HTML element <button> is not allowed", FORM),
    ('<iframe src="https://www.youtube.com/embed/x"></iframe>',
     "<iframe> from another site is not allowed (https://www.youtube.com/embed/x)", REMOTE),
    ('<object data="https://evil.example/x.swf"></object>', "<object> from another site is not allowed (https://evil.example/x.swf)", REMOTE),
    # images
    ('<img srcset="https://evil.example/p.gif 1x">', "an image from another site is not allowed (https://evil.example/p.gif 1x)", REMOTE),
    ('<img src=" https://evil.example/p.gif">', "an image from another site is not allowed (https://evil.example/p.gif)", REMOTE),
    ("<IMG SRC=//evil.example/p.gif>", "an image from another site is not allowed (//evil.example/p.gif)", REMOTE),
    ("![logo](https://evil.example/p.gif)", "an image from another site is not allowed (https://evil.example/p.gif)", REMOTE),
    ("Se ![logo][pixel].\n\n[pixel]: https://evil.example/p.gif",
     "an image from another site is not allowed (https://evil.example/p.gif)", REMOTE),
    ("![logo](assets/logo.png)", "HTML element <img> is not allowed",
     "remove it; the statement is text (an image would be a request the site does not need)"),
    # attributes the allow-list does not take
    ("Tekst\n{: .note}", 'attribute "class" on <p> is not allowed', ATTRIBUTE),
    ("Et avsnitt\n{: #avsnitt}", 'attribute "id" on <p> is not allowed', ATTRIBUTE),
    ('<a href="https://x.no/" target="_blank">x</a>', 'attribute "target" on <a> is not allowed', ATTRIBUTE),
    ('## Tittel {#__drawer}', 'heading id "__drawer" is not allowed', "use letters, digits and hyphens, as in {#cookies}"),
]


@pytest.mark.parametrize("markdown, what, todo", HOSTILE, ids=[h[1][:60] for h in HOSTILE])
def test_hostile_markup_is_an_error_on_its_line(markdown, what, todo):
    line = 10 if "\n{:" in markdown else 9  # an attribute list on its own line is reported there
    assert problems(f"# Tittel\n\nTekst.\n\n{markdown}\n", first_line=5) == [f"{SHOWN}:{line}: {what} — {todo}"]


@pytest.mark.parametrize("markdown, what, todo", HOSTILE, ids=[h[1][:60] for h in HOSTILE])
def test_what_is_removed_never_reaches_the_html(markdown, what, todo):
    html, _ = render.html(markdown, SHOWN, 1)
    assert sanitize.clean(html) == html
    lowered = html.lower()
    for word in ("script", "onload", "onclick", "onmouseover", "javascript", "evil", "style", "<img", "<form", "<meta", "<base"):
        assert word not in lowered, html


def test_the_line_is_the_line_within_a_paragraph():
    assert problems("Første linje\nandre linje <script>x()</script>\ntredje linje\n", first_line=20) == [
        f"{SHOWN}:21: HTML element <script> is not allowed — {CODE}"]


def test_an_attribute_list_inside_a_table_or_a_line_is_reported_on_the_line_that_writes_it():
    assert problems("| a | b |\n|---|---|\n| c | d |\n| e {: #main } | f |\n") == [
        f'{SHOWN}:4: attribute "id" on <td> is not allowed — {ATTRIBUTE}']
    assert problems("Et avsnitt med en [lenke](https://x.no/){: .note } i seg.\n\nMer tekst.\n", first_line=7) == [
        f'{SHOWN}:7: attribute "class" on <a> is not allowed — {ATTRIBUTE}']


def test_nested_foreign_markup_is_reported_element_by_element():
    assert problems('<math><mtext><a href="javascript:alert(1)">x</a></mtext></math>\n') == [
        f"{SHOWN}:1: HTML element <math> is not allowed — {ELEMENT}",
        f"{SHOWN}:1: HTML element <mtext> is not allowed — {ELEMENT}",
        f'{SHOWN}:1: a "javascript:" link is not allowed (javascript:alert(1)) — {LINK}',
    ]


def test_every_problem_is_reported_in_order():
    text = '<script>a()</script>\n\n[x](javascript:b())\n\nTekst <a href="#" onclick="c()">x</a>\n'
    assert problems(text) == [
        f"{SHOWN}:1: HTML element <script> is not allowed — {CODE}",
        f'{SHOWN}:3: a "javascript:" link is not allowed (javascript:b()) — {LINK}',
        f'{SHOWN}:5: inline event handler "onclick" is not allowed — {HANDLER}',
    ]


def test_malformed_html_is_an_error_too():
    assert problems("Tekst <b>uten slutt\n") == [
        f'{SHOWN}:1: the text contains HTML that the site does not publish (at "</p>") — '
        "write it in plain Markdown: headings, paragraphs, lists, links, emphasis and tables"]


@pytest.mark.parametrize("markdown", [
    "Les mer på [lampeguide.example](https://lampeguide.example/) eller skriv til [oss](mailto:post@nordlys-elektro.no).",
    "Ring [55 12 34 00](tel:+4755123400 \"Ring oss\").",
    "Se [versjonshistorikken](versions/) og [kontakt](#contact).",
    "<https://tilsyn.example/>",
    "**Fet**, *kursiv*, `kode`, <b>fet</b> og <i>kursiv</i>, x<sup>2</sup>.",
    "> Et sitat\n\n---\n\n1. én\n2. to\n\n- a\n- b",
    "| Navn | Formål |\n|:-----|------:|\n| Lampeteller | Statistikk |",
    "## Tittel {#cookies}\n\n### Under {#opt-out}",
    "Du kan skru av JavaScript; on click = done; <3 & \"sitater\".",
    "<!-- en merknad til redaktørene -->\nTekst.",
])
def test_ordinary_text_passes_unchanged(markdown):
    html, found = render.html(markdown, SHOWN, 1)
    assert found == []
    assert sanitize.clean(html) == html


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_real_statement_and_its_versions_pass_the_allow_list(language):
    project = load(ROOT / "docs", ROOT, TODAY)
    texts = [project.statement.text[language]] + [v.docs[language].body for v in project.versions]
    for text in texts:
        html, found = render.html(text, SHOWN, 1)
        assert found == [] and sanitize.clean(html) == html
        assert "".join(s.html for s in render.sections(html)) == html
    html, _ = render.html(project.statement.text[language], SHOWN, 1)
    ids = [s.id for s in project.statement.outlines[language].sections]
    assert [s.id for s in render.sections(html)] == ["", *ids]


def test_sections_cut_at_each_level_two_heading():
    html, _ = render.html("# T\n\nIntro.\n\n## A &amp; B {#a}\n\nTekst.\n\n### Under {#u}\n\n## C {#c}\n", SHOWN, 1)
    cut = render.sections(html)
    assert [(s.id, s.title) for s in cut] == [("", ""), ("a", "A & B"), ("c", "C")]
    assert cut[1].html.startswith('<h2 id="a">') and '<h3 id="u">' in cut[1].html
    assert "".join(s.html for s in cut) == html


def test_permalinks_escape_their_title():
    assert render.permalinks('<h2 id="a">A</h2>', 'Lenke "x" <y>') == (
        '<h2 id="a">A<a class="headerlink" href="#a" title="Lenke &quot;x&quot; &lt;y&gt;">&para;</a></h2>')


MARKDOWN_BITS = st.sampled_from([
    "# ", "## ", "{#x}", "{: .c}", "{: onclick=a}", "[", "]", "(", ")", "<", ">", "/", "\"", "'", "=", "&", "#", ";",
    "&#106;", "&#x09;", "javascript:", "data:", "https://x.no", "//x.no", "mailto:a@b.no", "tel:1", "a", "b", "on",
    "script", "svg", "img", "src", "href", "style", "<a ", "<p>", "</p>", "<b>", "</b>", "<!--", "-->", "![", "*",
    "_", "`", "|", "-", ":", "\n", "\n\n", "    ", "\t", " ", "æøå", "\x00", "\u2028",
])


@settings(max_examples=400, deadline=None)
@given(st.lists(MARKDOWN_BITS, max_size=40).map("".join))
def test_any_markdown_gives_problems_or_html_the_allow_list_keeps(markdown):
    html, found = render.html(markdown, SHOWN, 1)
    assert sanitize.clean(html) == html  # what is returned is always safe
    if not found:
        assert sanitize.tokens(sanitize.clean(render._convert(markdown))) == sanitize.tokens(render._convert(markdown))
    assert all(p.path == SHOWN and p.line is not None and p.line >= 1 for p in found)


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=200))
def test_any_text_never_raises(markdown):
    html, found = render.html(markdown, SHOWN, 1)
    assert sanitize.clean(html) == html


BUILT = [
    ("{{ controller.short_name }} <svg/onload=alert(1)>", "HTML element <svg> is not allowed — " + ELEMENT),
    ('[mer](&#106;avascript:alert(1))', 'a "javascript:" link is not allowed (javascript:alert(1)) — ' + LINK),
    ("Se ![logo][pixel]", "an image from another site is not allowed (https://evil.example/p.gif) — " + REMOTE),
    ('<a href="https://x.no/" style="background:url(https://evil.example/x.png)">x</a>',
     "a style attribute on <a> is not allowed — " + STYLE),
]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("line, message", BUILT, ids=["svg-onload", "entity-javascript", "reference-image", "style-url"])
def test_the_build_refuses_hostile_markup_in_either_language(tiny, language, line, message):
    path = "docs/index.md" if language == "nb" else "docs/index.en.md"
    tiny.edit(path, "{{ controller.short_name }}", line)
    tiny.write(path, tiny.read(path) + "\n[pixel]: https://evil.example/p.gif\n")  # where a reference image goes
    result = tiny.build()
    assert not result.ok
    assert f"{path}:8: {message}" in result.messages  # the link check may add its own line about an address
    assert not (tiny.site / "index.html").exists()


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_build_refuses_an_event_handler_on_a_heading_id(tiny, language):
    path = "docs/index.md" if language == "nb" else "docs/index.en.md"
    tiny.edit(path, "{#cookies}", "{#cookies onmouseover=alert(1)}")
    result = tiny.build()
    assert not result.ok
    assert f'{path}:19: inline event handler "onmouseover" is not allowed — {HANDLER}' in result.messages


DEEP = ("the list is nested more than 20 levels deep — write it with fewer levels; the statement's lists need two or "
        "three")


@pytest.mark.parametrize("markdown, line", [
    ("Tekst.\n\n" + "- " * 500 + "x", 7),  # one line of 1 001 characters
    ("Tekst.\n\n" + "1. " * 30 + "x", 7),
    ("Tekst.\n\n" + "\n".join(" " * (4 * level) + "- punkt" for level in range(300)), 27),
    ("Tekst.\n\n" + "-\t" * 300 + "x", 7),
])
def test_a_list_nested_too_deeply_is_a_problem_on_its_line_not_a_traceback(markdown, line):
    html, problems = render.html(markdown, "docs/index.md", 5)
    assert (html, [str(p) for p in problems]) == ("", [f"docs/index.md:{line}: {DEEP}"])


@pytest.mark.parametrize("markdown", ["- " * render.MAX_NESTING + "x", "* " * 40, "- - -", "> " * 20 + "x"])
def test_lists_and_rules_within_the_limit_still_render(markdown):
    html, problems = render.html(markdown, "docs/index.md", 5)
    assert problems == [] and html


def test_a_deep_list_reads_in_norwegian(monkeypatch):
    monkeypatch.setenv("PERSONVERN_LANG", "nb")
    assert [str(p) for p in render.html("- " * 500 + "x", "docs/index.md", 5)[1]] == [
        "docs/index.md:5: listen har mer enn 20 nivåer inne i hverandre — skriv den med færre nivåer; listene i "
        "erklæringen trenger to eller tre"]


@pytest.mark.parametrize("language", LANGUAGES)
def test_check_and_build_report_a_deep_list_on_its_line(tiny, language):
    path = "docs/index.md" if language == "nb" else "docs/index.en.md"
    tiny.edit(path, tiny.read(path).split("\n")[7], "- " * 500 + "x")  # the whole of line 8, the intro
    result = tiny.cli("personvern.cli", "check")
    assert result.returncode == 1 and "Traceback" not in result.stderr
    assert f"{path}:8: {DEEP}" in result.stderr.splitlines()
    built = tiny.build()
    assert not built.ok and f"{path}:8: {DEEP}" in built.messages


ONCLICK = ('inline event handler "onclick" is not allowed — ' + HANDLER)


def test_each_block_is_rendered_with_only_the_definitions_it_names(monkeypatch):
    markdown = "\n\n".join(f"[r{n}]: https://example.no/{n}\n\n[y{n}][r{n}]" for n in range(30)) + "\n\n<b onclick=1>x</b>"
    converted = []
    convert = render._convert
    monkeypatch.setattr(render, "_convert", lambda text: converted.append(text) or convert(text))
    _, problems = render.html(markdown, "docs/index.md", 5)
    assert [str(p) for p in problems] == [f"docs/index.md:{5 + 30 * 4}: {ONCLICK}"]
    assert max(text.count("https://example.no/") for text in converted[1:]) <= 2  # a block and its own definition


def test_beyond_the_blocks_it_renders_one_by_one_a_problem_goes_on_the_line_of_its_text(monkeypatch):
    markdown = "[a](https://example.no/)\n\n[b](https://example.no/)\n\ntekst\n\n<b onclick=1>x</b>\n"
    located = [str(p) for p in render.html(markdown, "docs/index.md", 5)[1]]
    monkeypatch.setattr(render, "MAX_LOCATED", 2)
    converted = []
    convert = render._convert
    monkeypatch.setattr(render, "_convert", lambda text: converted.append(text) or convert(text))
    assert [str(p) for p in render.html(markdown + "\n", "docs/index.md", 5)[1]] == located == [
        f"docs/index.md:11: {ONCLICK}"]
    assert len(converted) == 1  # the whole text, and no block alone


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(["- ", "* ", "+ ", "1. ", "2) ", "> ", "    ", "\t", "-\t", "x", "\n", "\n\n"]),
                max_size=400).map("".join))
def test_any_nesting_of_lists_and_quotes_renders_or_is_one_problem(markdown):
    html, problems = render.html(markdown, "docs/index.md", 5)
    deep = [p for p in problems if p.what.startswith("the list is nested")]
    assert deep == [] or (html == "" and problems == deep and len(deep) == 1)


@pytest.mark.parametrize("markdown", ["<p><![# ", "<![#x]>", "a <![ b"])
def test_a_declaration_python_cannot_parse_is_text_not_a_traceback(markdown):
    html, problems = render.html(markdown, "docs/index.md", 5)
    assert "<![" not in html and all(str(p).startswith("docs/index.md:5: ") for p in problems)


@pytest.mark.parametrize("address", ["mailto:post@example.no", "https://example.no/folk/@nordlys", "https://example.no/?to=a@b.no",
                                     "tel:+4755123400"])
def test_an_at_sign_outside_the_site_part_of_an_address_is_allowed(address):
    html, found = render.html(f"[x]({address})", SHOWN, 1)
    assert found == [] and f'href="{address}"' in html

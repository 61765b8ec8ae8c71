"""Links and anchors in every page, reported on the line the editor wrote; GitHub annotations for them."""
from __future__ import annotations

from personvern import github, links
from personvern.problems import Problem


def line_of(tiny, path: str, text: str) -> int:
    return tiny.read(path).split("\n").index(text) + 1


def test_a_link_to_a_missing_anchor_is_an_error_on_its_line_in_both_languages_and_the_build_agrees(tiny):
    tiny.edit("docs/index.md", "Send en linje til", "Se [informasjonskapsler](#finnes-ikke).\n\nSend en linje til")
    tiny.edit("docs/index.en.md", "Drop a line to", "See [cookies](#cookie).\n\nDrop a line to")
    nb, en = line_of(tiny, "docs/index.md", "Se [informasjonskapsler](#finnes-ikke)."), line_of(tiny, "docs/index.en.md", "See [cookies](#cookie).")
    expected = [
        f'docs/index.md:{nb}: the link "#finnes-ikke" goes to "#finnes-ikke", which is not an id in this page — '
        "use the id of a heading there, written as {#id} at its end, or add that id",
        f'docs/index.en.md:{en}: the link "#cookie" goes to "#cookie", which is not an id in this page — use "#cookies", or add that id',
    ]
    result = tiny.cli("personvern.cli", "check")
    assert result.returncode == 1
    assert sorted(result.stderr.splitlines()[:-1]) == sorted(expected)
    build = tiny.build()
    assert not build.ok and sorted(build.messages[:2]) == sorted(expected)


def test_links_to_existing_sections_and_heading_slugs_pass(tiny):
    tiny.edit("docs/index.md", "Send en linje til", "Se [kapslene](#cookies) og [oss](#om-oss).\n\n### Om oss\n\nSend en linje til")
    assert tiny.cli("personvern.cli", "check").returncode == 1  # unpublished, but no link problem:
    assert links.check(tiny.docs, tiny.root) == []


def test_a_relative_link_in_the_statement_is_refused_because_its_archived_copy_would_change_it(tiny):
    tiny.edit("docs/index.md", "Send en linje til", "Se [historikken](versions/index.md).\n\nSend en linje til")
    line = line_of(tiny, "docs/index.md", "Se [historikken](versions/index.md).")
    assert [str(p) for p in links.check(tiny.docs, tiny.root)] == [
        f'docs/index.md:{line}: the relative link "versions/index.md" would lead elsewhere from the archived copy of this '
        "text in docs/versions/ — link with the full address (https://…), or to a section of this text (#id)"]


def test_other_pages_links_to_pages_and_anchors_are_followed(tiny):
    tiny.write("docs/versions/index.md", tiny.read("docs/versions/index.md") +
               "\n[Første](1.md#controller), [mangler](9.md), [feil id](1.md#kontroll), [kode](`x.md`)\n\n"
               "```\n[i en kodeblokk](borte.md)\n```\n")
    line = line_of(tiny, "docs/versions/index.md", "[Første](1.md#controller), [mangler](9.md), [feil id](1.md#kontroll), [kode](`x.md`)")
    assert [str(p) for p in links.check(tiny.docs, tiny.root)] == [
        f'docs/versions/index.md:{line}: the link "9.md" goes to a page that does not exist — '
        'link to an existing page (did you mean "1.md"?), or remove the link',
        f'docs/versions/index.md:{line}: the link "1.md#kontroll" goes to "#kontroll", which is not an id in docs/versions/1.md — '
        'use "#controller", or add that id',
    ]


def test_archived_copies_are_not_checked_only_what_the_editor_writes(tiny):
    tiny.write("docs/versions/1.md", tiny.read("docs/versions/1.md") + "\n[borte](#borte)\n")
    assert links.check(tiny.docs, tiny.root) == []


def test_a_link_between_fence_lines_is_checked_as_the_page_shows_it(tiny):
    """The site's Markdown has no fenced code blocks: between ~~~ lines, or ``` lines a blank line apart, a link is a
    link on the page; only backticks within one paragraph make code."""
    tiny.edit("docs/index.md", "Send en linje til",
              "~~~\n\nSe [her](#finnes-ikke).\n\n~~~\n\n```\n[kode](#heller-ikke)\n```\n\nSend en linje til")
    line = line_of(tiny, "docs/index.md", "Se [her](#finnes-ikke).")
    assert [str(p) for p in links.check(tiny.docs, tiny.root)] == [
        f'docs/index.md:{line}: the link "#finnes-ikke" goes to "#finnes-ikke", which is not an id in this page — use the '
        "id of a heading there, written as {#id} at its end, or add that id"]


def test_links_and_ids_are_found_in_markdown_and_html_outside_code():
    text = 'a [x](one.md "t") ![i](pic.png)\n[ref]: two.md\n<a href="three.md">3</a>\n`[no](code.md)`\n[<x>](<four five.md>)'
    assert [(link.target, link.line) for link in links.links(text)] == [
        ("one.md", 1), ("pic.png", 1), ("two.md", 2), ("three.md", 3), ("four five.md", 5)]
    assert links.ids('## Hei {#hallo}\n### Om oss\n<span id="x"></span>\nAvsnitt\n{: #avsnitt }\n') == \
        {"hallo", "om-oss", "x", "avsnitt"}


def test_github_annotation_escapes_values_as_the_actions_toolkit_does():
    problem = Problem("docs/a,b:c.md", 7, "100% wrong\nhere", "fix: it")
    assert github.annotation(problem, "personvern check") == \
        "::error file=docs/a%2Cb%3Ac.md,line=7,title=personvern check::100%25 wrong%0Ahere — fix: it"
    assert github.annotation(Problem("docs/facts.yml", None, "x", "y"), "t, u") == "::error file=docs/facts.yml,title=t%2C u::x — y"


def test_check_format_github_prints_an_annotation_per_problem_and_the_lines(tiny):
    tiny.edit("docs/index.en.md", "{#cookies}", "{#cookie}")
    result = tiny.cli("personvern.cli", "check", "--format", "github")
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "::error file=docs/index.en.md,line=27,title=personvern check::required section \"cookies\" is missing — "
        "add a heading \"## … {#cookies}\" with its text (README › Obligatoriske seksjoner)",
        "::error file=docs/index.en.md,line=19,title=personvern check::section id \"cookie\" is not in docs/index.md "
        "(did you mean \"cookies\"?) — use the same ids as docs/index.md",
    ]
    assert len(result.stderr.splitlines()) == 3


def test_in_norwegian_the_words_change_and_the_file_line_prefix_does_not(tiny, monkeypatch):
    tiny.edit("docs/index.en.md", "Drop a line to", "See [cookies](#cookie).\n\nDrop a line to")
    line = line_of(tiny, "docs/index.en.md", "See [cookies](#cookie).")
    monkeypatch.setenv("PERSONVERN_LANG", "nb")
    assert [str(p) for p in links.check(tiny.docs, tiny.root)] == [
        f'docs/index.en.md:{line}: lenken «#cookie» går til «#cookie», som ikke er en id i denne siden — bruk «#cookies», '
        "eller legg til den id-en"]


def test_an_entity_encoded_scheme_is_read_as_the_browser_reads_it_not_as_a_relative_link(tiny):
    for path, before in (("docs/index.md", "Send en linje til"), ("docs/index.en.md", "Drop a line to")):
        tiny.edit(path, before, '<a href="&#106;avascript:alert(1)">x</a> [z](&#x68;ttps://example.org/)\n\n' + before)
    assert links.check(tiny.docs, tiny.root) == []
    result = tiny.cli("personvern.cli", "check")
    assert result.returncode == 1
    assert [line.split(": ", 1)[1] for line in result.stderr.splitlines()[:-1]] == [
        'a "javascript:" link is not allowed (javascript:alert(1)) — link to an https://, mailto: or tel: address, '
        "or to a page of this site"] * 2


def test_a_link_from_the_site_root_is_refused_in_every_page_because_the_site_may_live_under_a_path(tiny, monkeypatch):
    tiny.edit("docs/index.md", "Send en linje til", "Se [historikken](/versions/).\n\nSend en linje til")
    tiny.edit("docs/index.en.md", "Drop a line to", "See [the history](/en/versions/).\n\nDrop a line to")
    tiny.write("docs/versions/index.md", tiny.read("docs/versions/index.md") + "\n[Hjem](/)\n")
    lines = {path: line_of(tiny, path, text) for path, text in (
        ("docs/index.md", "Se [historikken](/versions/)."), ("docs/index.en.md", "See [the history](/en/versions/)."),
        ("docs/versions/index.md", "[Hjem](/)"))}
    todo = ("which leads elsewhere when the site is served under a path (as GitHub Pages serves it under /<repo>/) — "
            "link with the full address (https://…), or relative to this file")
    assert sorted(str(p) for p in links.check(tiny.docs, tiny.root)) == sorted([
        f'docs/index.md:{lines["docs/index.md"]}: the link "/versions/" starts with "/", {todo}',
        f'docs/index.en.md:{lines["docs/index.en.md"]}: the link "/en/versions/" starts with "/", {todo}',
        f'docs/versions/index.md:{lines["docs/versions/index.md"]}: the link "/" starts with "/", {todo}'])
    monkeypatch.setenv("PERSONVERN_LANG", "nb")
    assert f'docs/index.md:{lines["docs/index.md"]}: lenken «/versions/» begynner med «/», og fører et annet sted når ' \
        "nettstedet ligger under en sti (slik GitHub Pages legger det under /<repo>/) — lenk med hele adressen " \
        "(https://…), eller relativt til denne filen" in [str(p) for p in links.check(tiny.docs, tiny.root)]

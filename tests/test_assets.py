"""Files besides Markdown under docs/ are published as they are: nothing that could run script on the site."""
import pytest

from personvern import assets

TODO = "remove it; the site publishes text, stylesheets, fonts, PDF files and images (SVG with drawing only)"
SVG_TODO = "remove it; an image on this site is drawing only: no script, no event handlers, no links out"
SVG = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" viewBox="0 0 1 1">{}</svg>'


@pytest.mark.parametrize("name", ["om.html", "assets/x.js", "assets/x.mjs", "feed.xml", "x.xhtml", "a.svgz", "run.php"])
def test_a_file_that_could_run_is_refused(tiny, name):
    tiny.write(f"docs/{name}", "<script>alert(1)</script>")
    suffix = "." + name.rsplit(".", 1)[1]
    assert [str(p) for p in assets.problems(tiny.docs, tiny.root)] == [
        f'docs/{name}: a "{suffix}" file is not published from docs/ — {TODO}']


@pytest.mark.parametrize("inside, what", [
    ("<script>alert(1)</script>", "<script>"),
    ('<rect onload="alert(1)"/>', 'onload="alert(1)"'),
    ('<a xlink:href="javascript:alert(1)"><rect/></a>', "<a>"),
    ('<use href="https://evil.example/x.svg#a"/>', 'href="https://evil.example/x.svg#a"'),
    ("<foreignObject><p>x</p></foreignObject>", "<foreignObject>"),
    ("<style>@import url(https://evil.example/x.css)</style>", "<style>"),
    ('<rect style="fill:url(https://evil.example/#x)"/>', 'style="fill:url(https://evil.example/#x)"'),
    ('<set attributeName="href" to="javascript:alert(1)"/>', "<set>"),
    ('<rect fill="url(https://evil.example/p.svg#g)"/>', 'fill="url(https://evil.example/p.svg#g)"'),
    ('<rect filter="url(//evil.example/f.svg#f)"/>', 'filter="url(//evil.example/f.svg#f)"'),
    ('<rect cursor="url(https://evil.example/c.cur), auto"/>', 'cursor="url(https://evil.example/c.cur), auto"'),
    ('<rect style="fill:\\75 rl(https://evil.example/#x)"/>', 'style="fill:\\75 rl(https://evil.example/#x)"'),
    ("<rect style=\"fill:image-set('//e.example/a.png' 1x)\"/>",
     "style=\"fill:image-set('//e.example/a.png' 1x)\""),
])
def test_an_svg_image_that_could_run_or_fetch_is_refused(tiny, inside, what):
    tiny.write("docs/assets/logo.svg", SVG.format(inside))
    found = [str(p) for p in assets.problems(tiny.docs, tiny.root)]
    assert f"docs/assets/logo.svg: the SVG image contains {what}, which is not allowed — {SVG_TODO}" in found


def test_the_build_refuses_it_and_the_site_stays_as_it_was(tiny):
    tiny.write("docs/assets/logo.svg", SVG.format('<rect onload="alert(1)"/>'))
    result = tiny.build()
    assert not result.ok
    assert result.messages[0].startswith('docs/assets/logo.svg: the SVG image contains onload="alert(1)"')


def test_drawings_images_styles_and_the_project_own_files_pass(tiny):
    tiny.write("docs/assets/logo.svg", SVG.format('<defs><linearGradient id="g"><stop offset="0"/></linearGradient></defs>'
                                                  '<rect fill="url(#g)"/><use href="#g"/><title>Logo</title>'
                                                  '<g transform="translate(1, 2) rotate(45)" style="fill: rgb(0 0 0); '
                                                  'stroke: url( \'#g\' )"/>'))
    tiny.write("docs/assets/extra.css", "p { color: red }")
    tiny.write("docs/robots.txt", "User-agent: *\n")
    assert assets.problems(tiny.docs, tiny.root) == []


@pytest.mark.parametrize("language", ["en", "nb"])
def test_a_file_named_like_one_of_the_sites_own_would_replace_it(tiny, monkeypatch, language):
    monkeypatch.setenv("PERSONVERN_LANG", language)
    tiny.write("docs/assets/personvern.css", "#cookies { display: none }\n")
    tiny.write("docs/assets/site.css", "p { color: navy }\n")
    assert [str(p) for p in assets.problems(tiny.docs, tiny.root)] == [{
        "en": "docs/assets/personvern.css: the file has the name of one of the site's own files (assets/personvern.css) and "
              "would replace it — rename it, or delete it",
        "nb": "docs/assets/personvern.css: filen har samme navn som en av nettstedets egne filer (assets/personvern.css) og "
              "ville erstattet den — gi den et annet navn, eller slett den"}[language]]

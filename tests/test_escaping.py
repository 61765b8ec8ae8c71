"""Every value a page template prints is escaped: front matter, facts and the site's name, in both languages."""
import pytest
import yaml

from personvern import fields, layout

FILES = {"nb": "docs/index.md", "en": "docs/index.en.md"}
TITLE = "</title><svg/onload=alert(1)>"
DESCRIPTION = '" autofocus onfocus="alert(2)'
NAME = "<svg/onload=alert(3)>"


def publish(tiny, language: str, title: str, description: str) -> None:
    """Gives the statement this front matter and publishes it as version 1, so that the pages show it."""
    path = tiny.root / FILES[language]
    body = path.read_text(encoding="utf-8").split("---\n", 2)[2]
    front = yaml.safe_dump({"title": title, "description": description}, allow_unicode=True, width=1000)
    path.write_text(f"---\n{front}---\n{body}", encoding="utf-8")
    for archived in (tiny.docs / layout.VERSIONS_DIR).glob("1*.md"):
        archived.unlink()
    (tiny.docs / layout.VERSIONS_DIR / layout.FINGERPRINTS).unlink()
    tiny.release(tiny.today, "Første versjon.", "First version.")


def pages(tiny) -> dict[str, str]:
    return {path.relative_to(tiny.site).as_posix(): path.read_text(encoding="utf-8") for path in tiny.site.rglob("*.html")}


@pytest.mark.parametrize("language", ["nb", "en"])
def test_a_title_and_description_with_quotes_and_brackets_are_printed_as_text(tiny, language):
    # Plain text to the field checks ("<" before a space is no tag), so the build publishes them, escaped.
    publish(tiny, language, """Vilkår < "A" & 'B' >""", DESCRIPTION)
    result = tiny.build()
    assert result.ok, result.messages
    html = result.html(layout.page_url(language, "index.html"))
    assert "<title>Vilkår &lt; &#34;A&#34; &amp; &#39;B&#39; &gt; – " in html
    assert '<h1 id="content">Vilkår &lt; &#34;A&#34; &amp; &#39;B&#39; &gt;</h1>' in html
    assert 'content="&#34; autofocus onfocus=&#34;alert(2)"' in html
    for path, text in pages(tiny).items():
        assert 'autofocus onfocus="' not in text and ' "A" ' not in text, path


@pytest.mark.parametrize("language", ["nb", "en"])
def test_markup_that_gets_past_the_field_checks_is_still_printed_as_text(tiny, monkeypatch, language):
    # The templates are the second wall: with the plain-text check of fields switched off, nothing runs either.
    monkeypatch.setattr(fields, "plain_text_fault", lambda *args, **kwargs: None)
    for path in FILES.values():  # the controller's name is in the footer of every page, not in the text
        tiny.edit(path, "{{ controller.name }}", "Nordlys Elektro AS")
    tiny.edit("docs/facts.yml", "  name: Nordlys Elektro AS", f'  name: "{NAME}"')
    publish(tiny, language, TITLE, DESCRIPTION)
    result = tiny.build()
    assert result.ok, result.messages
    html = result.html(layout.page_url(language, "index.html"))
    assert "<title>&lt;/title&gt;&lt;svg/onload=alert(1)&gt; – " in html
    assert '<h1 id="content">&lt;/title&gt;&lt;svg/onload=alert(1)&gt;</h1>' in html
    assert 'content="&#34; autofocus onfocus=&#34;alert(2)"' in html
    assert "&lt;svg/onload=alert(3)&gt;, " in html  # the footer
    for path, text in pages(tiny).items():
        assert "<svg/onload" not in text and 'autofocus onfocus="' not in text, path


def test_the_site_name_is_escaped_too(tiny):
    name = yaml.safe_load(tiny.read("mkdocs.yml"))["site_name"]  # the project's own, whatever it is
    config = tiny.read("mkdocs.yml").replace(f"site_name: {name}", "site_name: 'A & <b>B</b>'")
    assert config != tiny.read("mkdocs.yml")
    tiny.write("mkdocs.yml", config)
    result = tiny.build()
    assert result.ok, result.messages
    html = result.html("index.html")
    assert "A &amp; &lt;b&gt;B&lt;/b&gt;" in html and "<b>B</b>" not in html

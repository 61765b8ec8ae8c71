"""Builds of tiny real sites: what visitors get in both languages, and what editors are told."""
from conftest import TODAY


def test_valid_site_builds_in_both_languages(tiny):
    result = tiny.build()
    assert result.ok, result.messages
    assert result.messages == []
    nb, en = result.html("index.html"), result.html("en/index.html")
    assert '<html lang="nb"' in nb and '<html lang="en"' in en
    for html in (nb, en):
        for section in ("controller", "rights", "cookies", "contact"):
            assert f'id="{section}"' in html
        assert "956 889 057" in html and "firmapost@west-elektro.no" in html
        assert "<li>Google Analytics</li>" in html and "<li>Facebook</li>" in html
    assert "Behandlingsansvarlig er West Elektro AS" in nb
    assert "The controller is West Elektro AS" in en

"""The message catalogue: every message in Norwegian and English, Norwegian by default."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from personvern import layout, messages


def test_both_catalogues_have_the_same_keys():
    nb, en = messages.catalogue("nb"), messages.catalogue("en")
    assert sorted(nb) == sorted(en)
    assert set(messages._catalogues()) == set(layout.LANGUAGES)


@pytest.mark.parametrize("key", sorted(messages.catalogue("nb")))
def test_each_message_takes_the_same_values_in_both_languages(key):
    def fields(text: str) -> set[str]:
        return set(re.findall(r"\{(\w+)\}", text))
    assert fields(messages.catalogue("nb")[key]) == fields(messages.catalogue("en")[key])
    assert messages.catalogue("nb")[key] != messages.catalogue("en")[key] or not re.search(r"[a-z]", messages.catalogue("nb")[key])


@pytest.mark.parametrize("value, language", [(None, "nb"), ("en", "en"), ("EN", "en"), ("nb", "nb"), ("de", "nb"), ("", "nb")])
def test_norwegian_is_the_default_and_personvern_lang_en_switches(value, language):
    environ = {} if value is None else {"PERSONVERN_LANG": value}
    assert messages.language(environ) == language


def test_personvern_check_speaks_norwegian_by_default_with_the_same_file_line_prefix(tiny):
    import os
    import subprocess
    import sys
    tiny.edit("docs/index.en.md", "{#cookies}", "{#cookie}")
    env = {key: value for key, value in os.environ.items() if key != "PERSONVERN_LANG"}
    env["PERSONVERN_TODAY"] = tiny.today.isoformat()
    norwegian = subprocess.run([sys.executable, "-m", "personvern.cli", "check"], cwd=tiny.root, env=env,
                               capture_output=True, text=True)
    english = tiny.cli("personvern.cli", "check")
    assert norwegian.stderr.splitlines() == [
        'docs/index.en.md:27: den obligatoriske seksjonen «cookies» mangler — legg til en overskrift «## … {#cookies}» '
        "med tekst under (README › Obligatoriske seksjoner)",
        "docs/index.en.md:19: seksjons-id-en «cookie» finnes ikke i docs/index.md (mente du «cookies»?) — bruk de samme "
        "id-ene som docs/index.md",
        "2 problem(er). Rett dem og sjekk igjen.",
    ]
    for nb, en in zip(norwegian.stderr.splitlines()[:2], english.stderr.splitlines()[:2]):
        assert nb.split(": ")[0] == en.split(": ")[0]


def test_the_build_speaks_norwegian_by_default(tiny, monkeypatch):
    monkeypatch.setenv("PERSONVERN_LANG", "nb")
    tiny.edit("docs/index.en.md", "{#cookies}", "{#cookie}")
    build = tiny.build()
    assert not build.ok
    assert build.messages[0] == ('docs/index.en.md:27: den obligatoriske seksjonen «cookies» mangler — legg til en overskrift '
                                 "«## … {#cookies}» med tekst under (README › Obligatoriske seksjoner)")
    assert build.messages[-1] == ("2 problem(er) i personvernerklæringen, listet opp ovenfor. Ingenting ble bygget; rett dem og "
                                  "bygg på nytt.")


def test_reading_files_and_releasing_speak_norwegian(tiny, monkeypatch):
    from personvern.problems import Invalid
    from personvern.release import release
    monkeypatch.setenv("PERSONVERN_LANG", "nb")
    (tiny.docs / "index.md").write_bytes("---\ntitle: Personvern\n---\n\nBl\xe5b\xe6r\n".encode("latin-1"))
    result = tiny.cli("personvern.cli", "check")
    assert "docs/index.md:5: filen er ikke UTF-8 (byte 0xe5) — lagre filen med tegnkodingen UTF-8" in result.stderr.splitlines()
    from conftest import NB
    tiny.write("docs/index.md", NB)
    with pytest.raises(Invalid) as raised:
        release(tiny.docs, tiny.root, dt.date(2027, 1, 1), {"nb": "Endret.", "en": "Changed."}, tiny.today)
    assert [str(p) for p in raised.value.problems] == [
        "docs/index.md: teksten er den samme som i versjon 1 — endre teksten før du publiserer en ny versjon"]

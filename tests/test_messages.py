"""The message catalogue: every message in Norwegian and English, Norwegian by default."""
from __future__ import annotations

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

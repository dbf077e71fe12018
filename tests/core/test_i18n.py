"""The translation system: German, plural forms, the system's language, the pseudo-locale,
and catalogues that keep up with the code."""

from __future__ import annotations

import gettext
import re
import sys
from pathlib import Path

import pytest

from supple.core import i18n

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from translations import LOCALE, TEMPLATE, catalogues, extract, read  # noqa: E402 - path above

PLACEHOLDER = re.compile(r"\{[^}]*\}")


@pytest.fixture(autouse=True)
def english_after():
    yield
    i18n.set_language("en")


def test_german_with_its_plural_forms():
    assert i18n.set_language("de") == "de"
    assert i18n._("Later") == "Später"
    one = i18n.ngettext("reminding again in {n} minute", "reminding again in {n} minutes", 1)
    many = i18n.ngettext("reminding again in {n} minute", "reminding again in {n} minutes", 30)
    assert one.format(n=1) == "erneute Erinnerung in 1 Minute"
    assert many.format(n=30) == "erneute Erinnerung in 30 Minuten"


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({"LANGUAGE": "de_AT:en", "LANG": "en_US.UTF-8"}, "de"),
        ({"LANGUAGE": "", "LC_ALL": "de_DE.UTF-8"}, "de"),
        ({"LANGUAGE": "", "LANG": "C.UTF-8"}, "en"),
        ({"LANGUAGE": "", "LANG": "fr_FR.UTF-8"}, "fr"),
    ],
)
def test_the_language_comes_from_the_system(monkeypatch, environment, expected):
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        monkeypatch.delenv(variable, raising=False)
    for variable, value in environment.items():
        monkeypatch.setenv(variable, value)
    assert i18n.system_language() == expected


def test_a_language_without_a_catalogue_falls_back_to_english():
    assert i18n.set_language("fr") == "en"
    assert i18n._("Later") == "Later"


def test_the_pseudo_locale_is_accented_longer_and_keeps_placeholders_and_letters():
    i18n.set_language(i18n.PSEUDO)
    text = i18n._("Start {routine}")
    assert text.startswith(i18n.PSEUDO_OPEN) and text.endswith(i18n.PSEUDO_CLOSE)
    assert "{routine}" in text and "Start" not in text
    assert len(text) >= len("Start {routine}") * 1.3
    assert "&" in i18n._("&Save")
    assert text.format(routine="Hip hikes").count("Hip hikes") == 1


def test_the_catalogue_holds_every_string_in_the_code():
    """Fails with each string marked in the code but not yet in ``supple.pot``: run
    ``python scripts/translations.py update``, translate, then ``compile``."""
    in_code = {str(m.id): m.locations[0] for m in extract() if m.id}
    in_template = {str(m.id) for m in read(TEMPLATE) if m.id}
    new = [f"{path}:{line}: {message!r}" for message, (path, line) in in_code.items()
           if message not in in_template]  # fmt: skip
    assert new == [], "strings not in the catalogue yet:\n" + "\n".join(new)


@pytest.mark.parametrize("po", catalogues(), ids=lambda path: path.parent.parent.name)
def test_every_string_is_translated_with_the_same_placeholders(po):
    catalog = read(po)
    untranslated, broken = [], []
    for message in catalog:
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy or not all(strings):
            untranslated.append(f"{message.locations[:1]}: {ids[0]!r}")
            continue
        wanted = sorted(PLACEHOLDER.findall(ids[-1]))
        broken += [
            f"{ids[0]!r} -> {s!r}" for s in strings if sorted(PLACEHOLDER.findall(s)) != wanted
        ]
    assert untranslated == [], f"{po.parent.parent.name}: not translated yet:\n" + "\n".join(
        untranslated
    )
    assert broken == [], "placeholders differ:\n" + "\n".join(broken)


@pytest.mark.parametrize("po", catalogues(), ids=lambda path: path.parent.parent.name)
def test_the_compiled_catalogue_matches_its_source(po):
    with po.with_suffix(".mo").open("rb") as compiled:
        mo = gettext.GNUTranslations(compiled)
    for message in read(po):
        if not message.id or isinstance(message.id, tuple):
            continue
        assert mo.gettext(message.id) == message.string, (
            f"{po.with_suffix('.mo').name} is older than its .po: run "
            "python scripts/translations.py compile"
        )


def test_the_locale_folder_ships_inside_the_package():
    assert i18n.locale_dir() == LOCALE

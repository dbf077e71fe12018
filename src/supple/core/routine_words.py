"""Words a routine file gives per language: ``name.de = "..."``, ``cues.de = [...]``.

A field that people read or hear (a name, cues, phase words, a description) is either
plain, the same words for every language, or a table by language code. The words of the
language in force are used, else English's, else the first given: a routine written in
German only still reads in German to everyone. Every language given is kept, so the file
is written back as it was read (see ``docs/routine-format.md``).
"""

from __future__ import annotations

import locale
import re
from collections.abc import Mapping
from typing import Any

from supple.core import i18n
from supple.core.i18n import _
from supple.core.model import Translations, Words

FALLBACK = i18n.SOURCE_LANGUAGE
_CODE = re.compile(r"^([a-z]{2,3})(?:_[A-Z]{2})?$")
KNOWN_LANGUAGES = frozenset(
    code
    for code, name in locale.locale_alias.items()
    if len(code) in (2, 3) and code.isalpha() and name.lower().startswith(code)
)
"""ISO 639 codes Python's locale tables know (de, en, pt, ...)."""


def language_problem(field: str, code: str) -> str:
    """What is wrong with ``code`` as the language of ``field.code``; "" when nothing."""
    found = _CODE.match(code)
    if found and found.group(1) in KNOWN_LANGUAGES:
        return ""
    return _(
        '{field}.{code}: "{code}" is not a language code; use a two-letter code '
        "such as de or en (a region may follow: pt_BR)"
    ).format(field=field, code=code)


def choose(given: Mapping[str, Words]) -> tuple[str, Words]:
    """The language to show and its words: the one in force, its base (``de`` for
    ``de_AT``), English, or the first given."""
    wanted = i18n.language()
    for code in (wanted, wanted.split("_")[0], FALLBACK):
        if code in given:
            return code, localized(given[code], code)
    first = next(iter(given))
    return first, localized(given[first], first)


def kept(given: Mapping[str, Words], shown: str) -> dict[str, Words]:
    """The languages to keep beside the words shown: the others (the shown ones are the
    plain field, which an edit changes); in the pseudo-locale, all, as none is shown."""
    if i18n.language() == i18n.PSEUDO:
        return dict(given)
    return {code: words for code, words in given.items() if code != shown}


def label(value: object) -> str:
    """A name as a problem's place shows it: plain, or the words chosen by language."""
    if isinstance(value, dict):
        texts = {code: words for code, words in value.items() if isinstance(words, str)}
        return str(choose(texts)[1]) if texts else ""
    return value if isinstance(value, str) else ""


def localized(words: Words, code: str) -> Words:
    """``words`` as shown: marked as pseudo-translated in the pseudo-locale, where no file
    has words of its own, so that a test sees they went through here."""
    if i18n.language() != i18n.PSEUDO or code == i18n.PSEUDO:
        return words
    if isinstance(words, str):
        return i18n.pseudo(words)
    return tuple(i18n.pseudo(w) for w in words)


def written(field: str, shown: Words, translations: Translations) -> Words | dict[str, Any]:
    """What a file holds for ``field``: the plain words, or its table by language with
    ``shown`` for the language shown (an edit changes the words the user saw)."""
    language = translations.shown_language(field)
    if not language:
        return shown
    given = translations.languages(field)
    if i18n.language() != i18n.PSEUDO:
        given = {language: shown, **given}
    return {
        code: list(words) if isinstance(words, tuple) else words for code, words in given.items()
    }

"""Every string a user sees or hears goes through here: ``_()``, ``ngettext()``, ``N_()``.

Run time is Python's own ``gettext`` (no dependency, and the pure-Python core can use it:
the CLI, the announcer's prompts and the validation messages are core or below Qt).
The catalogues are ``.po`` files in ``src/supple/locale``, extracted and compiled with
Babel by ``scripts/translations.py``; Babel handles plural forms from each ``.po``
header, and Qt's own strings come from the ``qtbase_*.qm`` files PySide6 ships
(``qt.translations``). Qt Linguist was the other choice; it would leave the core and
the CLI without translations, as they never load Qt.

``pseudo`` is a language for tests: every letter accented and every string a third
longer and bracketed, so a string that was not wrapped shows plain, and one that does
not fit is cut off visibly.
"""

from __future__ import annotations

import gettext
import os
from pathlib import Path

__all__ = [
    "DOMAIN",
    "N_",
    "PSEUDO",
    "_",
    "available_languages",
    "language",
    "locale_dir",
    "ngettext",
    "pseudo",
    "set_language",
    "system_language",
]

DOMAIN = "supple"
PSEUDO = "pseudo"
SOURCE_LANGUAGE = "en"
_ACCENTED = str.maketrans(
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ",
    "àƀçđéƒĝĥîĵķĺɱñöþʠŕšţûṽŵẋýžÀßÇĐÉƑĜĤÎĴĶĹṀÑÖÞǪŔŠŢÛṼŴẊÝŽ",
)
PSEUDO_OPEN, PSEUDO_CLOSE = "⟦", "⟧"


def locale_dir() -> Path:
    return Path(__file__).resolve().parent.parent / "locale"


def available_languages() -> list[str]:
    """English and every language with a compiled catalogue (``de``...), sorted."""
    found = {path.parent.parent.name for path in locale_dir().glob(f"*/LC_MESSAGES/{DOMAIN}.mo")}
    return sorted(found | {SOURCE_LANGUAGE})


def system_language() -> str:
    """The user's language from the environment, as gettext reads it (``de`` for de_DE)."""
    for variable in ("LANGUAGE", "LC_ALL", "LC_MESSAGES", "LANG"):
        value = os.environ.get(variable, "")
        code = value.split(":")[0].split(".")[0].split("@")[0]
        if code and code not in ("C", "POSIX"):
            return code.split("_")[0]
    return SOURCE_LANGUAGE


def pseudo(text: str) -> str:
    """``Start {name}`` -> ``⟦Šţàŕţ {name}···⟧``: accented outside ``{...}`` and ``%(...)s``,
    30 % longer, mnemonic ``&`` kept."""
    out: list[str] = []
    depth = 0
    for char in text:
        if char == "{":
            depth += 1
        elif char == "}":
            depth = max(0, depth - 1)
        out.append(char if depth else char.translate(_ACCENTED))
    padding = "·" * max(1, round(len(text) * 0.3))
    return f"{PSEUDO_OPEN}{''.join(out)}{padding}{PSEUDO_CLOSE}"


class _Pseudo(gettext.NullTranslations):
    def gettext(self, message: str) -> str:
        return pseudo(message)

    def ngettext(self, msgid1: str, msgid2: str, n: int) -> str:
        return pseudo(msgid1 if n == 1 else msgid2)


_translation: gettext.NullTranslations = gettext.NullTranslations()
_language = SOURCE_LANGUAGE


def set_language(code: str | None = None) -> str:
    """Use ``code`` (``de``, ``pseudo``; ``None``: the system's); the language now in force.

    A language without a catalogue falls back to English, the source language.
    """
    global _translation, _language
    wanted = code or system_language()
    if wanted == PSEUDO:
        _translation, _language = _Pseudo(), PSEUDO
        return _language
    found = gettext.translation(DOMAIN, locale_dir(), [wanted], fallback=True)
    _translation = found
    _language = wanted if type(found) is not gettext.NullTranslations else SOURCE_LANGUAGE
    return _language


def language() -> str:
    return _language


def _(message: str) -> str:
    return _translation.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    return _translation.ngettext(singular, plural, n)


def N_(message: str) -> str:  # noqa: N802 - gettext's conventional name for "mark only"
    """Mark ``message`` for the catalogue; it is translated where it is shown, with ``_()``."""
    return message

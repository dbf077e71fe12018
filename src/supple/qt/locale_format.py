"""Dates and times as the user's language writes them, through Qt's locale data.

``core.timefmt`` stays the one place for durations (the CLI uses it too); the calendar
words (``Tue``, ``Nov``) and the order of day and month come from ``QLocale``, so they
follow the language Supple runs in rather than the process's C locale.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QDate, QLocale, QTime

from supple.core import i18n

__all__ = ["clock_time", "date_text", "decimal", "qt_locale", "whole_number"]


def qt_locale() -> QLocale:
    """The locale of the language in force; English (and the pseudo-language) as in Britain:
    ``Tue 24 Nov``, a 24-hour clock."""
    language = i18n.language()
    if language in (i18n.SOURCE_LANGUAGE, i18n.PSEUDO):
        return QLocale(QLocale.Language.English, QLocale.Country.UnitedKingdom)
    return QLocale(language)


def date_text(day: date, pattern: str) -> str:
    """``day`` in a Qt date pattern (``ddd d MMM``), with the locale's day and month names."""
    return qt_locale().toString(QDate(day.year, day.month, day.day), pattern)


def clock_time(moment: datetime) -> str:
    """``07:30``: hours and minutes the locale's short way."""
    return qt_locale().toString(QTime(moment.hour, moment.minute), QLocale.FormatType.ShortFormat)


def decimal(value: float, places: int) -> str:
    """``4.5`` in English, ``4,5`` in German: the locale's decimal sign."""
    text: str = qt_locale().toString(float(value), "f", places)  # type: ignore[call-overload]  # the stubs lack (double, format, precision)
    return text


def whole_number(value: int) -> str:
    """``12,345`` in English, ``12.345`` in German."""
    return qt_locale().toString(value)

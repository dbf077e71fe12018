"""Qt's own dialog strings follow Supple's language."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLocale

from supple.core import i18n
from supple.qt.translations import install_qt_translations


def test_qt_dialog_buttons_speak_german(qapp):
    i18n.set_language("de")
    before = QLocale()
    translator = install_qt_translations(qapp)
    try:
        assert translator is not None, "PySide6 ships qtbase_de.qm"
        assert QCoreApplication.translate("QPlatformTheme", "&Yes") == "&Ja"
        assert QLocale().toString(1234.5, "f", 1) == "1.234,5"
    finally:
        i18n.set_language("en")
        QLocale.setDefault(before)
        if translator is not None:
            qapp.removeTranslator(translator)


def test_english_needs_no_catalogue(qapp):
    i18n.set_language("en")
    assert install_qt_translations(qapp) is None

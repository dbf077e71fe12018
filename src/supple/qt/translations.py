"""Qt's own strings (file dialogs, standard buttons, context menus) in Supple's language,
from the ``qtbase_*.qm`` catalogues PySide6 ships."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from supple.core import i18n


def install_qt_translations(app: QCoreApplication) -> QTranslator | None:
    """Load Qt's catalogue for the language in force; keep the result alive with ``app``."""
    language = i18n.language()
    if language in (i18n.SOURCE_LANGUAGE, i18n.PSEUDO):
        return None
    QLocale.setDefault(QLocale(language))  # dates and numbers Qt formats follow it too
    translator = QTranslator(app)
    folder = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    if not translator.load(f"qtbase_{language}", folder):
        return None
    app.installTranslator(translator)
    return translator

"""The review screen's file dialogs: where to export the history (and in which format),
and which file to import."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QWidget

from supple.core.i18n import N_, _
from supple.qt.history_access import ExportFormat
from supple.ui.theme import form_stylesheet
from supple.ui.theme_registry import current_palette

__all__ = ["EXPORT_FILTERS", "ask_export_path", "ask_import_path"]

EXPORT_FILTERS = {
    N_("Supple history, everything (*.json)"): ExportFormat.JSON,
    N_("Spreadsheet, one row per session (*.csv)"): ExportFormat.SESSIONS_CSV,
    N_("Spreadsheet, one row per step (*.csv)"): ExportFormat.STEPS_CSV,
}


def ask_export_path(over: QWidget, today: date) -> tuple[Path, str] | None:
    """Where to export and in which format; the file gets the format's suffix."""
    suggested = Path.home() / f"supple-history-{today.isoformat()}.json"
    filters = {_(name): kind for name, kind in EXPORT_FILTERS.items()}
    dialog = _file_dialog(over, _("Export the history"), suggested, list(filters), save=True)
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return None
        path, chosen = dialog.selectedFiles()[0], dialog.selectedNameFilter()
    finally:
        dialog.deleteLater()
    kind = filters.get(chosen, ExportFormat.JSON)
    target = Path(path)
    wanted = ".json" if kind == ExportFormat.JSON else ".csv"
    if target.suffix.lower() != wanted:
        target = target.with_suffix(wanted)
    return target, kind


def ask_import_path(over: QWidget) -> Path | None:
    dialog = _file_dialog(
        over,
        _("Import a Supple history"),
        Path.home(),
        [_("Supple history (*.json)"), _("All files (*)")],
        save=False,
    )
    try:
        if dialog.exec() != QFileDialog.DialogCode.Accepted or not dialog.selectedFiles():
            return None
        return Path(dialog.selectedFiles()[0])
    finally:
        dialog.deleteLater()


def _file_dialog(
    over: QWidget, title: str, start: Path, filters: list[str], save: bool
) -> QFileDialog:
    """A file dialog over ``over``: the desktop's own where it has one, else Qt's,
    given the form style sheet so its fields, lists and buttons follow the theme
    (under the window's sheet alone they would be white text on white)."""
    # Built without a parent, then placed over the screen: Qt's own dialog sizes its
    # tool buttons when it is built, and under the window's sheet they would grow
    # with the window's scale instead of keeping desk size.
    dialog = QFileDialog(None, title)
    dialog.setStyleSheet(form_stylesheet(current_palette()))
    dialog.setParent(over, dialog.windowFlags())
    dialog.setNameFilters(filters)
    if save:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
        dialog.setFileMode(QFileDialog.FileMode.AnyFile)
        dialog.setDirectory(str(start.parent))
        dialog.selectFile(start.name)
    else:
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptOpen)
        dialog.setFileMode(QFileDialog.FileMode.ExistingFile)
        dialog.setDirectory(str(start))
    return dialog

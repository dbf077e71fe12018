"""The questions the editor asks and the one dialog for a failed action: save or lose
changes, save before exporting, delete for good, which file to import or export to."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

from supple.core.i18n import _
from supple.storage.routine_store import RoutineStoreError

Button = QMessageBox.StandardButton


def _name_buttons(box: QMessageBox) -> None:
    """The buttons in the app's own words (Qt's come only with its catalogue, and not in
    every language Supple speaks)."""
    words = {
        Button.Save: _("&Save"),
        Button.Discard: _("&Discard"),
        Button.Cancel: _("Cancel"),
        Button.Yes: _("&Delete"),
    }
    for which, text in words.items():
        made = box.button(which)
        if made is not None:
            made.setText(text)
            # Qt sizes a button for its text as its own font has it; accented letters
            # drawn from a fallback font come out a pixel or two wider.
            made.setMinimumWidth(made.sizeHint().width() + 4)


def _ask(
    parent: QWidget,
    name: str,
    texts: tuple[str, str, str],
    buttons: QMessageBox.StandardButton,
    default: QMessageBox.StandardButton,
) -> QMessageBox.StandardButton:
    """A question box (``texts``: title, question, what follows); Esc means Cancel."""
    title, question, details = texts
    box = QMessageBox(parent)
    box.setObjectName(name)
    box.setIcon(QMessageBox.Icon.Question)
    box.setWindowTitle(title)
    box.setText(question)
    if details:
        box.setInformativeText(details)
    box.setStandardButtons(buttons)
    box.setDefaultButton(default)
    box.setEscapeButton(Button.Cancel)
    _name_buttons(box)
    answer = Button(box.exec())
    box.deleteLater()
    return answer


def ask_to_save(parent: QWidget, name: str) -> QMessageBox.StandardButton:
    """Save, Discard or Cancel, with Save as the default and Esc meaning Cancel."""
    texts = (
        _("Unsaved changes"),
        _("Save the changes to \u201c{name}\u201d?").format(name=name or _("this routine")),
        _("If you don't save, your changes are lost."),
    )
    return _ask(
        parent, "UnsavedChanges", texts, Button.Save | Button.Discard | Button.Cancel, Button.Save
    )


def ask_to_save_before_export(parent: QWidget, name: str) -> bool:
    """A bundle holds the routine as saved: whether to save the changes first."""
    texts = (
        _("Save before exporting?"),
        _("Save the changes to \u201c{name}\u201d first?").format(name=name or _("this routine")),
        _("A bundle holds the routine as it is saved, so unsaved changes would be left out."),
    )
    answer = _ask(parent, "SaveBeforeExport", texts, Button.Save | Button.Cancel, Button.Save)
    return answer == Button.Save


def confirm_delete(parent: QWidget, name: str) -> bool:
    texts = (
        _("Delete routine"),
        _(
            "Delete \u201c{name}\u201d? Its file is removed from your routines folder; your "
            "history keeps the sessions you did with it."
        ).format(name=name),
        "",
    )
    answer = _ask(parent, "DeleteRoutine", texts, Button.Yes | Button.Cancel, Button.Cancel)
    return answer == Button.Yes


def show_store_error(parent: QWidget, title: str, error: RoutineStoreError) -> None:
    """One dialog for one failed action the user asked for, with every problem it found."""
    box = QMessageBox(parent)
    box.setObjectName("EditorError")
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(error.message)
    if error.problems:
        box.setInformativeText("\n".join(str(p) for p in error.problems[:8]))
    box.exec()
    box.deleteLater()


def choose_import_file(parent: QWidget) -> Path | None:
    chosen, _filter = QFileDialog.getOpenFileName(
        parent,
        _("Import a routine"),
        str(Path.home()),
        _("Routine bundles and files") + " (*.zip *.toml)",
    )
    return Path(chosen) if chosen else None


def choose_export_file(parent: QWidget, routine_id: str) -> Path | None:
    chosen, _filter = QFileDialog.getSaveFileName(
        parent,
        _("Export the routine"),
        str(Path.home() / f"{routine_id}.zip"),
        _("Routine bundle") + " (*.zip)",
    )
    return Path(chosen) if chosen else None

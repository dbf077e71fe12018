"""The editor's bottom line: what happened or why Save is refused, and undo, redo, save."""

from __future__ import annotations

from PySide6.QtGui import QUndoStack
from PySide6.QtWidgets import QFrame, QHBoxLayout, QSizePolicy

from supple.core.i18n import _, ngettext
from supple.core.problems import Problem
from supple.qt.routine_document import RoutineDocument
from supple.ui.editor.style import BODY_PX, button, label
from supple.ui.theme import set_role


def where(problem: Problem) -> str:
    return f"{problem.where}: " if problem.where else ""


class EditorStatusBar(QFrame):
    def __init__(self) -> None:
        super().__init__()
        set_role(self, "statusbar")
        self.status = label(size=BODY_PX)
        self.status.setWordWrap(True)
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.show_problem_button = button(_("Show"), _("Go to the first problem (F8)"))
        self.undo_button = button(_("Undo"), "Ctrl+Z")
        self.redo_button = button(_("Redo"), "Ctrl+Shift+Z")
        self.save_button = button(_("Save"), "Ctrl+S", role="primary")
        self.save_button.setMinimumWidth(110)
        self._notice_up = False
        """A notice of what was just done (saved, copied, imported...) is shown: it stays up
        while the routine is unchanged, instead of "All changes saved."."""
        line = QHBoxLayout(self)
        line.setContentsMargins(24, 10, 20, 10)
        line.setSpacing(8)
        line.addWidget(self.status, 1)
        line.addWidget(self.show_problem_button)
        line.addSpacing(12)
        line.addWidget(self.undo_button)
        line.addWidget(self.redo_button)
        line.addWidget(self.save_button)

    def set_status(self, text: str, role: str = "caption") -> None:
        self.status.setText(text)
        set_role(self.status, role)
        self._notice_up = False

    def show_notice(self, text: str) -> None:
        """What was just done; kept until the routine changes."""
        self.set_status(text)
        self._notice_up = True

    def show_document(self, document: RoutineDocument) -> str:
        """Say why Save is refused, if it is; returns that reason ("" when Save is allowed)."""
        problems = document.problems
        self.show_problem_button.setVisible(bool(problems) and not document.read_only)
        if document.read_only:
            reason = _("Built-in routines can't be changed: duplicate it to make your own copy.")
            self.set_status(reason)
        elif problems:
            count = len(problems)
            first = problems[0]
            reason = ngettext(
                "Can't save yet: {count} problem to fix. First: {problem}",
                "Can't save yet: {count} problems to fix. First: {problem}",
                count,
            ).format(count=count, problem=f"{where(first)}{first.message}")
            self.set_status(f"\N{WARNING SIGN} {reason}", role="field-error")
        elif document.is_dirty:
            reason = ""
            self.set_status(_("Unsaved changes."))
        else:
            reason = _("There are no changes to save.")
            if not self._notice_up:
                self.set_status(_("All changes saved."))
        self.save_button.setEnabled(not reason)
        self.save_button.setToolTip(reason or _("Save (Ctrl+S)"))
        return reason

    def show_undo(self, stack: QUndoStack) -> None:
        self.undo_button.setEnabled(stack.canUndo())
        self.redo_button.setEnabled(stack.canRedo())
        self.undo_button.setToolTip(
            _("Undo: {change} (Ctrl+Z)").format(change=stack.undoText())
            if stack.canUndo()
            else _("Nothing to undo")
        )
        self.redo_button.setToolTip(
            _("Redo: {change} (Ctrl+Shift+Z)").format(change=stack.redoText())
            if stack.canRedo()
            else _("Nothing to redo")
        )

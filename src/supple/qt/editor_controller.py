"""The routine editor without its widgets: the open document, and what the routine store
does with it (save, duplicate, new, delete, import, export, follow the folder).

The editor's window shows and asks (a file dialog, "save your changes?"); this decides
and does. A store action that fails emits ``failed(title, error)`` once and returns
``None``/``False``, so the window shows one dialog and every caller just checks the result.
Changes to the routine's structure are made here too, given the place they concern, so
they can be tested without a single widget.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Signal

from supple.core import routine_edits as edits
from supple.core.catalog import builtin_exercises
from supple.core.i18n import _, ngettext
from supple.core.library import Library
from supple.core.model import Entry, Kind, Routine
from supple.qt.routine_document import RoutineDocument
from supple.qt.routine_watcher import RoutineWatcher
from supple.storage import routine_store
from supple.storage.routine_store import ImportResult, RoutineStoreError

TreePath = tuple[int, int | None]
"""A block ``(b, None)`` or an entry ``(b, e)``, 0-based."""


class EditorController(QObject):
    """Owns the routine being edited and writes it through the routine store.

    Signals:
    - ``opened(document, path)``: a new document is open; ``path`` is where to put the
      selection (``None``: the first block, if any).
    - ``saved(routine)``: a routine was written (saved, duplicated or imported).
    - ``deleted(routine_id)``: a user routine's file was removed.
    - ``notice(text)``: one line for the status bar about what just happened.
    - ``failed(title, error)``: a store action the user asked for did not happen.
    """

    opened = Signal(object, object)
    saved = Signal(object)
    deleted = Signal(str)
    notice = Signal(str)
    failed = Signal(str, object)

    def __init__(self, watcher: RoutineWatcher, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._watcher = watcher
        self._document: RoutineDocument | None = None
        self._derive_id = False
        """A new routine takes its file name from its name when it is first saved."""

    # --- reading ---------------------------------------------------------------------

    @property
    def folder(self) -> Path:
        return self._watcher.folder

    @property
    def library(self) -> Library:
        return self._watcher.library

    @property
    def document(self) -> RoutineDocument | None:
        return self._document

    def editable(self) -> RoutineDocument | None:
        """The document, when there is one and it may be changed."""
        document = self._document
        return document if document is not None and not document.read_only else None

    # --- opening -----------------------------------------------------------------------

    def open(
        self,
        routine: Routine,
        *,
        read_only: bool | None = None,
        unsaved: bool = False,
        derive_id: bool = False,
        path: TreePath | None = None,
    ) -> RoutineDocument:
        """Make ``routine`` the document (built-in ones read-only unless told otherwise)."""
        if read_only is None:
            read_only = self.library.is_builtin(routine)
        self.close_document()
        self._document = RoutineDocument(routine, read_only=read_only, unsaved=unsaved, parent=self)
        self._derive_id = derive_id
        self.opened.emit(self._document, path)
        return self._document

    def open_id(self, routine_id: str | None) -> RoutineDocument:
        """The library's routine ``routine_id``, or its first routine."""
        found = self.library.find(routine_id) if routine_id else None
        return self.open(found or self.library.routines[0])

    def open_first(self) -> RoutineDocument:
        return self.open(self.library.routines[0])

    def close_document(self) -> None:
        """Let the open document go, without a last word from its signals or undo stack."""
        if self._document is not None:
            self._document.blockSignals(True)
            self._document.undo_stack.blockSignals(True)
            self._document.deleteLater()
            self._document = None

    # --- the routine store -------------------------------------------------------------

    def new_routine(self) -> RoutineDocument:
        """An empty routine with a free name; not saved until Save."""
        return self.open(routine_store.new_routine(self.folder), unsaved=True, derive_id=True)

    def duplicate(self) -> Routine | None:
        """Save an editable copy of the open routine (as on disk) and open it."""
        if self._document is None:
            return None
        source = self.library.find(self._document.routine.id) or self._document.routine
        copy = routine_store.duplicate_routine(source, self.folder)
        try:
            saved, _path = routine_store.save_routine(copy, self.folder)
        except RoutineStoreError as exc:
            self.failed.emit(_("The copy could not be saved"), exc)
            return None
        self._watcher.reload()
        self.open(saved, read_only=False)
        self.saved.emit(saved)
        self.notice.emit(
            _("Copied to \u201c{name}\u201d. Your changes go into the copy.").format(
                name=saved.name
            )
        )
        return saved

    def save(self) -> Routine | None:
        """Write the document if it has changes and no problems; the routine as saved."""
        document = self.editable()
        if document is None or document.problems:
            return None
        if not document.is_dirty:
            return document.routine
        routine = document.routine
        if self._derive_id:
            new_id = routine_store.available_id(routine.name or "routine", self.folder)
            routine = replace(routine, id=new_id)
        pictures = {exercise_id: Path(file) for exercise_id, file in document.draft.pictures}
        try:
            saved, _path = routine_store.save_routine(routine, self.folder, pictures=pictures)
        except RoutineStoreError as exc:
            self.failed.emit(_("The routine was not saved"), exc)
            return None
        self._derive_id = False
        document.mark_saved(saved)
        self._watcher.reload()
        self.notice.emit(_("Saved \u201c{name}\u201d.").format(name=saved.name))
        self.saved.emit(saved)
        return saved

    def delete(self) -> bool:
        """Remove the open user routine's file (a new one is just dropped), open the first."""
        document = self.editable()
        if document is None:
            return False
        routine = document.routine
        if document.unsaved:
            self.open_first()
            return True
        try:
            routine_store.delete_routine(routine.id, self.folder)
        except RoutineStoreError as exc:
            self.failed.emit(_("The routine could not be deleted"), exc)
            return False
        self.close_document()
        self._watcher.reload()
        self.open_first()
        self.deleted.emit(routine.id)
        self.notice.emit(_("Deleted \u201c{name}\u201d.").format(name=routine.name))
        return True

    def discard(self, path: TreePath | None = None) -> bool:
        """Back to the routine as its file holds it now (read again: it may have changed
        outside Supple); a new routine is dropped. Whether the same routine is open again."""
        document = self._document
        if document is None or not document.is_dirty:
            return False
        if document.unsaved:
            self.open_first()
            return False
        on_disk = self._watcher.reload().find(document.routine.id)
        if on_disk is None:
            self.open_first()
            self.notice.emit(_("The routine's file was removed outside Supple; nothing was kept."))
            return False
        keep = path if path is not None and path[0] < len(on_disk.blocks) else None
        self.open(on_disk, path=keep)
        return True

    def import_file(self, source: Path) -> ImportResult | None:
        """Add a routine from a bundle or a routine file, and open it."""
        try:
            result = routine_store.import_routine(source, self.folder)
        except RoutineStoreError as exc:
            self.failed.emit(_("{file} was not imported").format(file=source.name), exc)
            return None
        self._watcher.reload()
        self.open(result.routine, read_only=False)
        self.saved.emit(result.routine)
        routine = result.routine
        if result.renamed_from:
            notice = _(
                "Imported \u201c{name}\u201d (its id was taken, so it is now \u201c{id}\u201d)."
            ).format(name=routine.name, id=routine.id)
        else:
            notice = _("Imported \u201c{name}\u201d.").format(name=routine.name)
        self.notice.emit(notice)
        return result

    def export_to(self, target: Path) -> Path | None:
        """Write the open routine (as saved) and its pictures to a shareable .zip bundle."""
        if self._document is None:
            return None
        if self._document.is_dirty:
            self.notice.emit(_("Save your changes before exporting, so the bundle holds them."))
            return None
        try:
            written = routine_store.export_bundle(self._document.routine, target, self.folder)
        except RoutineStoreError as exc:
            self.failed.emit(_("The routine was not exported"), exc)
            return None
        self.notice.emit(_("Exported to {file}.").format(file=written))
        return written

    def follow_library(self, library: Library, path: TreePath | None) -> None:
        """The folder changed on disk: reload a clean routine, keep a changed one and say so."""
        document = self._document
        if document is None or document.unsaved:
            return
        on_disk = library.find(document.routine.id)
        if on_disk is None:
            if not document.is_dirty:
                self.open_first()
                self.notice.emit(_("The routine's file was removed outside Supple."))
            else:
                self.notice.emit(
                    _("The routine's file was removed outside Supple; Save writes it again.")
                )
        elif on_disk != document.routine and not document.is_dirty and not document.read_only:
            self.open(on_disk, read_only=False, path=path)
            self.notice.emit(_("Reloaded: the routine's file was changed outside Supple."))
        elif on_disk != document.routine and document.is_dirty and document.undo_stack.count():
            self.notice.emit(
                _(
                    "The routine's file was changed outside Supple; "
                    "Save replaces it with this version."
                )
            )

    # --- changing the structure --------------------------------------------------------

    def add_entry(
        self, exercise_id: str, target: tuple[int, int] | None, *, before: object = None
    ) -> tuple[int, int] | None:
        """Add an exercise (built-in or own) at ``target`` (block, position), or at the end
        of the last block (a new one if there is none); returns where it went."""
        document = self.editable()
        exercise = document.exercises().get(exercise_id) if document is not None else None
        if document is None or exercise is None:
            return None
        routine = document.routine
        if target is not None:
            block, position = target
        elif routine.blocks:
            block = len(routine.blocks) - 1
            position = len(routine.blocks[block].entries)
        else:
            routine, block = edits.add_block(routine, None, _("Circuit"))
            position = 0
        document.edit(
            edits.insert_entry(routine, block, position, Entry(exercise=exercise_id)),
            text=_("Add {exercise}").format(exercise=exercise.name),
            focus=("tree", (block, position)),
            focus_before=before,
        )
        return block, position

    def add_block(self, path: TreePath | None) -> int | None:
        """A new block after the one ``path`` is in (at the end without one)."""
        document = self.editable()
        if document is None:
            return None
        routine = document.routine
        after = path[0] if path is not None else None
        routine, block = edits.add_block(routine, after, edits.unique_block_name(routine))
        document.edit(
            routine,
            text=_("Add a block"),
            focus=("tree", (block, None)),
            focus_before=("tree", path),
        )
        return block

    def shift(self, path: TreePath | None, delta: int) -> bool:
        """Move an entry (or block) one place up (-1) or down (+1)."""
        document = self.editable()
        if document is None or path is None:
            return False
        block, entry = path
        if entry is None:
            routine, target = edits.shift_block(document.routine, block, delta)
            focus: TreePath = (target, None)
            text = _("Move the block")
        else:
            routine, focus = edits.shift_entry(document.routine, block, entry, delta)
            text = _("Move the exercise")
        return document.edit(routine, text=text, focus=("tree", focus), focus_before=("tree", path))

    def move_entry(self, from_block: int, from_entry: int, to_block: int, to_position: int) -> None:
        """A drop: move an entry to a place in a block."""
        document = self.editable()
        if document is None:
            return
        routine, focus = edits.move_entry(
            document.routine, from_block, from_entry, to_block, to_position
        )
        document.edit(
            routine,
            text=_("Move the exercise"),
            focus=("tree", focus),
            focus_before=("tree", (from_block, from_entry)),
        )

    def remove(self, path: TreePath | None) -> bool:
        """Remove a block or an entry; the selection goes to its neighbour."""
        document = self.editable()
        if document is None or path is None:
            return False
        block, entry = path
        routine = document.routine
        if entry is None:
            name = routine.blocks[block].name
            new = edits.remove_block(routine, block)
            after: TreePath | None = (min(block, len(new.blocks) - 1), None) if new.blocks else None
            if name:
                text = _("Remove {block}").format(block=name)
            else:
                text = _("Remove block {number}").format(number=block + 1)
        else:
            new = edits.remove_entry(routine, block, entry)
            remaining = len(new.blocks[block].entries)
            after = (block, min(entry, remaining - 1)) if remaining else (block, None)
            text = _("Remove the exercise")
        return document.edit(new, text=text, focus=("tree", after), focus_before=("tree", path))

    # --- the routine's own exercises ---------------------------------------------------

    def create_exercise(self, name: str, kind: Kind, *, before: object = None) -> str | None:
        """Add an exercise of the routine's own; its id comes from the name. Returns the id."""
        document = self.editable()
        if document is None:
            return None
        taken = set(builtin_exercises()) | {e.id for e in document.routine.exercises}
        base = routine_store.slugify(name)
        exercise_id = base
        number = 2
        while exercise_id in taken:
            exercise_id = f"{base[:60]}-{number}"
            number += 1
        document.edit(
            edits.add_exercise(document.routine, edits.new_exercise(exercise_id, name, kind)),
            text=_("Create {exercise}").format(exercise=name),
            focus=("exercise", exercise_id),
            focus_before=before,
        )
        return exercise_id

    def remove_exercise(self, exercise_id: str) -> bool:
        """Remove an own exercise and every place it is used (Undo brings them back)."""
        document = self.editable()
        exercise = document.own_exercise(exercise_id) if document is not None else None
        if document is None or exercise is None:
            return False
        routine, removed = edits.remove_exercise(document.routine, exercise.id)
        position = [e.id for e in document.routine.exercises].index(exercise.id)
        remaining = [e.id for e in routine.exercises]
        focus = remaining[min(position, len(remaining) - 1)] if remaining else ""
        changed = document.edit(
            routine,
            pictures=document.draft.with_picture(exercise.id, None),
            text=_("Remove {exercise}").format(exercise=exercise.name),
            focus=("exercise", focus),
            focus_before=("exercise", exercise.id),
        )
        if removed:
            self.notice.emit(
                ngettext(
                    "Removed {exercise} and the {count} place it was used. Undo brings it back.",
                    "Removed {exercise} and the {count} places it was used. Undo brings them back.",
                    removed,
                ).format(exercise=exercise.name, count=removed)
            )
        return changed

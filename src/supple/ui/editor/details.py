"""The right-hand pane: the details of what is selected (a block, an entry, an own exercise),
or a hint when nothing is."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QScrollArea, QVBoxLayout, QWidget

from supple.core.i18n import _
from supple.ui.editor.block_panel import BlockPanel
from supple.ui.editor.entry_panel import EntryPanel
from supple.ui.editor.exercise_panel import ExercisePanel
from supple.ui.editor.style import label
from supple.ui.theme import set_role


class DetailsPane(QFrame):
    def __init__(self) -> None:
        super().__init__()
        set_role(self, "panel")
        self.block_panel = BlockPanel()
        self.entry_panel = EntryPanel()
        self.exercise_panel = ExercisePanel()
        self.empty_panel = label(_("Select a block or an exercise to change it."), role="caption")
        self.empty_panel.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Only the shown page takes part in the layout, so a short page never scrolls
        # because a taller one is hidden behind it (as it would in a QStackedWidget).
        pages_holder = QWidget()
        pages = QVBoxLayout(pages_holder)
        pages.setContentsMargins(0, 0, 0, 0)
        for page in (self.empty_panel, self.block_panel, self.entry_panel, self.exercise_panel):
            pages.addWidget(page)
            page.hide()
        self.current_page: QWidget = self.empty_panel
        self.empty_panel.show()
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.scroll_area.setFrameShape(QFrame.Shape.NoFrame)
        inner = QWidget()
        inner_layout = QVBoxLayout(inner)
        inner_layout.setContentsMargins(18, 16, 18, 16)
        inner_layout.addWidget(pages_holder)
        self.scroll_area.setWidget(inner)
        frame_layout = QVBoxLayout(self)
        frame_layout.setContentsMargins(1, 1, 1, 1)
        frame_layout.addWidget(self.scroll_area)

    def show_page(self, page: QWidget) -> None:
        if page is not self.current_page:
            self.current_page.hide()
            page.show()
            self.current_page = page

    def show_block(self, block: int) -> None:
        self.block_panel.show_block(block)
        self.show_page(self.block_panel)

    def show_entry(self, block: int, entry: int) -> None:
        self.entry_panel.show_entry(block, entry)
        self.show_page(self.entry_panel)

    def show_exercise(self, exercise_id: str) -> None:
        self.exercise_panel.show_exercise(exercise_id)
        self.show_page(self.exercise_panel)

    def show_nothing(self) -> None:
        self.show_page(self.empty_panel)

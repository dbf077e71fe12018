"""The window's pages, each built the first time it is needed.

Only Home exists when the window opens. Every other page has a factory and is
built when first shown (or asked for), so a window opened and closed again never
pays for the session player, the history screen or the editor.
"""

from __future__ import annotations

from collections.abc import Callable
from enum import StrEnum

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStackedWidget, QWidget


class Page(StrEnum):
    HOME = "home"
    CHECK_IN = "check_in"
    SESSION = "session"
    SUMMARY = "summary"
    HISTORY = "history"
    EDITOR = "editor"


TOOL_PAGES = (Page.HISTORY, Page.EDITOR)
"""Pages with their own keys: the session's keys are off while they show."""


class PageStack(QStackedWidget):
    page_built = Signal(str)
    """A page was built on first use (its ``Page``): the moment to fill its slots."""

    def __init__(self, home: QWidget) -> None:
        super().__init__()
        self.setObjectName("MainRoot")
        self._pages: dict[Page, QWidget] = {Page.HOME: home}
        self._factories: dict[Page, Callable[[], QWidget]] = {}
        self.addWidget(home)

    @property
    def current_page(self) -> Page:
        widget = self.currentWidget()
        return next((page for page, w in self._pages.items() if w is widget), Page.HOME)

    def widget(self, page: Page) -> QWidget | None:  # type: ignore[override]  # by page, not index
        """``page``'s widget if it was built."""
        return self._pages.get(page)

    def set_factory(self, page: Page, factory: Callable[[], QWidget] | None) -> None:
        if factory is None:
            self._factories.pop(page, None)
        else:
            self._factories[page] = factory

    def has_factory(self, page: Page) -> bool:
        return page in self._factories

    def build(self, page: Page) -> QWidget | None:
        """``page``'s widget, built now from its factory if need be; None if nothing builds it."""
        if page not in self._pages and (factory := self._factories.pop(page, None)):
            self.add(page, factory())
            self.page_built.emit(page)
        return self._pages.get(page)

    def add(self, page: Page, widget: QWidget) -> None:
        self._pages[page] = widget
        self.addWidget(widget)

    def remove(self, page: Page) -> None:
        widget = self._pages.pop(page, None)
        if widget is not None:
            self.removeWidget(widget)

    def show_page(self, page: Page) -> None:
        self.setCurrentWidget(self._pages[page])

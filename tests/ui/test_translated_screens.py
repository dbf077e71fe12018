"""Every screen in the pseudo-language (accented, a third longer) and in German: no English
word left in a label or button, and nothing cut off.

What a routine and its exercises say (names, cues, block names) is content, translated
with the content, so the words of the test's own routine and history are allowed through.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QFontMetrics
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QComboBox,
    QLabel,
    QPushButton,
    QStyle,
    QStyleOptionButton,
    QTableView,
    QWidget,
)

from supple.core import i18n
from supple.core.catalog import builtin_exercises
from supple.core.plan import StepKind
from supple.qt.session_controller import Command
from supple.storage.records import SELF_TEST_KINDS
from supple.storage.settings import Settings
from supple.ui.history import CheckOutPanel, HomeHistorySummary, TightnessCheckIn
from supple.ui.history.dialogs import ConfirmDialog, SelfTestDialog
from supple.ui.history.messages import RESUME_TITLE
from supple.ui.page_stack import Page
from supple.ui.sound_settings import SoundSettingsDialog
from supple.ui.widgets import KeyButton
from tests.ui.history.clipping import clipped_headers
from tests.ui.history.conftest import (  # noqa: F401 - the history's fixtures, shared here
    SIZE,
    TODAY,
    loosening,
    make_review,
    records,
    store,
)
from tests.ui.test_layout import clipped_labels

WORD = re.compile(r"[A-Za-z]{2,}")
PSEUDO_TEXT = re.compile(re.escape(i18n.PSEUDO_OPEN) + ".*?" + re.escape(i18n.PSEUDO_CLOSE), re.S)
NAMES = {"Supple", "Esc", "Enter", "F11", "Ctrl", "min"}
"""Names that stay as they are in every language (keys, the app), and the duration unit
``core.timefmt`` writes (translated with the core)."""


@pytest.fixture(params=[i18n.PSEUDO, "de"])
def language(request):
    i18n.set_language(request.param)
    yield request.param
    i18n.set_language("en")


def content_words(routine) -> set[str]:
    """Every word the routine, its exercises and the test history bring themselves."""
    texts = [routine.name, routine.description, "Pelvic basics", "Pelvic tilt"]
    texts += [block.name for block in routine.blocks]
    for exercise in builtin_exercises().values():
        texts += [exercise.name, *exercise.cues, *exercise.phases, *exercise.equipment]
    texts += [kind.name for kind in SELF_TEST_KINDS.values()]
    words = {word for text in texts for word in WORD.findall(text)}
    return words | {word.upper() for word in words}


def shown_texts(root: QWidget) -> Iterator[str]:
    for label in root.findChildren(QLabel):
        if label.isVisibleTo(root) and label.text():
            yield label.text()
    for button in root.findChildren(QAbstractButton):
        if button.isVisibleTo(root):
            yield button.text_shown() if isinstance(button, KeyButton) else button.text()
    for combo in root.findChildren(QComboBox):
        if combo.isVisibleTo(root):
            yield combo.currentText()
    for view in root.findChildren(QTableView):
        if view.isVisibleTo(root) and view.model() is not None:
            model = view.model()
            for column in range(model.columnCount()):
                yield str(model.headerData(column, Qt.Orientation.Horizontal) or "")


def english_left(root: QWidget, allowed: set[str]) -> list[str]:
    """Texts with a word the pseudo-language did not touch, and not content."""
    found = []
    for text in shown_texts(root):
        plain = PSEUDO_TEXT.sub(" ", text)
        words = [w for w in WORD.findall(plain) if w not in allowed and w not in NAMES]
        if words:
            found.append(f"{text!r}: {words}")
    return found


def clipped_buttons(root: QWidget) -> list[str]:
    """Push buttons whose text is wider than the box the style draws it in."""
    found = []
    for button in root.findChildren(QPushButton):
        if not button.isVisibleTo(root) or not button.text():
            continue
        option = QStyleOptionButton()
        button.initStyleOption(option)
        box = button.style().subElementRect(QStyle.SubElement.SE_PushButtonContents, option, button)
        need = QFontMetrics(button.font()).horizontalAdvance(button.text().replace("&", ""))
        if need > box.width():
            found.append(f"{button.text()!r}: needs {need} px, has {box.width()}")
    return found


def _fits_without_amp(label: QLabel) -> bool:
    """A buddy's caption (``&Volume``): its ``&`` only underlines the next letter."""
    text = label.text()
    width = QFontMetrics(label.font()).horizontalAdvance(text.replace("&", ""))
    return "&" in text and width <= label.contentsRect().width()


def _only_too_tall(problem: str) -> bool:
    """``'...': needs 206x55, has 701x38`` is cut at the top, not the side."""
    sizes = re.findall(r"(\d+)x(\d+)", problem)
    return len(sizes) == 2 and int(sizes[0][0]) <= int(sizes[1][0])


def problems(root: QWidget, language: str, allowed: set[str]) -> list[str]:
    """What is wrong on ``root``: English left (pseudo only) first, then clipped text."""
    for _ in range(3):  # the layouts settle (a page just shown takes the window's unit)
        QApplication.processEvents()
    mnemonics = {label.text() for label in root.findChildren(QLabel) if _fits_without_amp(label)}
    found = [
        text
        for text in clipped_labels(root)
        if not text.startswith(tuple(repr(m) for m in mnemonics))
    ]
    found += clipped_buttons(root)
    if language == i18n.PSEUDO:  # its accents come from a fallback font with taller lines
        found = [text for text in found if not _only_too_tall(text)]
    for view in root.findChildren(QTableView):
        if view.isVisibleTo(root):
            found += clipped_headers(view)
    if language == i18n.PSEUDO:
        found += english_left(root, allowed)
    return found


def test_every_screen_is_translated_and_fits(
    qtbot,
    language,
    store,  # noqa: F811 - the history's fixtures, imported above
    loosening,  # noqa: F811
    make_review,  # noqa: F811
    make_window,
    drill,
):
    allowed = content_words(drill)
    window = make_window(drill, settings=None)
    window.set_check_in(TightnessCheckIn())
    found: dict[str, list[str]] = {"home": problems(window, language, allowed)}
    qtbot.keyClick(window, Qt.Key.Key_Return)
    assert window.current_page is Page.CHECK_IN
    found["check-in"] = problems(window, language, allowed)
    qtbot.keyClick(window.focusWidget() or window, Qt.Key.Key_Escape)  # no answer: the session
    controller = window.controller
    found["get ready"] = problems(window, language, allowed)
    seen = {StepKind.GET_READY}
    while len(seen) < 4:
        controller.command(Command.NEXT)
        kind = controller.engine.step.kind
        if kind not in seen:
            seen.add(kind)
            window.session_view.refresh()
            found[kind.value] = problems(window, language, allowed)
    controller.command(Command.PAUSE)
    found["paused"] = problems(window, language, allowed)
    controller.command(Command.STOP_REQUEST)
    found["stop question"] = problems(window, language, allowed)
    controller.command(Command.STOP_CANCEL)
    window.ask(
        i18n._(RESUME_TITLE),
        i18n._(
            "{routine}, started {started}, stopped at set {position} of {sets} "
            "({active} done). Resume it, or keep what was done as a partial session."
        ).format(routine=drill.name, started="07:30", position=4, sets=19, active="6 min"),
        yes=i18n._("Resume"),
        no=i18n._("Keep as partial"),
        answer=lambda answer: None,
    )
    found["resume question"] = problems(window, language, allowed)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    controller.command(Command.RESUME)
    controller.end_now()
    assert window.current_page is Page.SUMMARY
    found["summary"] = problems(window, language, allowed)

    screen = make_review(store)
    for tab in range(3):
        screen.show_tab(tab)
        qtbot.wait(1)
        found[f"history tab {tab + 1}"] = problems(screen, language, allowed)
    check_out = CheckOutPanel()
    check_out.prepare(tightness_before=6)
    pages = {
        "home strip": HomeHistorySummary(store, today=lambda: TODAY),
        "check-out": check_out,
        "self-test dialog": SelfTestDialog(),
        "delete question": ConfirmDialog(i18n._("Delete this session?"), i18n._("this session")),
        "sound settings": SoundSettingsDialog(Settings(), None),
    }
    for name, page in pages.items():
        qtbot.addWidget(page)
        if name in ("home strip", "check-out"):
            page.resize(*SIZE)
        page.show()
        qtbot.waitExposed(page)
        found[name] = problems(page, language, allowed)
    english = {
        name: [t for t in texts if "needs" not in t and "ends at" not in t]
        for name, texts in found.items()
    }
    english = {name: texts for name, texts in english.items() if texts}
    assert not english, "\n".join(f"{name}: {texts}" for name, texts in english.items())
    clipped = {name: texts for name, texts in found.items() if texts}
    assert not clipped, "\n".join(f"{name}: {texts}" for name, texts in clipped.items())

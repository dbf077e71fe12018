"""The assembled app: what it selects, shows, saves and asks of the desktop."""

from __future__ import annotations

import os
import subprocess
import sys
import tomllib

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from supple import paths
from supple.app.main import DESKTOP_FILE, Supple, run_app
from supple.storage.history import open_history
from supple.storage.settings import Settings, save_settings
from supple.ui.main_window import Page
from tests.storage.history_builders import Records
from tests.storage.test_history_open import read_only, run_unprivileged, supple_command


class RecordingScreenSaver:
    def __init__(self):
        self.calls = []

    def inhibit(self, application, reason):
        self.calls.append("inhibit")
        return 7

    def uninhibit(self, cookie):
        self.calls.append("uninhibit")


@pytest.fixture
def make_app(qtbot):
    made = []

    def make(routine=None, backend=None):
        app = Supple(routine, screen_awake_backend=backend or RecordingScreenSaver())
        made.append(app)
        qtbot.addWidget(app.window)
        app.show()
        app.window.activateWindow()
        qtbot.waitUntil(app.window.isActiveWindow)
        return app

    yield make
    for app in made:  # as run_app does once the window closes: no thread outlives the test
        app.shut_down()


def write_user_routine(name, text):
    folder = paths.routines_dir()
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(text, encoding="utf-8")


def test_default_routine_is_selected_on_first_start(make_app):
    app = make_app()
    assert app.window.home.selected_routine().id == "hamstring-reset"
    assert app.window.home.problems_shown() == []
    assert not app.window.home.banner.isVisibleTo(app.window)


def test_routine_from_the_command_line_wins_over_the_last_one(make_app):
    save_settings(Settings(last_routine="quick-reset"))
    assert make_app().window.home.selected_routine().id == "quick-reset"
    assert make_app("Pre-run Warm-up").window.home.selected_routine().id == "pre-run-warm-up"


def test_unknown_routine_is_reported_on_home_and_the_default_selected(make_app, capsys):
    app = make_app("no-such-routine")
    assert app.window.home.selected_routine().id == "hamstring-reset"
    shown = " ".join(app.window.home.problems_shown())
    assert 'no routine "no-such-routine"' in shown
    assert "no-such-routine" in capsys.readouterr().err


def test_broken_files_are_listed_in_one_banner_and_the_rest_still_loads(make_app):
    write_user_routine("broken.toml", 'id = "broken"\nname = [\n')
    write_user_routine("typo.toml", 'format = 1\nid = "typo"\nname = "Typo"\nblokcs = []\n')
    paths.settings_file().write_text("theme = 'sepia'\n", encoding="utf-8")
    app = make_app()
    home = app.window.home
    shown = home.problems_shown()
    assert home.banner.isVisibleTo(app.window)
    assert any("broken.toml" in line for line in shown)
    assert any("typo.toml" in line for line in shown)
    assert any("theme" in line and "sepia" in line for line in shown)
    assert home.banner_title.text() == f"{len(shown)} things need your attention"
    assert {r.id for r in home.routines()} >= {"hamstring-reset", "quick-reset"}


def test_a_running_session_keeps_the_screen_awake_until_it_ends(qtbot, make_app):
    saver = RecordingScreenSaver()
    app = make_app("quick-reset", backend=saver)
    qtbot.keyClick(app.window, Qt.Key.Key_Return)
    assert app.window.current_page is Page.CHECK_IN  # "how tight?" comes first
    assert saver.calls == []
    qtbot.keyClick(app.window.focusWidget() or app.window, Qt.Key.Key_Escape)  # skip it
    assert app.window.current_page is Page.SESSION
    assert saver.calls == ["inhibit"]
    qtbot.keyClick(app.window, Qt.Key.Key_Escape)
    qtbot.keyClick(app.window, Qt.Key.Key_Return)
    assert app.window.current_page is Page.SUMMARY
    assert saver.calls == ["inhibit", "uninhibit"]


def test_settings_changes_are_saved_to_disk(qtbot, make_app):
    app = make_app("quick-reset")
    qtbot.keyClick(app.window, Qt.Key.Key_T)
    qtbot.keyClick(app.window, Qt.Key.Key_M)
    qtbot.keyClick(app.window, Qt.Key.Key_Return)
    saved = tomllib.loads(paths.settings_file().read_text(encoding="utf-8"))
    assert saved["theme"] == "light"
    assert saved["sound_on"] is False
    assert saved["last_routine"] == "quick-reset"


def test_a_settings_file_that_cannot_be_written_is_a_notice_not_a_crash(qtbot, make_app):
    app = make_app()
    paths.settings_file().mkdir(parents=True)  # a folder where the file should go
    qtbot.keyClick(app.window, Qt.Key.Key_T)
    assert any("Could not save settings" in line for line in app.window.home.problems_shown())


def test_run_app_opens_the_window_and_returns_when_it_closes(qtbot):
    seen = {}

    def close_soon():
        windows = [w for w in QApplication.topLevelWidgets() if w.isVisible()]
        seen["titles"] = [w.windowTitle() for w in windows]
        for window in windows:
            window.close()

    QTimer.singleShot(300, close_soon)
    assert run_app(routine="quick-reset") == 0
    assert "Supple" in seen["titles"]
    assert QApplication.desktopFileName() == DESKTOP_FILE
    assert QApplication.applicationName() == "Supple"


def test_python_m_supple_starts_without_errors(tmp_path):
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", paths.DATA_DIR_ENV: str(tmp_path)}
    process = subprocess.Popen(
        [sys.executable, "-m", "supple"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        _, err = process.communicate(timeout=4)
    except subprocess.TimeoutExpired:
        process.terminate()
        _, err = process.communicate(timeout=10)
    else:
        pytest.fail(f"the app exited by itself: {err}")
    assert "Traceback" not in err
    assert "Error" not in err


def test_editor_and_history_open_from_home_and_come_back(qtbot, make_app):
    app = make_app("quick-reset")
    qtbot.keyClick(app.window, Qt.Key.Key_E)
    assert app.window.current_page is Page.EDITOR
    editor = app.window.page_widget(Page.EDITOR)
    assert editor.routine.id == "quick-reset"  # opens on the routine selected at home
    qtbot.keyClick(app.window, Qt.Key.Key_Return)  # Enter does not start a session from here
    assert app.window.current_page is Page.EDITOR and not app.window.controller.running
    app.window.go_home()
    app.home_history.open_history_requested.emit()
    assert app.window.current_page is Page.HISTORY
    app.window.go_home()
    assert app.window.current_page is Page.HOME


def test_a_routine_saved_in_the_editor_appears_on_home(qtbot, make_app):
    app = make_app("quick-reset")
    app.window.show_page(Page.EDITOR)
    copy = app.window.page_widget(Page.EDITOR).duplicate_routine()
    assert copy is not None
    qtbot.waitUntil(lambda: any(r.id == copy.id for r in app.window.home.routines()), timeout=5000)
    app.window.go_home()
    assert app.window.home.selected_routine().id == copy.id  # Enter runs the copy, not the original


def test_a_routine_file_broken_and_mended_while_running_shows_on_home(qtbot, make_app):
    app = make_app()
    home = app.window.home
    assert home.problems_shown() == []
    write_user_routine("later.toml", 'id = "later"\nname = [\n')
    qtbot.waitUntil(lambda: any("later.toml" in p for p in home.problems_shown()), timeout=5000)
    assert home.banner.isVisibleTo(app.window)
    (paths.routines_dir() / "later.toml").unlink()
    qtbot.waitUntil(lambda: home.problems_shown() == [], timeout=5000)


def test_the_goal_and_the_check_in_question_are_set_from_the_history_screen(qtbot, make_app):
    save_settings(Settings(weekly_goal=3, ask_tightness_before=False))
    app = make_app()
    qtbot.waitUntil(lambda: app.history_opened)
    assert app.window.page_widget(Page.CHECK_IN) is None
    app.home_history.open_history_requested.emit()
    review = app.window.page_widget(Page.HISTORY)
    review.overview_tab.goal_box.setFocus()
    qtbot.keyClick(review.overview_tab.goal_box, Qt.Key.Key_Down)
    review.overview_tab.ask_box.setFocus()
    qtbot.keyClick(review.overview_tab.ask_box, Qt.Key.Key_Space)
    saved = tomllib.loads(paths.settings_file().read_text(encoding="utf-8"))
    assert saved["weekly_goal"] == 4
    assert saved["ask_tightness_before"] is True
    app.window.go_home()
    qtbot.keyClick(app.window, Qt.Key.Key_Return)  # the question is asked again
    assert app.window.current_page is Page.CHECK_IN


def test_sound_comes_up_after_the_window_and_follows_the_session(qtbot, make_app):
    app = make_app("quick-reset")
    assert app.sound.player is None  # nothing audio-related on the start-up path
    with qtbot.waitSignal(app.sound.ready, timeout=30_000):
        app.sound.start()
    assert app.sound.speech.engine == "mock"
    qtbot.keyClick(app.window, Qt.Key.Key_Return)
    qtbot.keyClick(app.window.focusWidget() or app.window, Qt.Key.Key_Escape)  # skip check-in

    def spoken():
        return [text for _, kind, text in app.sound.scheduler.heard if kind == "speech"]

    qtbot.waitUntil(lambda: len(spoken()) > 0, timeout=5000)
    assert "Leg swings, front to back" in spoken()[0]  # the get-ready names the first set
    qtbot.keyClick(app.window, Qt.Key.Key_M)
    assert app.sound.scheduler.muted


def test_sound_settings_open_from_home_and_are_kept(qtbot, make_app):
    from supple.storage.settings import load_settings
    from supple.ui.sound_settings import SoundSettingsDialog

    app = make_app("quick-reset")
    qtbot.keyClick(app.window, Qt.Key.Key_O)
    [dialog] = app.window.findChildren(SoundSettingsDialog)
    assert dialog.isVisible()
    dialog.settings_changed.emit(dialog.settings().with_changes(volume=0.3, count_reps_aloud=False))
    assert app.window.settings.volume == 0.3 and not app.window.settings.count_reps_aloud
    assert load_settings().settings.volume == 0.3
    assert not app.sound.scheduler._announcer.count_aloud


def test_every_home_key_has_a_visible_button(make_app):
    app = make_app("quick-reset")
    home = app.window.home
    for button in (
        home.edit_button,
        home.sound_button,
        home.theme_button,
        home.mute_button,
        home.fullscreen_button,
        home.start_button,
    ):
        assert button.isVisible() and button.window() is app.window


def test_the_history_opens_just_after_the_first_paint_and_fills_home(qtbot):
    app = Supple(screen_awake_backend=RecordingScreenSaver())
    qtbot.addWidget(app.window)
    assert not app.history_opened
    assert app.window.home.history_area.content() is None
    app.show()
    qtbot.waitUntil(lambda: app.history_opened)
    assert app.window.home.history_area.content() is not None
    assert app.home_history.isVisibleTo(app.window)
    assert app.home_history.texts()[0].startswith("No sessions yet.")


def test_the_session_pages_are_built_when_the_first_session_starts(make_app, qtbot):
    app = make_app("quick-reset")
    window = app.window
    assert window.page_widget(Page.SESSION) is None and window.page_widget(Page.SUMMARY) is None
    assert app.check_in is None and app.check_out is None
    window.start_session()
    assert window.current_page is Page.CHECK_IN and app.check_in is not None
    qtbot.keyClick(window, Qt.Key.Key_Escape)  # skips the question
    assert window.current_page is Page.SESSION
    assert app.check_out is not None
    assert window.summary_view.extras_area.content() is app.check_out
    window.controller.end_now()
    assert window.current_page is Page.SUMMARY


def test_a_data_folder_that_cannot_be_created_is_a_notice_not_a_crash(qtbot, tmp_path):
    blocker = tmp_path / "data"
    blocker.write_text("a file where the data folder should be", encoding="utf-8")
    paths.set_data_dir(blocker)
    app = Supple(screen_awake_backend=RecordingScreenSaver())
    qtbot.addWidget(app.window)
    app.show()
    assert app.window.home.selected_routine().id == "hamstring-reset"
    shown = app.window.home.problems_shown()
    assert any(f"cannot create its routines folder {blocker / 'routines'}" in s for s in shown)
    qtbot.waitUntil(lambda: app.history_opened)
    assert any(str(paths.history_db()) in m for m in app.history_notices.messages())


def test_supple_starts_in_a_read_only_data_folder(tmp_path):
    """The audit's case: the history exists, and nothing in the folder can be written."""
    data = tmp_path / "data"
    with open_history(data / "history.sqlite3") as store:
        Records().run(store)
    with read_only(data):
        started = run_unprivileged(*supple_command(data, "--smoke-test"), timeout=120)
    assert started.returncode == 0, started.stderr
    assert started.stdout.startswith("ready ")
    assert "Traceback" not in started.stderr


SHOW_WHAT_HOME_SAYS = """
import sys
from pathlib import Path
from PySide6.QtWidgets import QApplication
from supple import paths
from supple.app.main import Supple
from tests.app.test_main import RecordingScreenSaver

paths.set_data_dir(Path(sys.argv[1]))
qt = QApplication([])
app = Supple(screen_awake_backend=RecordingScreenSaver())
app.show()
app.open_history()
for line in app.window.home.problems_shown():
    print("home:", line)
for line in app.history_notices.messages():
    print("history:", line)
print("sessions:", app.recorder.store.session_count(), app.home_history.is_empty)
"""


def test_a_read_only_data_folder_shows_the_history_and_says_what_to_do(tmp_path):
    data = tmp_path / "data"
    with open_history(data / "history.sqlite3") as store:
        Records().run(store)
    with read_only(data):
        shown = run_unprivileged(sys.executable, "-c", SHOW_WHAT_HOME_SAYS, str(data))
    assert shown.returncode == 0, shown.stderr
    lines = shown.stdout.splitlines()
    routines = f"home: Supple cannot create its routines folder {data / 'routines'}"
    assert any(line.startswith(routines) and f"make {data} writable" in line for line in lines)
    history = f"history: The history at {data / 'history.sqlite3'} can be read but not written"
    assert any(line.startswith(history) for line in lines), lines
    assert "sessions: 1 False" in lines


def test_esc_right_after_start_keeps_nothing_and_says_so(qtbot, make_app):
    app = make_app("quick-reset")
    window = app.window
    qtbot.waitUntil(lambda: app.history_opened)
    window.set_check_in(None)
    qtbot.keyClick(window, Qt.Key.Key_Return)
    qtbot.keyClick(window, Qt.Key.Key_Escape)
    qtbot.keyClick(window, Qt.Key.Key_Return)  # yes, end it
    assert window.current_page is Page.SUMMARY
    assert window.summary_view.kicker_label.text().startswith("TOO SHORT TO KEEP")
    qtbot.keyClick(window, Qt.Key.Key_Return)  # home
    assert app.home_history.is_empty
    with open_history() as store:
        assert store.session_count() == 0

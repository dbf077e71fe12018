"""What the hands-free parts tell the user comes out in the language in force: the voice
commands' notices (no microphone, no speech model) and the step MPRIS shows the desktop."""

from __future__ import annotations

from supple.core import i18n
from supple.core.events import StepStarted
from supple.qt.mpris import step_metadata
from supple.qt.session_controller import SessionController
from supple.qt.voice_commands import NO_MICROPHONE, VoiceCommands, model_problem
from tests.qt.test_mpris import routine


def test_voice_notices_are_in_german(qtbot, german):
    voice = VoiceCommands(SessionController())
    with qtbot.waitSignal(voice.problem, timeout=1000) as said:
        voice.on_model_failed(model_problem(ImportError("No module named 'numpy'")))
    assert said.args == [
        "Sprachbefehle sind aus: Das Sprachmodell ließ sich nicht laden (No module named "
        "'numpy'). Installiere Supple mit seinem Sprachteil (pip install 'supple[voice]'); "
        "die Tasten funktionieren weiterhin."
    ]
    assert i18n._(NO_MICROPHONE).startswith("Sprachbefehle sind an, aber es gibt kein Mikrofon")


def test_voice_notices_stay_english_in_english():
    assert model_problem(ImportError("x")).startswith("Voice commands are off")
    assert i18n._(NO_MICROPHONE) == NO_MICROPHONE


def test_the_desktop_sees_a_rest_in_german(qtbot, german):
    controller = SessionController()
    events = []
    controller.event_occurred.connect(events.append)
    controller.start(routine())
    first = next(e for e in events if isinstance(e, StepStarted))
    assert not first.step.is_work
    metadata = step_metadata(controller.current, first)
    assert metadata is not None and metadata["xesam:title"] == ("s", "Pause")
    controller.end_now()

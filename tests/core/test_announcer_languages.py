"""A session heard in German: every prompt in German, and each one fitted to its time in
the German voice's own length, with the shorter wordings German has for a short rest."""

from __future__ import annotations

import re
import subprocess

import pytest

from supple.audio.prompt_audio import espeak_command, voiced_seconds
from supple.audio.words import speakable
from supple.core import i18n
from supple.core.announcer import SPEECH_MARGIN, Announcer, WordRate
from supple.core.catalog import default_routine
from supple.core.cue import Cue
from supple.core.engine import SessionEngine
from supple.core.plan import compile_plan

WORD = re.compile(r"[^\W\d_]{2,}")


class Espeakish:
    """Lengths by characters, slower than the word guess (as in ``test_announcer``)."""

    def seconds(self, text: str) -> float:
        return 0.075 * len(text)


class GermanVoice:
    """Each prompt's length as espeak-ng's German voice says it (what the app measures)."""

    def __init__(self) -> None:
        self.known: dict[str, float] = {}

    def seconds(self, text: str) -> float:
        spoken = speakable(text, "de").strip()
        if spoken not in self.known:
            command = espeak_command(spoken, "de", 0.0)
            assert command is not None
            wav = subprocess.run(command, capture_output=True, check=True, timeout=30).stdout
            self.known[spoken] = voiced_seconds(wav) or 0.0
        return self.known[spoken]


def heard(language: str, lengths) -> list:
    i18n.set_language(language)
    try:
        plan = compile_plan(default_routine())
        announcer = Announcer(count_aloud=True, lengths=lengths, plan=plan)
        engine = SessionEngine(plan)
        out = [a for e in engine.start(0.0) for a in announcer.on_event(e)]
        while not engine.is_over:
            out += [
                a for e in engine.advance(engine.next_deadline()) for a in announcer.on_event(e)
            ]
        return out
    finally:
        i18n.set_language("en")


def words(announcements) -> set[str]:
    """Case kept: "1 Minute" is German, "1 minute" is not."""
    return {w for a in announcements for w in WORD.findall(a.speech)}


def lengths_to_try():
    yield pytest.param(WordRate(), id="words")
    yield pytest.param(Espeakish(), id="chars")
    installed = espeak_command("", "de", 0.0) is not None
    yield pytest.param(
        GermanVoice() if installed else None,
        id="espeak-de",
        marks=pytest.mark.skipif(not installed, reason="espeak-ng is not installed"),
    )


@pytest.mark.parametrize("lengths", list(lengths_to_try()))
def test_a_german_session_is_heard_in_german_and_each_prompt_fits(lengths):
    german = heard("de", lengths)
    english = words(heard("en", WordRate()))
    said = [a for a in german if a.speech]
    assert said and any("Wiederholungen" in a.speech for a in said)
    assert words(german) & english == set(), "English words in the German prompts"
    clear = [a.due for a in german if a.cue is not None and not a.yields]
    for a in said:
        assert a.speech_seconds == lengths.seconds(a.speech)
        ends = a.due + a.speech_seconds + (0 if a.yields else SPEECH_MARGIN)
        late = [due for due in clear if a.due < due < ends - 1e-9]
        assert not late, (a.speech, a.due, late)
    # Every set is still introduced: in full where there is room, by name where not.
    rests = [a.speech for a in german if a.cue is Cue.REST_START and a.speech]
    assert all(r.startswith(("Pause", "Danach")) for r in rests), rests


def test_german_has_a_shorter_wording_for_each_long_one():
    """The wordings a German session may try, longest first, as in English: a short rest
    falls back to fewer words rather than to silence."""
    i18n.set_language("de")
    try:
        plan = compile_plan(default_routine())
        tried = Announcer(plan=plan).prompts(plan)
    finally:
        i18n.set_language("en")
    assert any(t.startswith("Pause, 15 Sekunden. Danach: ") for t in tried)
    assert any(t.startswith("Pause. Danach: ") for t in tried)
    assert "Danach: Beckenkippen." in tried
    assert "Seitenwechsel. Rechte Seite." in tried and "Rechte Seite." in tried

"""Prompt lengths from the voice in use: timed as spoken where they cannot be rendered."""

from __future__ import annotations

from supple.core.announcer import WordRate
from supple.qt.prompt_lengths import PromptLengths


def test_an_unknown_prompt_gets_a_slow_guess_at_the_voices_speed(speech, tmp_path):
    lengths = PromptLengths(speech, tmp_path)
    text = "Rest, 15 seconds. Next: Pelvic tilts."
    normal = lengths.seconds(text)
    assert normal >= WordRate().seconds("Rest, fifteen seconds. Next: Pelvic tilts.")
    speech.set_rate(0.5)
    assert lengths.seconds(text) < normal / 1.5
    assert lengths.guesses == 2 and not lengths.renders()


def test_a_prompt_spoken_once_is_known_by_its_length_and_kept_for_next_time(
    qtbot, speech, tmp_path
):
    lengths = PromptLengths(speech, tmp_path)
    with qtbot.waitSignal(speech.finished, timeout=10_000):
        speech.say("Switch sides. Right side.")
    measured = lengths.seconds("Switch sides. Right side.")
    assert lengths.guesses == 0 and measured > 0.05
    lengths.close()
    again = PromptLengths(speech, tmp_path)
    assert again.seconds("Switch sides. Right side.") == measured and again.guesses == 0
    speech.set_voice(speech.voices()[-1])
    if again.voice_key() != lengths.voice_key():  # another voice: measured anew
        again.seconds("Switch sides. Right side.")
        assert again.guesses == 1


def test_a_prompt_cut_short_is_not_taken_for_its_length(qtbot, speech, tmp_path):
    lengths = PromptLengths(speech, tmp_path)
    speech.say("Rest, 15 seconds. Next: Pelvic tilts, 20 reps.")
    qtbot.waitUntil(speech.is_speaking, timeout=5000)
    with qtbot.waitSignal(speech.finished, timeout=10_000):
        speech.say("Halfway")
    lengths.seconds("Rest, 15 seconds. Next: Pelvic tilts, 20 reps.")
    assert lengths.guesses == 1

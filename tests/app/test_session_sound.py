"""A whole default session, compressed, heard through a real sound server.

The app runs in a child process (``session_sound_child.py``) with its real cue player
and a real speech engine (speech-dispatcher with espeak-ng), playing into a private
sound server: cues to one null sink, speech to another, so that each recording can be
checked alone. Every cue the app sent out must be in the recording at its moment,
recognised by its own waveform; every announcement must be heard; and nothing may be
heard that the app did not send.
"""

from __future__ import annotations

import json
import subprocess
import sys
import wave
from pathlib import Path

import numpy as np
import pytest

from supple.audio import Cue, render_all
from tests.sound_server import RATE, Recorder, level_dbfs

CHILD = Path(__file__).with_name("session_sound_child.py")
FRAME = RATE // 100  # 10 ms
HEARD_DBFS = -50.0
SLACK = 0.25  # seconds a cue may land from where the common output latency puts it
# (the engine is exact; the output adds up to ~0.2 s now and then on a busy machine)
ALIKE = 0.6  # how alike a cue heard alone must be to its sound (1.0: the very same)
ALIKE_MIXED = 0.2  # ... and one heard over another (go and the first tick): its place tells
REACH = RATE * 3 // 10  # samples either side to look in: less than half a rep
SPEECH_STARTS = 1.5  # seconds within which a prompt is heard once it is sent
LENGTH_SLACK = 0.10  # a prompt heard this much longer or shorter than fitted (target 5 %)
AS_FITTED = 0.8  # share of prompts heard that close: on a busy machine the sound server
# can stall speech-dispatcher's stream, and the prompt is heard longer than it is


def wav_samples(path: Path) -> np.ndarray:
    with wave.open(str(path)) as wav:
        assert wav.getframerate() == RATE and wav.getsampwidth() == 2
        samples = np.frombuffer(wav.readframes(wav.getnframes()), dtype="<i2")
        return samples.reshape(-1, wav.getnchannels()).mean(axis=1)


def frame_levels(samples: np.ndarray) -> np.ndarray:
    frames = samples[: len(samples) // FRAME * FRAME].reshape(-1, FRAME)
    return 20 * np.log10(np.sqrt(np.mean(frames**2, axis=1)) / 32768 + 1e-12)


def best_match(recording: np.ndarray, template: np.ndarray, around: int, reach: int):
    """Where near ``around`` the recording looks most like ``template``, and how much (0..1).

    Normalised cross-correlation: 1.0 is the template alone, scaled; another cue
    playing at the same time lowers it.
    """
    start = max(0, around - reach)
    stretch = recording[start : around + reach + len(template)]
    n = len(stretch) + len(template)
    size = 1 << (n - 1).bit_length()
    corr = np.fft.irfft(np.fft.rfft(stretch, size) * np.conj(np.fft.rfft(template, size)), size)
    lags = len(stretch) - len(template) + 1
    energy = np.concatenate(([0.0], np.cumsum(stretch**2)))
    windows = np.sqrt(np.maximum(energy[len(template) :] - energy[: -len(template)], 0))[:lags]
    quiet = 32768 * 10 ** (HEARD_DBFS / 20) * np.sqrt(len(template))  # no sound to match
    score = np.where(windows > quiet, corr[:lags], 0.0) / (
        np.maximum(windows, quiet) * np.linalg.norm(template)
    )
    best = int(np.argmax(score))
    return start + best, float(score[best])


@pytest.fixture(scope="module")
def session(sound_server, speech_service, tmp_path_factory):
    """Run the session once while recording both sinks: the child's report, the recordings."""
    folder = tmp_path_factory.mktemp("session-sound")
    env = sound_server.env(
        SUPPLE_DATA_DIR=str(folder / "data"),
        SUPPLE_TTS_ENGINE="speechd",
        SPEECHD_ADDRESS=speech_service.address,
    )
    with (
        Recorder(sound_server, folder) as cues,
        Recorder(sound_server, folder, speech_service.sink) as voice,
    ):
        run = subprocess.run(
            [sys.executable, str(CHILD)], capture_output=True, text=True, timeout=420, env=env
        )
    assert run.returncode == 0, run.stderr[-3000:]
    report = json.loads(run.stdout.strip().splitlines()[-1])
    (folder / "report.json").write_text(json.dumps(report))  # beside the recordings
    assert report["problems"] == [], report["problems"]
    assert report["completed"], run.stderr[-3000:]
    return report, cues, voice


@pytest.fixture(scope="module")
def cue_sounds(tmp_path_factory):
    folder = tmp_path_factory.mktemp("cues")
    return {cue.value: wav_samples(path) for cue, path in render_all(folder).items()}


def sent(report, kind: str) -> list[tuple[float, str]]:
    return [(moment, what) for moment, was, what in report["heard"] if was == kind]


def without(samples: np.ndarray, others, start: int, end: int) -> np.ndarray:
    """The recording from ``start`` to ``end`` with the other cues taken out: each (where
    it was found, its sound) subtracted at the gain it was heard with. The go cue is far
    louder than a rep tick that starts with it; without this the tick is looked for in
    the go's own notes."""
    rest = samples[start:end].copy()
    for at, sound in others:
        a, b = max(at, start), min(at + len(sound), end)
        if a < b:
            part = sound[a - at : b - at]
            gain = float(np.dot(rest[a - start : b - start], part) / max(np.dot(part, part), 1e-9))
            rest[a - start : b - start] -= gain * part
    return rest


def cue_places(
    report, recording, cue_sounds
) -> tuple[float, list[tuple[str, float, float, float]]]:
    """Each cue sent: its name, how far from its moment it was found, how alike it has to
    be and how alike it is (0..1)."""
    cues = sent(report, "sound")
    places = [
        best_match(recording.samples, cue_sounds[name], recording.index_of(moment), REACH)
        for moment, name in cues
    ]
    found = []
    for i, (moment, name) in enumerate(cues):
        expected, length = recording.index_of(moment), len(cue_sounds[name])
        others = [
            (places[j][0], cue_sounds[n])
            for j, (other, n) in enumerate(cues)
            if j != i and abs(other - moment) * RATE < max(len(cue_sounds[n]), length)
        ]
        at, score = places[i]
        if others:  # heard over another cue: look for it in what is left without the other
            start = max(0, expected - REACH)
            alone = without(recording.samples, others, start, expected + REACH + length)
            at, score = best_match(alone, cue_sounds[name], expected - start, REACH)
            at += start
        found.append((name, (at - expected) / RATE, ALIKE_MIXED if others else ALIKE, score))
    # One offset for all: the output's latency, less what parec had buffered before it
    # delivered the first bytes the recording's clock is taken from.
    return float(np.median([lag for _, lag, _, _ in found])), found


def prompt_spans(report, voice) -> list[tuple[str, float, float, float]]:
    """Each prompt (not counts): its text, the length it was fitted to, and when it was
    heard, from its first to its last loud 10 ms (``time.monotonic()``), before the next."""
    levels = frame_levels(voice.samples)
    sends = sorted(moment for moment, was, _ in report["heard"] if was == "speech")
    spans = []
    for moment, text, predicted in report["predicted"]:
        after = next((m for m in sends if m > moment), moment + 2 * predicted + 2)
        first, last = voice.index_of(moment) // FRAME, voice.index_of(after) // FRAME
        loud = np.flatnonzero(levels[first:last] > HEARD_DBFS)
        if len(loud) == 0:
            continue
        start, end = (first + loud[0]) * FRAME, (first + loud[-1] + 1) * FRAME
        spans.append((text, predicted, voice.moment_of(start), voice.moment_of(end)))
    return spans


def overlapping(report, spans, latency: float) -> list[tuple[str, str]]:
    """Prompts during which a cue started: (prompt, cue)."""
    return [
        (text, name)
        for text, _, start, end in spans
        for moment, name in sent(report, "sound")
        if start < moment + latency < end
    ]


def test_no_pip_is_dropped_and_no_prompt_talks_over_a_cue(session, cue_sounds):
    report, cues, voice = session
    pips = [name for _, name in sent(report, "sound") if "pip" in name]
    assert len(pips) == report["pips"]
    latency, _ = cue_places(report, cues, cue_sounds)
    spans = prompt_spans(report, voice)
    assert len(spans) == len(report["predicted"])
    # A prompt the machine stretched is the machine's (see AS_FITTED); one heard as long
    # as it was fitted to must end before the next cue.
    as_fitted = [span for span in spans if as_long_as_fitted(span)]
    assert not overlapping(report, as_fitted, latency)


def test_prompts_last_as_long_as_they_were_fitted_to(session):
    report, _, voice = session
    if not report["renders"]:
        pytest.skip("lengths are rendered only with speech-dispatcher and espeak-ng")
    spans = prompt_spans(report, voice)
    off = [(text, round(fitted, 2), round(end - start, 2)) for text, fitted, start, end in spans]
    close = [span for span in spans if as_long_as_fitted(span)]
    assert len(close) >= AS_FITTED * len(spans), off


def as_long_as_fitted(span: tuple[str, float, float, float]) -> bool:
    _, fitted, start, end = span
    return abs((end - start) - fitted) <= LENGTH_SLACK * fitted + 0.05


def test_every_cue_is_heard_at_its_moment_and_in_order(session, cue_sounds):
    report, cues, _ = session
    assert len(sent(report, "sound")) > 50
    latency, found = cue_places(report, cues, cue_sounds)
    assert abs(latency) < 0.5, latency
    missing = [
        (name, round(lag - latency, 3), round(score, 2))
        for name, lag, alike, score in found
        if score < alike or abs(lag - latency) > SLACK
    ]
    assert not missing, f"cues not heard where sent (latency {latency:.3f} s): {missing}"


def test_every_announcement_is_spoken_and_heard(session):
    report, _, voice = session
    spoken = sent(report, "speech")
    said = " | ".join(text.lower() for _, text in spoken)
    position = 0
    for name in report["work"]:  # every exercise announced, in the plan's order
        position = said.find(name.lower().split(" (")[0], position)
        assert position >= 0, f"{name} not announced in order: {said}"
    assert spoken[-1][1].startswith("Session complete")
    switches = [name for _, name in sent(report, "sound") if name == Cue.SIDE_SWITCH.value]
    assert len(switches) == report["side_switches"]
    levels = frame_levels(voice.samples)
    unheard = [
        text
        for moment, text in spoken
        if not np.any(
            levels[
                voice.index_of(moment) // FRAME : voice.index_of(moment + SPEECH_STARTS) // FRAME
            ]
            > HEARD_DBFS
        )
    ]
    assert not unheard, f"announced but not heard: {unheard}"


def test_nothing_is_heard_that_the_app_did_not_send(session, cue_sounds):
    report, cues, voice = session
    latency, _ = cue_places(report, cues, cue_sounds)
    levels = frame_levels(cues.samples)
    explained = np.zeros(len(levels), dtype=bool)
    for moment, name in sent(report, "sound"):
        start = cues.index_of(moment - SLACK) // FRAME + round(latency * 100)
        explained[start : start + len(cue_sounds[name]) // FRAME + 2 * round(SLACK * 100)] = True
    stray = np.flatnonzero((levels > HEARD_DBFS) & ~explained)
    assert len(stray) == 0, f"cue sound nobody sent, at {stray[:20] * FRAME / RATE} s"

    levels = frame_levels(voice.samples)
    explained = np.zeros(len(levels), dtype=bool)
    spoken = sent(report, "speech")
    for (moment, _), (after, _) in zip(
        spoken, [*spoken[1:], (spoken[-1][0] + 10, "")], strict=True
    ):
        # A prompt is heard from when it is sent until the next one cuts in or follows.
        explained[
            voice.index_of(moment) // FRAME : voice.index_of(after + SPEECH_STARTS) // FRAME
        ] = True
    stray = np.flatnonzero((levels > HEARD_DBFS) & ~explained)
    assert len(stray) == 0, f"speech nobody sent, at {stray[:20] * FRAME / RATE} s"


def test_prompts_sit_level_with_the_cues_and_never_clip(session, cue_sounds):
    report, cues, voice = session
    _, found = cue_places(report, cues, cue_sounds)
    cue_levels = []
    for (moment, name), (_, lag, alike, score) in zip(sent(report, "sound"), found, strict=True):
        if alike == ALIKE and score >= ALIKE:  # heard alone: its level is its own
            at = cues.index_of(moment) + round(lag * RATE)
            cue_levels.append(level_dbfs(cues.samples[at : at + len(cue_sounds[name])]))
    levels = frame_levels(voice.samples)
    speech_level = float(np.median(levels[levels > HEARD_DBFS]))
    cue_level = float(np.median(cue_levels))
    assert abs(speech_level - cue_level) < 6, (speech_level, cue_level)
    clipped = int(np.count_nonzero(np.abs(voice.samples) >= 32767))
    assert clipped == 0, f"{clipped} speech samples at full scale"

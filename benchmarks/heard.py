"""What reaches the ear: every built-in routine, compressed, through a real sound server.

    python benchmarks/heard.py [ROUTINE_ID ...]

Each routine runs in the whole app (``tests/app/session_sound_child.py``: real window,
driver, scheduler, QSoundEffect player, speech-dispatcher with espeak-ng) into a private
PulseAudio server, cues and speech on sinks of their own, both recorded. Every cue sent
is looked for in the recording by its own waveform, every prompt by its sound. Per
routine: planned cues, cues heard, countdown pips dropped (target 0), cue onset error
against the plan after the output's common latency (target p99 <= 10 ms, max <= 20 ms),
prompt length fitted vs heard (target within 5 %), prompts during which a cue started
(target 0), lengths guessed rather than measured (target 0), and each prompt heard
more than 5 % off. The prompts' lengths are measured before the session, as a routine run
before finds them in the cache.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import tempfile
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path[:0] = [str(ROOT), str(ROOT / "src")]

from tests.app.test_session_sound import (  # noqa: E402
    CHILD,
    cue_places,
    overlapping,
    prompt_spans,
    sent,
    wav_samples,
)
from tests.sound_server import (  # noqa: E402
    Recorder,
    running_sound_server,
    running_speech_service,
)

from supple.audio import render_all  # noqa: E402  # after the path above
from supple.core.catalog import builtin_routines  # noqa: E402

ALIKE = 0.5  # how alike a found cue must be to its sound to count as heard


def run(routine_id: str, folder: Path, server, speech) -> tuple[dict, Recorder, Recorder]:
    env = server.env(
        SUPPLE_DATA_DIR=str(folder / routine_id),
        SUPPLE_TTS_ENGINE="speechd",
        SPEECHD_ADDRESS=speech.address,
    )
    with Recorder(server, folder) as cues, Recorder(server, folder, speech.sink) as voice:
        child = subprocess.run(
            [sys.executable, str(CHILD), routine_id],
            capture_output=True,
            text=True,
            timeout=900,
            env=env,
        )
    if child.returncode != 0:
        sys.exit(f"{routine_id}: the app failed:\n{child.stderr[-3000:]}")
    return json.loads(child.stdout.strip().splitlines()[-1]), cues, voice


def figures(report: dict, cues: Recorder, voice: Recorder, sounds: dict) -> dict[str, str]:
    latency, found = cue_places(report, cues, sounds)
    heard = [(name, lag - latency) for name, lag, _, score in found if score >= ALIKE]
    errors = np.abs([lag for _, lag in heard]) * 1000
    pips_heard = sum("pip" in name for name, _ in heard)
    spans = prompt_spans(report, voice)
    off = [abs((end - start) / predicted - 1) * 100 for _, predicted, start, end in spans]
    return {
        "cues sent": str(len(found)),
        "cues heard": str(len(heard)),
        "pips planned / dropped": f"{report['pips']} / {report['pips'] - pips_heard}",
        "onset error p50 / p99 / max": (
            f"{np.percentile(errors, 50):.1f} / {np.percentile(errors, 99):.1f} / "
            f"{errors.max():.1f} ms"
        ),
        "common latency": f"{latency * 1000:.0f} ms",
        "prompts": str(len(spans)),
        "length off p50 / max": f"{np.median(off):.1f} / {max(off):.1f} %",
        "prompts within 5 %": f"{sum(o <= 5 for o in off)}/{len(off)}",
        "lengths guessed": str(report["guesses"]),
        "prompts over a cue": str(len(overlapping(report, spans, latency))),
    }


def far_off(report: dict, voice: Recorder) -> list[tuple[str, float, float]]:
    """The prompts heard more than 5 % longer or shorter than fitted: text, fitted, heard."""
    return [
        (text, predicted, end - start)
        for text, predicted, start, end in prompt_spans(report, voice)
        if abs((end - start) / predicted - 1) > 0.05
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("routines", nargs="*", help="routine ids (default: every built-in)")
    args = parser.parse_args()
    ids = args.routines or [routine.id for routine in builtin_routines()]
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        sounds = {c.value: wav_samples(p) for c, p in render_all(folder / "cues").items()}
        table: dict[str, dict[str, str]] = {}
        with (
            running_sound_server(folder) as server,
            running_speech_service(folder, server) as speech,
        ):
            for routine_id in ids:
                report, cues, voice = run(routine_id, folder, server, speech)
                table[routine_id] = figures(report, cues, voice, sounds)
                print(f"{routine_id}: {table[routine_id]}", flush=True)
                for text, fitted, heard in far_off(report, voice):
                    print(f"  fitted {fitted:.2f} s, heard {heard:.2f} s: {text!r}")
                if not report["completed"]:
                    print(f"  (the session did not run to its end: {report['problems']})")
                if not sent(report, "speech"):
                    print(f"  (no prompt was spoken: {report['problems']})")
    rows = next(iter(table.values())).keys()
    print("\n| | " + " | ".join(table) + " |")
    print("|---|" + "---|" * len(table))
    for row in rows:
        print(f"| {row} | " + " | ".join(table[r][row] for r in table) + " |")


if __name__ == "__main__":
    main()

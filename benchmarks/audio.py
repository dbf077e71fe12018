"""How long the cue sounds take to render and to load from the cache, and what they measure.

    .venv/bin/python benchmarks/audio.py [--runs 5]

Prints the median time to render every cue into an empty cache (cold) and to find them
all in a warm cache, side by side with the ratio, then one line per cue with its length,
dominant pitch, peak and RMS level as measured from the WAV file.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
import wave
from pathlib import Path

import numpy as np

from supple.audio import DESIGNS, Cue, render_all


def _timed(fn) -> float:
    start = time.perf_counter()
    fn()
    return time.perf_counter() - start


def timings(runs: int) -> tuple[list[float], list[float]]:
    cold, cached = [], []
    for _ in range(runs):
        with tempfile.TemporaryDirectory() as tmp:
            cold.append(_timed(lambda tmp=tmp: render_all(Path(tmp))))
    with tempfile.TemporaryDirectory() as tmp:
        render_all(Path(tmp))
        for _ in range(runs):
            cached.append(_timed(lambda tmp=tmp: render_all(Path(tmp))))
    return cold, cached


def measure(path: Path) -> tuple[float, float, float, float]:
    """Duration (ms), dominant frequency (Hz), peak and RMS (dBFS, full-scale sine = -3)."""
    with wave.open(str(path), "rb") as w:
        rate = w.getframerate()
        x = np.frombuffer(w.readframes(w.getnframes()), dtype="<i2").astype(np.float64)
    n_fft = 1 << 18
    spectrum = np.abs(np.fft.rfft(x * np.hanning(len(x)), n_fft))
    dominant = (int(np.argmax(spectrum[1:])) + 1) * rate / n_fft
    peak = 20 * np.log10(np.max(np.abs(x)) / 32768)
    rms = 20 * np.log10(np.sqrt(np.mean(x**2)) / 32768)
    return 1000 * len(x) / rate, dominant, peak, rms


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs

    cold, cached = timings(runs)
    cold_ms, cached_ms = 1000 * statistics.median(cold), 1000 * statistics.median(cached)
    print(f"Rendering all {len(Cue)} cues, median of {runs} runs")
    print(f"  {'cold (empty cache)':>20}  {'cached':>10}  {'cached/cold':>11}")
    print(f"  {cold_ms:17.1f} ms  {cached_ms:7.2f} ms  {cached_ms / cold_ms:11.4f}")
    print(f"  cold runs:   {', '.join(f'{1000 * t:.1f}' for t in cold)} ms")
    print(f"  cached runs: {', '.join(f'{1000 * t:.2f}' for t in cached)} ms")
    print()

    with tempfile.TemporaryDirectory() as tmp:
        files = render_all(Path(tmp))
        header = ("cue", "ms", "notes", "dominant Hz", "peak dBFS", "RMS dBFS")
        print("  {:<18} {:>6} {:>5} {:>11} {:>9} {:>8}".format(*header))
        for cue, path in files.items():
            ms, hz, peak, rms = measure(path)
            notes = len(DESIGNS[cue].notes)
            print(f"  {cue.value:<18} {ms:6.0f} {notes:5d} {hz:11.1f} {peak:9.2f} {rms:8.2f}")


if __name__ == "__main__":
    main()

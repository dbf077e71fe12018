"""Routines, pictures and bundles for the routine store's tests."""

from __future__ import annotations

import zipfile
from dataclasses import replace

from supple.core.catalog import builtin_routines
from supple.core.model import Category, Entry, Exercise, Kind, Routine

SVG = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 30">'
    b'<circle cx="20" cy="15" r="10" fill="#E8EEF2"/></svg>'
)
OTHER_SVG = SVG.replace(b'r="10"', b'r="12"')
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def hamstring_reset() -> Routine:
    return next(r for r in builtin_routines() if r.id == "hamstring-reset")


def with_slider_curl(routine: Routine) -> Routine:
    slider = Exercise(
        id="slider-curl",
        name="Slider curls",
        category=Category.STRENGTH,
        kind=Kind.REPS,
        reps=8,
        tempo=4.0,
        phases=("curl in", "slide out"),
        cues=("Hips up", "Heels in, then slowly out"),
    )
    circuit = routine.blocks[1]
    entries = tuple(
        Entry("slider-curl") if e.exercise == "hamstring-curl" else e for e in circuit.entries
    )
    blocks = (routine.blocks[0], replace(circuit, entries=entries))
    return replace(routine, id="sore-legs", name="Sore legs", exercises=(slider,), blocks=blocks)


def folder_listing(folder):
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*")) if folder.exists() else []


def make_bundle(path, members):
    with zipfile.ZipFile(path, "w") as bundle:
        for name, data in members.items():
            bundle.writestr(name, data)
    return path

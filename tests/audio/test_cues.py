"""The built-in cues, rendered to real WAV files and measured."""

from __future__ import annotations

import dataclasses
import itertools

import numpy as np
import pytest
from pydub import AudioSegment

from supple import paths
from supple.audio import (
    DESIGNS,
    PEAK_CEILING_DBFS,
    TARGET_RMS_DBFS,
    Cue,
    cue_path,
    cues_dir,
    recipe_hash,
    render_all,
    render_cue,
)
from supple.audio import design as design_module

SHORT_CUES = {Cue.GET_READY_PIP, Cue.REP_TICK, Cue.COUNTDOWN_PIP}


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    cache = tmp_path_factory.mktemp("cache")
    return render_all(cache)


def test_every_cue_is_a_mono_44k_16bit_wav_in_the_cues_folder(rendered, tmp_path, measure):
    assert set(rendered) == set(Cue)
    for cue, path in rendered.items():
        assert path.parent.name == "cues"
        assert path.name == f"{cue.value}-{recipe_hash(DESIGNS[cue])}.wav"
        wav = measure.load(path)
        assert (wav.channels, wav.rate, wav.sample_width) == (1, 44_100, 2), cue


def test_durations_fit_their_role(rendered, measure):
    for cue, path in rendered.items():
        ms = measure.load(path).duration_ms
        assert ms == pytest.approx(DESIGNS[cue].duration_ms, abs=0.05), cue
        if cue in SHORT_CUES:
            assert 40 <= ms <= 120, (cue, ms)
        elif cue is Cue.SESSION_COMPLETE:
            assert 900 <= ms <= 1500, ms
        else:
            assert ms <= 600, (cue, ms)


def test_levels_hit_the_loudness_target_without_passing_the_peak_ceiling(rendered, measure):
    for cue, path in rendered.items():
        x = measure.load(path).samples
        assert measure.peak_dbfs(x) <= PEAK_CEILING_DBFS + 0.01, cue
        assert measure.rms_dbfs(x) == pytest.approx(TARGET_RMS_DBFS, abs=0.1), cue


def test_no_cue_starts_or_ends_with_a_click(rendered, measure):
    """A sound that starts or stops mid-swing clicks; these fade from and to silence."""
    for cue, path in rendered.items():
        x = measure.load(path).samples
        edges = np.abs(np.concatenate([x[:3], x[-3:]]))
        assert measure.peak_dbfs(edges + 1) < -60, cue


def _stretches(recipe):
    """Time spans during which the same set of notes sounds, from the recipe's timing."""
    edges = sorted({t for n in recipe.notes for t in (n.start_ms, n.end_ms)})
    for a, b in itertools.pairwise(edges):
        sounding = [n for n in recipe.notes if n.start_ms <= a and n.end_ms >= b]
        if sounding and b - a >= 25:
            yield a, b, sounding


def test_each_stretch_sounds_at_the_pitch_the_recipe_plays(rendered, measure):
    checked = 0
    for cue, path in rendered.items():
        wav = measure.load(path)
        for a, b, notes in _stretches(DESIGNS[cue]):
            if any(n.glide_to_hz is not None for n in notes):
                continue  # slides are checked by direction below
            heard = measure.dominant_hz(wav.between(a + 4, b - 4), wav.rate)
            if len(notes) == 1:
                assert heard == pytest.approx(notes[0].hz, rel=0.01), (cue, a, b)
            else:
                assert min(abs(heard / n.hz - 1) for n in notes) < 0.01, (cue, a, b, heard)
            checked += 1
    assert checked >= len(Cue) - 2  # every cue but the two slides was measured


def test_whole_cue_is_dominated_by_one_of_its_notes(rendered, measure):
    for cue, path in rendered.items():
        wav = measure.load(path)
        heard = measure.dominant_hz(wav.samples, wav.rate)
        notes = DESIGNS[cue].notes
        low = min(min(n.hz, n.glide_to_hz or n.hz) for n in notes)
        high = max(max(n.hz, n.glide_to_hz or n.hz) for n in notes)
        if any(n.glide_to_hz for n in notes):
            assert low * 0.98 <= heard <= high * 1.02, (cue, heard)
        else:
            assert min(abs(heard / n.hz - 1) for n in notes) < 0.01, (cue, heard)


@pytest.mark.parametrize(("cue", "rising"), [(Cue.PHASE_UP, True), (Cue.PHASE_DOWN, False)])
def test_phase_cues_slide_the_way_the_movement_goes(rendered, measure, cue, rising):
    wav = measure.load(rendered[cue])
    third = wav.duration_ms / 3
    first = measure.dominant_hz(wav.between(0, third), wav.rate)
    last = measure.dominant_hz(wav.between(2 * third, wav.duration_ms), wav.rate)
    semitones = 12 * np.log2(last / first)
    assert semitones > 3 if rising else semitones < -3, (first, last)


def test_no_two_cues_sound_alike(rendered, measure):
    """Different length, or a pitch line at least a semitone apart on average."""
    contours = {cue: measure.pitch_contour(measure.load(p)) for cue, p in rendered.items()}
    for one, other in itertools.combinations(Cue, 2):
        a, b = contours[one], contours[other]
        if max(len(a), len(b)) > 1.15 * min(len(a), len(b)):
            continue
        n = min(len(a), len(b))
        both = ~np.isnan(a[:n]) & ~np.isnan(b[:n])
        apart = np.median(np.abs(12 * np.log2(a[:n][both] / b[:n][both])))
        assert apart >= 1.0, (one, other, apart)


def test_unchanged_design_is_loaded_from_cache_not_rewritten(tmp_path):
    first = render_all(tmp_path)
    before = {cue: (p.stat().st_ino, p.stat().st_mtime_ns) for cue, p in first.items()}
    again = render_all(tmp_path)
    assert again == first
    assert {cue: (p.stat().st_ino, p.stat().st_mtime_ns) for cue, p in again.items()} == before


def test_changed_design_is_rendered_again_and_the_old_file_removed(tmp_path, measure):
    old = render_cue(Cue.REP_TICK, tmp_path)
    note = DESIGNS[Cue.REP_TICK].notes[0]
    lower = dataclasses.replace(
        DESIGNS[Cue.REP_TICK], notes=(dataclasses.replace(note, hz=note.hz / 2),)
    )
    new = render_cue(Cue.REP_TICK, tmp_path, recipe=lower)
    assert new != old
    assert not old.exists()
    wav = measure.load(new)
    assert measure.dominant_hz(wav.samples, wav.rate) == pytest.approx(note.hz / 2, rel=0.01)


def test_new_design_version_renders_every_cue_again(tmp_path, monkeypatch):
    first = render_all(tmp_path)
    monkeypatch.setattr(design_module, "DESIGN_VERSION", design_module.DESIGN_VERSION + 1)
    second = render_all(tmp_path)
    assert all(second[c] != first[c] and second[c].exists() for c in Cue)
    assert sorted(p.name for p in cues_dir(tmp_path).iterdir()) == sorted(
        p.name for p in second.values()
    )


def test_truncated_cache_file_is_rendered_again(tmp_path, measure):
    path = render_cue(Cue.GO, tmp_path)
    full = path.read_bytes()
    path.write_bytes(full[: len(full) // 2])
    assert render_cue(Cue.GO, tmp_path) == path
    assert path.read_bytes() == full


def test_failed_write_leaves_neither_a_partial_cue_nor_a_temp_file(tmp_path, monkeypatch):
    real_export = AudioSegment.export

    def export_then_crash(self, out_f=None, *args, **kwargs):
        out_f.write(b"RIFF\x00\x00")  # a few bytes are out when the disk fills up
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(AudioSegment, "export", export_then_crash)
    with pytest.raises(OSError, match="No space left"):
        render_cue(Cue.HALFWAY, tmp_path)
    assert list(cues_dir(tmp_path).iterdir()) == []

    monkeypatch.setattr(AudioSegment, "export", real_export)
    path = render_cue(Cue.HALFWAY, tmp_path)
    assert [p.name for p in cues_dir(tmp_path).iterdir()] == [path.name]


def test_default_location_is_the_user_cache_folder():
    path = cue_path(Cue.SIDE_SWITCH)
    assert path.parent == paths.cache_dir() / "cues"
    assert path.stat().st_size > 44

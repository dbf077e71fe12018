"""The user's own sounds: decoded, trimmed, levelled, or refused with a clear reason."""

from __future__ import annotations

import shutil
import struct

import numpy as np
import pytest
from pydub import AudioSegment
from pydub.generators import Sine

from supple.audio import (
    PEAK_CEILING_DBFS,
    TARGET_RMS_DBFS,
    Cue,
    CustomSoundError,
    import_custom,
    render_all,
    resolve_sounds,
)
from supple.audio.custom import MAX_CUSTOM_MS, custom_dir
from tests.sound_files import struck_bell

needs_ffmpeg = pytest.mark.skipif(
    shutil.which(AudioSegment.converter) is None, reason="ffmpeg is not installed"
)


def tone(hz: float, ms: int, *, lead_silence_ms: int = 0, volume: float = -6.0) -> AudioSegment:
    """A test recording: optional silence, then a steady tone, 48 kHz stereo."""
    sound = Sine(hz, sample_rate=48_000).to_audio_segment(duration=ms, volume=volume)
    sound = AudioSegment.silent(duration=lead_silence_ms, frame_rate=48_000) + sound
    return sound.set_channels(2)


def assert_nothing_left_behind(cache):
    folder = custom_dir(cache)
    assert not folder.exists() or list(folder.iterdir()) == []


def test_wav_is_converted_trimmed_and_levelled(tmp_path, measure):
    source = tmp_path / "bell.wav"
    tone(523.25, 5000, lead_silence_ms=400).export(source, format="wav")
    out = import_custom(Cue.GO, source, tmp_path / "cache")

    assert out.parent == custom_dir(tmp_path / "cache")
    wav = measure.load(out)
    assert (wav.channels, wav.rate, wav.sample_width) == (1, 44_100, 2)
    assert wav.duration_ms == pytest.approx(MAX_CUSTOM_MS, abs=1)
    # The leading silence was skipped: the sound starts within the first 10 ms.
    assert measure.rms_dbfs(wav.between(5, 15)) > -30
    assert measure.dominant_hz(wav.samples, wav.rate) == pytest.approx(523.25, rel=0.005)
    assert measure.rms_dbfs(wav.samples) == pytest.approx(TARGET_RMS_DBFS, abs=0.2)
    assert measure.peak_dbfs(wav.samples) <= PEAK_CEILING_DBFS + 0.01
    # The cut at 3 s fades out instead of clicking.
    assert measure.rms_dbfs(wav.samples[-44:]) < -40


def test_short_wav_keeps_its_length_and_spiky_sound_respects_the_peak_ceiling(tmp_path, measure):
    source = tmp_path / "clap.wav"
    click = AudioSegment.silent(duration=300, frame_rate=44_100).overlay(
        Sine(3000).to_audio_segment(duration=3, volume=-3), position=100
    )
    click.export(source, format="wav")
    wav = measure.load(import_custom(Cue.REP_TICK, source, tmp_path))
    assert wav.duration_ms == pytest.approx(200, abs=6)  # leading 100 ms of silence skipped
    # Too spiky to reach the RMS target: the peak ceiling wins.
    assert measure.peak_dbfs(wav.samples) == pytest.approx(PEAK_CEILING_DBFS, abs=0.05)
    assert measure.rms_dbfs(wav.samples) < TARGET_RMS_DBFS


def test_importing_the_same_file_again_uses_the_cache(tmp_path):
    source = tmp_path / "bell.wav"
    tone(440, 500).export(source, format="wav")
    first = import_custom(Cue.GO, source, tmp_path)
    stamp = (first.stat().st_ino, first.stat().st_mtime_ns)
    again = import_custom(Cue.GO, source, tmp_path)
    assert again == first
    assert (again.stat().st_ino, again.stat().st_mtime_ns) == stamp


def test_picking_another_sound_replaces_the_previous_one(tmp_path):
    one, two = tmp_path / "one.wav", tmp_path / "two.wav"
    tone(440, 500).export(one, format="wav")
    tone(660, 500).export(two, format="wav")
    first = import_custom(Cue.HALFWAY, one, tmp_path)
    second = import_custom(Cue.HALFWAY, two, tmp_path)
    assert not first.exists()
    assert [p.name for p in custom_dir(tmp_path).iterdir()] == [second.name]


@needs_ffmpeg
@pytest.mark.parametrize(("suffix", "fmt"), [(".mp3", "mp3"), (".ogg", "ogg")])
def test_compressed_sound_is_decoded_with_ffmpeg(tmp_path, measure, suffix, fmt):
    source = tmp_path / f"chime{suffix}"
    try:
        tone(880, 4000).export(source, format=fmt)
    except Exception as exc:  # the local ffmpeg may lack this encoder
        pytest.skip(f"ffmpeg cannot write {fmt} here: {exc}")
    wav = measure.load(import_custom(Cue.SESSION_COMPLETE, source, tmp_path))
    assert wav.rate == 44_100 and wav.channels == 1
    assert wav.duration_ms == pytest.approx(MAX_CUSTOM_MS, abs=30)
    assert measure.dominant_hz(wav.samples, wav.rate) == pytest.approx(880, rel=0.005)
    assert measure.rms_dbfs(wav.samples) == pytest.approx(TARGET_RMS_DBFS, abs=0.2)


@needs_ffmpeg
def test_missing_ffmpeg_is_explained_and_nothing_is_written(tmp_path, monkeypatch):
    source = tmp_path / "chime.mp3"
    tone(880, 500).export(source, format="mp3")
    original = source.read_bytes()
    monkeypatch.setattr(AudioSegment, "converter", str(tmp_path / "no-such" / "ffmpeg"))

    with pytest.raises(CustomSoundError) as caught:
        import_custom(Cue.GO, source, tmp_path / "cache")
    message = str(caught.value)
    assert str(source) in message
    assert "MP3" in message and "ffmpeg" in message
    assert "sudo apt install ffmpeg" in message
    assert_nothing_left_behind(tmp_path / "cache")
    assert source.read_bytes() == original


def test_missing_ffmpeg_keeps_the_built_in_sound(tmp_path, monkeypatch):
    source = tmp_path / "chime.ogg"
    source.write_bytes(b"OggS" + bytes(200))
    monkeypatch.setattr(AudioSegment, "converter", str(tmp_path / "no-such" / "ffmpeg"))
    built_in = render_all(tmp_path)

    sounds = resolve_sounds({Cue.GO: source}, tmp_path)
    assert sounds.paths == built_in
    assert "ffmpeg" in str(sounds.problems[Cue.GO])
    assert_nothing_left_behind(tmp_path)


@needs_ffmpeg
def test_wav_encoding_that_needs_ffmpeg_says_so_when_it_is_missing(tmp_path, monkeypatch, measure):
    """32-bit float WAV: Python's wave reader can't, ffmpeg can."""
    samples = (0.5 * np.sin(2 * np.pi * 440 * np.arange(22_050) / 44_100)).astype("<f4")
    data = samples.tobytes()
    header = (
        b"RIFF"
        + struct.pack("<I", 36 + len(data))
        + b"WAVEfmt "
        + struct.pack("<IHHIIHH", 16, 3, 1, 44_100, 44_100 * 4, 4, 32)
        + b"data"
        + struct.pack("<I", len(data))
    )
    source = tmp_path / "float.wav"
    source.write_bytes(header + data)

    wav = measure.load(import_custom(Cue.GO, source, tmp_path / "with"))
    assert measure.dominant_hz(wav.samples, wav.rate) == pytest.approx(440, rel=0.005)

    monkeypatch.setattr(AudioSegment, "converter", str(tmp_path / "no-such" / "ffmpeg"))
    with pytest.raises(CustomSoundError, match="ffmpeg") as caught:
        import_custom(Cue.GO, source, tmp_path / "without")
    assert "16-bit PCM WAV" in str(caught.value)
    assert "sudo apt install ffmpeg" in str(caught.value)
    assert_nothing_left_behind(tmp_path / "without")


def test_garbage_named_wav_is_refused_clearly(tmp_path):
    source = tmp_path / "song.wav"
    source.write_bytes(b"this is a shopping list, not a sound\n" * 50)
    with pytest.raises(CustomSoundError) as caught:
        import_custom(Cue.GO, source, tmp_path)
    message = str(caught.value)
    assert str(source) in message
    assert "does not hold WAV audio" in message
    assert_nothing_left_behind(tmp_path)


@pytest.mark.parametrize("with_ffmpeg", [True, False])
def test_damaged_wav_with_a_real_header_is_refused_clearly(tmp_path, monkeypatch, with_ffmpeg):
    if with_ffmpeg and shutil.which(AudioSegment.converter) is None:
        pytest.skip("ffmpeg is not installed")
    if not with_ffmpeg:
        monkeypatch.setattr(AudioSegment, "converter", str(tmp_path / "no-such" / "ffmpeg"))
    source = tmp_path / "cut.wav"
    tone(440, 1000).export(source, format="wav")
    source.write_bytes(source.read_bytes()[:30])  # header cut short
    with pytest.raises(CustomSoundError) as caught:
        import_custom(Cue.GO, source, tmp_path)
    message = str(caught.value)
    assert "damaged" in message or "could not be decoded as WAV" in message
    assert "needs ffmpeg" not in message
    assert_nothing_left_behind(tmp_path)


@needs_ffmpeg
def test_garbage_named_mp3_is_refused_clearly(tmp_path):
    source = tmp_path / "song.mp3"
    source.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(CustomSoundError, match="could not be decoded as MP3 audio"):
        import_custom(Cue.GO, source, tmp_path)
    assert_nothing_left_behind(tmp_path)


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("missing.wav", None, "does not exist"),
        ("empty.wav", b"", "empty"),
        ("tune.flac", b"fLaC" + bytes(100), "Pick a WAV, MP3 or OGG file"),
    ],
)
def test_unusable_files_say_what_is_wrong(tmp_path, name, content, expected):
    source = tmp_path / name
    if content is not None:
        source.write_bytes(content)
    with pytest.raises(CustomSoundError, match=expected):
        import_custom(Cue.GO, source, tmp_path)
    assert_nothing_left_behind(tmp_path)


def test_silent_file_is_refused(tmp_path):
    source = tmp_path / "quiet.wav"
    AudioSegment.silent(duration=800, frame_rate=44_100).export(source, format="wav")
    with pytest.raises(CustomSoundError, match="only silence"):
        import_custom(Cue.GO, source, tmp_path)
    assert_nothing_left_behind(tmp_path)


def test_resolved_sounds_mix_custom_and_built_in(tmp_path):
    good = tmp_path / "good.wav"
    tone(440, 300).export(good, format="wav")
    bad = tmp_path / "bad.wav"
    bad.write_bytes(b"nope" * 100)
    built_in = render_all(tmp_path)

    sounds = resolve_sounds({Cue.GO: good, Cue.HALFWAY: bad}, tmp_path)
    assert sounds.paths[Cue.GO].parent == custom_dir(tmp_path)
    assert sounds.paths[Cue.HALFWAY] == built_in[Cue.HALFWAY]
    assert set(sounds.problems) == {Cue.HALFWAY}
    assert {c: p for c, p in sounds.paths.items() if c is not Cue.GO} == {
        c: p for c, p in built_in.items() if c is not Cue.GO
    }


@pytest.mark.parametrize("peak_dbfs", [-0.5, -40.0], ids=["recorded loud", "recorded quiet"])
def test_a_custom_cue_is_as_loud_as_the_built_in_ones(tmp_path, measure, peak_dbfs):
    built_in = [measure.load(path).samples for path in render_all(tmp_path).values()]
    rms = [measure.rms_dbfs(samples) for samples in built_in]
    peaks = [measure.peak_dbfs(samples) for samples in built_in]
    source = tmp_path / "bell.wav"
    struck_bell(source, peak_dbfs=peak_dbfs)

    wav = measure.load(import_custom(Cue.SIDE_SWITCH, source, tmp_path))
    assert wav.duration_ms == pytest.approx(1800, abs=10)  # the 250 ms of silence are gone
    print(
        f"built-in RMS {min(rms):.1f}..{max(rms):.1f} dBFS, "
        f"peaks {min(peaks):.1f}..{max(peaks):.1f}"
        f"; custom (source peak {peak_dbfs} dBFS): RMS {measure.rms_dbfs(wav.samples):.1f}, "
        f"peak {measure.peak_dbfs(wav.samples):.1f}"
    )
    assert min(rms) - 1 <= measure.rms_dbfs(wav.samples) <= max(rms) + 1
    assert min(peaks) - 1 <= measure.peak_dbfs(wav.samples) <= max(peaks) + 1
    assert measure.dominant_hz(wav.samples, wav.rate) == pytest.approx(660, rel=0.005)

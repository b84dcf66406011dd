"""Narration import and storage, the recorder, voice treatments and the loudness of the mix."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path

import av
import numpy as np
import pytest

from app.edit.audio import (
    SAMPLE_RATE,
    AudioBuffer,
    decode_audio,
    import_narration,
    load_audio,
    retake_narration,
)
from app.edit.mix import TARGET_LUFS, _normalise, limit_peaks, measure_loudness
from app.edit.recorder import FileSource, MicrophoneSource, Recorder, input_devices
from app.edit.voices import alter_voice, bleep_tone, voice_pieces
from app.errors import MediaError, VoileError
from app.jobs import CancelToken
from app.project.model import Lesson, VoiceRange
from tests.edit.clips import tone
from tests.edit.conftest import band_power


def speech(samples_dir: Path) -> AudioBuffer:
    return decode_audio(samples_dir / "speech" / "french.aiff")


def write_audio(path: Path, buffer: AudioBuffer, codec: str, rate: int = 44100) -> Path:
    """Encode ``buffer`` with ``codec`` (resampled to ``rate``) into ``path``."""
    with av.open(str(path), mode="w") as output:
        stream = output.add_stream(codec, rate=rate)
        stream.layout = "mono"
        resampler = av.AudioResampler(format=stream.format.name, layout="mono", rate=rate)
        frame = av.AudioFrame.from_ndarray(np.ascontiguousarray(buffer.samples), format="fltp",
                                           layout="mono")
        frame.sample_rate = buffer.rate
        frame.pts = 0
        frame.time_base = Fraction(1, buffer.rate)
        for converted in resampler.resample(frame) + resampler.resample(None):
            for packet in stream.encode(converted):
                output.mux(packet)
        for packet in stream.encode(None):
            output.mux(packet)
    return path


@pytest.mark.parametrize(("suffix", "codec"), [(".wav", "pcm_s16le"), (".mp3", "libmp3lame"),
                                               (".m4a", "aac"), (".flac", "flac")])
def test_narration_formats_decode_to_48k(tmp_path: Path, samples_dir: Path, suffix: str,
                                         codec: str) -> None:
    original = speech(samples_dir)
    path = write_audio(tmp_path / f"voix off{suffix}", original, codec)
    decoded = decode_audio(path)
    assert decoded.rate == SAMPLE_RATE
    assert decoded.channels == 1
    assert decoded.duration_s == pytest.approx(original.duration_s, abs=0.08)
    assert float(np.abs(decoded.samples).max()) > 0.05


def test_stereo_flac_stays_stereo(samples_dir: Path) -> None:
    decoded = decode_audio(samples_dir / "speech" / "jfk.flac")
    assert decoded.channels == 2
    assert decoded.duration_s == pytest.approx(11.0, abs=0.01)


def test_not_audio_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "notes.wav"
    path.write_text("pas du son", encoding="utf-8")
    with pytest.raises(MediaError) as raised:
        decode_audio(path)
    assert raised.value.key == "edit.audio_unreadable"


def test_narration_is_stored_encrypted(vault, samples_dir: Path, tmp_path: Path) -> None:
    source = samples_dir / "speech" / "french.aiff"
    record = vault.find_or_create_case("cas")
    project = vault.load_project(record.id)
    clip = import_narration(vault, project, source, 3.0, gain_db=-2.0)
    assert (clip.id, clip.lesson_start_s, clip.gain_db, clip.source) == ("N0001", 3.0, -2.0,
                                                                          "imported")
    stored = load_audio(vault, clip.object_id)
    original = decode_audio(source)
    assert stored.frames == original.frames
    assert float(np.max(np.abs(stored.samples - original.samples))) < 1e-3  # 16-bit FLAC

    blob = next(path for path in (vault.path / "objects").rglob("*")
                if path.is_file() and clip.object_id in path.name)
    assert b"fLaC" not in blob.read_bytes()

    retaken, old_object = retake_narration(vault, project, clip.id, AudioBuffer(
        tone(440.0, 1.0)[None, :]))
    assert old_object == clip.object_id
    assert (retaken.id, retaken.lesson_start_s, retaken.source) == ("N0001", 3.0, "recorded")
    assert retaken.duration_s == pytest.approx(1.0)


def test_recorder_reports_levels_and_stops(samples_dir: Path) -> None:
    levels = []
    recorder = Recorder(FileSource(samples_dir / "speech" / "french.aiff"), levels.append)
    buffer = recorder.record(max_seconds=1.0)
    assert buffer.duration_s == pytest.approx(1.0)
    assert buffer.rate == SAMPLE_RATE
    assert len(levels) >= 20
    assert levels[-1].seconds == pytest.approx(1.0)
    assert all(level.peak_dbfs >= level.rms_dbfs for level in levels)
    assert max(level.rms_dbfs for level in levels) > -40


def test_recorder_stop_and_cancel(samples_dir: Path) -> None:
    recorder = Recorder(FileSource(samples_dir / "speech" / "french.aiff"))
    recorder.stop()
    assert recorder.record().frames == 2048  # stops after the first block

    token = CancelToken()
    token.cancel()
    with pytest.raises(VoileError) as raised:
        Recorder(FileSource(samples_dir / "speech" / "french.aiff")).record(cancel=token)
    assert raised.value.key == "job.cancelled"


def test_no_sound_card_disables_recording() -> None:
    if input_devices():
        pytest.skip("this machine has a sound input; the no-microphone path cannot be shown")
    with pytest.raises(VoileError) as raised:
        MicrophoneSource()
    assert raised.value.key == "edit.no_microphone"
    assert "microphone" in raised.value.message("fr")


def test_bleep_is_a_1khz_tone() -> None:
    sound = bleep_tone(48000, 2)
    assert sound.shape == (2, 48000)
    assert band_power(sound[0], 1000.0) > 0.99


def _pitch(signal: np.ndarray) -> float:
    """Estimate the fundamental frequency of a steady tone by autocorrelation."""
    window = signal[4800:4800 + 4096].astype(np.float64)
    correlation = np.correlate(window, window, "full")[4095:]
    lo, hi = SAMPLE_RATE // 1000, SAMPLE_RATE // 60
    return SAMPLE_RATE / (lo + int(np.argmax(correlation[lo:hi])))


def _centroid(signal: np.ndarray) -> float:
    spectrum = np.abs(np.fft.rfft(signal))
    frequencies = np.fft.rfftfreq(len(signal), 1 / SAMPLE_RATE)
    return float((spectrum * frequencies).sum() / spectrum.sum())


def test_alter_shifts_pitch_and_formants_apart(samples_dir: Path) -> None:
    # A buzzy vowel-like tone: a 200 Hz fundamental with harmonics shaped by two resonances.
    times = np.arange(SAMPLE_RATE, dtype=np.float64) / SAMPLE_RATE
    voice = sum(np.sin(2 * np.pi * 200 * k * times) / k
                * (np.exp(-((200 * k - 700) / 200) ** 2) + np.exp(-((200 * k - 1200) / 250) ** 2))
                for k in range(1, 20))
    voice = (0.3 * voice / np.max(np.abs(voice))).astype(np.float32)[None, :]

    pitch_only = alter_voice(voice, pitch=-4.0, formant=0.0)
    formant_only = alter_voice(voice, pitch=0.0, formant=4.0)
    assert pitch_only.shape == voice.shape == formant_only.shape
    assert _pitch(pitch_only[0]) == pytest.approx(200 * 2 ** (-4 / 12), rel=0.04)
    assert _pitch(formant_only[0]) == pytest.approx(200, rel=0.04)
    assert _centroid(formant_only[0]) > 1.1 * _centroid(voice[0])


def test_later_voice_range_overrides_earlier() -> None:
    lesson = Lesson(voice_ranges=[VoiceRange("m", 0, 50, "keep"), VoiceRange("m", 20, 30, "bleep"),
                                  VoiceRange("other", 0, 99, "keep")])
    pieces = voice_pieces(lesson, "m", 10, 60)
    assert [(p.mode, p.first_frame, p.last_frame) for p in pieces] == [
        ("keep", 10, 19), ("bleep", 20, 30), ("keep", 31, 50), ("mute", 51, 60)]


def test_limiter_keeps_peaks_under_ceiling() -> None:
    rng = np.random.default_rng(5)
    sound = (rng.standard_normal((1, 48000)) * 0.3).astype(np.float32)
    sound[0, 1000] = 3.0
    limited = limit_peaks(sound, 0.5)
    assert float(np.max(np.abs(limited))) <= 0.5
    # Away from the peaks the sound is barely touched.
    assert np.corrcoef(limited[0, 20000:30000], sound[0, 20000:30000])[0, 1] > 0.95


def test_speech_is_normalised_to_target(samples_dir: Path) -> None:
    bus = speech(samples_dir).samples.copy() * 0.05
    facts = _normalise(bus, normalise=True)
    assert measure_loudness(bus) == pytest.approx(TARGET_LUFS, abs=0.5)
    assert facts["peak_dbfs"] <= -1.0
    assert facts["normalised"] is True

"""Export a media or a lesson: decode from the vault, redact, draw, encode H.264, verify, sign.

Two entry points share one path. ``export_media`` writes one media whole, minus the frames of
its cut tracks. ``export_lesson`` writes a case's teaching edit: the context card, then the kept
sequences in lesson order with their diagrams, and the narration mixed with the original sound
as the voice ranges decide. The MP4 carries the chapters, and a WebVTT chapter file, a WebVTT
caption file and an OpenTimelineIO cut list are written beside it. Every kept frame is decoded
and re-encoded on a continuous output timeline, so cuts are frame-exact.

The files are written under temporary names in the output folder and appear under their final
names only after verification passed and the audit package was written, so a half-written
export is never taken for a finished one. Existing files are never overwritten.

Verification fails closed: the export is re-opened, its container is parsed box by box for
identifying metadata (the chapter track is allowed only when it holds exactly the lesson's
chapters), its frame count is compared with the plan, and the face detector runs over it
again. Any residual face outside the regions a person explicitly rejected makes the export
"not releasable".
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import av
import numpy as np

import app
from app.edit.plan import FramePlan, build_plan, frame_rate_of, whole_media_plan
from app.errors import (
    CancelledError,
    DiskFullError,
    ExportError,
    NotReleasableError,
)
from app.i18n import current_language
from app.jobs import CancelToken, ProgressCallback, no_progress
from app.media.decode import iter_rgb_frames, open_container
from app.project.model import (
    FILLS,
    SHAPES,
    Box,
    CaseProject,
    Lesson,
    MediaProject,
    RedactionStyle,
    Track,
    utc_now,
)
from app.redaction.render import apply_regions, regions_for_frame
from app.vault import Vault

log = logging.getLogger(__name__)

# MP4 muxer settings that keep FFmpeg from writing an encoder tag or creation times.
MUXER_OPTIONS = {"fflags": "+bitexact"}
DEFAULT_VERIFY_THRESHOLD = 0.5
AUDIO_FRAME_SAMPLES = 1024  # AAC frame length
LESSON_NAME = "lesson"
_PACKAGE_SUFFIXES = (".mp4", ".audit.pdf", ".manifest.json", ".manifest.json.sig",
                     ".chapters.vtt", ".captions.vtt", ".otio")


@dataclass
class ExportOptions:
    fill: str | None = None  # override every track's fill
    shape: str | None = None  # override every track's shape
    margin: float | None = None  # override every track's margin
    keep_audio: bool = False  # whole-media exports only; lessons follow their voice ranges
    crf: int = 23
    preset: str = "veryfast"
    verify_threshold: float = DEFAULT_VERIFY_THRESHOLD
    language: str | None = None
    # The use the export is made for; the case's consent must cover both.
    purpose: str = "teaching"
    channel: str = "internal_platform"

    def __post_init__(self) -> None:
        if self.fill is not None and self.fill not in FILLS:
            raise ExportError("export.bad_option", option="fill", value=self.fill)
        if self.shape is not None and self.shape not in SHAPES:
            raise ExportError("export.bad_option", option="shape", value=self.shape)
        if self.margin is not None and not 0 <= self.margin <= 2:
            raise ExportError("export.bad_option", option="margin", value=self.margin)
        if not 0 <= self.crf <= 51:
            raise ExportError("export.bad_option", option="crf", value=self.crf)


@dataclass
class ExportResult:
    video: Path
    releasable: bool
    residual_frames: list[int]
    findings: list[str]
    facts: dict[str, Any] = field(default_factory=dict)
    package: Any = None
    sidecars: dict[str, Path] = field(default_factory=dict)  # "chapters", "captions", "timeline"
    timings: dict[str, float] = field(default_factory=dict)  # seconds: "encode", "verify"


@dataclass
class _Job:
    """Everything one export writes, gathered before the first frame is encoded."""

    case: Any
    project: CaseProject
    plan: FramePlan
    lesson: Lesson | None
    styled: dict[str, MediaProject]
    base: str
    width: int
    height: int
    keep_audio: bool = False
    consent: dict[str, Any] = field(default_factory=dict)  # purpose, channel, status, warnings


def _styled_media(media: MediaProject, options: ExportOptions) -> MediaProject:
    """Return a copy of ``media`` whose tracks carry the export-wide style overrides."""
    if options.fill is None and options.shape is None and options.margin is None:
        return media
    tracks: list[Track] = []
    for track in media.tracks:
        style = RedactionStyle(
            fill=options.fill or track.style.fill,  # type: ignore[arg-type]
            shape=options.shape or track.style.shape,  # type: ignore[arg-type]
            margin=track.style.margin if options.margin is None else options.margin,
        )
        copy = Track(**{**track.__dict__, "style": style})
        tracks.append(copy)
    return MediaProject(media.media_id, media.width, media.height, media.frame_count, media.fps,
                        tracks, media.runs)


def check_analysed(media: MediaProject) -> None:
    """Fail closed unless a complete face analysis exists and every failed frame was reviewed."""
    from app.detection.verification import REQUIRED_DETECTORS, check_analysis_complete

    check_analysis_complete(media, REQUIRED_DETECTORS)


def export_base_name(pseudonym: str, media_id: str) -> str:
    return f"{pseudonym}_{media_id}"


def _claimed(out_dir: Path, base: str) -> list[str]:
    return [base + suffix for suffix in _PACKAGE_SUFFIXES if (out_dir / (base + suffix)).exists()]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def _even(value: int) -> int:
    return value - (value % 2)


def export_media(vault: Vault, media_id: str, out_dir: Path, options: ExportOptions | None = None,
                 progress: ProgressCallback = no_progress,
                 cancel: CancelToken | None = None) -> ExportResult:
    """Export one media whole, minus the frames of its cut tracks, with its audit package."""
    options = options or ExportOptions()
    record = vault.media(media_id)
    case = vault.case(record.case_id)
    project = vault.load_project(case.id)
    media = project.media[media_id]
    check_analysed(media)
    plan = whole_media_plan(project, media_id, frame_rate_of(media.fps))
    job = _Job(case, project, plan, None, {media_id: _styled_media(media, options)},
               export_base_name(case.pseudonym, media_id), _even(media.width),
               _even(media.height), keep_audio=options.keep_audio)
    return _export(vault, job, out_dir, options, progress, cancel)


def export_lesson(vault: Vault, case_reference: str, out_dir: Path,
                  options: ExportOptions | None = None, media_id: str | None = None,
                  progress: ProgressCallback = no_progress,
                  cancel: CancelToken | None = None) -> ExportResult:
    """Export the teaching edit of a case (its ``Lesson``) with its sidecars and audit package.

    ``media_id`` names the media exported whole when the lesson has no sequences; it may be
    left out when the case has a single media. Raises ``ExportError("export.card_flags")``
    while a re-identification flag of the card, captions, chapter titles or labels is neither
    fixed nor acknowledged.
    """
    from app.edit.card import card_has_content, check_card
    from app.edit.diagrams import check_diagram
    from app.edit.reidentification import require_no_flags
    from app.edit.voices import check_voice_settings

    options = options or ExportOptions()
    case = vault.case(case_reference)
    project = vault.load_project(case.id)
    lesson = project.lesson

    require_no_flags(lesson)
    if lesson.card is not None:
        check_card(lesson.card)
    check_voice_settings(lesson)
    for diagram in lesson.diagrams:
        check_diagram(diagram)

    if not lesson.sequences and media_id is None:
        if len(project.media) != 1:
            raise ExportError("edit.no_sequences")
        media_id = next(iter(project.media))
    first_id = lesson.sequences[0].media_id if lesson.sequences else media_id
    if first_id not in project.media:
        raise ExportError("edit.sequence_media_missing", sequence="-", media_id=first_id)
    first_media = project.media[first_id]
    rate = frame_rate_of(first_media.fps)
    lead = round(lesson.card.duration_s * rate) if (lesson.card is not None
                                                     and card_has_content(lesson.card)) else 0
    from app.i18n import tr

    language = options.language or current_language()
    plan = build_plan(project, rate, media_id, lead, tr("edit.chapter.opening", language))
    for used in plan.media_ids:
        check_analysed(project.media[used])
    styled = {used: _styled_media(project.media[used], options) for used in plan.media_ids}
    job = _Job(case, project, plan, lesson, styled, f"{case.pseudonym}_{LESSON_NAME}",
               _even(first_media.width), _even(first_media.height))
    return _export(vault, job, out_dir, options, progress, cancel)


def _export(vault: Vault, job: _Job, out_dir: Path, options: ExportOptions,
            progress: ProgressCallback, cancel: CancelToken | None) -> ExportResult:
    language = options.language or current_language()
    if job.width < 2 or job.height < 2:
        raise ExportError("export.too_small", width=job.width, height=job.height)
    from app.casefile.consent import check_export_allowed, load_consent

    warnings = check_export_allowed(vault, job.case.id, options.purpose, options.channel)
    consent = load_consent(vault, job.case.id)
    job.consent = {
        "purpose": options.purpose,
        "channel": options.channel,
        "status": consent.status,
        "revision": consent.revision,
        "signed_on": consent.signed_on or "",
        "warnings": [warning.key for warning in warnings],
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    if _claimed(out_dir, job.base):
        raise ExportError("export.exists", name=job.base)
    token = secrets.token_hex(4)
    temp = out_dir / f".{job.base}.{token}.partial.mp4"
    subject = job.plan.media_ids[0] if job.lesson is None else job.case.id
    vault.journal("export.start", subject, f"case={job.case.id} frames={job.plan.total_frames}")

    sidecars: dict[str, tuple[Path, Path]] = {}
    try:
        mix = _render_audio(vault, job)
        progress(0, job.plan.total_frames, "export")
        started = time.perf_counter()
        encoded = _encode(vault, job, mix, temp, options, progress, cancel, language)
        timings = {"encode": time.perf_counter() - started}
        sidecars = _write_sidecars(job, out_dir, token, language)
        progress(0, 1, "verify")
        started = time.perf_counter()
        verification = _verify(temp, job, encoded, options, cancel)
        timings["verify"] = time.perf_counter() - started
    except OSError as error:
        _remove(temp, sidecars)
        if error.errno == errno.ENOSPC:
            raise DiskFullError(what="export") from None
        raise ExportError("export.write_failed", errno=error.errno or 0) from None
    except BaseException:
        _remove(temp, sidecars)
        raise

    findings = list(verification["container_findings"])
    residual = verification["residual_face_frames"]
    for kind, frames in verification.get("residual_other_frames", {}).items():
        if frames:
            findings.append(f"{kind}: {_frame_list(frames)}")
    if not verification["releasable"]:
        _remove(None, sidecars)
        rejected = out_dir / f"{job.base}.NOT-RELEASABLE.mp4"
        if rejected.exists():
            rejected = out_dir / f"{job.base}.NOT-RELEASABLE.{secrets.token_hex(3)}.mp4"
        temp.replace(rejected)
        vault.journal("export.not_releasable", subject,
                      f"residual_frames={len(residual)} findings={len(findings)}")
        log.warning("export %s not releasable: %d residual face frames, %d findings, "
                    "frames match %s", subject, len(residual), len(findings),
                    verification["frames_match"])
        raise NotReleasableError(frames=_frame_list(residual), count=len(residual),
                                 findings=", ".join(findings) or "-", file=rejected.name)

    final = out_dir / f"{job.base}.mp4"
    facts = build_facts(vault, job, options, encoded, verification, final.name, sha256_of(temp),
                        temp.stat().st_size, language, sidecars, mix)
    from app.audit.package import write_audit_package

    try:
        package = write_audit_package(out_dir, job.base, facts, vault.identity(),
                                      vault.authority().cert_pem, language)
    except BaseException:
        _remove(temp, sidecars)
        raise
    if final.exists() or any(target.exists() for _, target in sidecars.values()):
        _remove(temp, sidecars)
        raise ExportError("export.exists", name=job.base)
    for temporary, target in sidecars.values():
        temporary.replace(target)
    temp.replace(final)
    vault.journal("export.done", subject, f"sha256={facts['export']['sha256']}")
    log.info("exported %s: %d frames, sha256 %s", subject, encoded["frames"],
             facts["export"]["sha256"][:16])
    return ExportResult(final, True, [], [], facts, package,
                        {kind: target for kind, (_, target) in sidecars.items()}, timings)


def _remove(temp: Path | None, sidecars: dict[str, tuple[Path, Path]]) -> None:
    if temp is not None:
        temp.unlink(missing_ok=True)
    for temporary, _ in sidecars.values():
        temporary.unlink(missing_ok=True)


def _frame_list(frames: list[int], limit: int = 20) -> str:
    shown = ", ".join(str(frame) for frame in frames[:limit])
    return shown + (" …" if len(frames) > limit else "")


# ----------------------------------------------------------------------------- audio

def _render_audio(vault: Vault, job: _Job) -> Any:
    """Return the export's ``Mix`` (its ``audio`` is None when the export has no sound)."""
    from app.edit.mix import Mix, render_mix

    if job.lesson is not None:
        return render_mix(vault, job.plan, job.lesson, normalise=True)
    if not job.keep_audio:
        return Mix(None, {"mode": "dropped"})
    mix = render_mix(vault, job.plan, Lesson(voice_default="keep"), normalise=False)
    mix.facts["mode"] = "kept"
    return mix


class _AudioWriter:
    """Encodes the mixed sound to AAC in step with the video, so the file stays interleaved."""

    def __init__(self, output: Any, mix: Any) -> None:
        from app.edit.audio import SAMPLE_RATE

        self.rate = SAMPLE_RATE
        self.samples: np.ndarray = mix.audio.samples
        layout = "mono" if self.samples.shape[0] == 1 else "stereo"
        self.layout = layout
        self.stream = output.add_stream("aac", rate=SAMPLE_RATE)
        self.stream.layout = layout
        self.stream.time_base = Fraction(1, SAMPLE_RATE)
        self.output = output
        self.position = 0

    def write_until(self, seconds: float) -> None:
        end = min(round(seconds * self.rate), self.samples.shape[1])
        while self.position < end:
            stop = min(self.position + AUDIO_FRAME_SAMPLES, self.samples.shape[1])
            block = np.ascontiguousarray(self.samples[:, self.position: stop])
            frame = av.AudioFrame.from_ndarray(block, format="fltp", layout=self.layout)
            frame.sample_rate = self.rate
            frame.pts = self.position
            frame.time_base = Fraction(1, self.rate)
            for packet in self.stream.encode(frame):
                self.output.mux(packet)
            self.position = stop

    def finish(self) -> None:
        self.write_until(self.samples.shape[1] / self.rate)
        for packet in self.stream.encode(None):
            self.output.mux(packet)


# ----------------------------------------------------------------------------- video

def _encode(vault: Vault, job: _Job, mix: Any, temp: Path, options: ExportOptions,
            progress: ProgressCallback, cancel: CancelToken | None,
            language: str) -> dict[str, Any]:
    from app.edit.frames import SourceFrames

    plan = job.plan
    width, height = job.width, job.height
    time_base = Fraction(plan.rate.denominator, plan.rate.numerator)
    output = av.open(str(temp), mode="w", format="mp4", options=MUXER_OPTIONS)
    sources: dict[str, SourceFrames] = {}
    try:
        out_video = output.add_stream("libx264", rate=plan.rate)
        out_video.width = width
        out_video.height = height
        out_video.pix_fmt = "yuv420p"
        out_video.time_base = time_base
        out_video.options = {"crf": str(options.crf), "preset": options.preset}
        out_video.codec_context.flags |= getattr(av.codec.context.Flags, "bitexact", 0)
        audio = _AudioWriter(output, mix) if mix.audio is not None else None

        def write(yuv: np.ndarray, index: int) -> None:
            frame = av.VideoFrame.from_ndarray(yuv, format="yuv420p")
            frame.pts = index
            frame.time_base = time_base
            for packet in out_video.encode(frame):
                output.mux(packet)
            if audio is not None:
                audio.write_until(float((index + 1) * time_base))
            if cancel is not None and cancel.cancelled:
                raise CancelledError()
            progress(index + 1, plan.total_frames, "export")

        card = _card_frame(job, language)
        for index in range(plan.lead_frames):
            assert card is not None
            write(card.copy(), index)

        layers = _diagram_layers(vault, job)
        for media_id in plan.media_ids:
            sources[media_id] = SourceFrames(vault, media_id, job.project.media[media_id]
                                             .frame_count)
        index = plan.lead_frames
        for segment in plan.segments:
            source = sources[segment.media_id]
            for number, frame in source.frames(segment.in_frame, segment.out_frame):
                yuv = _redacted_yuv(frame, number, job.styled[segment.media_id], width, height)
                layer = layers.get(segment.media_id)
                if layer is not None:
                    from app.edit.diagrams import apply_overlays

                    apply_overlays(yuv, width, height, layer.overlays_at(number))
                write(yuv, index)
                index += 1

        for packet in out_video.encode(None):
            output.mux(packet)
        if audio is not None:
            audio.finish()
        if plan.chapters:
            output.set_chapters([
                {"id": number, "start": chapter.start_frame, "end": chapter.end_frame,
                 "time_base": time_base, "metadata": {"title": chapter.title}}
                for number, chapter in enumerate(plan.chapters, start=1)])
    finally:
        output.close()
        for source in sources.values():
            source.close()
    with open(temp, "rb+") as handle:
        os.fsync(handle.fileno())
    first = job.project.media[plan.media_ids[0]]
    return {"frames": index, "width": width, "height": height, "fps": float(plan.rate),
            "rate": f"{plan.rate.numerator}/{plan.rate.denominator}",
            "audio": mix.facts.get("mode", "dropped"),
            "cropped": (width, height) != (first.width, first.height)}


def _redacted_yuv(frame: av.VideoFrame, number: int, media: MediaProject, width: int,
                  height: int) -> np.ndarray:
    yuv: np.ndarray = frame.reformat(format="yuv420p").to_ndarray()
    if (frame.width, frame.height) != (width, height):
        yuv = _crop_yuv(yuv, frame.width, frame.height, width, height)
    yuv = np.ascontiguousarray(yuv)
    apply_regions(yuv, width, height, regions_for_frame(media, number, width, height))
    return yuv


def _card_frame(job: _Job, language: str) -> np.ndarray | None:
    if not job.plan.lead_frames or job.lesson is None or job.lesson.card is None:
        return None
    from app.edit.card import render_card

    rgb = render_card(job.lesson.card, job.width, job.height, language)
    frame = av.VideoFrame.from_ndarray(np.ascontiguousarray(rgb), format="rgb24")
    return np.ascontiguousarray(frame.reformat(format="yuv420p").to_ndarray())


def _diagram_layers(vault: Vault, job: _Job) -> dict[str, Any]:
    if job.lesson is None or not job.lesson.diagrams:
        return {}
    from app.edit.diagrams import DiagramLayer

    images: dict[str, bytes] = {}

    def load(object_id: str) -> bytes:
        if object_id not in images:
            reader = vault.open_object(object_id)
            try:
                images[object_id] = reader.read()
            finally:
                reader.close()
        return images[object_id]

    layers: dict[str, Any] = {}
    for media_id in job.plan.media_ids:
        diagrams = [diagram for diagram in job.lesson.diagrams if diagram.media_id == media_id]
        if diagrams:
            layers[media_id] = DiagramLayer(diagrams, job.width, job.height, load)
    return layers


def _crop_yuv(yuv: np.ndarray, src_w: int, src_h: int, width: int, height: int) -> np.ndarray:
    """Crop an odd-sized yuv420p array to even ``width`` x ``height`` (drops a row or column)."""
    flat = yuv.reshape(-1)
    cw, ch = (src_w + 1) // 2, (src_h + 1) // 2
    luma = flat[: src_w * src_h].reshape(src_h, src_w)[:height, :width]
    u = flat[src_w * src_h : src_w * src_h + cw * ch].reshape(ch, cw)[: height // 2, : width // 2]
    v = flat[src_w * src_h + cw * ch : src_w * src_h + 2 * cw * ch].reshape(ch, cw)[
        : height // 2, : width // 2]
    return np.concatenate([luma.reshape(-1), u.reshape(-1), v.reshape(-1)]).reshape(-1, width)


# ----------------------------------------------------------------------------- sidecars

def _write_sidecars(job: _Job, out_dir: Path, token: str,
                    language: str) -> dict[str, tuple[Path, Path]]:
    """Write the lesson's WebVTT and OTIO files under temporary names; map kind to paths."""
    if job.lesson is None:
        return {}
    from app.edit.sidecars import (
        CAPTIONS_SUFFIX,
        CHAPTERS_SUFFIX,
        TIMELINE_SUFFIX,
        captions_vtt,
        chapters_vtt,
        placed_captions,
        timeline_otio,
    )

    contents: dict[str, tuple[str, str]] = {
        "timeline": (TIMELINE_SUFFIX, timeline_otio(job.plan, job.lesson, job.project.media,
                                                    job.base)),
    }
    if job.plan.chapters:
        contents["chapters"] = (CHAPTERS_SUFFIX, chapters_vtt(job.plan.chapters, job.plan))
    captions = placed_captions(job.lesson.captions, job.plan)
    if captions:
        contents["captions"] = (CAPTIONS_SUFFIX, captions_vtt(captions))

    written: dict[str, tuple[Path, Path]] = {}
    for kind, (suffix, text) in contents.items():
        temporary = out_dir / f".{job.base}.{token}.partial{suffix}"
        temporary.write_text(text, encoding="utf-8", newline="\n")
        written[kind] = (temporary, out_dir / f"{job.base}{suffix}")
    return written


# ----------------------------------------------------------------------------- verification

def _verify(path: Path, job: _Job, encoded: dict[str, Any], options: ExportOptions,
            cancel: CancelToken | None) -> dict[str, Any]:
    from app.detection.analyze import find_residual_faces
    from app.detection.registry import load_detector
    from app.export.containercheck import export_findings

    plan = job.plan
    raw_findings = {finding.kind for finding in export_findings(path)}
    chapters_ok = _chapters_match(path, plan)
    if plan.chapters and chapters_ok:
        # The chapter track holds only the titles checked for re-identification.
        raw_findings.discard("chapter_text")
    findings = sorted(raw_findings)
    if plan.chapters and not chapters_ok:
        findings.append("chapters_mismatch")

    detector = load_detector("face", threshold=options.verify_threshold)
    container = open_container(str(path), job.base)
    try:
        count = container.streams.video[0].frames
        has_audio = bool(container.streams.audio)
        residual_all = find_residual_faces(iter_rgb_frames(container, job.base), detector, cancel)
    finally:
        container.close()
    kept, residual = _split_by_rejection(job, residual_all, path, detector)
    other_residual, other_kept = _residual_other_kinds(path, job, cancel)
    frames_match = encoded["frames"] == plan.total_frames and (not count
                                                              or count == encoded["frames"])
    audio_match = has_audio == (encoded["audio"] not in ("dropped", "none"))
    return {
        "releasable": (not findings and not residual and frames_match and audio_match
                       and not any(other_residual.values())),
        "residual_face_frames": residual,
        "residual_other_frames": other_residual,
        "kept_other_frames": other_kept,
        "kept_by_decision_frames": kept,
        "container_findings": findings,
        "frames_match": frames_match,
        "audio_match": audio_match,
        "chapters_checked": len(plan.chapters) if chapters_ok else 0,
        "detector": "face",
        "detector_name": detector.name,
        "detector_version": detector.version,
        "threshold": options.verify_threshold,
    }


def _chapters_match(path: Path, plan: FramePlan) -> bool:
    """Tell whether the file's chapters are exactly the plan's (titles, and times to 1 ms)."""
    with av.open(str(path)) as container:
        chapters = container.chapters()
    if len(chapters) != len(plan.chapters):
        return False
    for found, wanted in zip(chapters, plan.chapters, strict=True):
        time_base = found["time_base"] or Fraction(1, 1000)
        start = float(found["start"] * time_base)
        end = float(found["end"] * time_base)
        if found["metadata"].get("title", "") != wanted.title:
            return False
        if abs(start - plan.seconds(wanted.start_frame)) > 0.0015:
            return False
        if abs(end - plan.seconds(wanted.end_frame)) > 0.0015:
            return False
    return True


def _split_by_rejection(job: _Job, frames: list[int], path: Path,
                        detector: Any) -> tuple[list[int], list[int]]:
    """Separate residual detections lying inside regions a person rejected from the others.

    A face a person explicitly chose to keep visible (a rejected proposal) is not a residual
    face. Every other detection is one, including any on the context card.
    """
    def has_rejections(media: MediaProject) -> bool:
        return any(track.status == "rejected" or track.rejected_ranges for track in media.tracks)

    if not frames or not any(has_rejections(media) for media in job.styled.values()):
        return [], frames
    wanted = set(frames)
    kept: list[int] = []
    residual: list[int] = []
    container = open_container(str(path), job.base)
    try:
        for index, rgb in iter_rgb_frames(container, job.base):
            if index not in wanted:
                continue
            source = job.plan.source_of(index)
            # Weak detections help recall during analysis; the check counts those at the threshold.
            detections = [d for d in detector.detect(rgb) if d.score >= detector.threshold]
            if source is not None and all(
                    _inside_rejected(job.styled[source[0]], source[1], d.box) for d in detections):
                kept.append(index)
            else:
                residual.append(index)
    finally:
        container.close()
    return kept, residual


VERIFIED_KINDS = ("out_of_body",)  # detectors re-run over the export, besides faces


def _residual_other_kinds(path: Path, job: _Job, cancel: CancelToken | None
                          ) -> tuple[dict[str, list[int]], dict[str, list[int]]]:
    """Run the out-of-body detector over the export, one frame a second.

    Returns ``(residual, kept)`` per detector. A frame counts as kept, not
    residual, on the context card (its text passed the re-identification check),
    under a diagram (text the user wrote), or where a person rejected a proposal
    of that kind on that source frame.
    NOTE: this leniency is per frame, not per region, so on such a frame another
    leftover of the same kind would not block the export.
    """
    from app.detection.verification import find_residual_in_export

    analysed = {run.detector for media in job.styled.values() for run in media.runs}
    # NOTE: overlay text is not re-checked in the export yet. The OCR detector's raw boxes
    # score 0.5-0.6 on tissue texture in laparoscopy frames and on the borders of solid
    # masks, so that check would block clean exports. Analysis and review cover text.
    wanted = tuple(kind for kind in VERIFIED_KINDS if kind in analysed)
    if not wanted:
        return {}, {}
    found = find_residual_in_export(path, wanted, cancel=cancel)
    residual: dict[str, list[int]] = {}
    kept: dict[str, list[int]] = {}
    for kind, frames in found.items():
        residual[kind] = []
        kept[kind] = []
        for frame in frames:
            source = job.plan.source_of(frame)
            if source is None or _explained(job, kind, source[0], source[1]):
                kept[kind].append(frame)
            else:
                residual[kind].append(frame)
    return residual, kept


def _explained(job: _Job, kind: str, media_id: str, frame: int) -> bool:
    if job.lesson is not None and any(
            diagram.media_id == media_id and diagram.start_frame <= frame <= diagram.end_frame
            for diagram in job.lesson.diagrams):
        return True
    for track in job.styled[media_id].tracks:
        if track.kind != kind:
            continue
        if track.status == "rejected" and track.start_frame <= frame <= track.end_frame:
            return True
        if any(start <= frame <= end for start, end in track.rejected_ranges):
            return True
    return False


def _inside_rejected(media: MediaProject, frame: int, box: Box) -> bool:
    for track in media.tracks:
        rejected_here = track.status == "rejected" or any(
            start <= frame <= end for start, end in track.rejected_ranges)
        if not rejected_here:
            continue
        region = track.box_at(frame)
        if region is None:
            continue
        grown = region.expanded(0.25)
        cx, cy = box.x + box.w / 2, box.y + box.h / 2
        if grown.x <= cx <= grown.x + grown.w and grown.y <= cy <= grown.y + grown.h:
            return True
    return False


# ----------------------------------------------------------------------------- facts

def build_facts(vault: Vault, job: _Job, options: ExportOptions, encoded: dict[str, Any],
                verification: dict[str, Any], file_name: str, export_sha256: str,
                export_size: int, language: str, sidecars: dict[str, tuple[Path, Path]],
                mix: Any) -> dict[str, Any]:
    """Collect every fact the audit sheet and the signed manifest state."""
    from app.edit.facts import edit_facts
    from app.export.containercheck import inspect_container

    plan = job.plan
    first_id = plan.media_ids[0]
    record = vault.media(first_id)
    fps = float(plan.rate)
    source_reader = vault.open_media(record.id, purpose="audit")
    try:
        removed = sorted({finding.kind for finding in inspect_container(source_reader)})
    finally:
        source_reader.close()
    users = {user.id: user.name for user in vault.users()}

    def who(user: str) -> str:
        return users.get(user, user)

    redactions: list[dict[str, Any]] = []
    detectors: list[dict[str, Any]] = []
    several = len(plan.media_ids) > 1
    for media_id in plan.media_ids:
        redactions += _redaction_facts(job.styled[media_id], fps, who, several)
        for run in job.project.media[media_id].runs:
            detectors.append({"id": run.detector, "name": run.name, "version": run.version,
                              "threshold": run.threshold, "model_sha256": run.model_sha256,
                              "frames_analyzed": run.frames_analyzed,
                              "frames_total": run.frames_total}
                             | ({"media_id": media_id} if several else {}))

    from app.audit.authority import certificate_sha256

    identity = vault.identity()
    root_sha256 = certificate_sha256(vault.authority().cert_pem)
    files = [{"kind": kind, "file": target.name, "sha256": sha256_of(temporary),
              "size": temporary.stat().st_size} for kind, (temporary, target) in sidecars.items()]
    media_frames = job.project.media[first_id].frame_count
    return {
        "format": "voile-audit",
        "format_version": 1,
        "created_at": utc_now(),
        "language": language,
        "software": {"name": "Voile", "version": app.__version__, "pyav": av.__version__,
                     "ffmpeg": _ffmpeg_version(), "encoder": "libx264"},
        "case": {"pseudonym": job.case.pseudonym, "case_id": job.case.id},
        "source": {"media_id": record.id, "sha256": record.sha256, "size": record.size,
                   "duration_s": record.info.duration_s, "width": record.info.width,
                   "height": record.info.height, "fps": record.info.fps,
                   "frames": media_frames, "container": record.info.container},
        "export": {"file": file_name, "sha256": export_sha256, "size": export_size, "codec": "h264",
                   "preset": options.preset, "crf": options.crf, "width": encoded["width"],
                   "height": encoded["height"], "frames": encoded["frames"],
                   "duration_s": round(encoded["frames"] / fps, 3) if fps else 0.0},
        "audio": mix.facts,
        "consent": job.consent,
        "metadata_removed": removed,
        "detectors": detectors,
        "redactions": redactions,
        "edit": edit_facts(vault, job.plan, job.lesson, job.project, files, who, language),
        "verification": {
            "releasable": verification["releasable"],
            "residual_face_frames": verification["residual_face_frames"],
            "kept_by_decision_frames": verification["kept_by_decision_frames"],
            "kept_other_frames": verification["kept_other_frames"],
            "container_findings": verification["container_findings"],
            "detector": verification["detector"],
            "threshold": verification["threshold"],
        },
        "author": {"user": identity.user, "principal": identity.principal},
        "authority": {"label": vault.authority_label(), "root_sha256": root_sha256},
    }


def _redaction_facts(media: MediaProject, fps: float, who: Callable[[str], str],
                     with_media: bool) -> list[dict[str, Any]]:
    facts: list[dict[str, Any]] = []
    for track in media.tracks:
        decisions = [d for d in track.history if d.action != "propose"]
        last = decisions[-1] if decisions else None
        item: dict[str, Any] = {
            "id": track.id,
            "kind": track.kind,
            "origin": track.origin,
            "status": "rejected" if track.status == "rejected" else "applied",
            "start_frame": track.start_frame,
            "end_frame": track.end_frame,
            "frames": track.frame_count,
            "start_s": round(track.start_frame / fps, 3),
            "end_s": round((track.end_frame + 1) / fps, 3),
            "shape": "frame" if track.whole_frame else track.style.shape,
            "fill": "cut" if track.cut else track.style.fill,
            "margin": track.style.margin,
            "created_by": who(track.created_by),
            "decided_by": who(last.user) if last else "",
            "decided_at": last.at if last else "",
            "rejected_ranges": [list(pair) for pair in track.rejected_ranges],
        }
        if with_media:
            item["media_id"] = media.media_id
        facts.append(item)
    return facts


def _ffmpeg_version() -> str:
    try:
        return str(av.library_versions.get("libavformat", ""))
    except AttributeError:
        return ""


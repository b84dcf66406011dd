"""Export a media: decode from the vault, redact, encode H.264, verify, then sign.

The file is written under a temporary name in the output folder and appears
under its final name only after verification passed and the audit package was
written, so a half-written export is never taken for a finished one. Existing
files are never overwritten.

Verification fails closed: the export is re-opened, its container is parsed box
by box for identifying metadata, its frame count is compared with the source,
and the face detector runs over it again. Any residual face outside the regions
a person explicitly rejected makes the export "not releasable".
"""

from __future__ import annotations

import errno
import hashlib
import logging
import os
import secrets
from dataclasses import dataclass, field
from fractions import Fraction
from pathlib import Path
from typing import Any

import av
import numpy as np

import app
from app.errors import (
    CancelledError,
    DiskFullError,
    ExportError,
    MediaError,
    NotReleasableError,
)
from app.i18n import current_language
from app.jobs import CancelToken, ProgressCallback, no_progress
from app.media.decode import iter_rgb_frames, open_container
from app.project.model import FILLS, SHAPES, Box, MediaProject, RedactionStyle, Track, utc_now
from app.redaction.render import apply_regions, regions_for_frame
from app.vault import Vault

log = logging.getLogger(__name__)

# MP4 muxer settings that keep FFmpeg from writing an encoder tag or creation times.
MUXER_OPTIONS = {"fflags": "+bitexact"}
DEFAULT_VERIFY_THRESHOLD = 0.5


@dataclass
class ExportOptions:
    fill: str | None = None  # override every track's fill
    shape: str | None = None  # override every track's shape
    margin: float | None = None  # override every track's margin
    keep_audio: bool = False
    crf: int = 23
    preset: str = "veryfast"
    verify_threshold: float = DEFAULT_VERIFY_THRESHOLD
    language: str | None = None

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
    """Fail closed unless every frame went through at least one completed face analysis."""
    face_runs = [run for run in media.runs if run.detector == "face"]
    if not face_runs:
        raise ExportError("export.not_analysed", media_id=media.media_id)
    last = face_runs[-1]
    if last.failed_frames or last.frames_analyzed < last.frames_total:
        raise ExportError("export.analysis_incomplete", media_id=media.media_id,
                          missing=last.frames_total - last.frames_analyzed + len(last.failed_frames))


def export_base_name(pseudonym: str, media_id: str) -> str:
    return f"{pseudonym}_{media_id}"


def _claimed(out_dir: Path, base: str) -> list[str]:
    suffixes = (".mp4", ".audit.pdf", ".manifest.json", ".manifest.json.sig")
    return [base + suffix for suffix in suffixes if (out_dir / (base + suffix)).exists()]


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while block := handle.read(1 << 20):
            digest.update(block)
    return digest.hexdigest()


def export_media(vault: Vault, media_id: str, out_dir: Path, options: ExportOptions | None = None,
                 progress: ProgressCallback = no_progress,
                 cancel: CancelToken | None = None) -> ExportResult:
    options = options or ExportOptions()
    language = options.language or current_language()
    record = vault.media(media_id)
    case = vault.case(record.case_id)
    project = vault.load_project(case.id)
    media = project.media[media_id]
    check_analysed(media)
    styled = _styled_media(media, options)

    out_dir.mkdir(parents=True, exist_ok=True)
    base = export_base_name(case.pseudonym, media_id)
    if _claimed(out_dir, base):
        raise ExportError("export.exists", name=base)
    final = out_dir / f"{base}.mp4"
    temp = out_dir / f".{base}.{secrets.token_hex(4)}.partial.mp4"

    vault.journal("export.start", media_id, f"case={case.id}")
    try:
        encoded = _encode(vault, media_id, styled, temp, options, progress, cancel)
        progress(0, 1, "verify")
        verification = _verify(temp, media, encoded, options, cancel)
    except OSError as error:
        temp.unlink(missing_ok=True)
        if error.errno == errno.ENOSPC:
            raise DiskFullError(what="export") from None
        raise ExportError("export.write_failed", errno=error.errno or 0) from None
    except BaseException:
        temp.unlink(missing_ok=True)
        raise

    findings = verification["container_findings"]
    residual = verification["residual_face_frames"]
    releasable = not findings and not residual and verification["frames_match"]
    if not releasable:
        rejected = out_dir / f"{base}.NOT-RELEASABLE.mp4"
        if rejected.exists():
            rejected = out_dir / f"{base}.NOT-RELEASABLE.{secrets.token_hex(3)}.mp4"
        os.replace(temp, rejected)
        vault.journal("export.not_releasable", media_id,
                      f"residual_frames={len(residual)} findings={len(findings)}")
        log.warning("export of media %s not releasable: %d residual face frames, %d findings",
                    media_id, len(residual), len(findings))
        raise NotReleasableError(frames=_frame_list(residual), count=len(residual),
                                 findings=", ".join(findings) or "-",
                                 file=rejected.name)

    facts = build_facts(vault, record, case, media, styled, options, encoded, verification,
                        final.name, sha256_of(temp), temp.stat().st_size, language)
    from app.audit.package import write_audit_package

    try:
        package = write_audit_package(out_dir, base, facts, vault.identity(),
                                      vault.authority().cert_pem, language)
    except BaseException:
        temp.unlink(missing_ok=True)
        raise
    if final.exists():
        temp.unlink(missing_ok=True)
        raise ExportError("export.exists", name=base)
    os.replace(temp, final)
    vault.journal("export.done", media_id, f"sha256={facts['export']['sha256']}")
    log.info("exported media %s: %d frames, sha256 %s", media_id, encoded["frames"],
             facts["export"]["sha256"][:16])
    return ExportResult(final, True, [], [], facts, package)


def _frame_list(frames: list[int], limit: int = 20) -> str:
    shown = ", ".join(str(frame) for frame in frames[:limit])
    return shown + (" …" if len(frames) > limit else "")


def _even(value: int) -> int:
    return value - (value % 2)


def _encode(vault: Vault, media_id: str, media: MediaProject, temp: Path, options: ExportOptions,
            progress: ProgressCallback, cancel: CancelToken | None) -> dict[str, Any]:
    reader = vault.open_media(media_id, purpose="export")
    source = open_container(reader, media_id)
    output = av.open(str(temp), mode="w", format="mp4", options=MUXER_OPTIONS)
    try:
        in_video = source.streams.video[0]
        rate = in_video.average_rate or in_video.guessed_rate or Fraction(25, 1)
        width, height = _even(media.width), _even(media.height)
        if width < 2 or height < 2:
            raise ExportError("export.too_small", width=media.width, height=media.height)
        out_video = output.add_stream("libx264", rate=rate)
        out_video.width = width
        out_video.height = height
        out_video.pix_fmt = "yuv420p"
        out_video.time_base = in_video.time_base
        out_video.options = {"crf": str(options.crf), "preset": options.preset}
        out_video.codec_context.flags |= getattr(av.codec.context.Flags, "bitexact", 0)

        audio_out = None
        audio_in = None
        if options.keep_audio and source.streams.audio:
            audio_in = source.streams.audio[0]
            audio_out = output.add_stream("aac", rate=audio_in.codec_context.sample_rate or 48000)

        streams = [in_video] + ([audio_in] if audio_in is not None else [])
        frames = 0
        total = max(media.frame_count, 1)
        for packet in source.demux(*streams):
            if cancel is not None and cancel.cancelled:
                raise CancelledError()
            try:
                decoded = packet.decode()
            except (av.FFmpegError, ValueError):
                raise MediaError("media.decode_failed", media_id=media_id, frame=frames) from None
            for frame in decoded:
                if packet.stream.type == "audio":
                    assert audio_out is not None
                    frame.pts = None
                    for out_packet in audio_out.encode(frame):
                        output.mux(out_packet)
                    continue
                _encode_video_frame(frame, frames, media, width, height, out_video, output)
                frames += 1
                progress(frames, total, "export")
        # demux() ends each stream with an empty packet, whose decode() above flushed the decoder.
        for out_packet in out_video.encode(None):
            output.mux(out_packet)
        if audio_out is not None:
            for out_packet in audio_out.encode(None):
                output.mux(out_packet)
    finally:
        output.close()
        source.close()
        reader.close()
    with open(temp, "rb+") as handle:
        os.fsync(handle.fileno())
    return {"frames": frames, "width": width, "height": height, "fps": float(rate),
            "audio": "kept" if audio_out is not None else "dropped",
            "cropped": (width, height) != (media.width, media.height)}


def _encode_video_frame(frame: av.VideoFrame, index: int, media: MediaProject, width: int,
                        height: int, out_video: Any, output: Any) -> None:
    yuv = frame.reformat(format="yuv420p").to_ndarray()
    if (frame.width, frame.height) != (width, height):
        yuv = _crop_yuv(yuv, frame.width, frame.height, width, height)
    yuv = np.ascontiguousarray(yuv)
    apply_regions(yuv, width, height, regions_for_frame(media, index, width, height))
    new_frame = av.VideoFrame.from_ndarray(yuv, format="yuv420p")
    new_frame.pts = frame.pts
    new_frame.time_base = frame.time_base
    for packet in out_video.encode(new_frame):
        output.mux(packet)


def _crop_yuv(yuv: np.ndarray, src_w: int, src_h: int, width: int, height: int) -> np.ndarray:
    """Crop an odd-sized yuv420p array to even ``width`` x ``height`` (drops the last row/column)."""
    flat = yuv.reshape(-1)
    cw, ch = (src_w + 1) // 2, (src_h + 1) // 2
    luma = flat[: src_w * src_h].reshape(src_h, src_w)[:height, :width]
    u = flat[src_w * src_h : src_w * src_h + cw * ch].reshape(ch, cw)[: height // 2, : width // 2]
    v = flat[src_w * src_h + cw * ch : src_w * src_h + 2 * cw * ch].reshape(ch, cw)[
        : height // 2, : width // 2]
    return np.concatenate([luma.reshape(-1), u.reshape(-1), v.reshape(-1)]).reshape(-1, width)


def _verify(path: Path, media: MediaProject, encoded: dict[str, Any], options: ExportOptions,
            cancel: CancelToken | None) -> dict[str, Any]:
    from app.detection.analyze import find_residual_faces
    from app.detection.registry import load_detector
    from app.export.containercheck import export_findings

    findings = sorted({finding.kind for finding in export_findings(path)})
    detector = load_detector("face", threshold=options.verify_threshold)
    container = open_container(str(path), media.media_id)
    try:
        count = container.streams.video[0].frames
        residual_all = find_residual_faces(
            iter_rgb_frames(container, media.media_id), detector, cancel)
    finally:
        container.close()
    kept, residual = _split_by_rejection(media, residual_all, path, detector)
    frames_match = encoded["frames"] == media.frame_count or media.frame_count == 0
    if count and count != encoded["frames"]:
        frames_match = False
    return {
        "releasable": not findings and not residual and frames_match,
        "residual_face_frames": residual,
        "kept_by_decision_frames": kept,
        "container_findings": findings,
        "frames_match": frames_match,
        "detector": "face",
        "detector_name": detector.name,
        "detector_version": detector.version,
        "threshold": options.verify_threshold,
    }


def _split_by_rejection(media: MediaProject, frames: list[int], path: Path,
                        detector: Any) -> tuple[list[int], list[int]]:
    """Separate residual detections lying inside regions a person rejected from the others.

    A face a person explicitly chose to keep visible (a rejected proposal) is
    not a residual face; every other detection is.
    """
    rejected = [track for track in media.tracks if track.status == "rejected" or track.rejected_ranges]
    if not frames or not rejected:
        return [], frames
    wanted = set(frames)
    kept: list[int] = []
    residual: list[int] = []
    container = open_container(str(path), media.media_id)
    try:
        for index, rgb in iter_rgb_frames(container, media.media_id):
            if index not in wanted:
                continue
            detections = detector.detect(rgb)
            if all(_inside_rejected(media, index, d.box) for d in detections):
                kept.append(index)
            else:
                residual.append(index)
    finally:
        container.close()
    return kept, residual


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


def build_facts(vault: Vault, record: Any, case: Any, media: MediaProject, styled: MediaProject,
                options: ExportOptions, encoded: dict[str, Any], verification: dict[str, Any],
                file_name: str, export_sha256: str, export_size: int,
                language: str) -> dict[str, Any]:
    """Collect every fact the audit sheet and the signed manifest state."""
    from app.export.containercheck import inspect_container

    fps = media.fps or encoded["fps"]
    source_reader = vault.open_media(record.id, purpose="audit")
    try:
        removed = sorted({finding.kind for finding in inspect_container(source_reader)})
    finally:
        source_reader.close()
    users = {user.id: user.name for user in vault.users()}

    def who(user: str) -> str:
        return users.get(user, user)

    redactions = []
    for track in styled.tracks:
        decisions = [d for d in track.history if d.action != "propose"]
        last = decisions[-1] if decisions else None
        redactions.append({
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
            "fill": track.style.fill,
            "margin": track.style.margin,
            "created_by": who(track.created_by),
            "decided_by": who(last.user) if last else "",
            "decided_at": last.at if last else "",
            "rejected_ranges": [list(pair) for pair in track.rejected_ranges],
        })

    detectors = []
    for run in media.runs:
        detectors.append({"id": run.detector, "name": run.name, "version": run.version,
                          "threshold": run.threshold, "model_sha256": run.model_sha256,
                          "frames_analyzed": run.frames_analyzed, "frames_total": run.frames_total})
    identity = vault.identity()
    authority = vault.authority()
    from cryptography import x509

    root = x509.load_pem_x509_certificate(authority.cert_pem)
    root_sha256 = hashlib.sha256(root.public_bytes(_der())).hexdigest()
    return {
        "format": "voile-audit",
        "format_version": 1,
        "created_at": utc_now(),
        "language": language,
        "software": {"name": "Voile", "version": app.__version__, "pyav": av.__version__,
                     "ffmpeg": _ffmpeg_version(), "encoder": "libx264"},
        "case": {"pseudonym": case.pseudonym, "case_id": case.id},
        "source": {"media_id": record.id, "sha256": record.sha256, "size": record.size,
                   "duration_s": record.info.duration_s, "width": record.info.width,
                   "height": record.info.height, "fps": record.info.fps,
                   "frames": media.frame_count, "container": record.info.container},
        "export": {"file": file_name, "sha256": export_sha256, "size": export_size, "codec": "h264",
                   "preset": options.preset, "crf": options.crf, "width": encoded["width"],
                   "height": encoded["height"], "frames": encoded["frames"],
                   "duration_s": round(encoded["frames"] / fps, 3) if fps else 0.0},
        "audio": {"mode": encoded["audio"]},
        "metadata_removed": removed,
        "detectors": detectors,
        "redactions": redactions,
        "verification": {
            "releasable": verification["releasable"],
            "residual_face_frames": verification["residual_face_frames"],
            "kept_by_decision_frames": verification["kept_by_decision_frames"],
            "container_findings": verification["container_findings"],
            "detector": verification["detector"],
            "threshold": verification["threshold"],
        },
        "author": {"user": identity.user, "principal": identity.principal},
        "authority": {"label": vault.authority_label(), "root_sha256": root_sha256},
    }


def _der() -> Any:
    from cryptography.hazmat.primitives.serialization import Encoding

    return Encoding.DER


def _ffmpeg_version() -> str:
    try:
        return str(av.library_versions.get("libavformat", ""))
    except AttributeError:
        return ""

"""Files written beside a lesson export: WebVTT chapters and captions, OpenTimelineIO cut list.

All times are on the output timeline (the context card first). The cut list names each
source by its media id (``urn:voile:media:<id>``), never by a file name, and keeps the source
in/out frames, so an editor can rebuild the cut from the vault's originals.
"""

from __future__ import annotations

import re
from typing import Any

from app.edit.plan import Chapter, FramePlan
from app.errors import ExportError
from app.project.model import Caption, Lesson, MediaProject

CHAPTERS_SUFFIX = ".chapters.vtt"
CAPTIONS_SUFFIX = ".captions.vtt"
TIMELINE_SUFFIX = ".otio"
MEDIA_URN = "urn:voile:media:"


def vtt_timestamp(seconds: float) -> str:
    """Format seconds as a WebVTT timestamp, ``HH:MM:SS.mmm``."""
    milliseconds = round(max(seconds, 0.0) * 1000)
    total_seconds, millis = divmod(milliseconds, 1000)
    minutes, secs = divmod(total_seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{millis:03d}"


def _cue_text(text: str) -> str:
    """Escape cue text for WebVTT: entities for & < >, no blank line, no "-->"."""
    escaped = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    escaped = escaped.replace("-->", "--&gt;")
    lines = [line.strip() for line in escaped.splitlines()]
    return "\n".join(line for line in lines if line) or " "


def chapters_vtt(chapters: list[Chapter], plan: FramePlan) -> str:
    """Return the WebVTT chapter file (one cue per chapter, ids ``chapter-N``)."""
    parts = ["WEBVTT", ""]
    for number, chapter in enumerate(chapters, start=1):
        parts += [f"chapter-{number}",
                  f"{vtt_timestamp(plan.seconds(chapter.start_frame))} --> "
                  f"{vtt_timestamp(plan.seconds(chapter.end_frame))}",
                  _cue_text(chapter.title), ""]
    return "\n".join(parts)


def placed_captions(captions: list[Caption], plan: FramePlan) -> list[tuple[float, float, str]]:
    """Return ``(start_s, end_s, text)`` on the output timeline, cut to the export's length.

    Raises ``ExportError("edit.bad_caption")`` for a caption that ends before it starts.
    """
    lead = plan.seconds(plan.lead_frames)
    total = plan.seconds(plan.total_frames)
    placed: list[tuple[float, float, str]] = []
    for index, caption in enumerate(sorted(captions, key=lambda item: item.start_s)):
        if caption.start_s < 0 or caption.end_s <= caption.start_s:
            raise ExportError("edit.bad_caption", index=index, start=caption.start_s,
                              end=caption.end_s)
        start, end = lead + caption.start_s, min(lead + caption.end_s, total)
        if start < total and caption.text.strip():
            placed.append((start, end, caption.text))
    return placed


def captions_vtt(captions: list[tuple[float, float, str]]) -> str:
    parts = ["WEBVTT", ""]
    for start, end, text in captions:
        parts += [f"{vtt_timestamp(start)} --> {vtt_timestamp(end)}", _cue_text(text), ""]
    return "\n".join(parts)


def parse_vtt(text: str) -> list[tuple[float, float, str]]:
    """Read the cues of a WebVTT file written here, as ``(start_s, end_s, text)``."""
    cues: list[tuple[float, float, str]] = []
    pattern = re.compile(r"(\d+):(\d{2}):(\d{2})\.(\d{3}) --> (\d+):(\d{2}):(\d{2})\.(\d{3})")
    blocks = text.replace("\r\n", "\n").split("\n\n")
    for block in blocks:
        lines = block.strip("\n").split("\n")
        for index, line in enumerate(lines):
            found = pattern.match(line)
            if found:
                values = [int(part) for part in found.groups()]
                start = values[0] * 3600 + values[1] * 60 + values[2] + values[3] / 1000
                end = values[4] * 3600 + values[5] * 60 + values[6] + values[7] / 1000
                cues.append((start, end, "\n".join(lines[index + 1:])))
                break
    return cues


def timeline_otio(plan: FramePlan, lesson: Lesson | None, media: dict[str, MediaProject],
                  name: str) -> str:
    """Return the cut list as OpenTimelineIO JSON: video clips, chapter markers, narration."""
    import opentimelineio as otio

    rate = float(plan.rate)

    def span(start: float, duration: float) -> Any:
        return otio.opentime.TimeRange(otio.opentime.RationalTime(start, rate),
                                       otio.opentime.RationalTime(duration, rate))

    timeline = otio.schema.Timeline(name=name)
    timeline.global_start_time = otio.opentime.RationalTime(0, rate)
    video = otio.schema.Track(name="video", kind=otio.schema.TrackKind.Video)
    if plan.lead_frames:
        card = otio.schema.Clip(name="context card", source_range=span(0, plan.lead_frames))
        card.media_reference = otio.schema.GeneratorReference(
            generator_kind="voile.context_card", available_range=span(0, plan.lead_frames))
        video.append(card)
    for segment in plan.segments:
        source = media[segment.media_id]
        clip = otio.schema.Clip(name=segment.sequence_id or segment.media_id,
                                source_range=span(segment.in_frame, segment.frames))
        clip.media_reference = otio.schema.ExternalReference(
            target_url=f"{MEDIA_URN}{segment.media_id}",
            available_range=span(0, source.frame_count))
        clip.metadata["voile"] = {"media_id": segment.media_id,
                                  "sequence_id": segment.sequence_id,
                                  "in_frame": segment.in_frame, "out_frame": segment.out_frame}
        video.append(clip)
    for chapter in plan.chapters:
        marker = otio.schema.Marker(name=chapter.title,
                                    marked_range=span(chapter.start_frame,
                                                      chapter.end_frame - chapter.start_frame),
                                    color=otio.schema.MarkerColor.YELLOW)
        marker.metadata["voile"] = {"kind": "chapter", "sequence_id": chapter.sequence_id}
        video.markers.append(marker)
    timeline.tracks.append(video)

    if lesson is not None and lesson.narration:
        timeline.tracks.append(_narration_track(plan, lesson, otio, rate))
    result: str = otio.adapters.write_to_string(timeline, "otio_json")
    return result


def _narration_track(plan: FramePlan, lesson: Lesson, otio: Any, rate: float) -> Any:
    def seconds(value: float) -> Any:
        return otio.opentime.RationalTime.from_seconds(value, rate)

    track = otio.schema.Track(name="narration", kind=otio.schema.TrackKind.Audio)
    lead = plan.seconds(plan.lead_frames)
    cursor = 0.0
    for clip in sorted(lesson.narration, key=lambda item: item.lesson_start_s):
        start = lead + clip.lesson_start_s
        if start > cursor:
            track.append(otio.schema.Gap(source_range=otio.opentime.TimeRange(
                seconds(0), seconds(start - cursor))))
            cursor = start
        elif start < cursor:
            # OTIO tracks do not overlap; an overlapping clip is kept in metadata only.
            track.metadata.setdefault("voile_overlapping_clips", []).append(clip.id)
            continue
        item = otio.schema.Clip(name=clip.id, source_range=otio.opentime.TimeRange(
            seconds(clip.trim_start_s), seconds(clip.duration_s)))
        item.media_reference = otio.schema.ExternalReference(
            target_url=f"urn:voile:object:{clip.object_id}")
        item.metadata["voile"] = {"gain_db": clip.gain_db, "source": clip.source}
        track.append(item)
        cursor = start + clip.duration_s
    return track

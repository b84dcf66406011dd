"""Edits on redaction tracks, as pure functions that return new ``Track`` objects.

The editor never changes a ``Track`` in place: each edit deep-copies the track,
changes the copy and records the decision in its history. The undo stack then
only swaps lists of track references, and a frame being drawn in another
thread never reads a half-edited track.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable

from app.project.model import Box, Decision, Keyframe, RedactionStyle, Sample, Track


def clone(track: Track) -> Track:
    return copy.deepcopy(track)


def set_status(track: Track, status: str, user: str) -> Track:
    """Accept, reject or restore (``proposed``) the whole track."""
    new = clone(track)
    new.status = status  # type: ignore[assignment]
    if status == "accepted":
        new.rejected_ranges = []
    action = {"accepted": "accept", "rejected": "reject", "proposed": "restore"}[status]
    new.record(action, user, new.start_frame, new.end_frame)
    return new


def merge_ranges(ranges: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    """Sort inclusive frame ranges and join those that overlap or touch."""
    merged: list[tuple[int, int]] = []
    for start, end in sorted((min(a, b), max(a, b)) for a, b in ranges):
        if merged and start <= merged[-1][1] + 1:
            merged[-1] = (merged[-1][0], max(merged[-1][1], end))
        else:
            merged.append((start, end))
    return merged


def subtract_range(ranges: Iterable[tuple[int, int]], start: int,
                   end: int) -> list[tuple[int, int]]:
    """Remove the inclusive range ``start..end`` from ``ranges``."""
    kept: list[tuple[int, int]] = []
    for first, last in ranges:
        if last < start or first > end:
            kept.append((first, last))
            continue
        if first < start:
            kept.append((first, start - 1))
        if last > end:
            kept.append((end + 1, last))
    return merge_ranges(kept)


def set_range_decision(track: Track, start: int, end: int, accept: bool, user: str) -> Track:
    """Accept or reject the track over ``start..end`` (inclusive), clipped to the track."""
    start, end = max(min(start, end), track.start_frame), min(max(start, end), track.end_frame)
    if start > end:
        return track
    new = clone(track)
    if accept:
        if new.status == "rejected":
            # The rest of the track stays rejected, now as ranges around the accepted part.
            rest = [(new.start_frame, start - 1), (end + 1, new.end_frame)]
            new.rejected_ranges = merge_ranges(
                [pair for pair in rest if pair[0] <= pair[1]] + list(new.rejected_ranges))
            new.rejected_ranges = subtract_range(new.rejected_ranges, start, end)
        else:
            new.rejected_ranges = subtract_range(new.rejected_ranges, start, end)
        new.status = "accepted"
        new.record("accept_range", user, start, end)
    else:
        new.rejected_ranges = merge_ranges([*new.rejected_ranges, (start, end)])
        if new.rejected_ranges == [(new.start_frame, new.end_frame)]:
            new.status = "rejected"
            new.rejected_ranges = []
        new.record("reject_range", user, start, end)
    return new


def _bake_samples(track: Track, first: int, last: int) -> list[Keyframe]:
    """Return keyframes holding the boxes shown now on the sample frames between two frames."""
    baked: list[Keyframe] = []
    for sample in track.samples:
        if first < sample.frame < last:
            box = track.box_at(sample.frame)
            if box is not None:
                baked.append(Keyframe(sample.frame, box))
    return baked


def set_keyframe(track: Track, frame: int, box: Box, user: str) -> Track:
    """Set the box on ``frame`` as a keyframe; boxes between keyframes are interpolated.

    On a track with detector samples, keyframes override the samples between the
    first and the last keyframe. So that a new keyframe outside that span does
    not replace the detector's boxes in between with a straight line, the boxes
    shown on those sample frames are kept as keyframes first.
    """
    new = clone(track)
    keyframes = [key for key in new.keyframes if key.frame != frame]
    if new.samples and keyframes:
        first, last = keyframes[0].frame, keyframes[-1].frame
        if frame < first:
            keyframes += _bake_samples(track, frame, first)
        elif frame > last:
            keyframes += _bake_samples(track, last, frame)
    keyframes.append(Keyframe(frame, box))
    new.keyframes = sorted(keyframes, key=lambda key: key.frame)
    new.start_frame = min(new.start_frame, frame)
    new.end_frame = max(new.end_frame, frame)
    new.record("edit", user, frame, frame, "keyframe")
    return new


def _boundary_keyframes(track: Track, start: int, end: int) -> list[Keyframe]:
    """Keep the shown box at ``start`` and ``end`` when keyframes are cut off there."""
    if not track.keyframes:
        return []
    first, last = track.keyframes[0].frame, track.keyframes[-1].frame
    added: list[Keyframe] = []
    for frame in (start, end):
        if first <= frame <= last and all(key.frame != frame for key in track.keyframes):
            box = track.box_at(frame)
            if box is not None:
                added.append(Keyframe(frame, box))
    return added


def trim(track: Track, start: int, end: int, user: str) -> Track:
    """Limit the track to ``start..end``; extending past the last box repeats that box."""
    start, end = min(start, end), max(start, end)
    new = clone(track)
    keyframes = track.keyframes + _boundary_keyframes(track, start, end)
    new.keyframes = sorted((key for key in keyframes if start <= key.frame <= end),
                           key=lambda key: key.frame)
    new.samples = [sample for sample in track.samples if start <= sample.frame <= end]
    if not new.samples and not new.keyframes:
        box = track.box_at(min(max(start, track.start_frame), track.end_frame))
        if box is None:
            return track
        new.keyframes = [Keyframe(start, box)]
    boxes = new.keyframes or []
    if boxes and not new.samples:
        if boxes[0].frame > start:
            boxes.insert(0, Keyframe(start, boxes[0].box))
        if boxes[-1].frame < end:
            boxes.append(Keyframe(end, boxes[-1].box))
    new.start_frame, new.end_frame = start, end
    new.rejected_ranges = [(max(a, start), min(b, end)) for a, b in track.rejected_ranges
                           if b >= start and a <= end]
    new.record("edit", user, start, end, "trim")
    return new


def split(track: Track, frame: int, new_id: str, user: str) -> tuple[Track, Track] | None:
    """Cut the track before ``frame``: return ``(start..frame-1, frame..end)`` or ``None``."""
    if not track.start_frame < frame <= track.end_frame:
        return None
    first = trim(track, track.start_frame, frame - 1, user)
    second = trim(track, frame, track.end_frame, user)
    second.id = new_id
    # Each part's history ends with the trim that made it; record it as the split it is.
    first.history[-1] = Decision("split", user, first.history[-1].at, track.start_frame,
                                 frame - 1, f"into {new_id}")
    second.history[-1] = Decision("split", user, second.history[-1].at, frame, track.end_frame,
                                  f"from {track.id}")
    return first, second


def set_style(track: Track, style: RedactionStyle, user: str) -> Track:
    new = clone(track)
    new.style = RedactionStyle(style.fill, style.shape, style.margin)
    new.record("style", user, detail=f"{style.fill}/{style.shape}/{style.margin:.2f}")
    return new


def set_kind(track: Track, kind: str, user: str) -> Track:
    new = clone(track)
    new.kind = kind
    new.record("edit", user, detail=f"kind={kind}")
    return new


def new_manual_track(track_id: str, kind: str, frame: int, box: Box, user: str,
                     style: RedactionStyle | None = None) -> Track:
    """Create an accepted manual region shown on ``frame`` only, to be followed or extended."""
    track = Track(id=track_id, kind=kind, origin="manual", start_frame=frame, end_frame=frame,
                  keyframes=[Keyframe(frame, box)], status="accepted",
                  style=style or RedactionStyle(), created_by=user)
    track.record("add", user, frame, frame)
    return track


def apply_follow(track: Track, boxes: dict[int, tuple[Box, float]], user: str) -> Track:
    """Add the boxes found by following the region, and extend the track over them."""
    if not boxes:
        return track
    new = clone(track)
    kept = {sample.frame: sample for sample in new.samples}
    for frame, (box, score) in boxes.items():
        kept[frame] = Sample(frame, box, score)
    new.samples = [kept[frame] for frame in sorted(kept)]
    new.start_frame = min(new.start_frame, min(boxes))
    new.end_frame = max(new.end_frame, max(boxes))
    new.record("edit", user, min(boxes), max(boxes), "follow")
    return new

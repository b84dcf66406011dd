"""Data model of a case project.

A case project holds, for each media of a case, the redaction tracks (automatic
proposals and manual regions), every decision taken on them with its author and
time, and the detector runs that produced them. It is serialised to JSON with a
``schema_version`` and migrated on load (see ``app.project.migrations``).

Coordinates are source pixels of the media's decoded frames (after rotation is
applied); frame numbers count decoded frames from 0 in presentation order.
"""

from __future__ import annotations

import bisect
import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = 2

TrackKind = str  # "face", "text", "out_of_body", "person", "manual", ...
Fill = Literal["solid", "pixelate", "blur"]
Shape = Literal["rect", "ellipse"]
Status = Literal["proposed", "accepted", "rejected"]
Origin = Literal["auto", "manual"]

FILLS: tuple[str, ...] = ("solid", "pixelate", "blur")
SHAPES: tuple[str, ...] = ("rect", "ellipse")


def utc_now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


@dataclass(frozen=True)
class Box:
    """Axis-aligned box in source pixels: top-left corner, width and height."""

    x: float
    y: float
    w: float
    h: float

    def expanded(self, margin: float) -> Box:
        """Grow the box by ``margin`` times its size on every side."""
        dx = self.w * margin
        dy = self.h * margin
        return Box(self.x - dx, self.y - dy, self.w + 2 * dx, self.h + 2 * dy)

    def lerp(self, other: Box, t: float) -> Box:
        return Box(
            self.x + (other.x - self.x) * t,
            self.y + (other.y - self.y) * t,
            self.w + (other.w - self.w) * t,
            self.h + (other.h - self.h) * t,
        )

    def union(self, other: Box) -> Box:
        x0 = min(self.x, other.x)
        y0 = min(self.y, other.y)
        x1 = max(self.x + self.w, other.x + other.w)
        y1 = max(self.y + self.h, other.y + other.h)
        return Box(x0, y0, x1 - x0, y1 - y0)

    def iou(self, other: Box) -> float:
        ix = max(0.0, min(self.x + self.w, other.x + other.w) - max(self.x, other.x))
        iy = max(0.0, min(self.y + self.h, other.y + other.h) - max(self.y, other.y))
        inter = ix * iy
        union = self.w * self.h + other.w * other.h - inter
        return inter / union if union > 0 else 0.0

    def to_list(self) -> list[float]:
        return [round(self.x, 2), round(self.y, 2), round(self.w, 2), round(self.h, 2)]

    @classmethod
    def from_list(cls, values: list[float]) -> Box:
        return cls(float(values[0]), float(values[1]), float(values[2]), float(values[3]))


@dataclass(frozen=True)
class Sample:
    """One detector observation of a track on one frame."""

    frame: int
    box: Box
    score: float


@dataclass(frozen=True)
class Keyframe:
    """A box set by a person on one frame; boxes between keyframes are interpolated."""

    frame: int
    box: Box


@dataclass
class RedactionStyle:
    fill: Fill = "solid"
    shape: Shape = "rect"
    margin: float = 0.15  # fraction of the box size added on every side

    def __post_init__(self) -> None:
        if self.fill not in FILLS:
            raise ValueError(f"unknown fill {self.fill!r}; expected one of {FILLS}")
        if self.shape not in SHAPES:
            raise ValueError(f"unknown shape {self.shape!r}; expected one of {SHAPES}")
        if not 0.0 <= self.margin <= 2.0:
            raise ValueError(f"margin {self.margin} is outside 0..2")


@dataclass(frozen=True)
class Decision:
    """A recorded action on a track, with who took it and when (UTC, ISO 8601)."""

    action: str  # "propose", "add", "accept", "reject", "reject_range", "restore", "edit", "style"
    user: str
    at: str
    start_frame: int | None = None
    end_frame: int | None = None
    detail: str = ""


@dataclass(frozen=True)
class ReviewFlag:
    """A frame range of a track that a person should check, and why.

    ``reason`` is "transition" (near a detector's decision threshold, for example
    where the camera enters or leaves the body), "low_confidence" (kept only because
    weak detections supported each other) or "unanalysed" (a detector failed there).
    """

    start_frame: int
    end_frame: int  # inclusive
    reason: str


@dataclass
class Track:
    """A region followed over time, to be redacted unless rejected.

    Automatic tracks carry detector ``samples``; manual tracks carry
    ``keyframes``. A person's keyframes on an automatic track override its
    samples between the first and last keyframe. ``hold_frames`` keeps the last
    box on screen for that many frames after the last observation, so a lost
    detection does not uncover a face for a frame.
    """

    id: str
    kind: TrackKind
    origin: Origin
    start_frame: int
    end_frame: int  # inclusive
    detector: str | None = None
    samples: list[Sample] = field(default_factory=list)
    keyframes: list[Keyframe] = field(default_factory=list)
    status: Status = "proposed"
    rejected_ranges: list[tuple[int, int]] = field(default_factory=list)
    style: RedactionStyle = field(default_factory=RedactionStyle)
    whole_frame: bool = False
    cut: bool = False  # drop the track's frames from the export instead of masking them
    hold_frames: int = 0
    created_by: str = ""
    history: list[Decision] = field(default_factory=list)
    review: list[ReviewFlag] = field(default_factory=list)

    @property
    def frame_count(self) -> int:
        return self.end_frame - self.start_frame + 1

    @property
    def mean_score(self) -> float | None:
        if not self.samples:
            return None
        return sum(sample.score for sample in self.samples) / len(self.samples)

    def is_applied_at(self, frame: int) -> bool:
        """Tell whether this track redacts ``frame``: not rejected, in range, not in a rejected range."""
        if self.status == "rejected":
            return False
        if not self.start_frame <= frame <= self.end_frame + self.hold_frames:
            return False
        return not any(start <= frame <= end for start, end in self.rejected_ranges)

    def box_at(self, frame: int) -> Box | None:
        """Return the box on ``frame``, interpolated between observations, or ``None`` outside the track."""
        if self.keyframes:
            frames = [key.frame for key in self.keyframes]
            if frames[0] <= frame <= frames[-1] or not self.samples:
                return _interpolate(frames, [key.box for key in self.keyframes], frame, self.hold_frames)
        if self.samples:
            frames = [sample.frame for sample in self.samples]
            return _interpolate(frames, [sample.box for sample in self.samples], frame, self.hold_frames)
        return None

    def record(self, action: str, user: str, start: int | None = None, end: int | None = None,
               detail: str = "") -> Decision:
        decision = Decision(action, user, utc_now(), start, end, detail)
        self.history.append(decision)
        return decision


def _interpolate(frames: list[int], boxes: list[Box], frame: int, hold: int) -> Box | None:
    if not frames:
        return None
    if frame < frames[0]:
        return boxes[0] if frames[0] - frame <= hold else None
    if frame > frames[-1]:
        return boxes[-1] if frame - frames[-1] <= hold else None
    index = bisect.bisect_left(frames, frame)
    if frames[index] == frame:
        return boxes[index]
    before, after = index - 1, index
    t = (frame - frames[before]) / (frames[after] - frames[before])
    return boxes[before].lerp(boxes[after], t)


@dataclass
class DetectorRun:
    """One analysis pass: which detector, with which settings, over which frames."""

    detector: str  # entry-point name, e.g. "face"
    name: str  # human name, e.g. "CenterFace"
    version: str
    threshold: float
    model_sha256: str
    params: dict[str, Any]
    user: str
    started_at: str
    finished_at: str
    frames_total: int
    frames_analyzed: int
    failed_frames: list[int] = field(default_factory=list)


@dataclass
class MediaProject:
    media_id: str
    width: int
    height: int
    frame_count: int
    fps: float
    tracks: list[Track] = field(default_factory=list)
    runs: list[DetectorRun] = field(default_factory=list)

    def track(self, track_id: str) -> Track:
        for track in self.tracks:
            if track.id == track_id:
                return track
        raise KeyError(track_id)

    def next_track_id(self) -> str:
        numbers = [int(track.id[1:]) for track in self.tracks if track.id[1:].isdigit()]
        return f"T{(max(numbers) + 1) if numbers else 1:04d}"

    def applied_tracks(self) -> list[Track]:
        return [track for track in self.tracks if track.status != "rejected"]


@dataclass
class Sequence:
    """A kept range of a source media, in lesson order; a non-empty title starts a chapter."""

    id: str
    media_id: str
    in_frame: int
    out_frame: int  # inclusive
    title: str = ""


@dataclass
class NarrationClip:
    """A narration recording or import, stored encrypted in the vault, placed on the lesson."""

    id: str
    object_id: str
    lesson_start_s: float
    duration_s: float
    trim_start_s: float = 0.0
    gain_db: float = 0.0
    source: str = "imported"  # "recorded" or "imported"
    sample_rate: int = 48000


@dataclass
class VoiceRange:
    """Treatment of the original sound over a source range: mute, keep, bleep or alter."""

    media_id: str
    start_frame: int
    end_frame: int
    mode: str = "mute"
    params: dict[str, float] = field(default_factory=dict)
    decided_by: str = ""
    decided_at: str = ""


@dataclass
class Diagram:
    """A drawing over a source range: arrow, circle, rect, freehand, text label or image.

    ``points`` are source pixels: two points for arrow/circle/rect (start and end
    corners), many for freehand, one anchor for text and image.
    """

    id: str
    media_id: str
    start_frame: int
    end_frame: int
    kind: str
    points: list[list[float]]
    text: str = ""
    color: str = "#ffd400"
    width: float = 4.0
    image_object_id: str | None = None


@dataclass
class Acknowledgement:
    """A person's decision to keep a flagged phrase of the context card or captions as written."""

    field_name: str
    flag_kind: str
    fingerprint: str  # keyed hash of the flagged text, so the text itself is not copied
    user: str
    at: str


@dataclass
class ContextCard:
    procedure: str = ""
    pathology: str = ""
    team: str = ""
    age_band: str = ""
    history: str = ""
    duration_s: float = 5.0
    acknowledgements: list[Acknowledgement] = field(default_factory=list)


@dataclass
class Caption:
    start_s: float
    end_s: float
    text: str


@dataclass
class Lesson:
    """The teaching edit of a case: kept sequences, narration, voices, diagrams, card, captions.

    An empty ``sequences`` list means the whole media is exported as recorded.
    Original voices are muted unless a ``VoiceRange`` sets another mode.
    """

    sequences: list[Sequence] = field(default_factory=list)
    narration: list[NarrationClip] = field(default_factory=list)
    voice_default: str = "mute"
    voice_ranges: list[VoiceRange] = field(default_factory=list)
    diagrams: list[Diagram] = field(default_factory=list)
    card: ContextCard | None = None
    captions: list[Caption] = field(default_factory=list)
    # Hex key of the keyed hashes in acknowledgements, made on the first check. It stays in
    # this encrypted document, so the fingerprints printed on audit sheets cannot be reversed
    # by hashing guesses such as "47 ans".
    fingerprint_key: str = ""

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Lesson:
        card = data.get("card")
        if card is not None:
            card = ContextCard(**{**card, "acknowledgements": [
                Acknowledgement(**ack) for ack in card.get("acknowledgements", [])]})
        return cls(
            sequences=[Sequence(**item) for item in data.get("sequences", [])],
            narration=[NarrationClip(**item) for item in data.get("narration", [])],
            voice_default=data.get("voice_default", "mute"),
            voice_ranges=[VoiceRange(**item) for item in data.get("voice_ranges", [])],
            diagrams=[Diagram(**item) for item in data.get("diagrams", [])],
            card=card,
            captions=[Caption(**item) for item in data.get("captions", [])],
            fingerprint_key=data.get("fingerprint_key", ""),
        )


@dataclass
class CaseProject:
    case_id: str
    schema_version: int = SCHEMA_VERSION
    revision: int = 0
    updated_at: str = ""
    media: dict[str, MediaProject] = field(default_factory=dict)
    lesson: Lesson = field(default_factory=Lesson)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        for media in data["media"].values():
            for track in media["tracks"]:
                track["samples"] = [
                    [s["frame"], Box(**s["box"]).to_list(), round(s["score"], 4)] for s in track["samples"]
                ]
                track["keyframes"] = [[k["frame"], Box(**k["box"]).to_list()] for k in track["keyframes"]]
                track["rejected_ranges"] = [list(pair) for pair in track["rejected_ranges"]]
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> CaseProject:
        from app.project.migrations import migrate

        data = migrate(data)
        project = cls(
            case_id=data["case_id"],
            schema_version=data["schema_version"],
            revision=data.get("revision", 0),
            updated_at=data.get("updated_at", ""),
            lesson=Lesson.from_dict(data.get("lesson", {})),
        )
        for media_id, media in data["media"].items():
            tracks = [_track_from_dict(track) for track in media["tracks"]]
            runs = [DetectorRun(**run) for run in media["runs"]]
            project.media[media_id] = MediaProject(
                media_id=media["media_id"],
                width=media["width"],
                height=media["height"],
                frame_count=media["frame_count"],
                fps=media["fps"],
                tracks=tracks,
                runs=runs,
            )
        return project


def _track_from_dict(data: dict[str, Any]) -> Track:
    return Track(
        id=data["id"],
        kind=data["kind"],
        origin=data["origin"],
        start_frame=data["start_frame"],
        end_frame=data["end_frame"],
        detector=data.get("detector"),
        samples=[Sample(frame, Box.from_list(box), score) for frame, box, score in data["samples"]],
        keyframes=[Keyframe(frame, Box.from_list(box)) for frame, box in data["keyframes"]],
        status=data["status"],
        rejected_ranges=[(start, end) for start, end in data["rejected_ranges"]],
        style=RedactionStyle(**data["style"]),
        whole_frame=data.get("whole_frame", False),
        cut=data.get("cut", False),
        hold_frames=data.get("hold_frames", 0),
        created_by=data.get("created_by", ""),
        history=[Decision(**decision) for decision in data["history"]],
        review=[ReviewFlag(**flag) for flag in data.get("review", [])],
    )

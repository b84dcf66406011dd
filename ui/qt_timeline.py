"""The timeline: ruler, thumbnail strip, waveform, analysis coverage and one lane per track.

Lanes are coloured by kind. A proposal still to review is drawn striped, an
accepted track plain and a rejected one grey. Rejected ranges are hatched.
The curve inside a lane is the detector's confidence (0 at the bottom of the
lane, 1 at the top) and diamonds mark keyframes. Frames the analysis could not
cover are red on the coverage row. Dragging on the ruler, pictures or waveform
scrubs. Clicking a lane selects its track, and dragging a lane's end trims it.
The wheel scrolls the lanes, Shift+wheel scrolls in time and Ctrl+wheel zooms.
Two rows under the coverage show the lesson: the kept ranges of this media, and
the narration clips at the source frames they play over. Dragging a clip moves
it and dragging one of its ends trims it.
"""

from __future__ import annotations

import bisect
import math
from typing import Any

import numpy as np
from PySide6.QtCore import QPointF, QRectF, Qt, Signal
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QImage,
    QMouseEvent,
    QPainter,
    QPainterPath,
    QPen,
    QPixmap,
    QWheelEvent,
)
from PySide6.QtWidgets import QHBoxLayout, QScrollBar, QSizePolicy, QVBoxLayout, QWidget

from app.project.model import Lesson, MediaProject, Track
from ui.qt_style import (
    PLAYHEAD_COLOUR,
    RANGE_COLOUR,
    REJECTED_COLOUR,
    UNCOVERED_COLOUR,
    kind_colour,
    kind_name,
)
from ui.timecode import format_timecode, frames_per_second_label

HEADER_WIDTH = 150
RULER_HEIGHT = 22
STRIP_HEIGHT = 40
WAVE_HEIGHT = 30
COVERAGE_HEIGHT = 16
LANE_HEIGHT = 24
KEPT_HEIGHT = 14  # the lesson's kept ranges of this media
NARRATION_HEIGHT = 22  # the lesson's narration clips, placed at their source frames
KEPT_COLOUR = QColor("#2e86c1")
NARRATION_COLOUR = QColor("#af7ac5")
TRIM_GRIP = 5  # pixels from a lane's end where a drag trims
THUMB_WIDTH = 64
MIN_PIXELS_PER_FRAME = 0.02
MAX_PIXELS_PER_FRAME = 24.0


def uncovered_frames(media: MediaProject) -> tuple[bool, list[int]]:
    """Return whether a face analysis ran, and the frames it could not cover."""
    runs = [run for run in media.runs if run.detector == "face"] or media.runs
    if not runs:
        return False, []
    last = runs[-1]
    missing = set(last.failed_frames)
    missing.update(range(last.frames_analyzed, max(last.frames_total, media.frame_count)))
    return True, sorted(missing)


class QtTimelineCanvas(QWidget):
    """The painted part of the timeline; ``QtTimeline`` adds the scroll bars."""

    scrubbed = Signal(int)
    scrub_finished = Signal(int)
    track_clicked = Signal(str)
    track_double_clicked = Signal(str)
    trim_requested = Signal(str, int, int)
    narration_edited = Signal(str, float, float, float)  # clip id, start, trim start, duration (s)
    thumbnail_needed = Signal(str, int)
    view_changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMouseTracking(True)
        self.setFocusPolicy(Qt.FocusPolicy.ClickFocus)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setMinimumHeight(RULER_HEIGHT + STRIP_HEIGHT + WAVE_HEIGHT + COVERAGE_HEIGHT
                              + KEPT_HEIGHT + NARRATION_HEIGHT + 2 * LANE_HEIGHT)
        self.media: MediaProject | None = None
        self.lesson: Lesson | None = None
        self.fps = 25.0
        self.frame_count = 1
        self.playhead = 0
        self.selected = ""
        self.in_point: int | None = None
        self.out_point: int | None = None
        self.pixels_per_frame = 1.0
        self.first_frame = 0.0  # frame at the left edge of the lanes
        self.fitted = True  # refit on resize until the user zooms or scrolls
        self.lane_offset = 0  # first lane shown
        self.peaks: np.ndarray | None = None
        self.thumbnails: dict[int, QPixmap] = {}
        self.labels = {"ruler": "", "pictures": "", "sound": "", "coverage": "",
                       "no_sound": "", "not_analysed": ""}
        self._drag: dict[str, Any] | None = None
        self._static: QPixmap | None = None  # everything but the playhead, redrawn on change

    def invalidate(self) -> None:
        """Redraw everything at the next paint (the playhead alone needs only ``update``)."""
        self._static = None
        self.update()

    # ----------------------------------------------------------------- model

    def set_media(self, media: MediaProject | None, fps: float, frame_count: int) -> None:
        self.media = media
        self.fps = fps if fps > 0 else 25.0
        self.frame_count = max(1, frame_count)
        self.thumbnails.clear()
        self.peaks = None
        self.first_frame = 0.0
        self.lane_offset = 0
        self.fit()
        self.invalidate()

    def set_peaks(self, peaks: np.ndarray | None) -> None:
        self.peaks = peaks
        self.invalidate()

    def add_thumbnail(self, frame: int, image: QImage) -> None:
        self.thumbnails[frame] = QPixmap.fromImage(image)
        self.invalidate()

    @property
    def tracks(self) -> list[Track]:
        return list(self.media.tracks) if self.media is not None else []

    # ----------------------------------------------------------------- geometry

    @property
    def lesson_top(self) -> int:
        return RULER_HEIGHT + STRIP_HEIGHT + WAVE_HEIGHT + COVERAGE_HEIGHT

    @property
    def narration_top(self) -> int:
        return self.lesson_top + KEPT_HEIGHT

    @property
    def lanes_top(self) -> int:
        return self.lesson_top + KEPT_HEIGHT + NARRATION_HEIGHT

    def narration_spans(self) -> list[tuple[Any, int, int]]:
        """Return ``(clip, first_frame, last_frame)`` for each narration piece on this media."""
        from ui.qt_lesson import source_spans

        if self.lesson is None or self.media is None:
            return []
        spans: list[tuple[Any, int, int]] = []
        for clip in self.lesson.narration:
            for first, last in source_spans(self.lesson, self.media.media_id, self.fps,
                                            clip.lesson_start_s,
                                            clip.lesson_start_s + clip.duration_s):
                last = min(last, self.frame_count - 1)
                if first <= last:
                    spans.append((clip, first, last))
        return spans

    @property
    def lane_width(self) -> int:
        return max(1, self.width() - HEADER_WIDTH)

    def visible_lanes(self) -> int:
        return max(1, (self.height() - self.lanes_top) // LANE_HEIGHT)

    def x_of(self, frame: float) -> float:
        return HEADER_WIDTH + (frame - self.first_frame) * self.pixels_per_frame

    def frame_at_x(self, x: float) -> int:
        frame = self.first_frame + (x - HEADER_WIDTH) / self.pixels_per_frame
        return int(min(max(math.floor(frame), 0), self.frame_count - 1))

    def visible_frames(self) -> float:
        return self.lane_width / self.pixels_per_frame

    def fit(self) -> None:
        """Show the whole media."""
        self.fitted = True
        self.pixels_per_frame = min(MAX_PIXELS_PER_FRAME, max(
            MIN_PIXELS_PER_FRAME, self.lane_width / self.frame_count))
        self.first_frame = 0.0
        self.view_changed.emit()
        self.invalidate()

    def zoom_by(self, factor: float, anchor_frame: float | None = None) -> None:
        self.fitted = False
        anchor = self.playhead if anchor_frame is None else anchor_frame
        anchor_x = self.x_of(anchor)
        self.pixels_per_frame = min(MAX_PIXELS_PER_FRAME,
                                    max(MIN_PIXELS_PER_FRAME, self.pixels_per_frame * factor))
        self.set_first_frame(anchor - (anchor_x - HEADER_WIDTH) / self.pixels_per_frame)

    def set_first_frame(self, frame: float) -> None:
        limit = max(0.0, self.frame_count - self.visible_frames())
        first = min(max(0.0, frame), limit)
        if first != self.first_frame:
            self.first_frame = first
            self.view_changed.emit()
            self.invalidate()

    def ensure_visible(self, frame: int) -> None:
        """Page the view when the playhead leaves it, as editors do while playing."""
        if frame < self.first_frame or frame > self.first_frame + self.visible_frames() - 1:
            self.set_first_frame(frame - self.visible_frames() * 0.1)

    def resizeEvent(self, event: Any) -> None:
        super().resizeEvent(event)
        if self.fitted:
            self.fit()
        else:
            self.set_first_frame(self.first_frame)
        self.invalidate()

    # ----------------------------------------------------------------- painting

    def paintEvent(self, event: Any) -> None:
        ratio = self.devicePixelRatioF()
        if self._static is None or self._static.size() != self.size() * ratio:
            self._static = QPixmap(self.size() * ratio)
            self._static.setDevicePixelRatio(ratio)
            self._paint_static(self._static)
        painter = QPainter(self)
        painter.drawPixmap(0, 0, self._static)
        painter.setClipRect(QRectF(HEADER_WIDTH, 0, self.lane_width, self.height()))
        self._paint_range_and_playhead(painter)
        painter.end()

    def _paint_static(self, target: QPixmap) -> None:
        painter = QPainter(target)
        painter.fillRect(self.rect(), QColor("#2b2b2b"))
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        small = QFont(self.font())
        small.setPointSizeF(max(7.0, small.pointSizeF() - 1))
        painter.setFont(small)
        self._paint_headers(painter)
        painter.setClipRect(QRectF(HEADER_WIDTH, 0, self.lane_width, self.height()))
        self._paint_ruler(painter)
        self._paint_strip(painter)
        self._paint_waveform(painter)
        self._paint_coverage(painter)
        self._paint_lesson(painter)
        self._paint_lanes(painter)
        painter.end()

    def _paint_lesson(self, painter: QPainter) -> None:
        top = self.lesson_top
        painter.fillRect(QRectF(HEADER_WIDTH, top, self.lane_width, KEPT_HEIGHT + NARRATION_HEIGHT),
                         QColor("#262b30"))
        if self.lesson is None or self.media is None:
            return
        painter.setPen(QColor("#ffffff"))
        for number, sequence in enumerate(self.lesson.sequences, start=1):
            if sequence.media_id != self.media.media_id:
                continue
            x0, x1 = self.x_of(sequence.in_frame), self.x_of(sequence.out_frame + 1)
            rect = QRectF(x0, top + 2, max(2.0, x1 - x0), KEPT_HEIGHT - 4)
            painter.fillRect(rect, KEPT_COLOUR)
            painter.drawText(rect.adjusted(3, -2, 0, 2),
                             int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                             f"{number} {sequence.title}")
        drag = self._drag or {}
        for clip, first, last in self.narration_spans():
            x0, x1 = self.x_of(first), self.x_of(last + 1)
            if drag.get("mode") == "narration" and drag["clip"].id == clip.id:
                shift = drag["frame"] - drag["origin"]
                x0 += shift * self.pixels_per_frame if drag["edge"] != "end" else 0
                x1 += shift * self.pixels_per_frame if drag["edge"] != "start" else 0
            rect = QRectF(x0, self.narration_top + 2, max(2.0, x1 - x0), NARRATION_HEIGHT - 4)
            painter.fillRect(rect, NARRATION_COLOUR)
            painter.setPen(QColor("#101010"))
            painter.drawRect(rect)
            painter.setPen(QColor("#ffffff"))
            painter.drawText(rect.adjusted(3, 0, 0, 0),
                             int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                             clip.id)

    def _paint_headers(self, painter: QPainter) -> None:
        painter.fillRect(QRectF(0, 0, HEADER_WIDTH, self.height()), QColor("#333333"))
        painter.setPen(QColor("#cccccc"))
        rows = [(0, RULER_HEIGHT, self.labels["ruler"]),
                (RULER_HEIGHT, STRIP_HEIGHT, self.labels["pictures"]),
                (RULER_HEIGHT + STRIP_HEIGHT, WAVE_HEIGHT, self.labels["sound"]),
                (RULER_HEIGHT + STRIP_HEIGHT + WAVE_HEIGHT, COVERAGE_HEIGHT + 2,
                 self.labels["coverage"]),
                (self.lesson_top, KEPT_HEIGHT, self.labels.get("kept", "")),
                (self.narration_top, NARRATION_HEIGHT, self.labels.get("narration", ""))]
        for top, height, text in rows:
            painter.drawText(QRectF(6, top, HEADER_WIDTH - 8, height),
                             int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft), text)
        for row, track in enumerate(self._shown_tracks()):
            top = self.lanes_top + row * LANE_HEIGHT
            if track.id == self.selected:
                painter.fillRect(QRectF(0, top, HEADER_WIDTH, LANE_HEIGHT), QColor("#4a4a4a"))
            painter.fillRect(QRectF(4, top + 6, 8, LANE_HEIGHT - 12), kind_colour(track.kind))
            painter.setPen(QColor("#eeeeee"))
            painter.drawText(QRectF(16, top, HEADER_WIDTH - 18, LANE_HEIGHT),
                             int(Qt.AlignmentFlag.AlignVCenter | Qt.AlignmentFlag.AlignLeft),
                             f"{track.id}  {kind_name(track.kind)}")

    def _ruler_step(self) -> int:
        """Return the frames between ruler ticks: about one label every 90 pixels."""
        base = frames_per_second_label(self.fps)
        for step in (1, 2, 5, 10, base, 2 * base, 5 * base, 10 * base, 30 * base, 60 * base,
                     120 * base, 300 * base, 600 * base, 1800 * base, 3600 * base):
            if step * self.pixels_per_frame >= 90:
                return step
        return 3600 * base

    def _paint_ruler(self, painter: QPainter) -> None:
        painter.fillRect(QRectF(HEADER_WIDTH, 0, self.lane_width, RULER_HEIGHT), QColor("#3a3a3a"))
        step = self._ruler_step()
        first = int(self.first_frame // step) * step
        painter.setPen(QColor("#bbbbbb"))
        frame = first
        while frame <= self.first_frame + self.visible_frames() and frame < self.frame_count + step:
            x = self.x_of(frame)
            painter.drawLine(QPointF(x, RULER_HEIGHT - 8), QPointF(x, RULER_HEIGHT))
            painter.drawText(QPointF(x + 3, RULER_HEIGHT - 8), format_timecode(frame, self.fps))
            minor = step / 5
            if minor * self.pixels_per_frame >= 6:
                for index in range(1, 5):
                    mx = self.x_of(frame + index * minor)
                    painter.drawLine(QPointF(mx, RULER_HEIGHT - 4), QPointF(mx, RULER_HEIGHT))
            frame += step

    def _paint_strip(self, painter: QPainter) -> None:
        top = RULER_HEIGHT
        painter.fillRect(QRectF(HEADER_WIDTH, top, self.lane_width, STRIP_HEIGHT),
                         QColor("#222222"))
        frames_per_thumb = max(1, int(THUMB_WIDTH / self.pixels_per_frame))
        first = int(self.first_frame // frames_per_thumb) * frames_per_thumb
        frame = first
        while frame < min(self.frame_count, self.first_frame + self.visible_frames() + 1):
            x = self.x_of(frame)
            pixmap = self.thumbnails.get(frame)
            if pixmap is None:
                self.thumbnail_needed.emit(f"strip:{frame}", frame)
            else:
                width = min(THUMB_WIDTH, frames_per_thumb * self.pixels_per_frame)
                target = QRectF(x, top + 1, width, STRIP_HEIGHT - 2)
                painter.drawPixmap(target, pixmap, QRectF(pixmap.rect()))
            frame += frames_per_thumb

    def _paint_waveform(self, painter: QPainter) -> None:
        top = RULER_HEIGHT + STRIP_HEIGHT
        painter.fillRect(QRectF(HEADER_WIDTH, top, self.lane_width, WAVE_HEIGHT), QColor("#1f2a33"))
        middle = top + WAVE_HEIGHT / 2
        if self.peaks is None or not len(self.peaks):
            painter.setPen(QColor("#777777"))
            painter.drawText(QRectF(HEADER_WIDTH + 6, top, self.lane_width, WAVE_HEIGHT),
                             int(Qt.AlignmentFlag.AlignVCenter), self.labels["no_sound"])
            return
        painter.setPen(QColor("#5dade2"))
        for column in range(self.lane_width):
            first = int(self.first_frame + column / self.pixels_per_frame)
            last = int(self.first_frame + (column + 1) / self.pixels_per_frame)
            if first >= len(self.peaks):
                break
            peak = float(self.peaks[first:max(last, first + 1)].max())
            half = peak * (WAVE_HEIGHT / 2 - 2)
            if half >= 0.5:
                x = HEADER_WIDTH + column
                painter.drawLine(QPointF(x, middle - half), QPointF(x, middle + half))

    def _paint_coverage(self, painter: QPainter) -> None:
        top = RULER_HEIGHT + STRIP_HEIGHT + WAVE_HEIGHT
        rect = QRectF(HEADER_WIDTH, top + 2, self.lane_width, COVERAGE_HEIGHT - 3)
        if self.media is None:
            return
        analysed, missing = uncovered_frames(self.media)
        if not analysed:
            painter.fillRect(rect, QBrush(UNCOVERED_COLOUR, Qt.BrushStyle.BDiagPattern))
            return
        painter.fillRect(rect, QColor("#2e4d2e"))
        for frame in missing:
            x = self.x_of(frame)
            if HEADER_WIDTH <= x <= self.width():
                painter.fillRect(QRectF(x, rect.top(), max(1.0, self.pixels_per_frame),
                                        rect.height()), UNCOVERED_COLOUR)

    def _shown_tracks(self) -> list[Track]:
        return self.tracks[self.lane_offset:self.lane_offset + self.visible_lanes()]

    def _paint_lanes(self, painter: QPainter) -> None:
        for row, track in enumerate(self._shown_tracks()):
            top = self.lanes_top + row * LANE_HEIGHT
            if row % 2:
                painter.fillRect(QRectF(HEADER_WIDTH, top, self.lane_width, LANE_HEIGHT),
                                 QColor("#303030"))
            self._paint_track(painter, track, top + 2, LANE_HEIGHT - 4)

    def _paint_track(self, painter: QPainter, track: Track, top: float, height: float) -> None:
        x0 = max(HEADER_WIDTH, self.x_of(track.start_frame))
        x1 = min(self.width(), self.x_of(track.end_frame + 1))
        if x1 < HEADER_WIDTH or x0 > self.width():
            return

        rect = QRectF(x0, top, max(2.0, x1 - x0), height)
        colour = REJECTED_COLOUR if track.status == "rejected" else kind_colour(track.kind)
        fill = QColor(colour)
        fill.setAlpha(200 if track.status == "accepted" else 120)
        painter.fillRect(rect, fill)
        if track.status == "proposed":
            painter.fillRect(rect, QBrush(colour.lighter(150), Qt.BrushStyle.BDiagPattern))
        for start, end in track.rejected_ranges:
            rx0, rx1 = self.x_of(start), self.x_of(end + 1)
            painter.fillRect(QRectF(rx0, top, max(1.0, rx1 - rx0), height),
                             QBrush(REJECTED_COLOUR, Qt.BrushStyle.Dense5Pattern))

        self._paint_confidence(painter, track, top, height)
        painter.setPen(QColor("#ffffff") if track.id == self.selected else QColor("#101010"))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(rect)

        painter.setBrush(QColor("#ffffff"))
        for key in track.keyframes:
            x = self.x_of(key.frame + 0.5)
            if HEADER_WIDTH <= x <= self.width():
                diamond = QPainterPath()
                diamond.moveTo(x, top + height / 2 - 4)
                diamond.lineTo(x + 4, top + height / 2)
                diamond.lineTo(x, top + height / 2 + 4)
                diamond.lineTo(x - 4, top + height / 2)
                diamond.closeSubpath()
                painter.drawPath(diamond)

    def _paint_confidence(self, painter: QPainter, track: Track, top: float, height: float) -> None:
        if not track.samples:
            return
        frames = [sample.frame for sample in track.samples]
        first = bisect.bisect_left(frames, int(self.first_frame) - 1)
        last = bisect.bisect_right(frames, int(self.first_frame + self.visible_frames()) + 1)
        if first >= last:
            return
        pen = QPen(QColor(255, 255, 255, 190), 1)
        painter.setPen(pen)
        previous: QPointF | None = None
        previous_frame = 0
        step = max(1, (last - first) // max(1, self.lane_width))
        for sample in track.samples[first:last:step]:
            point = QPointF(self.x_of(sample.frame + 0.5),
                            top + height - 2 - sample.score * (height - 4))
            if previous is not None and sample.frame - previous_frame <= 2 * step:
                painter.drawLine(previous, point)
            previous, previous_frame = point, sample.frame

    def _paint_range_and_playhead(self, painter: QPainter) -> None:
        if self.in_point is not None or self.out_point is not None:
            start = self.in_point if self.in_point is not None else 0
            end = self.out_point if self.out_point is not None else self.frame_count - 1
            painter.fillRect(QRectF(self.x_of(start), 0, self.x_of(end + 1) - self.x_of(start),
                                    self.height()), RANGE_COLOUR)
        x = self.x_of(self.playhead + 0.5)
        painter.setPen(QPen(PLAYHEAD_COLOUR, 2))
        painter.drawLine(QPointF(x, 0), QPointF(x, self.height()))
        painter.setBrush(PLAYHEAD_COLOUR)
        head = QPainterPath()
        head.moveTo(x - 6, 0)
        head.lineTo(x + 6, 0)
        head.lineTo(x, 8)
        head.closeSubpath()
        painter.drawPath(head)

    # ----------------------------------------------------------------- mouse

    def _track_at(self, y: float) -> Track | None:
        if y < self.lanes_top:
            return None
        row = int((y - self.lanes_top) // LANE_HEIGHT) + self.lane_offset
        tracks = self.tracks
        return tracks[row] if 0 <= row < len(tracks) else None

    def _trim_edge(self, track: Track, x: float) -> str:
        if abs(x - self.x_of(track.start_frame)) <= TRIM_GRIP:
            return "start"
        if abs(x - self.x_of(track.end_frame + 1)) <= TRIM_GRIP:
            return "end"
        return ""

    def _narration_at(self, x: float, y: float) -> tuple[Any, str] | None:
        """Return the narration clip under a point and the edge grabbed ("start", "end", "")."""
        if not self.narration_top <= y < self.narration_top + NARRATION_HEIGHT:
            return None
        for clip, first, last in self.narration_spans():
            x0, x1 = self.x_of(first), self.x_of(last + 1)
            if x0 - TRIM_GRIP <= x <= x1 + TRIM_GRIP:
                edge = "start" if abs(x - x0) <= TRIM_GRIP else \
                    "end" if abs(x - x1) <= TRIM_GRIP else ""
                return clip, edge
        return None

    def mousePressEvent(self, event: QMouseEvent) -> None:
        position = event.position()
        in_row_headers = position.x() < HEADER_WIDTH and position.y() < self.lanes_top
        if event.button() != Qt.MouseButton.LeftButton or in_row_headers:
            return
        grabbed = self._narration_at(position.x(), position.y())
        if grabbed is not None:
            frame = self.frame_at_x(position.x())
            self._drag = {"mode": "narration", "clip": grabbed[0], "edge": grabbed[1],
                          "origin": frame, "frame": frame}
            return
        if self.lesson_top <= position.y() < self.lanes_top:
            self._drag = {"mode": "scrub"}
            self.scrubbed.emit(self.frame_at_x(position.x()))
            return
        track = self._track_at(position.y())
        if track is None:
            self._drag = {"mode": "scrub"}
            self.scrubbed.emit(self.frame_at_x(position.x()))
            return
        self.track_clicked.emit(track.id)
        edge = self._trim_edge(track, position.x()) if position.x() >= HEADER_WIDTH else ""
        if edge:
            self._drag = {"mode": "trim", "track": track, "edge": edge,
                          "frame": self.frame_at_x(position.x())}

    def _finish_narration_drag(self, drag: dict[str, Any], frame: int) -> None:
        """Turn a drag on a narration clip into its new start, trim start and duration."""
        clip = drag["clip"]
        delta = (frame - drag["origin"]) / self.fps
        if not delta:
            return
        start, trim, duration = clip.lesson_start_s, clip.trim_start_s, clip.duration_s
        if drag["edge"] == "start":
            # Trimming the head keeps the rest of the clip where it was.
            delta = max(-trim, min(delta, duration - 1 / self.fps))
            start, trim, duration = start + delta, trim + delta, duration - delta
        elif drag["edge"] == "end":
            duration = max(1 / self.fps, duration + delta)
        else:
            start = max(0.0, start + delta)
        self.narration_edited.emit(clip.id, round(start, 3), round(trim, 3), round(duration, 3))

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:
        track = self._track_at(event.position().y())
        if track is not None:
            self.track_double_clicked.emit(track.id)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:
        position = event.position()
        drag = self._drag
        if drag is None:
            track = self._track_at(position.y())
            if track is not None and self._trim_edge(track, position.x()):
                self.setCursor(Qt.CursorShape.SizeHorCursor)
            else:
                self.unsetCursor()
            return
        frame = self.frame_at_x(position.x())
        if drag["mode"] == "scrub":
            self.scrubbed.emit(frame)
        elif drag["mode"] in ("trim", "narration"):
            drag["frame"] = frame
            self.invalidate()

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        drag, self._drag = self._drag, None
        if drag is None:
            return
        frame = self.frame_at_x(event.position().x())
        if drag["mode"] == "scrub":
            self.scrub_finished.emit(frame)
        elif drag["mode"] == "narration":
            self._finish_narration_drag(drag, frame)
            self.invalidate()
        elif drag["mode"] == "trim":
            track: Track = drag["track"]
            if drag["edge"] == "start":
                start, end = min(frame, track.end_frame), track.end_frame
            else:
                start, end = track.start_frame, max(frame - 1, track.start_frame)
            if (start, end) != (track.start_frame, track.end_frame):
                self.trim_requested.emit(track.id, start, end)

    def wheelEvent(self, event: QWheelEvent) -> None:
        steps = event.angleDelta().y() / 120 or event.angleDelta().x() / 120
        modifiers = event.modifiers()
        if modifiers & Qt.KeyboardModifier.ControlModifier:
            self.zoom_by(1.25 ** steps, self.frame_at_x(event.position().x()))
        elif modifiers & Qt.KeyboardModifier.ShiftModifier or event.angleDelta().x():
            self.fitted = False
            self.set_first_frame(self.first_frame - steps * self.visible_frames() / 10)
        else:
            limit = max(0, len(self.tracks) - self.visible_lanes())
            self.lane_offset = int(min(max(0, self.lane_offset - steps), limit))
            self.view_changed.emit()
            self.invalidate()
        event.accept()


class QtTimeline(QWidget):
    """The timeline canvas with its horizontal and vertical scroll bars."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.canvas = QtTimelineCanvas()
        self.horizontal = QScrollBar(Qt.Orientation.Horizontal)
        self.vertical = QScrollBar(Qt.Orientation.Vertical)
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(0)
        row.addWidget(self.canvas, 1)
        row.addWidget(self.vertical)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addLayout(row, 1)
        layout.addWidget(self.horizontal)
        self.canvas.view_changed.connect(self._sync_bars)
        self.horizontal.valueChanged.connect(self._on_horizontal)
        self.vertical.valueChanged.connect(self._on_vertical)
        self._syncing = False
        self.retranslate()

    def retranslate(self) -> None:
        self.canvas.labels = {
            "ruler": self.tr("Time"),
            "pictures": self.tr("Pictures"),
            "sound": self.tr("Sound"),
            "coverage": self.tr("Analysis"),
            "no_sound": self.tr("No sound track"),
            "not_analysed": self.tr("Not analysed"),
            "kept": self.tr("Kept"),
            "narration": self.tr("Narration"),
        }
        self.canvas.invalidate()
        self.canvas.setToolTip(self.tr(
            "Drag on the ruler to scrub. Click a lane to select its track; drag its ends to trim. "
            "Drag a narration clip to move it, or its ends to trim it. "
            "Ctrl+wheel zooms, Shift+wheel scrolls in time. Striped: to review; grey: rejected; "
            "red on the analysis row: frames the analysis could not cover."))
        self.canvas.update()

    def changeEvent(self, event: Any) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _sync_bars(self) -> None:
        self._syncing = True
        canvas = self.canvas
        visible = canvas.visible_frames()
        self.horizontal.setRange(0, max(0, int(canvas.frame_count - visible)))
        self.horizontal.setPageStep(max(1, int(visible)))
        self.horizontal.setValue(int(canvas.first_frame))
        lanes = len(canvas.tracks)
        self.vertical.setRange(0, max(0, lanes - canvas.visible_lanes()))
        self.vertical.setPageStep(canvas.visible_lanes())
        self.vertical.setValue(canvas.lane_offset)
        self.vertical.setVisible(lanes > canvas.visible_lanes())
        self._syncing = False

    def _on_horizontal(self, value: int) -> None:
        if not self._syncing:
            self.canvas.fitted = False
            self.canvas.set_first_frame(value)

    def _on_vertical(self, value: int) -> None:
        if not self._syncing:
            self.canvas.lane_offset = value
            self.canvas.invalidate()

"""Transport controls under the viewer, and the guide line naming a new user's next step."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QFont
from PySide6.QtWidgets import QHBoxLayout, QLabel, QStyle, QToolButton, QWidget

from ui.timecode import format_timecode


class QtTransportBar(QWidget):
    """Go to start, step, play/pause, step, go to end; timecode, speed, picture quality, preview."""

    def __init__(self, actions: dict[str, QAction], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)

        pixmaps = QStyle.StandardPixmap
        icons = [("play.start", pixmaps.SP_MediaSkipBackward),
                 ("play.second_back", pixmaps.SP_MediaSeekBackward),
                 ("play.frame_back", pixmaps.SP_ArrowLeft),
                 ("play.toggle", pixmaps.SP_MediaPlay),
                 ("play.frame_forward", pixmaps.SP_ArrowRight),
                 ("play.second_forward", pixmaps.SP_MediaSeekForward),
                 ("play.end", pixmaps.SP_MediaSkipForward)]
        self.buttons: dict[str, QToolButton] = {}
        for name, pixmap in icons:
            actions[name].setIcon(self.style().standardIcon(pixmap))
            button = QToolButton()
            button.setDefaultAction(actions[name])
            button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonIconOnly)
            button.setAutoRaise(True)
            layout.addWidget(button)
            self.buttons[name] = button

        self._play_icon = self.style().standardIcon(pixmaps.SP_MediaPlay)
        self._pause_icon = self.style().standardIcon(pixmaps.SP_MediaPause)
        self._toggle = actions["play.toggle"]

        self.timecode = QLabel("00:00:00:00")
        mono = QFont("DejaVu Sans Mono")
        mono.setStyleHint(QFont.StyleHint.Monospace)
        mono.setPointSizeF(mono.pointSizeF() + 2)
        self.timecode.setFont(mono)
        self.timecode.setObjectName("timecode")
        self.duration = QLabel()
        self.speed = QLabel()
        self.quality = QLabel()
        self.quality.setObjectName("pictureQuality")

        layout.addSpacing(10)
        layout.addWidget(self.timecode)
        layout.addWidget(self.duration)
        layout.addSpacing(10)
        layout.addWidget(self.speed)
        layout.addStretch(1)
        layout.addWidget(self.quality)

        self.preview = QToolButton()
        self.preview.setDefaultAction(actions["view.preview"])
        self.preview.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.fit = QToolButton()
        self.fit.setDefaultAction(actions["view.zoom_fit"])
        layout.addWidget(self.preview)
        layout.addWidget(self.fit)
        self._state = (0, 25.0, 1, True, 0.0)

    def set_state(self, frame: int, fps: float, frame_count: int, exact: bool, rate: float) -> None:
        self._state = (frame, fps, frame_count, exact, rate)
        self.timecode.setText(format_timecode(frame, fps))
        self.duration.setText("/ " + format_timecode(max(0, frame_count - 1), fps)
                              + "   " + self.tr("frame {frame}").format(frame=frame))
        if rate == 0:
            self.speed.setText(self.tr("Paused"))
        elif rate > 0:
            self.speed.setText(self.tr("Playing ×{rate:g}").format(rate=rate))
        else:
            self.speed.setText(self.tr("Playing backward ×{rate:g}").format(rate=-rate))
        playing = rate != 0
        if playing != self._toggle.property("playing"):
            self._toggle.setProperty("playing", playing)
            self._toggle.setIcon(self._pause_icon if playing else self._play_icon)
        self.quality.setText(self.tr("Exact frame") if exact else self.tr("Working copy"))
        self.quality.setToolTip(self.tr(
            "While scrubbing, the low-resolution working copy is shown; the exact frame of the "
            "source replaces it as soon as the playhead rests."))

    def retranslate(self) -> None:
        self.set_state(*self._state)

    def changeEvent(self, event: Any) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)


class QtGuideBar(QLabel):
    """One line above the viewer naming the next step, for users who never read a manual."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWordWrap(True)
        self.setObjectName("guide")
        self.setStyleSheet("QLabel#guide { background: #fff7d6; color: #3d3d3d; padding: 6px; "
                           "border-bottom: 1px solid #e0d7a8; }")
        self._step = ("no_media", 0, False)
        self.set_step("no_media")

    def set_step(self, step: str, pending: int = 0, demo: bool = False) -> None:
        """Show the hint for ``step``: no_media, not_analysed, review, reviewed or analysing."""
        self._step = (step, pending, demo)
        texts = {
            "no_media": self.tr("Import a video: File ▸ Import a video, or drop a file on the "
                                "library. Then double-click it to open it."),
            "not_analysed": self.tr("Step 1 of 3: click “Find regions to hide”. Voile proposes regions "
                                    "to hide; you can also draw your own (R)."),
            "analysing": self.tr("Looking for faces… You can watch the video meanwhile; edits "
                                 "are possible once the analysis ends."),
            "review": self.tr("Step 2 of 3: review the proposals (left to review: {count}). "
                              "Select one (N for the next), check it on the picture, then accept "
                              "it (A) or reject it (X). Drag a box to fix it.").format(
                count=pending),
            "reviewed": self.tr("Step 3 of 3: every proposal is reviewed. Check the result with "
                                "“Preview as exported” (E), then export (Ctrl+E)."),
        }
        text = texts.get(step, "")
        if demo:
            text = self.tr("Example vault: its password is public, never put patient footage in "
                           "it.") + " " + text
        self.setText(text)

    def retranslate(self) -> None:
        self.set_step(*self._step)

    def changeEvent(self, event: Any) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

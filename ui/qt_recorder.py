"""The narration recording dialog: input level meter, 3-2-1 countdown, stop, keep or discard.

Recording runs in a worker thread (``app.edit.recorder.Recorder``); the level of each
block reaches the meter through a queued signal. Without a sound input the dialog says
so and the Record button stays disabled.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, Qt, QThread, QTimer, Signal
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import VoileError
from ui.qt_i18n import error_text

log = logging.getLogger(__name__)

COUNTDOWN_SECONDS = 3
MAX_RECORDING_SECONDS = 30 * 60.0
METER_FLOOR_DB = -60.0


def microphone_problem() -> str:
    """Return why recording is impossible on this machine, or "" when an input exists."""
    from app.edit.recorder import input_devices

    if input_devices():
        return ""
    return error_text(VoileError("edit.no_microphone"))


class QtRecordingThread(QThread):
    """Runs one ``Recorder`` and hands back the ``AudioBuffer`` or the error."""

    level = Signal(float, float, float)  # rms dBFS, peak dBFS, seconds
    done = Signal(object)
    failed = Signal(object)

    def __init__(self, source_factory: Callable[[], Any], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._factory = source_factory
        self.recorder: Any = None

    def run(self) -> None:
        from app.edit.recorder import Recorder

        try:
            source = self._factory()
            self.recorder = Recorder(source, lambda level: self.level.emit(
                level.rms_dbfs, level.peak_dbfs, level.seconds))
            buffer = self.recorder.record(max_seconds=MAX_RECORDING_SECONDS)
        except VoileError as error:
            self.failed.emit(error)
            return
        self.done.emit(buffer)

    def stop(self) -> None:
        if self.recorder is not None:
            self.recorder.stop()


class QtRecordDialog(QDialog):
    """Record one narration take; ``recorded`` carries the ``AudioBuffer`` when it is kept."""

    recorded = Signal(object)

    def __init__(self, parent: QWidget | None = None,
                 source_factory: Callable[[], Any] | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("recordDialog")
        self._factory = source_factory or _microphone
        self.worker: QtRecordingThread | None = None
        self.buffer: Any = None
        self.countdown_left = 0
        self.state = QLabel()
        self.state.setWordWrap(True)
        self.countdown = QLabel()
        self.countdown.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.countdown.setStyleSheet("font-size: 36pt; font-weight: 600;")
        self.meter = QProgressBar()
        self.meter.setRange(0, 100)
        self.meter.setTextVisible(False)
        self.elapsed = QLabel()
        self.record_button = QPushButton()
        self.record_button.clicked.connect(self.start_countdown)
        self.stop_button = QPushButton()
        self.stop_button.clicked.connect(self.stop)
        self.stop_button.setEnabled(False)
        self.keep_button = QPushButton()
        self.keep_button.clicked.connect(self._keep)
        self.keep_button.setEnabled(False)
        self.discard_button = QPushButton()
        self.discard_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        for button in (self.record_button, self.stop_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.discard_button)
        buttons.addWidget(self.keep_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.state)
        layout.addWidget(self.countdown)
        layout.addWidget(self.meter)
        layout.addWidget(self.elapsed)
        layout.addLayout(buttons)
        self.timer = QTimer(self)
        self.timer.setInterval(1000)
        self.timer.timeout.connect(self._tick)
        self.problem = "" if source_factory is not None else microphone_problem()
        self.retranslate()
        self.resize(420, 240)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Record a narration"))
        self.record_button.setText(self.tr("Record"))
        self.stop_button.setText(self.tr("Stop"))
        self.keep_button.setText(self.tr("Keep this take"))
        self.discard_button.setText(self.tr("Discard"))
        self.record_button.setEnabled(not self.problem and self.worker is None)
        self.record_button.setToolTip(self.problem)
        self.state.setText(self.problem or self.tr(
            "Press Record: recording starts after a 3-2-1 countdown. The take is placed at "
            "the playhead."))
        self.elapsed.setText(self.tr("{seconds} s recorded").format(seconds="0.0"))

    def start_countdown(self) -> None:
        if self.problem or self.worker is not None:
            return
        self.record_button.setEnabled(False)
        self.countdown_left = COUNTDOWN_SECONDS
        self.countdown.setText(str(self.countdown_left))
        self.timer.start()

    def _tick(self) -> None:
        self.countdown_left -= 1
        if self.countdown_left > 0:
            self.countdown.setText(str(self.countdown_left))
            return
        self.timer.stop()
        self.countdown.setText("●")
        self.countdown.setStyleSheet("font-size: 36pt; font-weight: 600; color: #c0392b;")
        self.start_recording()

    def start_recording(self) -> None:
        """Start recording now, without the countdown."""
        self.record_button.setEnabled(False)
        self.stop_button.setEnabled(True)
        self.state.setText(self.tr("Recording… press Stop when you are done."))
        self.worker = QtRecordingThread(self._factory, self)
        self.worker.level.connect(self._on_level)
        self.worker.done.connect(self._on_done)
        self.worker.failed.connect(self._on_failed)
        self.worker.start()

    def stop(self) -> None:
        if self.worker is not None:
            self.worker.stop()
            self.stop_button.setEnabled(False)

    def _on_level(self, rms: float, peak: float, seconds: float) -> None:
        del rms
        self.meter.setValue(int(max(0.0, min(1.0, (peak - METER_FLOOR_DB) / -METER_FLOOR_DB))
                                * 100))
        self.elapsed.setText(self.tr("{seconds} s recorded").format(seconds=f"{seconds:.1f}"))

    def _on_done(self, buffer: Any) -> None:
        self.buffer = buffer
        self.stop_button.setEnabled(False)
        self.keep_button.setEnabled(True)
        self.countdown.setText("")
        self.state.setText(self.tr("Take of {seconds} s ready: keep it or discard it.").format(
            seconds=f"{buffer.duration_s:.1f}"))

    def _on_failed(self, error: BaseException) -> None:
        self.stop_button.setEnabled(False)
        self.countdown.setText("")
        self.state.setText(error_text(error))
        log.info("narration recording failed: %s", getattr(error, "key", type(error).__name__))

    def _keep(self) -> None:
        if self.buffer is not None:
            self.recorded.emit(self.buffer)
        self.accept()

    def done(self, result: int) -> None:
        self.timer.stop()
        if self.worker is not None:
            self.worker.stop()
            self.worker.wait(5000)
        super().done(result)


def _microphone() -> Any:
    from app.edit.recorder import MicrophoneSource

    return MicrophoneSource(channels=1)

"""Long jobs (import, proxy, analysis, export) in worker threads, with progress and cancel.

A ``QtJob`` runs an engine function ``work(progress, cancel)`` in a ``QThread``.
The engine calls the progress callback in the worker. The callback only stores
numbers and emits a signal, which Qt queues to the UI thread, so the worker
never touches a widget. ``QtJobsPanel`` shows the running job in the status bar with
its stage, a progress bar, the time left and a cancel button.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QCoreApplication, QObject, QThread, Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QProgressBar, QPushButton, QWidget

from app.errors import CancelledError
from app.jobs import CancelToken, ProgressCallback

log = logging.getLogger(__name__)

PROGRESS_INTERVAL_S = 0.05  # at most 20 progress signals per second reach the UI
Work = Callable[[ProgressCallback, CancelToken], Any]


def stage_label(stage: str) -> str:
    """Return the translated name of an engine progress stage."""
    labels = {
        "import": QCoreApplication.translate("Jobs", "Importing"),
        "proxy": QCoreApplication.translate("Jobs", "Building the working copy"),
        "analyze": QCoreApplication.translate("Jobs", "Looking for faces"),
        "export": QCoreApplication.translate("Jobs", "Exporting"),
        "verify": QCoreApplication.translate("Jobs", "Verifying the export"),
        "sign": QCoreApplication.translate("Jobs", "Signing the audit sheet"),
        "follow": QCoreApplication.translate("Jobs", "Following the region"),
    }
    return labels.get(stage, QCoreApplication.translate("Jobs", "Working"))


def format_time_left(seconds: float | None) -> str:
    if seconds is None:
        return QCoreApplication.translate("Jobs", "estimating time left…")
    seconds = max(0, round(seconds))
    if seconds < 60:
        return QCoreApplication.translate("Jobs", "{seconds} s left").format(seconds=seconds)
    minutes, seconds = divmod(seconds, 60)
    return QCoreApplication.translate("Jobs", "{minutes} min {seconds:02d} s left").format(
        minutes=minutes, seconds=seconds)


class _JobThread(QThread):
    def __init__(self, job: QtJob) -> None:
        super().__init__()
        self._job = job

    def run(self) -> None:
        self._job._run_in_thread()


class QtJob(QObject):
    """One engine job in a worker thread; observe it through its signals."""

    progressed = Signal(int, int, str)
    succeeded = Signal(object)
    failed = Signal(object)
    cancelled = Signal()
    finished = Signal()

    def __init__(self, kind: str, title: str, work: Work, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.kind = kind
        self.title = title
        self._work = work
        self.token = CancelToken()
        self.done = 0
        self.total = 0
        self.stage = ""
        self._stage_started = time.monotonic()
        self._stage_first_done = 0
        self._last_emit = 0.0
        self._thread: _JobThread | None = None
        self.result: Any = None
        self.error: BaseException | None = None
        self.running = False

    def start(self) -> None:
        self.running = True
        self._thread = _JobThread(self)
        self._thread.finished.connect(self._on_thread_finished)
        self._thread.start()

    def cancel(self) -> None:
        self.token.cancel()

    def wait(self, timeout_ms: int = 60_000) -> bool:
        """Block until the worker ends (tests and shutdown only)."""
        return self._thread.wait(timeout_ms) if self._thread is not None else True

    def time_left(self) -> float | None:
        """Estimate the seconds left in the current stage from its progress rate so far."""
        elapsed = time.monotonic() - self._stage_started
        done = self.done - self._stage_first_done
        if self.total <= 0 or done <= 0 or elapsed < 0.5:
            return None
        return (self.total - self.done) * elapsed / done

    def _report(self, done: int, total: int, stage: str) -> None:
        # Runs in the worker thread: store numbers and emit; Qt queues the signal.
        if stage != self.stage:
            self.stage = stage
            self._stage_started = time.monotonic()
            self._stage_first_done = done
        self.done, self.total = done, total
        now = time.monotonic()
        if now - self._last_emit >= PROGRESS_INTERVAL_S or done >= total:
            self._last_emit = now
            self.progressed.emit(done, total, stage)

    def _run_in_thread(self) -> None:
        try:
            self.result = self._work(self._report, self.token)
        except CancelledError as error:
            self.error = error
        except Exception as error:  # shown to the user by the UI thread, never swallowed
            log.warning("job %s failed: %s", self.kind, type(error).__name__, exc_info=True)
            self.error = error

    def _on_thread_finished(self) -> None:
        self.running = False
        if isinstance(self.error, CancelledError):
            log.info("job %s cancelled", self.kind)
            self.cancelled.emit()
        elif self.error is not None:
            self.failed.emit(self.error)
        else:
            self.succeeded.emit(self.result)
        self.finished.emit()
        if self._thread is not None:
            self._thread.deleteLater()
            self._thread = None


class QtJobManager(QObject):
    """The jobs of this window: start them, list the running ones."""

    changed = Signal()

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.jobs: list[QtJob] = []

    @property
    def busy(self) -> bool:
        return any(job.running for job in self.jobs)

    def running(self, kind: str | None = None) -> list[QtJob]:
        return [job for job in self.jobs if job.running and (kind is None or job.kind == kind)]

    def start(self, job: QtJob) -> QtJob:
        self.jobs.append(job)
        job.finished.connect(lambda: self._on_job_finished(job))
        job.progressed.connect(lambda *_: self.changed.emit())
        job.start()
        self.changed.emit()
        return job

    def cancel_all(self) -> None:
        for job in self.running():
            job.cancel()

    def wait_all(self, timeout_ms: int = 60_000) -> None:
        for job in list(self.jobs):
            job.wait(timeout_ms)

    def _on_job_finished(self, job: QtJob) -> None:
        if job in self.jobs:
            self.jobs.remove(job)
        self.changed.emit()


class QtJobsPanel(QWidget):
    """Status-bar panel for the most recent running job: stage, bar, time left, cancel."""

    def __init__(self, manager: QtJobManager, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._manager = manager
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.label = QLabel()
        self.bar = QProgressBar()
        self.bar.setMaximumWidth(220)
        self.bar.setTextVisible(True)
        self.time_left = QLabel()
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self._on_cancel)
        for widget in (self.label, self.bar, self.time_left, self.cancel_button):
            layout.addWidget(widget)
        manager.changed.connect(self.refresh)
        self.retranslate()
        self.refresh()

    def retranslate(self) -> None:
        self.cancel_button.setText(self.tr("Cancel"))
        self.refresh()

    def changeEvent(self, event: Any) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def current(self) -> QtJob | None:
        running = self._manager.running()
        return running[-1] if running else None

    def refresh(self) -> None:
        job = self.current()
        self.setVisible(job is not None)
        if job is None:
            return
        others = len(self._manager.running()) - 1
        text = f"{job.title} — {stage_label(job.stage or job.kind)}"
        if others > 0:
            text += " " + self.tr("(+{count} more)").format(count=others)
        self.label.setText(text)
        if job.total > 0:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(1000 * min(1.0, job.done / job.total)))
        else:
            self.bar.setRange(0, 0)
        self.time_left.setText(format_time_left(job.time_left()))
        self.cancel_button.setEnabled(not job.token.cancelled)

    def _on_cancel(self) -> None:
        job = self.current()
        if job is not None:
            job.cancel()
            self.cancel_button.setEnabled(False)

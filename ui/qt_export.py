"""The export dialog: presets, progress with time left and cancel, then the verified result.

The export runs in a worker thread on its own vault connection. When it ends,
the audit package is verified offline and the dialog shows each check, the
signed sheet (opened in the system's PDF viewer on request) and the folder.
An export that failed verification is shown as such, with the frames where a
face remains: clicking one closes the dialog on that frame in the editor.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from app.casefile.consent import load_consent
from app.casefile.errors import label as consent_label
from app.casefile.vocabulary import CHANNELS, PURPOSES
from app.errors import NotReleasableError, VoileError
from app.export.exporter import ExportOptions, export_lesson, export_media
from app.vault import Vault
from ui.qt_i18n import error_text
from ui.qt_jobs import QtJob, QtJobManager, format_time_left, stage_label
from ui.vault_access import worker_vault

log = logging.getLogger(__name__)

OK_STYLE = "color: #1e8449; font-size: 13pt; font-weight: 600;"
FAILED_STYLE = "color: #c0392b; font-size: 13pt; font-weight: 600;"


@dataclass(frozen=True)
class QualityPreset:
    id: str
    crf: int
    speed: str


QUALITY_PRESETS = [QualityPreset("standard", 23, "veryfast"), QualityPreset("high", 18, "medium"),
                   QualityPreset("small", 28, "veryfast")]


def default_export_folder(vault: Vault) -> Path:
    """Exports go beside the vault, never inside it."""
    return vault.path.parent / "exports"


def residual_frames(error: NotReleasableError) -> list[int]:
    """Return the frame numbers listed in a not-releasable error (at most the first 20)."""
    return [int(number) for number in re.findall(r"\d+", str(error.params.get("frames", "")))]


class QtExportDialog(QDialog):
    """Choose the export settings, run it, show the verification."""

    frame_requested = Signal(int)
    export_finished = Signal()

    def __init__(self, vault: Vault, media_id: str, source_width: int, source_height: int,
                 has_audio: bool, parent: QWidget | None = None,
                 folder: Path | None = None, jobs: QtJobManager | None = None,
                 lesson_ready: bool = False) -> None:
        super().__init__(parent)
        self.vault = vault
        self.jobs = jobs  # the window's jobs, so the vault does not lock during an export
        self.media_id = media_id
        self.job: QtJob | None = None
        self.result: Any = None
        self.report: Any = None
        self.failure: BaseException | None = None
        self.pages = QStackedWidget()
        self.what = QComboBox()
        self.what.currentIndexChanged.connect(lambda _index: self._on_what_changed())
        self.lesson_ready = lesson_ready

        # Settings page.
        self.settings_page = QWidget()
        self.folder = QLineEdit(str(folder or default_export_folder(vault)))
        self.browse = QPushButton()
        self.browse.clicked.connect(self._on_browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse)
        self.quality = QComboBox()
        self.audio = QComboBox()
        self.has_audio = has_audio
        self.audio.setEnabled(has_audio)
        self.redaction_style = QComboBox()
        self.picture_size = QLabel(f"{source_width}×{source_height}")
        self.purpose = QComboBox()
        self.channel = QComboBox()
        self.consent = QLabel()
        self.consent.setWordWrap(True)
        self.labels = {name: QLabel() for name in ("what", "folder", "quality", "size", "audio",
                                                   "style", "purpose", "channel", "consent")}
        form = QFormLayout()
        form.addRow(self.labels["what"], self.what)
        form.addRow(self.labels["purpose"], self.purpose)
        form.addRow(self.labels["channel"], self.channel)
        form.addRow(self.labels["consent"], self.consent)
        form.addRow(self.labels["folder"], folder_row)
        form.addRow(self.labels["quality"], self.quality)
        form.addRow(self.labels["size"], self.picture_size)
        form.addRow(self.labels["audio"], self.audio)
        form.addRow(self.labels["style"], self.redaction_style)
        self.explain = QLabel()
        self.explain.setWordWrap(True)
        self.start_button = QPushButton()
        self.start_button.setDefault(True)
        self.start_button.clicked.connect(self.start)
        self.close_settings = QPushButton()
        self.close_settings.clicked.connect(self.reject)
        settings_buttons = QHBoxLayout()
        settings_buttons.addStretch(1)
        settings_buttons.addWidget(self.close_settings)
        settings_buttons.addWidget(self.start_button)
        settings_layout = QVBoxLayout(self.settings_page)
        settings_layout.addLayout(form)
        settings_layout.addWidget(self.explain)
        settings_layout.addStretch(1)
        settings_layout.addLayout(settings_buttons)

        # Progress page.
        self.progress_page = QWidget()
        self.stage = QLabel()
        self.bar = QProgressBar()
        self.bar.setRange(0, 1000)
        self.time_left = QLabel()
        self.cancel_button = QPushButton()
        self.cancel_button.clicked.connect(self._on_cancel)
        progress_layout = QVBoxLayout(self.progress_page)
        progress_layout.addStretch(1)
        progress_layout.addWidget(self.stage)
        progress_layout.addWidget(self.bar)
        progress_layout.addWidget(self.time_left)
        progress_layout.addStretch(1)
        cancel_row = QHBoxLayout()
        cancel_row.addStretch(1)
        cancel_row.addWidget(self.cancel_button)
        progress_layout.addLayout(cancel_row)

        # Result page.
        self.result_page = QWidget()
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.checks = QListWidget()
        self.frames = QListWidget()
        self.frames.itemActivated.connect(self._on_frame_chosen)
        self.frames.itemClicked.connect(self._on_frame_chosen)
        self.open_sheet = QPushButton()
        self.open_sheet.clicked.connect(self._on_open_sheet)
        self.open_folder = QPushButton()
        self.open_folder.clicked.connect(self._on_open_folder)
        self.done_button = QPushButton()
        self.done_button.clicked.connect(self.accept)
        result_buttons = QHBoxLayout()
        result_buttons.addWidget(self.open_sheet)
        result_buttons.addWidget(self.open_folder)
        result_buttons.addStretch(1)
        result_buttons.addWidget(self.done_button)
        result_layout = QVBoxLayout(self.result_page)
        result_layout.addWidget(self.headline)
        result_layout.addWidget(self.detail)
        result_layout.addWidget(self.checks, 1)
        result_layout.addWidget(self.frames, 1)
        result_layout.addLayout(result_buttons)

        for page in (self.settings_page, self.progress_page, self.result_page):
            self.pages.addWidget(page)
        layout = QVBoxLayout(self)
        layout.addWidget(self.pages)
        self.resize(620, 420)
        self.retranslate()

    # ----------------------------------------------------------------- texts

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Export the redacted video"))
        texts = {"what": self.tr("Export"), "folder": self.tr("Folder"), "quality": self.tr("Quality"),
                 "size": self.tr("Picture size"), "audio": self.tr("Sound"),
                 "style": self.tr("Redaction"), "purpose": self.tr("Purpose"),
                 "channel": self.tr("Channel"), "consent": self.tr("Consent")}
        for name, label in self.labels.items():
            label.setText(texts[name])
        self.browse.setText(self.tr("Browse…"))
        self._fill_combo(self.what, [
            ("lesson", self.tr("The lesson: sequences, narration, diagrams, context card")),
            ("media", self.tr("This video, whole"))])
        if not self.lesson_ready:
            self.what.setCurrentIndex(self.what.findData("media"))
        self._fill_combo(self.quality, [
            ("standard", self.tr("Standard (H.264, CRF 23) — for teaching and congresses")),
            ("high", self.tr("High (CRF 18, slower) — for editing later")),
            ("small", self.tr("Small file (CRF 28) — for e-mail and platforms"))])
        self._fill_combo(self.audio, [
            ("drop", self.tr("Remove the sound (recommended: voices identify people)")),
            ("keep", self.tr("Keep the original sound"))])
        self._fill_combo(self.redaction_style, [
            ("tracks", self.tr("As set on each region")),
            ("solid", self.tr("Solid fill everywhere")),
            ("pixelate", self.tr("Pixelate everywhere")),
            ("blur", self.tr("Blur everywhere"))])
        self._fill_combo(self.purpose, [(code, consent_label("purpose", code)) for code in PURPOSES])
        self._fill_combo(self.channel, [(code, consent_label("channel", code)) for code in CHANNELS])
        self.consent.setText(self._consent_summary())
        self.picture_size.setToolTip(self.tr("Exports keep the source's picture size."))
        self.explain.setText(self.tr(
            "The export decodes the video from the vault, applies every region that is not "
            "rejected, writes a new file without the source's metadata, then runs face "
            "detection again on the result. Only if nothing identifying remains does it sign "
            "the audit sheet."))
        self.start_button.setText(self.tr("Export"))
        self.close_settings.setText(self.tr("Cancel"))
        self.cancel_button.setText(self.tr("Cancel the export"))
        self.open_sheet.setText(self.tr("Open the audit sheet"))
        self.open_folder.setText(self.tr("Open the folder"))
        self.done_button.setText(self.tr("Close"))
        if self.result is not None or self.failure is not None:
            self._show_result()

    def changeEvent(self, event: Any) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    @staticmethod
    def _fill_combo(combo: QComboBox, items: list[tuple[str, str]]) -> None:
        current = combo.currentData()
        combo.clear()
        for data, text in items:
            combo.addItem(text, data)
        if current is not None:
            combo.setCurrentIndex(max(0, combo.findData(current)))

    # ----------------------------------------------------------------- running

    def _consent_summary(self) -> str:
        """Describe what the case's consent covers, so the user picks a purpose it allows."""
        try:
            consent = load_consent(self.vault, self.vault.media(self.media_id).case_id)
        except VoileError as error:
            return error_text(error)
        if consent.status != "given":
            return self.tr("Not recorded as given: the export will be refused. Record the "
                           "patient's consent in the case file first.")
        purposes = ", ".join(consent_label("purpose", code) for code in consent.purposes)
        channels = ", ".join(consent_label("channel", code) for code in consent.channels)
        return self.tr("Given on {date}, for: {purposes}; channels: {channels}.").format(
            date=consent.signed_on or "?", purposes=purposes, channels=channels)

    @property
    def exports_lesson(self) -> bool:
        return self.what.currentData() == "lesson"

    def _on_what_changed(self) -> None:
        self.audio.setEnabled(self.has_audio and not self.exports_lesson)
        self.audio.setToolTip(self.tr("A lesson's original sound follows its voice settings.")
                              if self.exports_lesson else "")

    def options(self) -> ExportOptions:
        preset = next(p for p in QUALITY_PRESETS if p.id == self.quality.currentData())
        style = str(self.redaction_style.currentData())
        return ExportOptions(fill=None if style == "tracks" else style,
                             keep_audio=self.audio.currentData() == "keep",
                             crf=preset.crf, preset=preset.speed,
                             purpose=str(self.purpose.currentData()),
                             channel=str(self.channel.currentData()))

    def start(self) -> None:
        out_dir = Path(self.folder.text().strip()).expanduser()
        options = self.options()
        vault, media_id = self.vault, self.media_id
        lesson = self.exports_lesson
        case_id = vault.media(media_id).case_id

        def work(progress: Any, cancel: Any) -> tuple[Any, Any]:
            from app.audit.verify import verify_package

            with worker_vault(vault) as copy:
                if lesson:
                    result = export_lesson(copy, case_id, out_dir, options, media_id, progress,
                                           cancel)
                else:
                    result = export_media(copy, media_id, out_dir, options, progress, cancel)
            progress(1, 1, "verify")
            return result, verify_package(out_dir, result.video.stem)

        self.pages.setCurrentWidget(self.progress_page)
        self.stage.setText(stage_label("export"))
        self.bar.setValue(0)
        self.time_left.setText(format_time_left(None))
        self.job = QtJob("export", self.tr("Export"), work, self)
        self.job.progressed.connect(self._on_progress)
        self.job.succeeded.connect(self._on_succeeded)
        self.job.failed.connect(self._on_failed)
        self.job.cancelled.connect(self._on_cancelled)
        if self.jobs is not None:
            self.jobs.start(self.job)
        else:
            self.job.start()
        log.info("export of media %s started (lesson: %s)", media_id, lesson)

    def _on_progress(self, done: int, total: int, stage: str) -> None:
        self.stage.setText(stage_label(stage))
        if total > 0:
            self.bar.setRange(0, 1000)
            self.bar.setValue(int(1000 * min(1.0, done / total)))
        else:
            self.bar.setRange(0, 0)
        if self.job is not None:
            self.time_left.setText(format_time_left(self.job.time_left()))

    def _on_cancel(self) -> None:
        if self.job is not None:
            self.job.cancel()
            self.cancel_button.setEnabled(False)
            self.stage.setText(self.tr("Cancelling…"))

    def _on_cancelled(self) -> None:
        self.cancel_button.setEnabled(True)
        self.pages.setCurrentWidget(self.settings_page)

    def _on_succeeded(self, outcome: tuple[Any, Any]) -> None:
        self.result, self.report = outcome
        self._show_result()
        self.export_finished.emit()

    def _on_failed(self, error: BaseException) -> None:
        self.failure = error
        self._show_result()
        self.export_finished.emit()

    def _show_result(self) -> None:
        self.pages.setCurrentWidget(self.result_page)
        self.checks.clear()
        self.frames.clear()
        if self.result is not None:
            ok = bool(self.report.ok)
            self.headline.setStyleSheet(OK_STYLE if ok else FAILED_STYLE)
            self.headline.setText(self.tr("Exported, verified and signed.") if ok else
                                  self.tr("Exported, but the verification of the package failed."))
            self.detail.setText(self.tr("Video: {video}\nAudit sheet: {sheet}").format(
                video=self.result.video.name, sheet=self.result.package.sheet.name))
            for check in self.report.checks:
                mark = "✔" if check.ok else "✘"
                self.checks.addItem(f"{mark}  {check.detail or check.name}")
            self.checks.show()
            self.frames.hide()
            self.open_sheet.setEnabled(True)
            return
        error = self.failure
        self.headline.setStyleSheet(FAILED_STYLE)
        self.open_sheet.setEnabled(False)
        self.checks.hide()
        if isinstance(error, NotReleasableError):
            self.headline.setText(self.tr("Not releasable: faces remain visible in the export."))
            self.detail.setText(error_text(error) + "\n" + self.tr(
                "Click a frame to go there, fix the regions, then export again."))
            for frame in residual_frames(error):
                item = QListWidgetItem(self.tr("Frame {frame}").format(frame=frame))
                item.setData(Qt.ItemDataRole.UserRole, frame)
                self.frames.addItem(item)
            self.frames.show()
        else:
            self.headline.setText(self.tr("The export failed."))
            self.detail.setText(error_text(error) if error is not None else "")
            self.frames.hide()

    # ----------------------------------------------------------------- result actions

    def _on_frame_chosen(self, item: QListWidgetItem) -> None:
        frame = item.data(Qt.ItemDataRole.UserRole)
        if frame is not None:
            self.frame_requested.emit(int(frame))
            self.accept()

    def _on_open_sheet(self) -> None:
        if self.result is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self.result.package.sheet)))

    def _on_open_folder(self) -> None:
        QDesktopServices.openUrl(QUrl.fromLocalFile(self.folder.text().strip()))

    def _on_browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Choose the export folder"),
                                                  self.folder.text())
        if chosen:
            self.folder.setText(chosen)

    def wait_for_job(self, timeout_ms: int = 120_000) -> None:
        if self.job is not None:
            self.job.wait(timeout_ms)

    def reject(self) -> None:
        if self.job is not None and self.job.running:
            self._on_cancel()
            return
        super().reject()

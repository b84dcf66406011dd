"""The export dialog runs a real export, verifies it and shows the result or the frames to fix."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from app.casefile.consent import load_consent, save_consent
from app.vault import Vault
from tests.conftest import PASSWORD, TEST_KDF, USER
from tests.ui.conftest import wait_until
from ui.qt_export import QtExportDialog

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def _analysed_template(tmp_path_factory: pytest.TempPathFactory, short_clip: Path) -> tuple[Path, str]:
    """A vault holding the short clip analysed for faces, made once for this module."""
    from app.analysis import analyse_media

    path = tmp_path_factory.mktemp("analysed") / "Coffre d'Hélène"
    with Vault.create(path, USER, PASSWORD, kdf=TEST_KDF) as vault:
        record = vault.import_media(short_clip, "Mme D'Angelo, cholécystectomie")
        tracks, _run = analyse_media(vault, record.id, "face")
        consent = load_consent(vault, record.case_id)
        save_consent(vault, replace(consent, status="given", signed_on="2026-01-05",
                                    purposes=["teaching"], channels=["internal_platform"]))
    assert any(track.kind == "face" for track in tracks)
    return path, record.id


@pytest.fixture
def vault(_analysed_template: tuple[Path, str], tmp_path: Path) -> Iterator[Vault]:
    """A fresh copy of the analysed vault (one face, visible on every frame of the clip)."""
    copy = tmp_path / "Coffre d'Hélène"
    shutil.copytree(_analysed_template[0], copy)
    opened = Vault.unlock(copy, PASSWORD, USER)
    yield opened
    opened.close()


@pytest.fixture
def analysed(_analysed_template: tuple[Path, str]) -> str:
    return _analysed_template[1]


def _dialog(qtbot: object, vault: Vault, media_id: str, folder: Path) -> QtExportDialog:
    dialog = QtExportDialog(vault, media_id, 640, 360, False, None, folder)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.show()
    return dialog


def test_export_verified_and_signed(qtbot: object, vault: Vault, analysed: str,
                                    tmp_path: Path) -> None:
    dialog = _dialog(qtbot, vault, analysed, tmp_path / "Exports d'Hélène")
    dialog.quality.setCurrentIndex(dialog.quality.findData("small"))
    assert dialog.options().crf == 28
    assert not dialog.options().keep_audio
    assert (dialog.options().purpose, dialog.options().channel) == ("teaching",
                                                                   "internal_platform")
    assert "2026-01-05" in dialog.consent.text()
    dialog.start_button.click()
    assert dialog.pages.currentWidget() is dialog.progress_page
    dialog.wait_for_job()
    wait_until(qtbot, lambda: dialog.pages.currentWidget() is dialog.result_page, 30)

    assert dialog.failure is None
    assert dialog.report.ok
    assert dialog.result.video.exists()
    assert dialog.result.package.sheet.exists()
    assert "verified" in dialog.headline.text()
    assert dialog.open_sheet.isEnabled()
    assert dialog.checks.count() == len(dialog.report.checks)
    assert all(dialog.checks.item(row).text().startswith("✔")
               for row in range(dialog.checks.count()))


def test_not_releasable_lists_frames(qtbot: object, vault: Vault, analysed: str,
                                     tmp_path: Path) -> None:
    record = vault.media(analysed)
    project = vault.load_project(record.case_id)
    media = project.media[analysed]
    # The person "forgot" the face: the automatic proposal is trimmed to the first 10 frames.
    for track in media.tracks:
        if track.kind == "face":
            track.end_frame = 9
            track.samples = [sample for sample in track.samples if sample.frame <= 9]
            track.hold_frames = 0
            track.record("edit", vault.user.id, 0, 9, "trim")
    vault.save_project(project)

    dialog = _dialog(qtbot, vault, analysed, tmp_path / "exports")
    requested: list[int] = []
    dialog.frame_requested.connect(requested.append)
    dialog.start()
    dialog.wait_for_job()
    wait_until(qtbot, lambda: dialog.pages.currentWidget() is dialog.result_page, 30)

    assert dialog.result is None
    assert "Not releasable" in dialog.headline.text()
    listed = [dialog.frames.item(row).data(Qt.ItemDataRole.UserRole)
              for row in range(dialog.frames.count())]
    assert set(range(12, 25)) <= set(listed), "the frames left without a region are listed"
    first = dialog.frames.item(0)
    dialog.frames.itemClicked.emit(first)
    assert requested == [listed[0]]
    assert not list((tmp_path / "exports").glob("*.audit.pdf"))


def test_channel_outside_consent_refused(qtbot: object, vault: Vault, analysed: str,
                                         tmp_path: Path) -> None:
    dialog = _dialog(qtbot, vault, analysed, tmp_path / "exports")
    dialog.channel.setCurrentIndex(dialog.channel.findData("congress"))
    dialog.start()
    dialog.wait_for_job()
    wait_until(qtbot, lambda: dialog.pages.currentWidget() is dialog.result_page, 30)
    assert dialog.result is None
    assert dialog.headline.text() == "The export failed."
    assert dialog.detail.text()
    assert not list((tmp_path / "exports").glob("*.mp4"))


def test_cancel_returns_to_settings(qtbot: object, vault: Vault, analysed: str,
                                    tmp_path: Path) -> None:
    dialog = _dialog(qtbot, vault, analysed, tmp_path / "exports")
    dialog.start()
    dialog.cancel_button.click()
    dialog.wait_for_job()
    wait_until(qtbot, lambda: dialog.pages.currentWidget() is not dialog.progress_page, 30)
    assert dialog.pages.currentWidget() is dialog.settings_page
    assert not list((tmp_path / "exports").glob("*.mp4"))
    assert not list((tmp_path / "exports").glob(".*partial*"))

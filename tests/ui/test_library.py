"""The library: cases and media with pictures and review state; import by drop, with a proxy."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent

from app.errors import CancelledError
from app.vault import Vault
from tests.ui.conftest import wait_until
from ui.qt_library import CASE_ROLE, MEDIA_ROLE


def test_library_lists_case_and_media(window: object, qtbot: object, vault: Vault,
                                      media_id: str) -> None:
    tree = window.library.tree  # type: ignore[attr-defined]
    assert tree.topLevelItemCount() == 1
    case_item = tree.topLevelItem(0)
    case = vault.cases()[0]
    assert case_item.text(0) == case.pseudonym
    assert "D'Angelo" not in case_item.text(0)
    media_item = case_item.child(0)
    assert media_item.data(0, MEDIA_ROLE) == media_id
    assert media_item.text(0) == "Video 1\n0:01"
    assert media_item.text(1) == "Not analysed"
    wait_until(qtbot, lambda: not media_item.icon(0).isNull())


def test_drop_imports_into_case(window: object, qtbot: object, vault: Vault,
                                samples_dir: Path) -> None:
    library = window.library  # type: ignore[attr-defined]
    tree = library.tree
    case_item = tree.topLevelItem(0)
    requests: list[tuple[list[Path], str]] = []
    library.import_requested.connect(lambda paths, case: requests.append((paths, case)))

    clip = samples_dir / "faces" / "short_hamilton_clip.mp4"
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(clip))])
    position = QPointF(tree.visualItemRect(case_item).center())
    event = QDropEvent(position, Qt.DropAction.CopyAction, data, Qt.MouseButton.LeftButton,
                       Qt.KeyboardModifier.NoModifier)
    tree.dropEvent(event)

    assert requests == [([clip], case_item.data(0, CASE_ROLE))]
    jobs = window.jobs  # type: ignore[attr-defined]
    wait_until(qtbot, lambda: not jobs.busy, 30)
    case_item = tree.topLevelItem(0)
    assert case_item.childCount() == 2
    listed_ids = {case_item.child(row).data(0, MEDIA_ROLE) for row in range(2)}
    (new_id,) = listed_ids - {window.document.media_id}  # type: ignore[attr-defined]
    assert vault.media(new_id).info.frame_count == 275
    assert vault.media_proxy(new_id) is not None


def test_jobs_panel_shows_progress_and_cancels(window: object, qtbot: object,
                                               samples_dir: Path) -> None:
    panel = window.jobs_panel  # type: ignore[attr-defined]
    assert not panel.isVisible()
    job = window.import_files(  # type: ignore[attr-defined]
        [samples_dir / "faces" / "WDA_KatieHill_000.mp4"], window.document.record.case_id)
    assert job is not None
    assert panel.isVisible()
    assert panel.cancel_button.isEnabled()
    panel.cancel_button.click()
    job.wait()
    wait_until(qtbot, lambda: not panel.isVisible())
    assert isinstance(job.error, CancelledError)
    assert "cancelled" in window.statusBar().currentMessage()  # type: ignore[attr-defined]

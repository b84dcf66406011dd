"""Case-file dialogs: consent, journal, users, withdrawal and review mode, on a real vault."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PySide6.QtCore import QDate

from app.casefile.consent import check_export_allowed, load_consent
from app.errors import VoileError
from app.vault import Vault
from tests.conftest import TEST_KDF, USER
from tests.ui.conftest import wait_until
from ui.qt_casefile import (
    QtConsentDialog,
    QtJournalDialog,
    QtReviewDialog,
    QtUsersDialog,
    withdraw_case,
)
from ui.qt_export import QtExportDialog

RESIDENT = "Inès Côté"
RESIDENT_PASSWORD = "Interne-Garde-Nuit-7?"
P12_PASSWORD = "Relecture-Validée-2026!"


def _give_consent(dialog: QtConsentDialog) -> None:
    dialog.status.setCurrentIndex(dialog.status.findData("given"))
    dialog.signed.setChecked(True)
    dialog.signed_on.setDate(QDate(2026, 1, 5))
    for code, check in dialog.purposes.items():
        check.setChecked(code == "teaching")
    for code, check in dialog.channels.items():
        check.setChecked(code == "internal_platform")
    dialog.contact.setText("Secrétariat de chirurgie viscérale")


def test_consent_dialog_saves_and_scopes_export(qtbot: object, vault: Vault, media_id: str,
                                                tmp_path: Path) -> None:
    case_id = vault.media(media_id).case_id
    dialog = QtConsentDialog(vault, case_id)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    assert dialog.save_button.isEnabled()
    _give_consent(dialog)
    assert dialog.save(), dialog.message.text()

    stored = load_consent(vault, case_id)
    assert stored.status == "given"
    assert stored.signed_on == "2026-01-05"
    assert stored.purposes == ["teaching"]
    assert stored.channels == ["internal_platform"]
    assert stored.contact == "Secrétariat de chirurgie viscérale"
    check_export_allowed(vault, case_id, "teaching", "internal_platform")
    with pytest.raises(VoileError):
        check_export_allowed(vault, case_id, "teaching", "social_networks")

    form = tmp_path / "formulaire.pdf"
    assert dialog.write_consent_form(form)
    assert form.read_bytes().startswith(b"%PDF")
    assert not dialog.write_consent_form(form)  # never overwrites

    from app.analysis import analyse_media

    analyse_media(vault, media_id, "face")
    export = QtExportDialog(vault, media_id, 640, 360, False, None, tmp_path / "out")
    qtbot.addWidget(export)  # type: ignore[attr-defined]
    export.channel.setCurrentIndex(export.channel.findData("congress"))
    export.start()
    export.wait_for_job()
    wait_until(qtbot, lambda: export.failure is not None or export.result is not None)
    assert export.result is None
    assert getattr(export.failure, "key", "").startswith("consent.")


def test_consent_with_missing_scope_rejected(qtbot: object, vault: Vault,
                                             media_id: str) -> None:
    dialog = QtConsentDialog(vault, vault.media(media_id).case_id)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    _give_consent(dialog)
    for check in dialog.purposes.values():
        check.setChecked(False)
    assert not dialog.save()
    assert dialog.message.text()
    assert load_consent(vault, vault.media(media_id).case_id).status != "given"


def test_resident_cannot_edit_consent(qtbot: object, vault: Vault, media_id: str) -> None:
    vault.add_user(RESIDENT, RESIDENT_PASSWORD, "resident", kdf=TEST_KDF)
    path, case_id = vault.path, vault.media(media_id).case_id
    with Vault.unlock(path, RESIDENT_PASSWORD, RESIDENT) as resident:
        dialog = QtConsentDialog(resident, case_id)
        qtbot.addWidget(dialog)  # type: ignore[attr-defined]
        assert not dialog.save_button.isEnabled()
        assert "surgeons" in dialog.save_button.toolTip()
        users = QtUsersDialog(resident)
        qtbot.addWidget(users)  # type: ignore[attr-defined]
        assert not users.add_button.isEnabled()


def _cell(dialog: QtJournalDialog, row: int, column: int) -> str:
    item = dialog.table.item(row, column)
    return item.text() if item is not None else ""


def test_journal_shows_entries_and_broken_chain(qtbot: object, vault: Vault, media_id: str,
                                                tmp_path: Path) -> None:
    from sqlcipher3 import dbapi2 as sqlcipher

    dialog = QtJournalDialog(vault)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    count = len(vault.journal_entries())
    assert dialog.table.rowCount() == count > 0
    assert dialog.broken_at is None
    actions = {_cell(dialog, row, 3) for row in range(count)}
    assert "media.import" in actions
    assert USER in {_cell(dialog, row, 2) for row in range(count)}
    target = tmp_path / "journal.csv"
    dialog.export_csv(target)
    assert len(target.read_text(encoding="utf-8").splitlines()) == count + 1

    entries = vault.journal_entries()
    seq = entries[1]["seq"]
    connection = sqlcipher.connect(str(vault.path / "vault.db"), isolation_level=None)
    connection.execute(f"PRAGMA key = \"x'{vault._keys.database.hex()}'\"")
    connection.execute(f"UPDATE journal SET detail = 'changed' WHERE seq = {seq}")
    connection.close()
    dialog.refresh()
    assert dialog.broken_at == seq
    assert str(seq) in dialog.banner.text()


def test_users_dialog_changes_role(qtbot: object, vault: Vault) -> None:
    user_id = vault.add_user(RESIDENT, RESIDENT_PASSWORD, "resident", kdf=TEST_KDF).id
    dialog = QtUsersDialog(vault)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    assert dialog.table.rowCount() == 2
    assert dialog.set_role(user_id, "surgeon")
    assert dialog.set_identity_access(user_id, True)
    account = next(a for a in vault.user_accounts() if a.id == user_id)
    assert (account.role, account.identity_access) == ("surgeon", True)
    assert dialog.remove(user_id)
    assert not next(a for a in vault.user_accounts() if a.id == user_id).active


def test_withdrawal_shreds_case(qtbot: object, window: object, vault: Vault,
                                media_id: str) -> None:
    case_id = vault.media(media_id).case_id
    window.close_media()  # type: ignore[attr-defined]
    assert withdraw_case(window, vault, case_id, confirm=False)  # type: ignore[arg-type]
    assert load_consent(vault, case_id).status == "withdrawn"
    with pytest.raises(VoileError):
        vault.open_media(media_id, purpose="view").read(16)


@pytest.fixture
def export_folder(vault: Vault, media_id: str, tmp_path: Path) -> Path:
    """A real export of the short clip, analysed and consented, verified and signed."""
    from app.analysis import analyse_media
    from app.export.exporter import export_media

    analyse_media(vault, media_id, "face")
    case_id = vault.media(media_id).case_id
    from app.casefile.consent import save_consent

    save_consent(vault, replace(load_consent(vault, case_id), status="given",
                                signed_on="2026-01-05", purposes=["teaching"],
                                channels=["internal_platform"]))
    folder = tmp_path / "reçu" / "export"
    result = export_media(vault, media_id, folder)
    assert result.releasable
    return folder


def test_review_mode_approves_export(qtbot: object, vault: Vault, export_folder: Path,
                                     tmp_path: Path) -> None:
    from app.casefile.review import issue_reviewer_certificate

    p12 = tmp_path / "relecteur.p12"
    p12.write_bytes(issue_reviewer_certificate(vault, "Pr Anaïs Brémont", P12_PASSWORD))

    dialog = QtReviewDialog(None, None, export_folder)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    assert dialog.report.ok
    assert dialog.facts.count() > 0
    assert dialog.approve_button.isEnabled()
    assert not dialog.release_button.isVisible()
    assert not dialog.approve(p12, "wrong password")
    assert dialog.message.text()
    assert dialog.approve(p12, P12_PASSWORD), dialog.message.text()
    assert "Brémont" in dialog.message.text()
    assert not dialog.approve(p12, P12_PASSWORD)  # already approved

    vault.add_user(RESIDENT, RESIDENT_PASSWORD, "resident", kdf=TEST_KDF)
    with Vault.unlock(vault.path, RESIDENT_PASSWORD, RESIDENT) as resident:
        as_resident = QtReviewDialog(resident, None, export_folder)
        qtbot.addWidget(as_resident)  # type: ignore[attr-defined]
        assert not as_resident.release_button.isEnabled()
        assert "Residents" in as_resident.release_button.toolTip()
    surgeon = QtReviewDialog(vault, None, export_folder)
    qtbot.addWidget(surgeon)  # type: ignore[attr-defined]
    assert surgeon.release("teaching", "internal_platform"), surgeon.message.text()


def test_expired_case_listed_and_purged(qtbot: object, window: object, vault: Vault,
                                        media_id: str) -> None:
    import datetime as dt

    from app.casefile.retention import expired_cases, set_case_expiry

    case_id = vault.media(media_id).case_id
    set_case_expiry(vault, case_id, dt.date(2020, 1, 1))
    window.check_retention()  # type: ignore[attr-defined]
    dialog = window.expired_dialog  # type: ignore[attr-defined]
    assert dialog is not None
    assert dialog.list.count() == 1
    assert dialog.purge_button.isEnabled()
    assert dialog.purge(case_id, confirm=False)
    assert dialog.list.count() == 0
    assert window.document is None  # type: ignore[attr-defined]
    assert not expired_cases(vault)

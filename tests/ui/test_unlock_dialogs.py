"""Unlocking, creating a vault and adding a user, through the dialogs."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from app.vault import Vault
from tests.conftest import PASSWORD, TEST_KDF, USER
from tests.ui.conftest import wait_until
from ui.qt_unlock import QtAddUserDialog, QtCreateVaultDialog, QtUnlockDialog
from ui.settings import Preferences, load_preferences


def _dialog(qtbot: object, vault_path: Path) -> QtUnlockDialog:
    dialog = QtUnlockDialog(Preferences(), None, vault_path)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.show()
    return dialog


def test_lists_users_of_vault(qtbot: object, vault_path: Path) -> None:
    dialog = _dialog(qtbot, vault_path)
    assert [dialog.user.itemText(i) for i in range(dialog.user.count())] == [USER]


def test_wrong_password_shown_in_place(qtbot: object, vault_path: Path) -> None:
    dialog = _dialog(qtbot, vault_path)
    qtbot.keyClicks(dialog.password, "Not-The-Password-1!")  # type: ignore[attr-defined]
    qtbot.mouseClick(dialog.unlock_button, Qt.MouseButton.LeftButton)  # type: ignore[attr-defined]
    dialog.wait_for_job()
    wait_until(qtbot, lambda: dialog.password.isEnabled())
    assert dialog.isVisible()
    assert dialog.vault is None
    assert dialog.error.isVisible()
    assert "password" in dialog.error.text().lower()
    assert dialog.password.selectedText() == "Not-The-Password-1!"


def test_unlock_and_remember(qtbot: object, vault_path: Path) -> None:
    preferences = Preferences()
    dialog = QtUnlockDialog(preferences, None, vault_path)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.show()
    dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):  # type: ignore[attr-defined]
        dialog.unlock_button.click()
    assert isinstance(dialog.vault, Vault)
    assert dialog.vault.user.name == USER
    assert preferences.recent_vaults == [str(vault_path)]
    assert preferences.last_user[str(vault_path)] == USER
    assert dialog.password.text() == ""
    dialog.vault.close()


def test_key_file_asked_when_slot_needs_it(qtbot: object, vault: Vault, tmp_path: Path) -> None:
    key = tmp_path / "clé USB" / "voile.key"
    key.parent.mkdir()
    key.write_bytes(bytes(range(64)))
    vault.add_user("Dr Karim Benali", "Autre-Mot-De-Passe-42!", "surgeon", kdf=TEST_KDF,
                   key_file=key.read_bytes())
    dialog = _dialog(qtbot, vault.path)
    dialog.user.setCurrentText(USER)
    assert dialog.key_file_row.isHidden()
    dialog.user.setCurrentText("Dr Karim Benali")
    assert not dialog.key_file_row.isHidden()
    dialog.password.setText("Autre-Mot-De-Passe-42!")
    dialog.key_file.setText(str(key))
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):  # type: ignore[attr-defined]
        dialog.unlock_button.click()
    assert dialog.vault is not None
    assert dialog.vault.user.name == "Dr Karim Benali"
    dialog.vault.close()


def test_missing_folder_and_password(qtbot: object, tmp_path: Path) -> None:
    dialog = _dialog(qtbot, tmp_path / "nothing here")
    dialog.unlock_button.click()
    assert dialog.error.isVisible()
    dialog.password.setText("whatever-password-1!")
    dialog.unlock_button.click()
    dialog.wait_for_job()
    wait_until(qtbot, lambda: dialog.password.isEnabled())
    assert dialog.vault is None
    assert dialog.error.text()


def test_create_vault(qtbot: object, tmp_path: Path) -> None:
    dialog = QtCreateVaultDialog(None, kdf=TEST_KDF)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.show()
    dialog.folder.setText(str(tmp_path / "Nouveau coffre"))
    dialog.name.setText("Dr Élise Marchand")
    dialog.password.setText(PASSWORD)
    dialog.confirm.setText(PASSWORD + "x")
    dialog.buttons.accepted.emit()
    assert dialog.error.isVisible()
    assert dialog.vault is None

    dialog.confirm.setText(PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=10_000):  # type: ignore[attr-defined]
        dialog.buttons.accepted.emit()
    assert dialog.vault is not None
    assert dialog.vault.user.role == "administrator"
    dialog.vault.close()
    assert (tmp_path / "Nouveau coffre" / "vault.json").exists()


def test_create_vault_rejects_weak_password(qtbot: object, tmp_path: Path) -> None:
    dialog = QtCreateVaultDialog(None, kdf=TEST_KDF)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.show()
    dialog.folder.setText(str(tmp_path / "v"))
    dialog.name.setText("Dr Élise Marchand")
    dialog.password.setText("short1!")
    dialog.confirm.setText("short1!")
    dialog.buttons.accepted.emit()
    dialog.wait_for_job()
    wait_until(qtbot, lambda: dialog.error.isVisible())
    assert dialog.vault is None
    assert not (tmp_path / "v" / "vault.json").exists()


def test_add_user(qtbot: object, vault: Vault) -> None:
    dialog = QtAddUserDialog(vault, None, kdf=TEST_KDF)
    qtbot.addWidget(dialog)  # type: ignore[attr-defined]
    dialog.show()
    dialog.name.setText("Interne Paul Lemaire")
    dialog.role.setCurrentIndex(dialog.role.findData("resident"))
    dialog.password.setText("Autre-Mot-De-Passe-42!")
    dialog.confirm.setText("Autre-Mot-De-Passe-42!")
    dialog.buttons.accepted.emit()
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.added is not None
    assert dialog.added.role == "resident"
    unlocked = Vault.unlock(vault.path, "Autre-Mot-De-Passe-42!", "Interne Paul Lemaire")
    assert unlocked.user.role == "resident"
    unlocked.close()


def test_preferences_round_trip(tmp_path: Path) -> None:
    from ui.settings import save_preferences

    preferences = load_preferences()
    preferences.language = "fr"
    preferences.idle_lock_minutes = 3
    preferences.remember_vault(tmp_path / "Coffre d'Hélène", USER)
    preferences.last_media[str(tmp_path / "Coffre d'Hélène")] = "m-1@12"
    save_preferences(preferences)
    loaded = load_preferences()
    assert loaded.language == "fr"
    assert loaded.idle_lock_minutes == 3
    assert loaded.recent_vaults == [str(tmp_path / "Coffre d'Hélène")]
    assert loaded.last_user == {str(tmp_path / "Coffre d'Hélène"): USER}
    assert loaded.last_media == {str(tmp_path / "Coffre d'Hélène"): "m-1@12"}

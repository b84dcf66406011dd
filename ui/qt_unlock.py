"""Unlock a vault, create one, add a user: the dialogs before and around the editor.

Unlocking derives a key with Argon2id (about a second with the production
settings), so it runs in a worker thread and the dialog stays responsive. A
wrong password is shown in the dialog, under the field, and the password is
selected for retyping; nothing is logged but the vault id.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.errors import VaultError, VoileError
from app.vault import Vault
from app.vault.vault import ROLES, User, read_header
from ui.qt_i18n import error_text
from ui.qt_jobs import QtJob
from ui.settings import Preferences

log = logging.getLogger(__name__)

ERROR_STYLE = "color: #c0392b; font-weight: 600;"


def role_name(role: str) -> str:
    names = {
        "administrator": QCoreApplication.translate("Roles", "Administrator"),
        "surgeon": QCoreApplication.translate("Roles", "Surgeon"),
        "resident": QCoreApplication.translate("Roles", "Resident"),
    }
    return names.get(role, role)


class QtUnlockDialog(QDialog):
    """Choose a vault (recent ones first), a user and a password; ``vault`` is set on success."""

    def __init__(self, preferences: Preferences, parent: QWidget | None = None,
                 folder: Path | None = None) -> None:
        super().__init__(parent)
        self.preferences = preferences
        self.vault: Vault | None = None
        self._job: QtJob | None = None
        self._slots: dict[str, dict[str, Any]] = {}  # user name -> public slot record

        self.title = QLabel()
        self.title.setObjectName("unlockTitle")
        self.title.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.intro = QLabel()
        self.intro.setWordWrap(True)

        self.folder = QComboBox()
        self.folder.setEditable(True)
        self.folder.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.folder.setMinimumWidth(380)
        for recent in preferences.recent_vaults:
            self.folder.addItem(recent)
        self.browse = QPushButton()
        self.browse.clicked.connect(self._on_browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse)

        self.user = QComboBox()
        self.user.setEditable(True)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_file = QLineEdit()
        self.key_file_browse = QPushButton()
        self.key_file_browse.clicked.connect(self._on_browse_key_file)
        self.key_file_row = QWidget()
        key_row = QHBoxLayout(self.key_file_row)
        key_row.setContentsMargins(0, 0, 0, 0)
        key_row.addWidget(self.key_file, 1)
        key_row.addWidget(self.key_file_browse)
        self.error = QLabel()
        self.error.setObjectName("unlockError")
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()

        self.form = QFormLayout()
        self.folder_label = QLabel()
        self.user_label = QLabel()
        self.password_label = QLabel()
        self.key_file_label = QLabel()
        self.form.addRow(self.folder_label, folder_row)
        self.form.addRow(self.user_label, self.user)
        self.form.addRow(self.password_label, self.password)
        self.form.addRow(self.key_file_label, self.key_file_row)

        self.buttons = QDialogButtonBox()
        self.unlock_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.AcceptRole)
        self.create_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.ActionRole)
        self.quit_button = self.buttons.addButton("", QDialogButtonBox.ButtonRole.RejectRole)
        self.unlock_button.setDefault(True)
        self.unlock_button.clicked.connect(self._on_unlock)
        self.create_button.clicked.connect(self._on_create)
        self.quit_button.clicked.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addWidget(self.intro)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addStretch(1)
        layout.addWidget(self.buttons)

        self.folder.currentTextChanged.connect(self._on_folder_changed)
        self.user.currentTextChanged.connect(self._on_user_changed)
        if folder is not None:
            self.folder.setCurrentText(str(folder))
        self._on_folder_changed(self.folder.currentText())
        self.retranslate()
        self.password.setFocus()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Voile — unlock a vault"))
        self.title.setText(self.tr("Unlock a vault"))
        self.intro.setText(self.tr(
            "The vault is the encrypted folder that holds the raw footage and the review "
            "of each case. Nothing in it can be read without a password."))
        self.folder_label.setText(self.tr("Vault folder"))
        self.user_label.setText(self.tr("User"))
        self.password_label.setText(self.tr("Password"))
        self.key_file_label.setText(self.tr("Key file"))
        self.key_file.setPlaceholderText(self.tr("This user also needs their key file"))
        self.key_file_browse.setText(self.tr("Choose…"))
        self.browse.setText(self.tr("Browse…"))
        self.unlock_button.setText(self.tr("Unlock"))
        self.create_button.setText(self.tr("Create a vault…"))
        self.quit_button.setText(self.tr("Quit"))
        editor = self.folder.lineEdit()
        if editor is not None:
            editor.setPlaceholderText(self.tr("Choose the vault's folder"))

    def changeEvent(self, event: Any) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def _on_browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Choose the vault's folder"),
                                                  self.folder.currentText())
        if chosen:
            self.folder.setCurrentText(chosen)

    def _on_folder_changed(self, text: str) -> None:
        self.user.clear()
        self.error.hide()
        self._slots = {}
        if text.strip():
            folder = Path(text.strip())
            try:
                slots = read_header(folder)["slots"]
            except VoileError:
                slots = []
            self._slots = {str(slot.get("name", "")): slot for slot in slots}
            names = list(self._slots)
            self.user.addItems(names)
            remembered = self.preferences.last_user.get(str(folder))
            if remembered in names:
                self.user.setCurrentText(remembered)
        self._on_user_changed(self.user.currentText())

    def needs_key_file(self) -> bool:
        slot = self._slots.get(self.user.currentText().strip(), {})
        return bool(slot.get("key_file"))

    def _on_user_changed(self, _name: str) -> None:
        needed = self.needs_key_file()
        self.key_file_row.setVisible(needed)
        self.key_file_label.setVisible(needed)

    def _on_browse_key_file(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, self.tr("Choose your key file"))
        if chosen:
            self.key_file.setText(chosen)

    def _set_busy(self, busy: bool) -> None:
        for widget in (self.folder, self.browse, self.user, self.password, self.key_file,
                       self.key_file_browse, self.unlock_button, self.create_button):
            widget.setEnabled(not busy)
        if busy:
            self.error.setStyleSheet("")
            self.error.setText(self.tr("Unlocking…"))
            self.error.show()
        else:
            self.error.setStyleSheet(ERROR_STYLE)

    def _on_unlock(self) -> None:
        folder_text = self.folder.currentText().strip()
        if not folder_text:
            self.show_error(self.tr("Choose the vault's folder first."))
            return
        if not self.password.text():
            self.show_error(self.tr("Type your password."))
            return
        folder = Path(folder_text)
        user = self.user.currentText().strip() or None
        password = self.password.text()
        options: dict[str, Any] = {}
        if self.needs_key_file():
            try:
                options["key_file"] = Path(self.key_file.text().strip()).read_bytes()
            except OSError:
                self.show_error(self.tr("The key file cannot be read. Choose it again."))
                return

        def work(_progress: Any, _cancel: Any) -> Vault:
            return Vault.unlock(folder, password, user, **options)

        self._set_busy(True)
        self._job = QtJob("unlock", "", work, self)
        self._job.succeeded.connect(lambda vault: self._on_unlocked(folder, vault))
        self._job.failed.connect(self._on_unlock_failed)
        self._job.start()

    def _on_unlocked(self, folder: Path, vault: Vault) -> None:
        self._set_busy(False)
        self.vault = vault
        self.preferences.remember_vault(folder, vault.user.name)
        self.password.clear()
        self.accept()

    def _on_unlock_failed(self, error: BaseException) -> None:
        self._set_busy(False)
        self.show_error(error_text(error))
        self.password.selectAll()
        self.password.setFocus()

    def _on_create(self) -> None:
        dialog = QtCreateVaultDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.vault is not None:
            self.vault = dialog.vault
            self.preferences.remember_vault(dialog.vault.path, dialog.vault.user.name)
            self.accept()

    def wait_for_job(self) -> None:
        """Block until a running unlock ends (tests)."""
        if self._job is not None:
            self._job.wait()


class QtCreateVaultDialog(QDialog):
    """Create a vault in an empty folder, with its first user (an administrator)."""

    def __init__(self, parent: QWidget | None = None, kdf: dict[str, int] | None = None) -> None:
        super().__init__(parent)
        self.vault: Vault | None = None
        self._kdf = kdf
        self._job: QtJob | None = None

        self.folder = QLineEdit()
        self.browse = QPushButton()
        self.browse.clicked.connect(self._on_browse)
        row = QHBoxLayout()
        row.addWidget(self.folder, 1)
        row.addWidget(self.browse)
        self.name = QLineEdit()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)

        self.hint = QLabel()
        self.hint.setWordWrap(True)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.labels = [QLabel() for _ in range(4)]
        form = QFormLayout()
        form.addRow(self.labels[0], row)
        form.addRow(self.labels[1], self.name)
        form.addRow(self.labels[2], self.password)
        form.addRow(self.labels[3], self.confirm)

        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._on_create)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.hint)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Create a vault"))
        self.browse.setText(self.tr("Browse…"))
        for label, text in zip(self.labels, (self.tr("New folder"), self.tr("Your name"),
                                             self.tr("Password"), self.tr("Password again")),
                               strict=True):
            label.setText(text)
        self.hint.setText(self.tr(
            "Choose a long password (at least 12 characters, or a phrase of several words). "
            "It is never stored: if every user forgets theirs, the footage cannot be recovered. "
            "You become the vault's administrator and can add other users."))
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Create"))
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText(self.tr("Cancel"))

    def changeEvent(self, event: Any) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _on_browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Choose an empty folder"))
        if chosen:
            self.folder.setText(chosen)

    def _on_create(self) -> None:
        folder_text = self.folder.text().strip()
        if not folder_text:
            self._show_error(self.tr("Choose a folder for the vault."))
            return
        if self.password.text() != self.confirm.text():
            self._show_error(error_text(VaultError("vault.password_mismatch")))
            return
        folder, name, password, kdf = Path(folder_text), self.name.text(), self.password.text(), \
            self._kdf

        def work(_progress: Any, _cancel: Any) -> Vault:
            return Vault.create(folder, name, password, kdf=kdf)

        self.buttons.setEnabled(False)
        self._job = QtJob("create", "", work, self)
        self._job.succeeded.connect(self._on_created)
        self._job.failed.connect(self._on_failed)
        self._job.start()

    def _on_created(self, vault: Vault) -> None:
        self.vault = vault
        self.accept()

    def _on_failed(self, error: BaseException) -> None:
        self.buttons.setEnabled(True)
        self._show_error(error_text(error))

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

    def wait_for_job(self) -> None:
        if self._job is not None:
            self._job.wait()


class QtAddUserDialog(QDialog):
    """Give another person a slot in the unlocked vault (administrators only)."""

    def __init__(self, vault: Vault, parent: QWidget | None = None,
                 kdf: dict[str, int] | None = None) -> None:
        super().__init__(parent)
        self.vault = vault
        self._kdf = kdf
        self.added: User | None = None
        self.name = QLineEdit()
        self.role = QComboBox()
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.confirm = QLineEdit()
        self.confirm.setEchoMode(QLineEdit.EchoMode.Password)
        self.error = QLabel()
        self.error.setStyleSheet(ERROR_STYLE)
        self.error.setWordWrap(True)
        self.error.hide()
        self.labels = [QLabel() for _ in range(4)]
        form = QFormLayout()
        for label, field in zip(self.labels, (self.name, self.role, self.password, self.confirm),
                                strict=True):
            form.addRow(label, field)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self._on_add)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        self.retranslate()

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Add a user"))
        for label, text in zip(self.labels, (self.tr("Name"), self.tr("Role"),
                                             self.tr("Their password"), self.tr("Password again")),
                               strict=True):
            label.setText(text)
        current = self.role.currentData() or "surgeon"
        self.role.clear()
        for role in ("surgeon", "resident", "administrator"):
            if role in ROLES:
                self.role.addItem(role_name(role), role)
        self.role.setCurrentIndex(max(0, self.role.findData(current)))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Add"))
        self.buttons.button(QDialogButtonBox.StandardButton.Cancel).setText(self.tr("Cancel"))

    def changeEvent(self, event: Any) -> None:
        if event.type() == event.Type.LanguageChange:
            self.retranslate()
        super().changeEvent(event)

    def _on_add(self) -> None:
        if self.password.text() != self.confirm.text():
            self._show_error(error_text(VaultError("vault.password_mismatch")))
            return
        self.setCursor(Qt.CursorShape.WaitCursor)
        try:
            self.added = self.vault.add_user(self.name.text(), self.password.text(),
                                             str(self.role.currentData()), kdf=self._kdf)
        except VoileError as error:
            self._show_error(error_text(error))
            return
        finally:
            self.unsetCursor()
        self.accept()

    def _show_error(self, text: str) -> None:
        self.error.setText(text)
        self.error.show()

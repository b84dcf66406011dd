"""Case-file dialogs: consent, access journal, users and roles, expiry, withdrawal, review.

They call ``app.casefile`` and the vault as the command line does. Engine errors are shown
in the dialog, translated. Buttons a role may not use stay disabled, with a tooltip that
names the roles that may.
"""

from __future__ import annotations

import csv
import io
import logging
from dataclasses import replace
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, QUrl, Signal
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.casefile.errors import label
from app.casefile.vocabulary import CHANNELS, PURPOSES, ROLES, SPECIAL_CASES, STATUSES
from app.errors import VoileError
from app.i18n import tr as engine_tr
from app.vault import Vault
from ui.qt_i18n import current_language, error_text

log = logging.getLogger(__name__)

ERROR_STYLE = "color: #c0392b;"
OK_STYLE = "color: #1e8449;"
BANNER_STYLE = "background: #c0392b; color: white; padding: 6px; font-weight: 600;"
EDITOR_ROLES = ("administrator", "surgeon")


def _role_name(role: str) -> str:
    return engine_tr(f"cli.casefile.role.{role}")


def _field(name: str) -> str:
    return engine_tr(f"cli.casefile.consent_field.{name}")


def _checkboxes(kind: str, codes: tuple[str, ...]) -> tuple[QWidget, dict[str, QCheckBox]]:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    checks: dict[str, QCheckBox] = {}
    for code in codes:
        check = QCheckBox(label(kind, code))
        checks[code] = check
        layout.addWidget(check)
    return box, checks


def _open_file(path: Path) -> None:
    QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


# --------------------------------------------------------------------------- consent

class QtConsentDialog(QDialog):
    """Every field of a case's consent record, the signed scan and the printable form."""

    saved = Signal()

    def __init__(self, vault: Vault, case_id: str, parent: QWidget | None = None) -> None:
        from app.casefile.consent import load_consent

        super().__init__(parent)
        self.setObjectName("consentDialog")
        self.vault = vault
        self.case_id = case_id
        self.consent = load_consent(vault, case_id)
        self.status = QComboBox()
        for code in STATUSES:
            self.status.addItem(label("status", code), code)
        self.signed = QCheckBox()
        self.signed_on = QDateEdit()
        self.signed_on.setCalendarPopup(True)
        self.signed_on.setDisplayFormat("yyyy-MM-dd")
        self.signed.toggled.connect(self.signed_on.setEnabled)
        signed_row = QHBoxLayout()
        signed_row.addWidget(self.signed)
        signed_row.addWidget(self.signed_on, 1)
        purposes, self.purposes = _checkboxes("purpose", PURPOSES)
        channels, self.channels = _checkboxes("channel", CHANNELS)
        special, self.special = _checkboxes("special_case", SPECIAL_CASES)
        self.retention = QSpinBox()
        self.retention.setRange(0, 1200)
        self.controller = QLineEdit()
        self.transfers = QCheckBox()
        self.transfer_details = QLineEdit()
        self.contact = QLineEdit()
        self.scan_state = QLabel()
        self.scan_button = QPushButton()
        self.scan_button.clicked.connect(self._on_attach_scan)
        scan_row = QHBoxLayout()
        scan_row.addWidget(self.scan_state, 1)
        scan_row.addWidget(self.scan_button)
        self.form = QFormLayout()
        self.rows: dict[str, QLabel] = {}
        for name, widget in (("status", self.status), ("signed_on", signed_row),
                             ("purposes", purposes), ("channels", channels),
                             ("special", special), ("retention", self.retention),
                             ("controller", self.controller), ("transfers", self.transfers),
                             ("transfer_details", self.transfer_details),
                             ("contact", self.contact), ("scan", scan_row)):
            row_label = QLabel()
            self.rows[name] = row_label
            self.form.addRow(row_label, widget)
        self.message = QLabel()
        self.message.setWordWrap(True)
        self.form_button = QPushButton()
        self.form_button.clicked.connect(self._on_consent_form)
        self.save_button = QPushButton()
        self.save_button.setDefault(True)
        self.save_button.clicked.connect(self.save)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.form_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        buttons.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self._show(self.consent)
        self.retranslate()
        self.resize(560, 700)

    def retranslate(self) -> None:
        case = self.vault.case(self.case_id)
        self.setWindowTitle(self.tr("Consent — {case}").format(case=case.pseudonym))
        names = {"status": _field("status"), "signed_on": _field("signed_on"),
                 "purposes": _field("purposes"), "channels": _field("channels"),
                 "special": _field("special"), "retention": self.tr("Retention (months, 0: "
                                                                      "vault default)"),
                 "controller": _field("controller"), "transfers": _field("transfers"),
                 "transfer_details": self.tr("Countries and safeguards"),
                 "contact": _field("contact"), "scan": _field("scan")}
        for name, row_label in self.rows.items():
            row_label.setText(names[name])
        self.signed.setText(self.tr("Dated"))
        self.transfers.setText(self.tr("Transfers outside the EU allowed"))
        self.scan_button.setText(self.tr("Attach the signed scan…"))
        self.form_button.setText(self.tr("Consent form (PDF)…"))
        self.save_button.setText(self.tr("Save"))
        self.close_button.setText(self.tr("Close"))
        self.scan_state.setText(self.tr("Attached") if self.consent.scan_object_id
                                else self.tr("None"))
        allowed = self.vault.user.role in EDITOR_ROLES
        for button in (self.save_button, self.scan_button):
            button.setEnabled(allowed)
            button.setToolTip("" if allowed else self.tr(
                "Only administrators and surgeons may change a consent record."))

    def _show(self, consent: Any) -> None:
        self.status.setCurrentIndex(max(0, self.status.findData(consent.status)))
        self.signed.setChecked(bool(consent.signed_on))
        self.signed_on.setEnabled(bool(consent.signed_on))
        self.signed_on.setDate(QDate.fromString(consent.signed_on, "yyyy-MM-dd")
                               if consent.signed_on else QDate.currentDate())
        for checks, chosen in ((self.purposes, consent.purposes),
                               (self.channels, consent.channels),
                               (self.special, consent.special_cases)):
            for code, check in checks.items():
                check.setChecked(code in chosen)
        self.retention.setValue(consent.retention_months or 0)
        self.controller.setText(consent.controller)
        self.transfers.setChecked(consent.transfers_outside_eu)
        self.transfer_details.setText(consent.transfer_details)
        self.contact.setText(consent.contact)

    def values(self) -> Any:
        """Return the consent record as the fields show it (not saved)."""
        def chosen(checks: dict[str, QCheckBox]) -> list[str]:
            return [code for code, check in checks.items() if check.isChecked()]

        return replace(
            self.consent, status=str(self.status.currentData()),
            signed_on=self.signed_on.date().toString("yyyy-MM-dd") if self.signed.isChecked()
            else None,
            purposes=chosen(self.purposes), channels=chosen(self.channels),
            special_cases=chosen(self.special),
            retention_months=self.retention.value() or None,
            controller=self.controller.text().strip(),
            transfers_outside_eu=self.transfers.isChecked(),
            transfer_details=self.transfer_details.text().strip(),
            contact=self.contact.text().strip())

    def save(self) -> bool:
        from app.casefile.consent import save_consent

        try:
            self.consent = save_consent(self.vault, self.values())
        except VoileError as error:
            self._say(error_text(error), ok=False)
            return False
        self._say(self.tr("Consent saved (revision {revision}).").format(
            revision=self.consent.revision), ok=True)
        self.saved.emit()
        return True

    def _say(self, text: str, ok: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)

    def attach_scan(self, path: Path) -> bool:
        from app.casefile.consent import attach_scan

        try:
            self.consent = attach_scan(self.vault, self.case_id, path)
        except VoileError as error:
            self._say(error_text(error), ok=False)
            return False
        self.scan_state.setText(self.tr("Attached"))
        self._say(self.tr("Scan stored encrypted in the vault."), ok=True)
        return True

    def _on_attach_scan(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Signed consent scan"),
                                              str(Path.home()),
                                              self.tr("Scans (*.pdf *.png *.jpg *.jpeg)"))
        if name:
            self.attach_scan(Path(name))

    def write_consent_form(self, target: Path) -> bool:
        """Render the case's consent form (patient name left blank) to a new PDF file."""
        from app.casefile.forms import render_consent_form

        try:
            pdf = render_consent_form(self.vault, self.case_id, current_language())
            with open(target, "xb") as handle:
                handle.write(pdf)
        except FileExistsError:
            self._say(self.tr("That file exists already: choose another name."), ok=False)
            return False
        except VoileError as error:
            self._say(error_text(error), ok=False)
            return False
        return True

    def _on_consent_form(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Save the consent form"),
                                              str(Path.home() / "consent.pdf"),
                                              self.tr("PDF (*.pdf)"))
        if name and self.write_consent_form(Path(name)):
            _open_file(Path(name))


# --------------------------------------------------------------------------- journal

JOURNAL_COLUMNS = ("seq", "at", "user_id", "action", "subject", "detail")


class QtJournalDialog(QDialog):
    """The vault's access journal, with its chain checked and a CSV export."""

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("journalDialog")
        self.vault = vault
        self.banner = QLabel()
        self.banner.setWordWrap(True)
        self.table = QTableWidget(0, len(JOURNAL_COLUMNS))
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.export_button = QPushButton()
        self.export_button.clicked.connect(self._on_export)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.export_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.broken_at: int | None = None
        self.entries: list[dict[str, Any]] = []
        self.retranslate()
        self.refresh()
        self.resize(900, 560)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Access journal"))
        self.table.setHorizontalHeaderLabels([
            self.tr("No."), self.tr("Time (UTC)"), self.tr("User"), self.tr("Action"),
            self.tr("Subject"), self.tr("Detail")])
        self.export_button.setText(self.tr("Export as CSV…"))
        self.close_button.setText(self.tr("Close"))
        self._show_banner()

    def refresh(self) -> None:
        self.broken_at = self.vault.verify_journal()
        self.entries = self.vault.journal_entries()
        names = {account.id: account.name for account in self.vault.user_accounts()}
        self.table.setRowCount(len(self.entries))
        for row, entry in enumerate(self.entries):
            for column, name in enumerate(JOURNAL_COLUMNS):
                value = str(entry[name] or "")
                if name == "user_id":
                    value = names.get(value, value)
                item = QTableWidgetItem(value)
                if self.broken_at is not None and int(entry["seq"]) >= self.broken_at:
                    item.setBackground(Qt.GlobalColor.red)
                self.table.setItem(row, column, item)
        self._show_banner()
        if self.entries:
            self.table.scrollToBottom()

    def _show_banner(self) -> None:
        if self.broken_at is None:
            self.banner.setText(self.tr("{count} entries; the chain of signatures is intact.")
                                .format(count=len(self.entries)))
            self.banner.setStyleSheet(OK_STYLE)
        else:
            self.banner.setText(self.tr(
                "The journal's chain breaks at entry {seq}: that entry or an earlier one was "
                "changed or removed outside Voile. Keep a copy of the vault and tell the "
                "administrator.").format(seq=self.broken_at))
            self.banner.setStyleSheet(BANNER_STYLE)

    def csv_text(self) -> str:
        text = io.StringIO(newline="")
        writer = csv.writer(text)
        writer.writerow(JOURNAL_COLUMNS)
        for entry in self.entries:
            writer.writerow([entry[name] for name in JOURNAL_COLUMNS])
        return text.getvalue()

    def export_csv(self, target: Path) -> None:
        target.write_text(self.csv_text(), encoding="utf-8", newline="")
        log.info("journal exported (%d entries)", len(self.entries))

    def _on_export(self) -> None:
        name, _ = QFileDialog.getSaveFileName(self, self.tr("Export the journal"),
                                              str(Path.home() / "journal.csv"),
                                              self.tr("CSV (*.csv)"))
        if name:
            self.export_csv(Path(name))


# --------------------------------------------------------------------------- users

class QtUsersDialog(QDialog):
    """Users of the vault, their role and identity access (administrators only)."""

    def __init__(self, vault: Vault, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("usersDialog")
        self.vault = vault
        self.table = QTableWidget(0, 4)
        self.table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectionBehavior.SelectRows)
        self.table.verticalHeader().hide()
        self.table.horizontalHeader().setSectionResizeMode(
            QHeaderView.ResizeMode.ResizeToContents)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        self.add_button = QPushButton()
        self.add_button.clicked.connect(self._on_add)
        self.role_button = QPushButton()
        self.role_button.clicked.connect(self._on_role)
        self.identity_button = QPushButton()
        self.identity_button.clicked.connect(self._on_identity)
        self.remove_button = QPushButton()
        self.remove_button.clicked.connect(self._on_remove)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.accept)
        for button in (self.add_button, self.role_button, self.identity_button,
                       self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.accounts: list[Any] = []
        self.retranslate()
        self.refresh()
        self.resize(720, 420)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Users and roles"))
        self.table.setHorizontalHeaderLabels([self.tr("Name"), self.tr("Role"),
                                              self.tr("Patient identities"), self.tr("State")])
        self.add_button.setText(self.tr("Add…"))
        self.role_button.setText(self.tr("Change role…"))
        self.identity_button.setText(self.tr("Grant or revoke identity access"))
        self.remove_button.setText(self.tr("Remove…"))
        self.close_button.setText(self.tr("Close"))
        self._update_buttons()

    def refresh(self) -> None:
        self.accounts = self.vault.user_accounts()
        self.table.setRowCount(len(self.accounts))
        for row, account in enumerate(self.accounts):
            state = self.tr("Active") if account.active else self.tr("Removed on {date}").format(
                date=(account.removed_at or "")[:10])
            values = [account.name, _role_name(account.role),
                      self.tr("Yes") if account.identity_access else self.tr("No"), state]
            for column, value in enumerate(values):
                self.table.setItem(row, column, QTableWidgetItem(value))
        self._update_buttons()

    def selected(self) -> Any:
        rows = self.table.selectionModel().selectedRows() if self.table.selectionModel() else []
        return self.accounts[rows[0].row()] if rows else None

    def _update_buttons(self) -> None:
        administrator = self.vault.user.role == "administrator"
        account = self.selected()
        usable = administrator and account is not None and account.active
        self.add_button.setEnabled(administrator)
        for button in (self.role_button, self.identity_button, self.remove_button):
            button.setEnabled(usable)
        if not administrator:
            reason = self.tr("Only administrators manage users.")
            for button in (self.add_button, self.role_button, self.identity_button,
                           self.remove_button):
                button.setToolTip(reason)

    def _run(self, action: Any) -> bool:
        try:
            action()
        except VoileError as error:
            self.message.setText(error_text(error))
            self.message.setStyleSheet(ERROR_STYLE)
            return False
        self.message.setText("")
        self.refresh()
        return True

    def set_role(self, user_id: str, role: str) -> bool:
        return self._run(lambda: self.vault.set_user_role(user_id, role))

    def set_identity_access(self, user_id: str, allowed: bool) -> bool:
        return self._run(lambda: self.vault.set_identity_access(user_id, allowed))

    def remove(self, user_id: str) -> bool:
        return self._run(lambda: self.vault.remove_user(user_id))

    def _on_add(self) -> None:
        from ui.qt_unlock import QtAddUserDialog

        QtAddUserDialog(self.vault, self).exec()
        self.refresh()

    def _on_role(self) -> None:
        account = self.selected()
        if account is None:
            return
        names = [_role_name(role) for role in ROLES]
        chosen, ok = QInputDialog.getItem(self, self.tr("Role"), account.name, names,
                                          ROLES.index(account.role), False)
        if ok:
            self.set_role(account.id, ROLES[names.index(chosen)])

    def _on_identity(self) -> None:
        account = self.selected()
        if account is not None:
            self.set_identity_access(account.id, not account.identity_access)

    def _on_remove(self) -> None:
        account = self.selected()
        if account is None:
            return
        answer = QMessageBox.question(self, self.tr("Remove a user"), self.tr(
            "Remove {name}? They will no longer be able to unlock this vault; the journal and "
            "the audit sheets keep their name.").format(name=account.name))
        if answer == QMessageBox.StandardButton.Yes:
            self.remove(account.id)


# --------------------------------------------------------------------------- expiry, withdrawal

def _plan_text(plan: Any) -> str:
    """Describe what a withdrawal or purge destroys, for the confirmation box."""
    lines = [QCoreApplication.translate(
        "CaseFile", "Case {case}: {objects} encrypted objects will be crypto-shredded.").format(
        case=plan.pseudonym, objects=len(plan.objects))]
    if plan.releases:
        lines.append(QCoreApplication.translate(
            "CaseFile", "{count} released exports must be taken down from their channels:")
            .format(count=len(plan.releases)))
        for release in plan.releases:
            lines.append(f"  • {release.released_at[:10]}  {label('channel', release.channel)}"
                         f"  {release.file_name}  {release.export_sha256[:16]}")
    if plan.deletes_identity:
        lines.append(QCoreApplication.translate(
            "CaseFile", "The patient's identity is deleted from the correspondence table."))
    lines.append(QCoreApplication.translate("CaseFile", "This cannot be undone."))
    return "\n".join(lines)


def withdraw_case(parent: QWidget, vault: Vault, case_id: str,
                  confirm: bool = True) -> bool:
    """Show what a withdrawal destroys, ask for confirmation, then withdraw and shred."""
    from app.casefile.retention import plan_withdrawal, withdraw_consent

    title = QCoreApplication.translate("CaseFile", "Withdraw the consent")
    try:
        plan = plan_withdrawal(vault, case_id)
        if confirm:
            answer = QMessageBox.question(parent, title, _plan_text(plan))
            if answer != QMessageBox.StandardButton.Yes:
                return False
        report = withdraw_consent(vault, case_id)
    except VoileError as error:
        QMessageBox.warning(parent, title, error_text(error))
        return False
    log.info("case %s withdrawn, %d objects shredded", case_id, len(report.shredded))
    return True


class QtExpiredCasesDialog(QDialog):
    """Cases past their retention date, each purged after a confirmation."""

    purged = Signal(str)

    def __init__(self, vault: Vault, parent: QWidget | None = None,
                 notice: Any = None) -> None:
        super().__init__(parent)
        self.setObjectName("expiredDialog")
        self.vault = vault
        self.intro = QLabel()
        self.intro.setWordWrap(True)
        self.list = QListWidget()
        self.purge_button = QPushButton()
        self.purge_button.clicked.connect(self._on_purge)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.purge_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro)
        layout.addWidget(self.list, 1)
        layout.addLayout(buttons)
        self.auto_purged = len(notice.purged) if notice is not None else 0
        self.retranslate()
        self.refresh()
        self.resize(560, 360)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Expired cases"))
        text = self.tr("These cases are past their retention date. Purging one crypto-shreds "
                       "its videos, projects and exports in the vault.")
        if self.auto_purged:
            text += "\n" + self.tr("{count} expired cases were purged automatically at "
                                   "unlock.").format(count=self.auto_purged)
        self.intro.setText(text)
        self.purge_button.setText(self.tr("Purge…"))
        self.close_button.setText(self.tr("Close"))
        allowed = self.vault.user.role in EDITOR_ROLES
        self.purge_button.setEnabled(allowed)
        self.purge_button.setToolTip("" if allowed else self.tr(
            "Only administrators and surgeons may purge a case."))

    def refresh(self) -> None:
        from app.casefile.retention import expired_cases

        self.list.clear()
        for item in expired_cases(self.vault):
            row = QListWidgetItem(self.tr("{case} — expired on {date}").format(
                case=item.pseudonym, date=item.expires_on.isoformat()))
            row.setData(Qt.ItemDataRole.UserRole, item.case_id)
            self.list.addItem(row)
        if self.list.count():
            self.list.setCurrentRow(0)

    def purge(self, case_id: str, confirm: bool = True) -> bool:
        from app.casefile.retention import plan_purge, purge_case

        try:
            plan = plan_purge(self.vault, case_id, "expiry")
            if confirm:
                answer = QMessageBox.question(self, self.tr("Purge the case"),
                                              _plan_text(plan))
                if answer != QMessageBox.StandardButton.Yes:
                    return False
            purge_case(self.vault, case_id, "expiry")
        except VoileError as error:
            QMessageBox.warning(self, self.tr("Purge the case"), error_text(error))
            return False
        self.purged.emit(case_id)
        self.refresh()
        return True

    def _on_purge(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.purge(str(item.data(Qt.ItemDataRole.UserRole)))


# --------------------------------------------------------------------------- review

class QtReviewDialog(QDialog):
    """Verify an export folder, show its sheet's facts, sign the approval with a reviewer key.

    Works without a vault. With ``vault`` set, an approved export can also be recorded as
    released in its case, which administrators and surgeons may do.
    """

    def __init__(self, vault: Vault | None = None, parent: QWidget | None = None,
                 directory: Path | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewDialog")
        self.vault = vault
        self.directory: Path | None = None
        self.report: Any = None
        self.folder = QLineEdit()
        self.folder.setReadOnly(True)
        self.browse = QPushButton()
        self.browse.clicked.connect(self._on_browse)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(self.browse)
        self.headline = QLabel()
        self.headline.setWordWrap(True)
        self.checks = QListWidget()
        self.facts = QListWidget()
        self.sign_box = QGroupBox()
        self.p12 = QLineEdit()
        self.p12_browse = QPushButton()
        self.p12_browse.clicked.connect(self._on_p12_browse)
        p12_row = QHBoxLayout()
        p12_row.addWidget(self.p12, 1)
        p12_row.addWidget(self.p12_browse)
        self.password = QLineEdit()
        self.password.setEchoMode(QLineEdit.EchoMode.Password)
        self.sign_labels = [QLabel(), QLabel()]
        sign_form = QFormLayout(self.sign_box)
        sign_form.addRow(self.sign_labels[0], p12_row)
        sign_form.addRow(self.sign_labels[1], self.password)
        self.approve_button = QPushButton()
        self.approve_button.clicked.connect(self._on_approve)
        self.release_button = QPushButton()
        self.release_button.clicked.connect(self._on_release)
        self.close_button = QPushButton()
        self.close_button.clicked.connect(self.accept)
        self.message = QLabel()
        self.message.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.approve_button)
        buttons.addWidget(self.release_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        layout = QVBoxLayout(self)
        layout.addLayout(folder_row)
        layout.addWidget(self.headline)
        layout.addWidget(self.checks, 1)
        self.facts_title = QLabel()
        layout.addWidget(self.facts_title)
        layout.addWidget(self.facts, 1)
        layout.addWidget(self.sign_box)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self.retranslate()
        if directory is not None:
            self.open_folder(directory)
        self.resize(680, 640)

    def retranslate(self) -> None:
        self.setWindowTitle(self.tr("Review an export"))
        self.browse.setText(self.tr("Choose the export folder…"))
        self.sign_box.setTitle(self.tr("Approve as reviewer"))
        self.facts_title.setText(self.tr("Facts signed in the manifest"))
        self.sign_labels[0].setText(self.tr("Reviewer key (.p12)"))
        self.sign_labels[1].setText(self.tr("Key password"))
        self.p12_browse.setText(self.tr("Browse…"))
        self.approve_button.setText(self.tr("Sign the approval"))
        self.release_button.setText(self.tr("Record the release…"))
        self.close_button.setText(self.tr("Close"))
        self._update_buttons()
        if self.directory is None:
            self.headline.setText(self.tr("Choose an export folder: it is verified offline "
                                          "before anything is signed."))

    def _update_buttons(self) -> None:
        verified = self.report is not None and bool(self.report.ok)
        self.approve_button.setEnabled(verified)
        role = self.vault.user.role if self.vault is not None else ""
        can_release = role in EDITOR_ROLES
        self.release_button.setVisible(self.vault is not None)
        self.release_button.setEnabled(verified and can_release)
        if self.vault is not None and not can_release:
            self.release_button.setToolTip(self.tr(
                "Residents cannot release an export: an administrator or a surgeon must."))
        else:
            self.release_button.setToolTip("")

    def open_folder(self, directory: Path) -> bool:
        """Verify the package in ``directory`` and show its checks and the sheet's facts."""
        from app.audit.verify import verify_package

        self.directory = directory
        self.folder.setText(str(directory))
        self.checks.clear()
        self.facts.clear()
        try:
            self.report = verify_package(directory)
        except VoileError as error:
            self.report = None
            self.headline.setText(error_text(error))
            self.headline.setStyleSheet(ERROR_STYLE)
            self._update_buttons()
            return False
        ok = bool(self.report.ok)
        self.headline.setText(self.tr("The package verifies: video, sheet and signatures "
                                      "match.") if ok else
                              self.tr("The package does NOT verify: do not publish it."))
        self.headline.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)
        for check in self.report.checks:
            self.checks.addItem(f"{'✔' if check.ok else '✘'}  {check.detail or check.name}")
        for name, value in _manifest_facts(directory):
            self.facts.addItem(f"{name}: {value}")
        self._update_buttons()
        return ok

    def approve(self, p12: Path, password: str) -> bool:
        from app.casefile.review import approve_export

        if self.directory is None:
            return False
        try:
            approval = approve_export(self.directory, p12.read_bytes(), password)
        except OSError:
            self._say(error_text(VoileError("review.p12_unreadable")), ok=False)
            return False
        except VoileError as error:
            self._say(error_text(error), ok=False)
            return False
        self.report = approval.report
        self._say(self.tr("Approved and signed by {reviewer}.").format(
            reviewer=approval.reviewer), ok=True)
        self._update_buttons()
        return True

    def release(self, purpose: str, channel: str) -> bool:
        from app.casefile.review import release_export

        if self.vault is None or self.directory is None:
            return False
        try:
            result = release_export(self.vault, self.directory, purpose, channel)
        except VoileError as error:
            self._say(error_text(error), ok=False)
            return False
        self._say(self.tr("Release recorded on channel {channel}.").format(
            channel=label("channel", result.release.channel)), ok=True)
        return True

    def _say(self, text: str, ok: bool) -> None:
        self.message.setText(text)
        self.message.setStyleSheet(OK_STYLE if ok else ERROR_STYLE)

    def _on_browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, self.tr("Choose the export folder"),
                                                  self.folder.text() or str(Path.home()))
        if chosen:
            self.open_folder(Path(chosen))

    def _on_p12_browse(self) -> None:
        name, _ = QFileDialog.getOpenFileName(self, self.tr("Reviewer key"), str(Path.home()),
                                              self.tr("PKCS#12 keys (*.p12 *.pfx)"))
        if name:
            self.p12.setText(name)

    def _on_approve(self) -> None:
        if self.p12.text().strip():
            self.approve(Path(self.p12.text().strip()), self.password.text())

    def _on_release(self) -> None:
        purposes = [label("purpose", code) for code in PURPOSES]
        purpose, ok = QInputDialog.getItem(self, self.tr("Record the release"),
                                           self.tr("Purpose"), purposes, 0, False)
        if not ok:
            return
        channels = [label("channel", code) for code in CHANNELS]
        channel, ok = QInputDialog.getItem(self, self.tr("Record the release"),
                                           self.tr("Channel"), channels, 0, False)
        if ok:
            self.release(PURPOSES[purposes.index(purpose)], CHANNELS[channels.index(channel)])


def _manifest_facts(directory: Path) -> list[tuple[str, str]]:
    """Return the manifest's scalar facts and the files it names, as ``(name, value)`` rows."""
    import json

    from app.audit.manifest import MANIFEST_SUFFIX

    for path in sorted(directory.glob("*" + MANIFEST_SUFFIX)):
        try:
            document = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            continue
        if not isinstance(document, dict):
            continue
        rows: list[tuple[str, str]] = []
        for name, value in sorted(document.items()):
            if isinstance(value, str | int | float | bool):
                rows.append((str(name), str(value)))
            elif isinstance(value, dict) and "file" in value:
                rows.append((str(name), str(value["file"])))
            elif isinstance(value, list):
                rows.append((str(name), str(len(value))))
        return rows
    return []

"""The record of processing activities (GDPR article 30), in French or English, as PDF.

Most entries come from the vault settings an administrator fills in
(``app.casefile.settings``). The security measures and the figures (users by
role, cases by consent status, purges) are read from the vault itself, so the
record describes what the software actually does.
"""

from __future__ import annotations

import logging
from collections import Counter
from typing import Any

from reportlab.platypus import Flowable

from app.casefile.consent import load_consent
from app.casefile.documents import (
    format_date,
    format_months,
    key_value_table,
    paragraph,
    render_pdf,
    spacer,
    styles,
)
from app.casefile.errors import CaseFileError, label
from app.casefile.settings import all_settings
from app.i18n import tr
from app.project.model import utc_now
from app.vault import Vault
from app.vault.vault import read_header

log = logging.getLogger(__name__)


def render_registry(vault: Vault, language: str) -> bytes:
    """Render the record of processing of the vault; return PDF bytes (journaled)."""
    if language not in ("fr", "en"):
        raise CaseFileError("casefile.bad_language", language=language)
    settings = all_settings(vault)
    facts = _vault_facts(vault)
    story = _RegistryBuilder(settings, facts, language).story()
    pdf = render_pdf(story, tr("registry.title", language), facts["vault_id"], language)
    vault.journal("registry.render", vault.vault_id, f"language={language}")
    log.info("record of processing rendered (%s, %d bytes)", language, len(pdf))
    return pdf


def _vault_facts(vault: Vault) -> dict[str, Any]:
    """Collect the counts and key parameters the record states about this vault."""
    accounts = [account for account in vault.user_accounts() if account.active]
    header = read_header(vault.path)
    kdfs = {(slot["kdf"]["memory_kib"], slot["kdf"]["time_cost"]) for slot in header["slots"]}
    cases = vault.cases()
    return {
        "vault_id": vault.vault_id,
        "roles": Counter(account.role for account in accounts),
        "identity_access": sum(account.identity_access for account in accounts),
        "key_files": sum(account.key_file for account in accounts),
        "kdf_memory_mib": min(memory for memory, _ in kdfs) // 1024 if kdfs else 0,
        "kdf_passes": min(passes for _, passes in kdfs) if kdfs else 0,
        "cases": len(cases),
        "consents": Counter(load_consent(vault, case.id).status for case in cases),
        "purged": sum(case.status == "purged" for case in cases),
        "journal_entries": len(vault.journal_entries()),
        "journal_intact": vault.verify_journal() is None,
        "generated_at": utc_now(),
    }


class _RegistryBuilder:
    def __init__(self, settings: dict[str, Any], facts: dict[str, Any], language: str) -> None:
        self.settings = settings
        self.facts = facts
        self.language = language
        self.styles = styles()

    def t(self, key: str, **params: object) -> str:
        return tr(key, self.language, **params)

    def setting(self, key: str) -> str:
        return str(self.settings[key] or "") or self.t("registry.not_set")

    def story(self) -> list[Flowable]:
        facts = self.facts
        return [
            paragraph(self.t("registry.title"), self.styles["title"]),
            paragraph(self.t("registry.subtitle", vault=facts["vault_id"],
                             date=format_date(facts["generated_at"][:10], self.language)),
                      self.styles["subtitle"]),
            paragraph(self.t("registry.intro"), self.styles["small"]),
            spacer(3),
            key_value_table(self._rows(), self.styles),
            spacer(4),
            paragraph(self.t("registry.section.security"), self.styles["heading"]),
            *[paragraph(f"•\u00a0{line}", self.styles["item"]) for line in self._security()],
            paragraph(self.t("registry.section.figures"), self.styles["heading"]),
            key_value_table(self._figures(), self.styles),
            spacer(3),
            paragraph(self.t("registry.backups"), self.styles["small"]),
        ]

    def _rows(self) -> list[tuple[str, str | list[str]]]:
        settings = self.settings
        controller = [self.setting("controller.name"), str(settings["controller.address"] or ""),
                      str(settings["controller.contact"] or "")]
        basis = self.t(f"registry.legal_basis.{settings['registry.legal_basis']}")
        details = str(settings["registry.legal_basis_details"] or "")
        months = int(settings["retention.default_months"])
        purge = self.t("registry.purge_auto" if settings["retention.auto_purge"]
                       else "registry.purge_confirmed")
        return [
            (self.t("registry.field.name"),
             str(settings["registry.processing_name"] or "") or self.t("registry.default_name")),
            (self.t("registry.field.controller"), [line for line in controller if line]),
            (self.t("registry.field.dpo"), self.setting("dpo.contact")),
            (self.t("registry.field.purposes"),
             [label("purpose", code, self.language) for code in settings["registry.purposes"]]),
            (self.t("registry.field.legal_basis"), [basis, details] if details else basis),
            (self.t("registry.field.subjects"),
             [self.t(f"registry.subject.{code}") for code in settings["registry.data_subjects"]]),
            (self.t("registry.field.categories"),
             [self.t(f"registry.category.{code}")
              for code in settings["registry.data_categories"]]),
            (self.t("registry.field.recipients"),
             [self.t("registry.recipients_vault", **self._role_counts()),
              *[str(item) for item in settings["registry.recipients"]]]),
            (self.t("registry.field.processors"),
             [str(item) for item in settings["registry.processors"]]
             or self.t("registry.processors_none")),
            (self.t("registry.field.transfers"),
             str(settings["registry.transfers"] or "") or self.t("registry.transfers_none")),
            (self.t("registry.field.retention"),
             [self.t("registry.retention", duration=format_months(months, self.language)),
              purge]),
        ]

    def _role_counts(self) -> dict[str, int]:
        roles = self.facts["roles"]
        return {"administrators": roles.get("administrator", 0),
                "surgeons": roles.get("surgeon", 0), "residents": roles.get("resident", 0)}

    def _security(self) -> list[str]:
        facts = self.facts
        lines = [
            self.t("registry.security.files"),
            self.t("registry.security.database"),
            self.t("registry.security.slots", memory=facts["kdf_memory_mib"],
                   passes=facts["kdf_passes"], key_files=facts["key_files"]),
            self.t("registry.security.roles", identity=facts["identity_access"]),
            self.t("registry.security.identity"),
            self.t("registry.security.journal"),
            self.t("registry.security.shredding"),
            self.t("registry.security.exports"),
            self.t("registry.security.offline"),
            self.t("registry.security.disk"),
        ]
        lines += [str(item) for item in self.settings["registry.security_extra"]]
        return lines

    def _figures(self) -> list[tuple[str, str | list[str]]]:
        facts = self.facts
        consents = facts["consents"]
        return [
            (self.t("registry.figure.users"), self.t("registry.recipients_vault",
                                                     **self._role_counts())),
            (self.t("registry.figure.cases"), str(facts["cases"])),
            (self.t("registry.figure.consents"),
             [self.t("registry.consent_count", status=label("status", status, self.language),
                     count=consents[status])
              for status in ("pending", "given", "refused", "withdrawn")]),
            (self.t("registry.figure.purged"), str(facts["purged"])),
            (self.t("registry.figure.journal"),
             self.t("registry.journal_intact" if facts["journal_intact"]
                    else "registry.journal_broken", entries=facts["journal_entries"])),
        ]

"""The patient information and consent form, in French or English, as PDF.

The form follows the model consent of the ANC/IRCAD guide on surgical images
and videos (2023) and states every item that guide requires. Signing is
optional and consent can be withdrawn at any time. The form names the
controller, the retention period, who accesses and uses the data and the
transfers outside the EU, and says the video is never sold. Its content comes
from the case's consent record and the vault settings, so the form matches
what Voile enforces.
"""

from __future__ import annotations

import logging

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether

from app.casefile.consent import CHANNELS, PURPOSES, Consent, case_expiry, load_consent
from app.casefile.documents import (
    checkbox,
    format_date,
    format_months,
    key_value_table,
    paragraph,
    render_pdf,
    signature_table,
    spacer,
    styles,
)
from app.casefile.errors import CaseFileError, label
from app.casefile.identity import PatientIdentity, read_identity
from app.casefile.settings import default_retention_months, get_setting
from app.i18n import tr
from app.vault import Vault

log = logging.getLogger(__name__)

LANGUAGES = ("fr", "en")


def render_consent_form(vault: Vault, case_id: str, language: str,
                        with_identity: bool = False) -> bytes:
    """Render the consent form of a case; return PDF bytes.

    The patient's name and birth date are left blank to fill in by hand. With
    ``with_identity`` they are read from the correspondence table, which needs
    that right, and the read is journaled.
    """
    if language not in LANGUAGES:
        raise CaseFileError("casefile.bad_language", language=language)
    case = vault.case(case_id)
    consent = load_consent(vault, case.id)
    identity = read_identity(vault, case.id) if with_identity else None
    builder = _FormBuilder(vault, consent, case.pseudonym, language, identity)
    pdf = render_pdf(builder.story(), tr("form.title", language), case.pseudonym, language)
    vault.journal("consent.form", case.id, f"language={language} identity={int(with_identity)}")
    log.info("consent form of case %s rendered (%s, %d bytes)", case.id, language, len(pdf))
    return pdf


class _FormBuilder:
    """Turns a consent record and the vault settings into the form's paragraphs."""

    def __init__(self, vault: Vault, consent: Consent, pseudonym: str, language: str,
                 identity: PatientIdentity | None) -> None:
        self.consent = consent
        self.pseudonym = pseudonym
        self.language = language
        self.identity = identity
        self.styles = styles()
        self.controller = consent.controller or str(get_setting(vault, "controller.name"))
        self.address = str(get_setting(vault, "controller.address"))
        self.contact = consent.contact or str(get_setting(vault, "controller.contact"))
        self.dpo = str(get_setting(vault, "dpo.contact"))
        self.recipients = [str(item) for item in get_setting(vault, "registry.recipients")]
        self.months = consent.retention_months or default_retention_months(vault)
        self.expires = case_expiry(vault, consent.case_id, consent) if consent.signed_on else None

    def t(self, key: str, **params: object) -> str:
        return tr(key, self.language, **params)

    def text(self, key: str, style: str = "body", **params: object) -> Flowable:
        return paragraph(self.t(key, **params), self.styles[style])

    def heading(self, key: str) -> Flowable:
        return self.text(key, "heading")

    def story(self) -> list[Flowable]:
        blank = self.t("form.to_fill")
        return [
            self.text("form.title", "title"),
            self.text("form.subtitle", "subtitle", pseudonym=self.pseudonym),
            key_value_table([
                (self.t("form.field.controller"), self.controller or blank),
                (self.t("form.field.address"), self.address or blank),
                (self.t("form.field.contact"), self.contact or blank),
                (self.t("form.field.dpo"), self.dpo or blank),
                (self.t("form.field.pseudonym"), self.pseudonym),
            ], self.styles),
            spacer(3),
            self.text("form.intro"),
            self.text("form.deidentification"),
            *self._purposes(),
            *self._channels(),
            *self._special_cases(),
            self.heading("form.section.access"),
            self.text("form.access"),
            *[paragraph(f"•\u00a0{item}", self.styles["item"]) for item in self.recipients],
            self.heading("form.section.retention"),
            self.text("form.retention", duration=format_months(self.months, self.language)),
            *([self.text("form.retention_until", date=format_date(self.expires, self.language))]
              if self.expires else []),
            self.heading("form.section.transfers"),
            self._transfers(),
            self.heading("form.section.commercial"),
            self.text("form.commercial"),
            self.heading("form.section.rights"),
            self.text("form.legal_basis"),
            self.text("form.optional"),
            self.text("form.withdrawal", contact=self.contact or blank),
            self.text("form.rights"),
            *self._decision(),
        ]

    def _purposes(self) -> list[Flowable]:
        chosen = set(self.consent.purposes)
        return [self.heading("form.section.purposes"), self.text("form.purposes"),
                *[checkbox(code in chosen, label("purpose", code, self.language) + " — "
                           + self.t(f"form.purpose_detail.{code}"), self.styles["item"])
                  for code in PURPOSES]]

    def _channels(self) -> list[Flowable]:
        chosen = set(self.consent.channels)
        flowables = [self.heading("form.section.channels"), self.text("form.channels"),
                     *[checkbox(code in chosen, label("channel", code, self.language),
                                self.styles["item"]) for code in CHANNELS]]
        flowables.append(self.text("form.social_networks", "small"))
        return flowables

    def _special_cases(self) -> list[Flowable]:
        if not self.consent.special_cases:
            return []
        return [self.heading("form.section.special"),
                *[self.text(f"form.special.{code}") for code in self.consent.special_cases]]

    def _transfers(self) -> Flowable:
        if not self.consent.transfers_outside_eu:
            return self.text("form.transfers_none")
        return self.text("form.transfers_allowed",
                         details=self.consent.transfer_details or self.t("form.to_fill"))

    def _decision(self) -> list[Flowable]:
        child = "child" in self.consent.special_cases
        identity = self.identity
        rows = [
            (self.t("form.field.last_name"), identity.last_name if identity else ""),
            (self.t("form.field.first_name"), identity.first_name if identity else ""),
            (self.t("form.field.birth_date"),
             format_date(identity.birth_date, self.language) if identity else ""),
            (self.t("form.field.date"), ""),
        ]
        signers = ([self.t("form.sign.guardian_1"), self.t("form.sign.guardian_2")] if child
                   else [self.t("form.sign.patient")])
        return [KeepTogether([
            self.heading("form.section.decision"),
            checkbox(False, self.t("form.yes"), self.styles["choice"]),
            checkbox(False, self.t("form.no"), self.styles["choice"]),
            spacer(2),
            key_value_table(rows, self.styles, label_width=45 * mm, row_height=8 * mm),
            spacer(3),
            signature_table([*signers, self.t("form.sign.physician")], self.styles),
        ])]

"""Consent records of a case and the rule that keeps exports inside them.

A consent record states what the patient agreed to: its status, the signing
date, and the purposes and distribution channels it covers. It also names the
retention period, the controller, transfers outside the EU, the special cases
and the scanned signed form (an encrypted vault object). Each change is stored
as a new revision, so the history stays in the vault, and journaled by case id.

``check_export_allowed`` is the single rule the exporter and ``voile release``
apply: it raises ``ConsentExportError`` for anything the consent does not
cover and returns warnings for the special cases.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import logging
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from app.casefile.errors import CaseFileError, ConsentExportError
from app.casefile.vocabulary import CHANNELS, PURPOSES, SPECIAL_CASES, STATUSES
from app.i18n import tr
from app.project.model import utc_now
from app.vault import Vault

log = logging.getLogger(__name__)

CONSENT_FORMAT_VERSION = 1

# Roles that may record a consent decision or attach its scan.
EDITOR_ROLES = ("administrator", "surgeon")
# Social networks give no control over retention, transfers outside the EU or access,
# so the defaults leave them out, and a child's case never goes there.
PUBLIC_CHANNELS = ("social_networks",)
SCAN_KIND = "consent_scan"
SCAN_READ_SIZE = 1 << 20


@dataclass
class Consent:
    """One revision of a case's consent record."""

    case_id: str
    status: str = "pending"
    signed_on: str | None = None  # ISO date of the patient's decision (given or refused)
    purposes: list[str] = field(default_factory=list)
    channels: list[str] = field(default_factory=list)
    retention_months: int | None = None  # None: the vault's default retention
    controller: str = ""  # empty: the controller named in the vault settings
    transfers_outside_eu: bool = False
    transfer_details: str = ""  # countries and safeguards, when transfers are allowed
    special_cases: list[str] = field(default_factory=list)
    contact: str = ""  # who answers the patient's questions and takes a withdrawal
    scan_object_id: str | None = None
    withdrawn_on: str | None = None
    revision: int = 0
    saved_at: str = ""
    saved_by: str = ""

    def to_dict(self) -> dict[str, Any]:
        document = asdict(self)
        document["format_version"] = CONSENT_FORMAT_VERSION
        for name in ("revision", "saved_at", "saved_by"):
            document.pop(name)
        return document

    @classmethod
    def from_dict(cls, document: dict[str, Any], revision: int, saved_at: str,
                  saved_by: str) -> Consent:
        names = set(cls.__dataclass_fields__) - {"revision", "saved_at", "saved_by"}
        values = {name: document[name] for name in names if name in document}
        return cls(**values, revision=revision, saved_at=saved_at, saved_by=saved_by)

    def covers(self, purpose: str, channel: str) -> bool:
        return self.status == "given" and purpose in self.purposes and channel in self.channels


@dataclass(frozen=True)
class ConsentWarning:
    """A caution shown before an export or release; ``key`` is a message key."""

    key: str
    params: dict[str, object] = field(default_factory=dict)

    def message(self, language: str | None = None) -> str:
        return tr(self.key, language, **self.params)


# ----------------------------------------------------------------------------- dates

def today_utc() -> dt.date:
    return dt.datetime.now(dt.UTC).date()


def parse_date(text: str, what: str = "date") -> dt.date:
    """Parse an ISO date (``2026-03-14``); raises ``CaseFileError`` naming ``what``."""
    try:
        return dt.date.fromisoformat(text.strip())
    except (ValueError, AttributeError):
        raise CaseFileError("casefile.bad_date", what=what, value=str(text)) from None


def add_months(start: dt.date, months: int) -> dt.date:
    """Add calendar months, clamping the day (31 January + 1 month = 28 or 29 February)."""
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


# ----------------------------------------------------------------------------- records

def default_consent(case_id: str, special_cases: Iterable[str] = ()) -> Consent:
    """Return a pending record with the defaults for ``special_cases``.

    Every purpose is proposed, and the channels leave out social networks. The
    person recording the patient's decision then keeps only what the signed form shows.
    """
    specials = sorted(set(special_cases))
    _check_codes(specials, SPECIAL_CASES, "special_case")
    channels = [channel for channel in CHANNELS if channel not in PUBLIC_CHANNELS]
    return Consent(case_id=case_id, purposes=list(PURPOSES), channels=channels,
                   special_cases=specials)


def load_consent(vault: Vault, case_id: str) -> Consent:
    """Return the latest consent revision of a case, or a pending default record."""
    vault.case(case_id)
    rows = vault._query("SELECT revision, saved_at, saved_by, document FROM consent_revisions "
                        "WHERE case_id = ? ORDER BY revision DESC LIMIT 1", (case_id,))
    if not rows:
        return default_consent(case_id)
    revision, saved_at, saved_by, document = rows[0]
    return Consent.from_dict(json.loads(document), revision, saved_at, saved_by)


def consent_history(vault: Vault, case_id: str) -> list[Consent]:
    """Return every stored revision of a case's consent, oldest first."""
    rows = vault._query("SELECT revision, saved_at, saved_by, document FROM consent_revisions "
                        "WHERE case_id = ? ORDER BY revision", (case_id,))
    return [Consent.from_dict(json.loads(row[3]), row[0], row[1], row[2]) for row in rows]


def validate_consent(consent: Consent) -> None:
    """Raise ``CaseFileError`` for unknown codes, bad dates or an incomplete given consent."""
    if consent.status not in STATUSES:
        raise CaseFileError("consent.unknown_status", status=consent.status,
                            allowed=", ".join(STATUSES))
    _check_codes(consent.purposes, PURPOSES, "purpose")
    _check_codes(consent.channels, CHANNELS, "channel")
    _check_codes(consent.special_cases, SPECIAL_CASES, "special_case")
    if consent.signed_on is not None:
        parse_date(consent.signed_on, "signed_on")
    if consent.withdrawn_on is not None:
        parse_date(consent.withdrawn_on, "withdrawn_on")
    if consent.retention_months is not None and not 1 <= consent.retention_months <= 1200:
        raise CaseFileError("consent.bad_retention", months=consent.retention_months)
    if consent.status in ("given", "refused") and consent.signed_on is None:
        raise CaseFileError("consent.date_missing")
    if consent.status == "given" and (not consent.purposes or not consent.channels):
        raise CaseFileError("consent.scope_missing")


def save_consent(vault: Vault, consent: Consent) -> Consent:
    """Store ``consent`` as the case's next revision and journal the change.

    Surgeons and administrators only. A withdrawn consent is final, and
    withdrawing goes through ``app.casefile.retention.withdraw_consent`` so the
    footage is shredded with it. Raises ``CaseFileError`` when someone saved a
    newer revision since ``consent`` was loaded.
    """
    vault.require_role(*EDITOR_ROLES)
    if consent.status == "withdrawn":
        raise CaseFileError("consent.withdraw_with_command")
    return _store(vault, consent, "consent.change")


def _store(vault: Vault, consent: Consent, action: str) -> Consent:
    validate_consent(consent)
    case = vault.case(consent.case_id)
    if case.status in ("withdrawn", "purged"):
        raise CaseFileError("consent.case_closed", case=case.pseudonym)
    consent = replace(consent, purposes=_ordered(consent.purposes, PURPOSES),
                      channels=_ordered(consent.channels, CHANNELS),
                      special_cases=_ordered(consent.special_cases, SPECIAL_CASES))
    document = json.dumps(consent.to_dict(), ensure_ascii=False, sort_keys=True)
    saved_at = utc_now()
    with vault._transaction() as db:
        row = db.execute("SELECT max(revision) FROM consent_revisions WHERE case_id = ?",
                         (consent.case_id,)).fetchone()
        latest = row[0] or 0
        if latest != consent.revision:
            raise CaseFileError("consent.conflict", case=case.pseudonym, expected=consent.revision,
                                found=latest)
        db.execute("INSERT INTO consent_revisions VALUES (?, ?, ?, ?, ?)",
                   (consent.case_id, latest + 1, saved_at, vault.user.id, document))
    stored = replace(consent, revision=latest + 1, saved_at=saved_at, saved_by=vault.user.id)
    vault.journal(action, consent.case_id,
                  f"status={stored.status} revision={stored.revision} "
                  f"purposes={','.join(stored.purposes)} channels={','.join(stored.channels)}")
    log.info("consent of case %s saved (revision %d, %s)", consent.case_id, stored.revision,
             stored.status)
    return stored


def mark_withdrawn(vault: Vault, consent: Consent, withdrawn_on: dt.date) -> Consent:
    """Store the withdrawal revision; only ``retention.withdraw_consent`` calls this."""
    if consent.status == "withdrawn":
        raise CaseFileError("consent.already_withdrawn", date=consent.withdrawn_on or "")
    withdrawn = replace(consent, status="withdrawn", withdrawn_on=withdrawn_on.isoformat())
    return _store(vault, withdrawn, "consent.withdraw")


def attach_scan(vault: Vault, case_id: str, scan: Path) -> Consent:
    """Store the scanned signed form in the vault, encrypted, and link it to the consent."""
    vault.require_role(*EDITOR_ROLES)
    consent = load_consent(vault, case_id)
    if not scan.is_file():
        raise CaseFileError("consent.scan_unreadable")
    with open(scan, "rb") as handle, vault.new_object(SCAN_KIND) as (object_id, writer):
        while chunk := handle.read(SCAN_READ_SIZE):
            writer.write(chunk)
    previous = consent.scan_object_id
    stored = _store(vault, replace(consent, scan_object_id=object_id), "consent.scan")
    if previous:
        vault.shred_object(previous)
    return stored


def read_scan(vault: Vault, case_id: str) -> bytes:
    """Return the bytes of the case's scanned consent form (journaled as a view)."""
    consent = load_consent(vault, case_id)
    if not consent.scan_object_id:
        raise CaseFileError("consent.no_scan", case=vault.case(case_id).pseudonym)
    with vault.open_object(consent.scan_object_id) as reader:
        data = reader.read()
    vault.journal("consent.scan_view", case_id, f"object={consent.scan_object_id}")
    return bytes(data)


def _check_codes(values: Iterable[str], allowed: tuple[str, ...], kind: str) -> None:
    for value in values:
        if value not in allowed:
            raise CaseFileError(f"consent.unknown_{kind}", value=value, allowed=", ".join(allowed))


def _ordered(values: Iterable[str], order: tuple[str, ...]) -> list[str]:
    chosen = set(values)
    return [value for value in order if value in chosen]


# ----------------------------------------------------------------------------- export rule

def expiry_date(consent: Consent, created_at: str, default_months: int) -> dt.date:
    """Return the last day the case may be kept: signing date (or creation) + retention."""
    start = parse_date(consent.signed_on, "signed_on") if consent.signed_on else \
        dt.date.fromisoformat(created_at[:10])
    return add_months(start, consent.retention_months or default_months)


def check_export_allowed(vault: Vault, case_id: str, purpose: str, channel: str,
                         today: dt.date | None = None) -> list[ConsentWarning]:
    """Raise ``ConsentExportError`` unless the case's consent covers ``purpose`` on ``channel``.

    The export is rejected for:

    - an unknown purpose or channel, or a case withdrawn or purged;
    - a consent pending, refused or withdrawn, or a retention period that ended;
    - a purpose or channel the patient did not agree to;
    - social networks for a child, or without consent to transfers outside the EU,
      because those platforms control neither.

    An allowed export returns warnings for the special cases. Every rejection is
    journaled with the case id and the rule.
    """
    try:
        return _check(vault, case_id, purpose, channel, today or today_utc())
    except ConsentExportError as error:
        vault.journal("export.refused", case_id,
                      f"rule={error.key} purpose={purpose} channel={channel}")
        raise


def _check(vault: Vault, case_id: str, purpose: str, channel: str,
           today: dt.date) -> list[ConsentWarning]:
    if purpose not in PURPOSES:
        raise ConsentExportError("consent.unknown_export_purpose", value=purpose,
                                 allowed=", ".join(PURPOSES))
    if channel not in CHANNELS:
        raise ConsentExportError("consent.unknown_export_channel", value=channel,
                                 allowed=", ".join(CHANNELS))
    case = vault.case(case_id)
    consent = load_consent(vault, case_id)
    if case.status == "purged":
        raise ConsentExportError("consent.case_purged", case=case.pseudonym)
    if consent.status == "withdrawn" or case.status == "withdrawn":
        raise ConsentExportError("consent.withdrawn", case=case.pseudonym,
                                 date=consent.withdrawn_on or "")
    if consent.status == "refused":
        raise ConsentExportError("consent.refused", case=case.pseudonym)
    if consent.status != "given":
        raise ConsentExportError("consent.pending", case=case.pseudonym)

    expires = case_expiry(vault, case_id, consent)
    if today > expires:
        raise ConsentExportError("consent.expired", case=case.pseudonym, date=expires.isoformat())
    if purpose not in consent.purposes:
        raise ConsentExportError("consent.purpose_not_covered", case=case.pseudonym,
                                 purpose=purpose)
    if channel not in consent.channels:
        raise ConsentExportError("consent.channel_not_covered", case=case.pseudonym,
                                 channel=channel)
    if channel in PUBLIC_CHANNELS and "child" in consent.special_cases:
        raise ConsentExportError("consent.child_public_channel", case=case.pseudonym,
                                 channel=channel)
    if channel in PUBLIC_CHANNELS and not consent.transfers_outside_eu:
        raise ConsentExportError("consent.public_channel_transfers", case=case.pseudonym,
                                 channel=channel)
    return _warnings(consent, channel)


def _warnings(consent: Consent, channel: str) -> list[ConsentWarning]:
    warnings = [ConsentWarning(f"consent.warning.{special}") for special in consent.special_cases]
    if channel in PUBLIC_CHANNELS:
        warnings.append(ConsentWarning("consent.warning.public_channel"))
    if not consent.scan_object_id:
        warnings.append(ConsentWarning("consent.warning.no_scan"))
    return warnings


def case_expiry(vault: Vault, case_id: str, consent: Consent | None = None) -> dt.date:
    """Return the case's expiry: a date an administrator set, else ``expiry_date``."""
    from app.casefile.settings import default_retention_months

    rows = vault._query("SELECT expires_on FROM case_retention WHERE case_id = ?", (case_id,))
    if rows and rows[0][0]:
        return dt.date.fromisoformat(rows[0][0])
    consent = consent or load_consent(vault, case_id)
    return expiry_date(consent, vault.case(case_id).created_at, default_retention_months(vault))

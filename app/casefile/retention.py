"""Withdrawal of consent, case expiry and purges by crypto-shredding.

Withdrawing consent lists every export released from the case (hash, channel,
date) so each can be taken down, then crypto-shreds the raw footage, the
proxies and every other vault object the case project refers to. What remains
is the minimal record: case id and pseudonym, consent revisions, releases and
the journal. The correspondence-table row and the scanned consent form stay
until the case expires, as proof of the consent and of its withdrawal.

Each case expires at its consent's signing date plus the retention period
(or the date an administrator set). An expired case is purged: everything the
withdrawal removes, plus the scan and the correspondence-table row. Purges run
after confirmation, or at unlock when the ``retention.auto_purge`` setting is
on. Every step is journaled with ids only.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from dataclasses import dataclass, field

from app.casefile.consent import case_expiry, load_consent, mark_withdrawn, today_utc
from app.casefile.errors import CaseFileError
from app.casefile.identity import delete_identity
from app.casefile.review import Release, list_releases
from app.casefile.settings import get_setting
from app.project.model import utc_now
from app.vault import Vault

log = logging.getLogger(__name__)

CLOSURE_ROLES = ("administrator", "surgeon")
_OBJECT_ID = re.compile(r"\bo-[0-9a-f]{32}\b")


@dataclass(frozen=True)
class CaseRetention:
    """Retention state of a case: expiry date, withdrawal and purge times."""

    case_id: str
    pseudonym: str
    status: str  # the case's status: active, withdrawn or purged
    consent_status: str
    expires_on: dt.date
    withdrawn_at: str | None
    purged_at: str | None

    def expired(self, today: dt.date) -> bool:
        return self.purged_at is None and today > self.expires_on


@dataclass(frozen=True)
class ShredTarget:
    """A vault object a withdrawal or purge destroys; ``kind`` is the object's stored kind."""

    object_id: str
    kind: str
    media_id: str | None = None


@dataclass(frozen=True)
class ClosurePlan:
    """Planned effect of a withdrawal or purge of one case, shown before confirmation."""

    case_id: str
    pseudonym: str
    reason: str  # "withdrawal", "expiry" or "manual"
    releases: list[Release]
    objects: list[ShredTarget]
    deletes_identity: bool


@dataclass(frozen=True)
class ClosureReport:
    """Outcome of a withdrawal or purge."""

    plan: ClosurePlan
    shredded: list[str] = field(default_factory=list)
    identity_deleted: bool = False


@dataclass(frozen=True)
class RetentionNotice:
    """Retention report at unlock: expired cases, and the cases purged automatically."""

    expired: list[CaseRetention]
    purged: list[ClosureReport]


# ----------------------------------------------------------------------------- expiry

def case_retention(vault: Vault, case_id: str) -> CaseRetention:
    case = vault.case(case_id)
    rows = vault._query("SELECT withdrawn_at, purged_at FROM case_retention WHERE case_id = ?",
                        (case.id,))
    withdrawn_at, purged_at = rows[0] if rows else (None, None)
    consent = load_consent(vault, case.id)
    return CaseRetention(case_id=case.id, pseudonym=case.pseudonym, status=case.status,
                         consent_status=consent.status,
                         expires_on=case_expiry(vault, case.id, consent),
                         withdrawn_at=withdrawn_at, purged_at=purged_at)


def retention_overview(vault: Vault) -> list[CaseRetention]:
    """Return the retention state of every case, soonest expiry first."""
    return sorted((case_retention(vault, case.id) for case in vault.cases()),
                  key=lambda item: (item.expires_on, item.pseudonym))


def expired_cases(vault: Vault, today: dt.date | None = None) -> list[CaseRetention]:
    """Return the cases past their expiry date that are not purged yet."""
    today = today or today_utc()
    return [item for item in retention_overview(vault) if item.expired(today)]


def set_case_expiry(vault: Vault, case_id: str, expires_on: dt.date | None) -> None:
    """Set a case's expiry date (administrators only); ``None`` returns to the computed date."""
    vault.require_role("administrator")
    vault.case(case_id)
    value = expires_on.isoformat() if expires_on else None
    with vault._transaction() as db:
        db.execute("INSERT OR IGNORE INTO case_retention (case_id) VALUES (?)", (case_id,))
        db.execute("UPDATE case_retention SET expires_on = ? WHERE case_id = ?", (value, case_id))
    vault.journal("case.expiry", case_id, f"expires_on={value or 'computed'}")


# ----------------------------------------------------------------------------- plans

def plan_withdrawal(vault: Vault, case_id: str) -> ClosurePlan:
    """List the releases to take down and the objects a withdrawal will shred."""
    return _plan(vault, case_id, "withdrawal")


def plan_purge(vault: Vault, case_id: str, reason: str = "expiry") -> ClosurePlan:
    """List the releases and the objects a purge will shred (scans of the consent included)."""
    if reason not in ("expiry", "manual"):
        raise ValueError(f"unknown purge reason {reason!r}; expected 'expiry' or 'manual'")
    return _plan(vault, case_id, reason)


def _plan(vault: Vault, case_id: str, reason: str) -> ClosurePlan:
    case = vault.case(case_id)
    if case.status == "purged":
        raise CaseFileError("retention.already_purged", case=case.pseudonym)
    if reason == "withdrawal" and case.status == "withdrawn":
        raise CaseFileError("consent.already_withdrawn", date="")
    full = reason != "withdrawal"
    identity = bool(vault._query("SELECT 1 FROM identities WHERE case_id = ?", (case.id,)))
    return ClosurePlan(case_id=case.id, pseudonym=case.pseudonym, reason=reason,
                       releases=list_releases(vault, case.id),
                       objects=_case_objects(vault, case.id, include_scans=full),
                       deletes_identity=full and identity)


def _case_objects(vault: Vault, case_id: str, include_scans: bool) -> list[ShredTarget]:
    stored = dict(vault._query("SELECT object_id, kind FROM file_keys"))
    targets: dict[str, ShredTarget] = {}

    def add(object_id: str | None, media_id: str | None = None) -> None:
        if object_id and object_id in stored and object_id not in targets:
            targets[object_id] = ShredTarget(object_id, str(stored[object_id]), media_id)

    for media_id, object_id, proxy_id in vault._query(
            "SELECT id, object_id, proxy_object_id FROM media WHERE case_id = ? ORDER BY id",
            (case_id,)):
        add(object_id, media_id)
        add(proxy_id, media_id)
    # Narration, thumbnails and other derived objects are found by the ids the project cites.
    for (document,) in vault._query("SELECT document FROM project_revisions WHERE case_id = ?",
                                    (case_id,)):
        for object_id in _OBJECT_ID.findall(document):
            add(object_id)
    if include_scans:
        for (document,) in vault._query("SELECT document FROM consent_revisions "
                                        "WHERE case_id = ?", (case_id,)):
            add(json.loads(document).get("scan_object_id"))
    return list(targets.values())


# ----------------------------------------------------------------------------- actions

def withdraw_consent(vault: Vault, case_id: str,
                     withdrawn_on: dt.date | None = None) -> ClosureReport:
    """Record the withdrawal and crypto-shred the case's footage, proxies and derived objects.

    Surgeons and administrators only; call it after the user confirmed the
    plan from ``plan_withdrawal``. The releases in the report are the exports
    to take down.
    """
    vault.require_role(*CLOSURE_ROLES)
    plan = plan_withdrawal(vault, case_id)
    withdrawn_on = withdrawn_on or today_utc()
    mark_withdrawn(vault, load_consent(vault, case_id), withdrawn_on)
    report = _close(vault, plan, "withdrawn")
    vault.journal("case.withdraw", case_id,
                  f"releases={len(plan.releases)} shredded={len(report.shredded)}")
    log.info("consent of case %s withdrawn: %d objects shredded, %d releases to take down",
             case_id, len(report.shredded), len(plan.releases))
    return report


def purge_case(vault: Vault, case_id: str, reason: str = "expiry",
               automatic: bool = False) -> ClosureReport:
    """Purge a case down to its minimal record (crypto-shred, delete the identity row).

    Surgeons and administrators only, unless ``automatic``: the purge that the
    ``retention.auto_purge`` setting runs at unlock, for any user who unlocked.
    """
    if not automatic:
        vault.require_role(*CLOSURE_ROLES)
    plan = plan_purge(vault, case_id, reason)
    report = _close(vault, plan, "purged")
    vault.journal("case.purge", case_id,
                  f"reason={reason} automatic={int(automatic)} shredded={len(report.shredded)} "
                  f"identity_deleted={int(report.identity_deleted)}")
    log.info("case %s purged (%s): %d objects shredded", case_id, reason, len(report.shredded))
    return report


def purge_expired(vault: Vault, today: dt.date | None = None,
                  automatic: bool = False) -> list[ClosureReport]:
    """Purge every expired case; return what each purge did."""
    return [purge_case(vault, item.case_id, "expiry", automatic)
            for item in expired_cases(vault, today)]


def check_retention_at_unlock(vault: Vault, today: dt.date | None = None) -> RetentionNotice:
    """List expired cases, and purge them first when ``retention.auto_purge`` is on.

    The editor and the command line call this right after unlocking.
    """
    purged: list[ClosureReport] = []
    if get_setting(vault, "retention.auto_purge"):
        purged = purge_expired(vault, today, automatic=True)
    return RetentionNotice(expired=expired_cases(vault, today), purged=purged)


def _close(vault: Vault, plan: ClosurePlan, status: str) -> ClosureReport:
    """Reduce the case to its minimal record, then shred its objects and compact the database."""
    now = utc_now()
    case = vault.case(plan.case_id)
    with vault._transaction() as db:
        db.execute("DELETE FROM project_revisions WHERE case_id = ?", (case.id,))
        # The label and original file names were typed or chosen by users and may name the patient.
        db.execute("UPDATE cases SET status = ?, label = pseudonym WHERE id = ?", (status, case.id))
        db.execute("UPDATE media SET original_name = '', proxy_object_id = NULL WHERE case_id = ?",
                   (case.id,))
        db.execute("INSERT OR IGNORE INTO case_retention (case_id) VALUES (?)", (case.id,))
        column = "withdrawn_at" if status == "withdrawn" else "purged_at"
        db.execute(f"UPDATE case_retention SET {column} = ? WHERE case_id = ?", (now, case.id))
        if status == "purged":
            db.execute("UPDATE case_retention SET purge_reason = ? WHERE case_id = ?",
                       (plan.reason, case.id))
    identity_deleted = delete_identity(vault, case.id) if plan.deletes_identity else False

    object_ids = [target.object_id for target in plan.objects]
    if object_ids:
        vault.shred_objects(object_ids)
    else:
        vault._compact_database()
    return ClosureReport(plan=plan, shredded=object_ids, identity_deleted=identity_deleted)

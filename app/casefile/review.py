"""Offline review and release of an export.

An administrator issues a reviewer a certificate from the vault's authority, as
a password-protected PKCS#12 file. The reviewer needs no vault: with the export
folder alone, ``approve_export`` checks the package, then signs the reserved
"Reviewer" field of the audit sheet in an incremental update that keeps the
author's certification valid. ``release_export`` then records the approved
export (hashes, channel, purpose, date, reviewer) in its case, after checking
the package against the vault's own root, the approval, the releasing user's
role and the case's consent.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs12

from app.audit.authority import certificate_sha256, issue_identity
from app.audit.manifest import ROOT_CERTIFICATE_NAME
from app.audit.pades import SignatureCheck, sign_as_reviewer, validate_sheet
from app.audit.sheet import REVIEWER_FIELD
from app.audit.verify import VerifyReport, _find_manifest, verify_package
from app.casefile.consent import ConsentWarning, check_export_allowed
from app.casefile.errors import CaseFileError
from app.project.model import utc_now
from app.vault import Vault
from app.vault.passwords import check_password_strength

log = logging.getLogger(__name__)

RELEASE_ROLES = ("administrator", "surgeon")


@dataclass(frozen=True)
class Approval:
    """Outcome of ``approve_export``: the signed sheet, the reviewer and the new verification."""

    sheet: Path
    reviewer: str
    report: VerifyReport


@dataclass(frozen=True)
class Release:
    """An approved export recorded in its case, so it can be taken down after a withdrawal."""

    id: str
    case_id: str
    media_id: str
    file_name: str
    export_sha256: str
    sheet_sha256: str
    channel: str
    purpose: str
    released_at: str
    released_by: str
    reviewer: str
    reviewer_cert_sha256: str


@dataclass(frozen=True)
class ReleaseResult:
    release: Release
    warnings: list[ConsentWarning]


# ----------------------------------------------------------------------------- certificates

def issue_reviewer_certificate(vault: Vault, name: str, password: str) -> bytes:
    """Return a PKCS#12 file (key, certificate, vault root) for reviewer ``name``.

    Administrators only. The password must meet the vault's password rule,
    because the file is all a reviewer needs to sign an approval. The journal
    records the certificate fingerprint, not the name.
    """
    vault.require_role("administrator")
    name = name.strip()
    if not name:
        raise CaseFileError("review.name_missing")
    check_password_strength(password)

    authority = vault.authority()
    identity = issue_identity(authority, name, f"reviewer-{secrets.token_hex(6)}")
    key = serialization.load_pem_private_key(identity.sign_key_pem, password=None)
    assert isinstance(key, ec.EllipticCurvePrivateKey)
    certificate = x509.load_pem_x509_certificate(identity.sign_cert_pem)
    root = x509.load_pem_x509_certificate(authority.cert_pem)
    encryption = serialization.BestAvailableEncryption(password.encode("utf-8"))
    data = pkcs12.serialize_key_and_certificates(name.encode("utf-8"), key, certificate, [root],
                                                 encryption)

    fingerprint = certificate_sha256(identity.sign_cert_pem)
    with vault._transaction() as db:
        db.execute("INSERT INTO reviewers VALUES (?, ?, ?, ?)",
                   (fingerprint, name, utc_now(), vault.user.id))
    vault.journal("reviewer.issue", fingerprint)
    log.info("reviewer certificate %s issued", fingerprint[:16])
    return data


@dataclass(frozen=True)
class _ReviewerKey:
    key_pem: bytes
    cert_pem: bytes
    chain_pem: list[bytes]
    name: str


def _load_p12(data: bytes, password: str) -> _ReviewerKey:
    try:
        key, certificate, chain = pkcs12.load_key_and_certificates(data, password.encode("utf-8"))
    except ValueError:
        raise CaseFileError("review.p12_unreadable") from None
    if key is None or certificate is None:
        raise CaseFileError("review.p12_unreadable")
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.NoEncryption())
    names = certificate.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)
    return _ReviewerKey(
        key_pem=key_pem,
        cert_pem=certificate.public_bytes(serialization.Encoding.PEM),
        chain_pem=[item.public_bytes(serialization.Encoding.PEM) for item in chain],
        name=str(names[0].value) if names else "",
    )


# ----------------------------------------------------------------------------- approval

def approve_export(directory: Path, p12: bytes, password: str, base_name: str | None = None,
                   language: str | None = None) -> Approval:
    """Verify the export folder, then sign the sheet's "Reviewer" field with the PKCS#12 key.

    Needs no vault. Raises ``CaseFileError`` when the package fails verification,
    is already approved, or the certificate comes from another vault's authority.
    The sheet is replaced atomically and checked again; if that check fails the
    original sheet is put back.
    """
    report = verify_package(directory, base_name)
    if not report.ok:
        raise CaseFileError("review.package_invalid", failed=_failed(report))
    manifest = _read_manifest(directory, base_name)
    sheet = directory / str(manifest["sheet"]["file"])
    root_pem = (directory / ROOT_CERTIFICATE_NAME).read_bytes()
    reviewer = _load_p12(p12, password)
    root_fingerprint = certificate_sha256(root_pem)
    if root_fingerprint not in {certificate_sha256(pem) for pem in reviewer.chain_pem}:
        raise CaseFileError("review.other_authority")

    original = sheet.read_bytes()
    if _signature(validate_sheet(original, root_pem), REVIEWER_FIELD) is not None:
        raise CaseFileError("review.already_approved")
    language = language or str(manifest.get("language") or "") or None
    signed = sign_as_reviewer(original, reviewer.key_pem, reviewer.cert_pem, [root_pem],
                              language=language)
    _replace_file(sheet, signed)

    after = verify_package(directory, base_name)
    if not after.ok:
        _replace_file(sheet, original)
        log.warning("approval rolled back: the signed sheet failed verification")
        raise CaseFileError("review.approval_failed", failed=_failed(after))
    log.info("export approved by reviewer certificate %s",
             certificate_sha256(reviewer.cert_pem)[:16])
    return Approval(sheet=sheet, reviewer=reviewer.name, report=after)


def _read_manifest(directory: Path, base_name: str | None) -> dict[str, Any]:
    document = json.loads(_find_manifest(directory, base_name).read_bytes())
    if not isinstance(document, dict):
        raise CaseFileError("review.package_invalid", failed="manifest.parse")
    return document


def _failed(report: VerifyReport) -> str:
    return ", ".join(check.name for check in report.checks if not check.ok)


def _signature(checks: list[SignatureCheck], field: str) -> SignatureCheck | None:
    return next((check for check in checks if check.field == field), None)


def _replace_file(path: Path, data: bytes) -> None:
    temporary = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        with open(temporary, "xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        temporary.replace(path)
    except OSError:
        temporary.unlink(missing_ok=True)
        raise


# ----------------------------------------------------------------------------- release

def release_export(vault: Vault, directory: Path, purpose: str, channel: str,
                   base_name: str | None = None, today: dt.date | None = None) -> ReleaseResult:
    """Record an approved export in its case, for ``channel`` and ``purpose``.

    Raises ``CaseFileError`` for a resident, a package that fails verification
    against this vault's root, a sheet without a valid reviewer approval, or an
    export already released on that channel. Raises ``ConsentExportError``
    outside the case's consent.
    """
    if vault.user.role == "resident":
        raise CaseFileError("release.resident")
    vault.require_role(*RELEASE_ROLES)

    root_pem = vault.authority().cert_pem
    report = verify_package(directory, base_name, trusted_root_sha256=certificate_sha256(root_pem))
    if not report.ok:
        raise CaseFileError("release.package_invalid", failed=_failed(report))
    manifest = _read_manifest(directory, base_name)
    sheet = directory / str(manifest["sheet"]["file"])
    sheet_bytes = sheet.read_bytes()
    reviewer = _signature(validate_sheet(sheet_bytes, root_pem), REVIEWER_FIELD)
    if reviewer is None:
        raise CaseFileError("release.not_approved")
    if not (reviewer.intact and reviewer.valid and reviewer.trusted):
        raise CaseFileError("release.approval_invalid")

    case_id = str(manifest["case"]["case_id"])
    vault.case(case_id)
    warnings = check_export_allowed(vault, case_id, purpose, channel, today)
    export_sha256 = str(manifest["export"]["sha256"])
    if vault._query("SELECT 1 FROM releases WHERE export_sha256 = ? AND channel = ?",
                    (export_sha256, channel)):
        raise CaseFileError("release.already_recorded", channel=channel)

    release = Release(
        id=f"r-{secrets.token_hex(6)}", case_id=case_id,
        media_id=str(manifest["source"]["media_id"]), file_name=str(manifest["export"]["file"]),
        export_sha256=export_sha256,
        sheet_sha256=hashlib.sha256(sheet_bytes).hexdigest(), channel=channel, purpose=purpose,
        released_at=utc_now(), released_by=vault.user.id, reviewer=reviewer.signer,
        reviewer_cert_sha256=reviewer.certificate_sha256)
    with vault._transaction() as db:
        db.execute("INSERT INTO releases VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (release.id, release.case_id, release.media_id, release.file_name,
                    release.export_sha256, release.sheet_sha256, release.channel,
                    release.purpose, release.released_at, release.released_by, release.reviewer,
                    release.reviewer_cert_sha256))
    vault.journal("export.release", release.id,
                  f"case={case_id} media={release.media_id} sha256={export_sha256} "
                  f"channel={channel} purpose={purpose} reviewer={release.reviewer_cert_sha256}")
    log.info("export %s of case %s released on %s", export_sha256[:16], case_id, channel)
    return ReleaseResult(release, warnings)


def list_releases(vault: Vault, case_id: str) -> list[Release]:
    """Return every export released from a case, oldest first."""
    rows = vault._query("SELECT id, case_id, media_id, file_name, export_sha256, sheet_sha256, "
                        "channel, purpose, released_at, released_by, reviewer, "
                        "reviewer_cert_sha256 FROM releases WHERE case_id = ? "
                        "ORDER BY released_at, id", (case_id,))
    return [Release(*row) for row in rows]

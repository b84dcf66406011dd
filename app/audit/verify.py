"""Offline verification of an audit package (``voile verify DIR``).

The package is self-contained, so the checks tie every file to the others. The
root certificate signs the author's certificate. The author's PAdES signature
covers the sheet and the facts attached to it, manifest signing key included.
That key's SSHSIG signature covers the manifest, which contains the hashes of
the export and of the signed sheet. The package cannot prove by itself that the
root is the vault's, so the ``authority.root_sha256`` check shows the fingerprint
to compare with the vault, or compares it with ``trusted_root_sha256`` when the
caller passes one.
"""

from __future__ import annotations

import base64
import hashlib
import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from app.audit import sshsig
from app.audit.authority import certificate_sha256
from app.audit.manifest import (
    ALLOWED_SIGNERS_NAME,
    MANIFEST_SUFFIX,
    ROOT_CERTIFICATE_NAME,
    SIGNATURE_SUFFIX,
    is_canonical,
    sha256_file,
)
from app.audit.pades import SignatureCheck, validate_sheet
from app.audit.sheet import AUTHOR_FIELD, REVIEWER_FIELD, read_embedded_facts
from app.errors import VerificationError
from app.i18n import tr

log = logging.getLogger(__name__)

SUPPORTED_FORMAT = "voile-audit"
SUPPORTED_VERSIONS = (1,)
_NAMESPACES_OPTION = re.compile(r'namespaces="([^"]*)"')


@dataclass(frozen=True)
class Check:
    """One verification step: a stable id, its outcome and a translated detail."""

    name: str
    ok: bool
    detail: str


@dataclass(frozen=True)
class VerifyReport:
    """All checks run on one audit package."""

    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return bool(self.checks) and all(check.ok for check in self.checks)


def verify_package(
    directory: Path, base_name: str | None = None, *, trusted_root_sha256: str | None = None
) -> VerifyReport:
    """Check the signatures and hashes of the audit package in ``directory``, offline.

    Without ``base_name`` the folder must contain exactly one ``*.manifest.json``,
    else ``VerificationError`` is raised. Every other problem, a missing file
    included, becomes a failed ``Check`` in the report.
    """
    manifest_path = _find_manifest(directory, base_name)
    return _Verifier(directory, manifest_path, trusted_root_sha256).run()


def _find_manifest(directory: Path, base_name: str | None) -> Path:
    if base_name is not None:
        path = directory / f"{base_name}{MANIFEST_SUFFIX}"
        if Path(base_name).name != base_name or not path.is_file():
            raise VerificationError("audit.verify.not_found", name=base_name)
        return path
    candidates = sorted(directory.glob(f"*{MANIFEST_SUFFIX}"))
    if not candidates:
        raise VerificationError("audit.verify.no_manifest")
    if len(candidates) > 1:
        raise VerificationError("audit.verify.several_manifests", count=len(candidates))
    return candidates[0]


def _plain_name(value: object) -> str | None:
    """Return ``value`` if it names a file directly in the package folder, else None."""
    if not isinstance(value, str) or not value or value in (".", ".."):
        return None
    if "/" in value or "\\" in value or "\0" in value or Path(value).name != value:
        return None
    return value


class _Verifier:
    def __init__(self, directory: Path, manifest_path: Path, trusted_root: str | None) -> None:
        self.directory = directory
        self.manifest_path = manifest_path
        self.trusted_root = trusted_root.lower() if trusted_root else None
        self.checks: list[Check] = []

    def add(self, name: str, ok: bool, outcome: str | None = None, **params: object) -> bool:
        key = f"audit.check.{name}.{outcome or ('ok' if ok else 'fail')}"
        self.checks.append(Check(name=name, ok=ok, detail=tr(key, **params)))
        return ok

    def skip(self, *names: str) -> None:
        for name in names:
            self.checks.append(Check(name=name, ok=False, detail=tr("audit.check.skipped")))

    def run(self) -> VerifyReport:
        raw = self._read(self.manifest_path)
        manifest = _parse_object(raw) if raw is not None else None
        if raw is None or manifest is None:
            self.add("manifest.parse", False)
            return VerifyReport(self.checks)
        self.add("manifest.parse", True)
        self.add("manifest.canonical", is_canonical(raw))
        version = manifest.get("format_version")
        self.add(
            "manifest.format",
            manifest.get("format") == SUPPORTED_FORMAT and version in SUPPORTED_VERSIONS,
            version=version,
        )

        self._check_manifest_signature(raw, manifest)
        root_pem = self._check_root(manifest)
        self._check_export(manifest)
        self._check_sheet(manifest, root_pem)
        return VerifyReport(self.checks)

    # Manifest signature

    def _check_manifest_signature(self, raw: bytes, manifest: Mapping[str, Any]) -> None:
        signer = manifest.get("signer")
        signer = signer if isinstance(signer, Mapping) else {}
        principal = signer.get("principal")
        ssh_public = signer.get("ssh_public")
        principal_text = principal if isinstance(principal, str) else "—"

        keys = self._allowed_keys(principal) if isinstance(principal, str) else []
        manifest_key = _key_blob(ssh_public)
        self.add(
            "manifest.signer_key",
            manifest_key is not None and manifest_key in keys,
            principal=principal_text,
        )

        signature_path = self.manifest_path.with_name(
            self.manifest_path.name[: -len(MANIFEST_SUFFIX)] + SIGNATURE_SUFFIX
        )
        signature_bytes = self._read(signature_path)
        if signature_bytes is None:
            self.add(
                "manifest.signature", False, reason=tr("audit.check.manifest.signature.missing")
            )
            return
        armored = signature_bytes.decode("ascii", errors="replace")
        failure: VerificationError | None = VerificationError("audit.sshsig.wrong_key")
        for key in keys:
            try:
                sshsig.verify(raw, armored, _key_line(key))
            except VerificationError as error:
                failure = error
                continue
            failure = None
            break
        if failure is None:
            self.add("manifest.signature", True)
        else:
            self.add("manifest.signature", False, reason=failure.message())

    def _allowed_keys(self, principal: str) -> list[bytes]:
        """Return the Ed25519 key blobs that ``allowed_signers`` lists for ``principal``."""
        text = self._read(self.directory / ALLOWED_SIGNERS_NAME)
        if text is None:
            return []
        keys = []
        for line in text.decode("utf-8", errors="replace").splitlines():
            tokens = line.split()
            if not tokens or tokens[0].startswith("#"):
                continue
            # NOTE: principals are compared literally, so OpenSSH's wildcard patterns
            # and the cert-authority option are not supported.
            if principal not in tokens[0].split(",") or "cert-authority" in line:
                continue
            namespaces = _NAMESPACES_OPTION.search(line)
            if namespaces and sshsig.DEFAULT_NAMESPACE not in namespaces.group(1).split(","):
                continue
            blob = _key_blob(" ".join(tokens[1:]))
            if blob is not None:
                keys.append(blob)
        return keys

    # Root certificate and export

    def _check_root(self, manifest: Mapping[str, Any]) -> bytes | None:
        root_pem = self._read(self.directory / ROOT_CERTIFICATE_NAME)
        authority = manifest.get("authority")
        expected = authority.get("root_sha256") if isinstance(authority, Mapping) else None
        try:
            actual = certificate_sha256(root_pem) if root_pem is not None else None
        except ValueError:
            actual = None
        if self.trusted_root is not None and actual is not None and actual != self.trusted_root:
            self.add("authority.root_sha256", False, "untrusted", sha256=actual)
        else:
            ok = actual is not None and actual == expected
            self.add("authority.root_sha256", ok, sha256=actual or "—")
        return root_pem if actual is not None else None

    def _check_export(self, manifest: Mapping[str, Any]) -> None:
        export = manifest.get("export")
        export = export if isinstance(export, Mapping) else {}
        name = _plain_name(export.get("file"))
        path = self.directory / name if name else None
        if path is None or not path.is_file():
            self.add("export.file", False)
            self.skip("export.size", "export.sha256")
            return
        self.add("export.file", True)

        expected_size = export.get("size")
        actual_size = path.stat().st_size
        self.add(
            "export.size",
            actual_size == expected_size,
            size=actual_size,
            actual=actual_size,
            expected=expected_size,
        )
        try:
            actual_sha256 = sha256_file(path)
        except OSError:
            actual_sha256 = None
        self.add(
            "export.sha256", actual_sha256 is not None and actual_sha256 == export.get("sha256")
        )

    # Sheet

    def _check_sheet(self, manifest: Mapping[str, Any], root_pem: bytes | None) -> None:
        dependent = (
            "sheet.facts",
            "sheet.author_signature",
            "sheet.author_certificate",
            "sheet.updates",
            "sheet.reviewer_signature",
        )
        sheet = manifest.get("sheet")
        sheet = sheet if isinstance(sheet, Mapping) else {}
        name = _plain_name(sheet.get("file"))
        size = sheet.get("size")
        pdf = self._read(self.directory / name) if name else None
        signed_part_ok = (
            pdf is not None
            and isinstance(size, int)
            and 0 < size <= len(pdf)
            and hashlib.sha256(pdf[:size]).hexdigest() == sheet.get("sha256")
        )
        if not self.add("sheet.sha256", signed_part_ok) or pdf is None or not isinstance(size, int):
            self.skip(*dependent)
            return

        embedded = _embedded_facts(pdf[:size])
        expected = {key: value for key, value in manifest.items() if key != "sheet"}
        self.add("sheet.facts", embedded is not None and embedded == expected)

        signatures = self._validate(pdf, root_pem)
        if signatures is None:
            self.skip(*dependent[1:])
            return
        self._check_signatures(signatures, manifest, size, len(pdf))

    def _validate(self, pdf: bytes, root_pem: bytes | None) -> list[SignatureCheck] | None:
        if root_pem is None:
            return None
        try:
            return validate_sheet(pdf, root_pem)
        except Exception as error:  # any parser failure means a damaged sheet
            log.warning("audit sheet could not be validated: %s", type(error).__name__)
            return None

    def _check_signatures(
        self,
        signatures: list[SignatureCheck],
        manifest: Mapping[str, Any],
        signed_size: int,
        file_size: int,
    ) -> None:
        by_field = {signature.field: signature for signature in signatures}
        author = by_field.get(AUTHOR_FIELD)
        author_ok = (
            author is not None and _trusted(author) and author.signed_revision_length == signed_size
        )
        self.add("sheet.author_signature", author_ok, signer=author.signer if author else "—")

        signer = manifest.get("signer")
        expected_certificate = (
            signer.get("certificate_sha256") if isinstance(signer, Mapping) else None
        )
        self.add(
            "sheet.author_certificate",
            author is not None and author.certificate_sha256 == expected_certificate,
        )

        later = [item for item in signatures if item.signed_revision_length > signed_size]
        if file_size == signed_size:
            self.add("sheet.updates", author is not None and author.covers_whole_file, "none")
        else:
            updates_ok = (
                bool(later)
                and all(_trusted(item) for item in later)
                and max(item.signed_revision_length for item in later) == file_size
                and all(item.changes_permitted for item in signatures)
            )
            self.add("sheet.updates", updates_ok)

        reviewer = by_field.get(REVIEWER_FIELD)
        if reviewer is None:
            self.add("sheet.reviewer_signature", True, "pending")
        else:
            self.add("sheet.reviewer_signature", _trusted(reviewer), signer=reviewer.signer)

    def _read(self, path: Path) -> bytes | None:
        try:
            return path.read_bytes()
        except OSError:
            return None


def _trusted(signature: SignatureCheck) -> bool:
    return signature.intact and signature.valid and signature.trusted


def _parse_object(raw: bytes) -> dict[str, Any] | None:
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return None
    return document if isinstance(document, dict) else None


def _embedded_facts(pdf: bytes) -> dict[str, Any] | None:
    try:
        return read_embedded_facts(pdf)
    except Exception as error:  # any parser failure means a damaged sheet
        log.warning("facts attached to the audit sheet are unreadable: %s", type(error).__name__)
        return None


def _key_blob(line: object) -> bytes | None:
    if not isinstance(line, str):
        return None
    try:
        return sshsig.public_key_blob(line)
    except VerificationError:
        return None


def _key_line(blob: bytes) -> str:
    return f"ssh-ed25519 {base64.b64encode(blob).decode('ascii')}"

"""The signed audit package written beside each export, and its offline verification."""

from app.audit.authority import (
    Authority,
    UserIdentity,
    certificate_sha256,
    create_authority,
    issue_identity,
)
from app.audit.manifest import canonical_bytes, sha256_file
from app.audit.package import AuditPackage, allowed_signers_line, write_audit_package
from app.audit.pades import SignatureCheck, sign_as_author, sign_as_reviewer, validate_sheet
from app.audit.sheet import render_sheet
from app.audit.verify import Check, VerifyReport, verify_package

__all__ = [
    "AuditPackage",
    "Authority",
    "Check",
    "SignatureCheck",
    "UserIdentity",
    "VerifyReport",
    "allowed_signers_line",
    "canonical_bytes",
    "certificate_sha256",
    "create_authority",
    "issue_identity",
    "render_sheet",
    "sha256_file",
    "sign_as_author",
    "sign_as_reviewer",
    "validate_sheet",
    "verify_package",
    "write_audit_package",
]

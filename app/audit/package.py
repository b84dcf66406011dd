"""Writing the signed audit package beside an export.

For an export ``NAME.mp4`` the package is ``NAME.audit.pdf`` (author-certified
sheet), ``NAME.manifest.json`` (RFC 8785 canonical facts with the sheet's hash),
``NAME.manifest.json.sig`` (SSHSIG, namespace ``voile-audit``), plus the vault's
``authority-root.pem`` and an OpenSSH ``allowed_signers`` file, shared by every
export in the folder.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import logging
import os
import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography import x509
from cryptography.exceptions import InvalidSignature

from app.audit import sshsig
from app.audit.authority import UserIdentity, certificate_sha256
from app.audit.manifest import (
    ALLOWED_SIGNERS_NAME,
    MANIFEST_SUFFIX,
    ROOT_CERTIFICATE_NAME,
    SHEET_SUFFIX,
    SIGNATURE_SUFFIX,
    build_manifest,
    canonical_bytes,
)
from app.audit.pades import sign_as_author
from app.audit.sheet import render_sheet
from app.errors import DiskFullError, ExportError
from app.i18n import tr

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class AuditPackage:
    """Paths of the files that make up one export's audit package."""

    sheet: Path
    manifest: Path
    signature: Path
    root_certificate: Path
    allowed_signers: Path


def write_audit_package(
    out_dir: Path,
    base_name: str,
    facts: dict[str, Any],
    identity: UserIdentity,
    authority_cert_pem: bytes,
    language: str,
) -> AuditPackage:
    """Render, sign and write the audit package of one export into ``out_dir``.

    Every file is written under a temporary name and then renamed. Existing
    sheets, manifests and signatures are never overwritten (``ExportError``
    ``audit.exists``). ``authority-root.pem`` is reused when it contains the same root,
    and ``allowed_signers`` keeps its lines and gains this signer's line if it
    is missing. If writing fails, the files this call created are removed.
    """
    _check_base_name(base_name)
    _check_identity(facts, identity, authority_cert_pem)
    package = AuditPackage(
        sheet=out_dir / f"{base_name}{SHEET_SUFFIX}",
        manifest=out_dir / f"{base_name}{MANIFEST_SUFFIX}",
        signature=out_dir / f"{base_name}{SIGNATURE_SUFFIX}",
        root_certificate=out_dir / ROOT_CERTIFICATE_NAME,
        allowed_signers=out_dir / ALLOWED_SIGNERS_NAME,
    )
    if any(path.exists() for path in (package.sheet, package.manifest, package.signature)):
        raise ExportError("audit.exists", name=base_name)
    root_is_new = _check_root_certificate(package.root_certificate, authority_cert_pem)
    signers_content = _allowed_signers_content(package.allowed_signers, identity)

    signed_facts = {
        **facts,
        "signer": {
            "principal": identity.principal,
            "ssh_public": identity.ssh_public,
            "certificate_sha256": certificate_sha256(identity.sign_cert_pem),
        },
    }
    sheet_pdf = sign_as_author(
        render_sheet(signed_facts, language), identity, authority_cert_pem, language=language
    )
    manifest = canonical_bytes(
        build_manifest(
            signed_facts,
            package.sheet.name,
            hashlib.sha256(sheet_pdf).hexdigest(),
            len(sheet_pdf),
        )
    )
    signature = sshsig.sign(manifest, identity.ssh_private_pem).encode("ascii")

    # The signature is published last, so a folder with a .sig file contains a whole package.
    writes: list[tuple[Path, bytes, bool]] = [
        (package.sheet, sheet_pdf, False),
        (package.manifest, manifest, False),
    ]
    if root_is_new:
        writes.append((package.root_certificate, authority_cert_pem, False))
    if signers_content is not None:
        writes.append((package.allowed_signers, signers_content, package.allowed_signers.exists()))
    writes.append((package.signature, signature, False))
    _write_all(out_dir, writes, base_name)

    log.info(
        "audit package written: manifest sha256 %s, sheet %d bytes",
        hashlib.sha256(manifest).hexdigest()[:16],
        len(sheet_pdf),
    )
    return package


def allowed_signers_line(identity: UserIdentity) -> str:
    """Return the ``allowed_signers`` line that lets ``ssh-keygen -Y verify`` check this user."""
    key_type, key_base64 = identity.ssh_public.split()[:2]
    return f'{identity.principal} namespaces="{sshsig.DEFAULT_NAMESPACE}" {key_type} {key_base64}'


def _check_base_name(base_name: str) -> None:
    if (
        not base_name
        or base_name in (".", "..")
        or any(character in base_name for character in "/\\\0")
        or Path(base_name).name != base_name
    ):
        raise ValueError("the base name must be a plain file name without folders")


def _check_identity(
    facts: Mapping[str, Any], identity: UserIdentity, authority_cert_pem: bytes
) -> None:
    for reserved in ("sheet", "signer"):
        if reserved in facts:
            raise ValueError(f"the facts must not contain {reserved!r}; the package adds it")

    author = facts.get("author")
    if isinstance(author, Mapping) and author.get("principal") not in (None, identity.principal):
        raise ValueError("facts['author']['principal'] differs from the signing identity")

    authority = facts.get("authority")
    root_sha256 = certificate_sha256(authority_cert_pem)
    if not isinstance(authority, Mapping) or authority.get("root_sha256") != root_sha256:
        raise ValueError("facts['authority']['root_sha256'] must be the authority root's SHA-256")

    root = x509.load_pem_x509_certificate(authority_cert_pem)
    certificate = x509.load_pem_x509_certificate(identity.sign_cert_pem)
    try:
        certificate.verify_directly_issued_by(root)
    except (ValueError, TypeError, InvalidSignature):
        raise ValueError("the signing certificate was not issued by this authority") from None


def _check_root_certificate(path: Path, authority_cert_pem: bytes) -> bool:
    """Return whether the root must be written, or raise if the folder has another vault's root."""
    if not path.exists():
        return True
    expected = certificate_sha256(authority_cert_pem)
    try:
        existing = certificate_sha256(path.read_bytes())
    except (OSError, ValueError):
        existing = "unreadable"
    if existing != expected:
        raise ExportError("audit.root_conflict", sha256=existing[:16])
    return False


def _allowed_signers_content(path: Path, identity: UserIdentity) -> bytes | None:
    """Return the new ``allowed_signers`` content, or None when the line is already there."""
    line = allowed_signers_line(identity).encode("ascii")
    if not path.exists():
        return line + b"\n"
    # Bytes, not text, so lines in any encoding are kept exactly as they were.
    existing = path.read_bytes()
    if line in (candidate.strip() for candidate in existing.splitlines()):
        return None
    separator = b"" if not existing or existing.endswith(b"\n") else b"\n"
    return existing + separator + line + b"\n"


def _write_all(out_dir: Path, writes: list[tuple[Path, bytes, bool]], base_name: str) -> None:
    temporaries: list[Path] = []
    published: list[Path] = []
    try:
        for _, data, _ in writes:
            temporaries.append(_write_temporary(out_dir, data))
        for temporary, (target, _, replace) in zip(temporaries, writes, strict=True):
            if replace:
                temporary.replace(target)
            else:
                _publish_new(temporary, target)
                published.append(target)
        _sync_directory(out_dir)
    except FileExistsError:
        _remove(published)
        raise ExportError("audit.exists", name=base_name) from None
    except OSError as error:
        _remove(published)
        if error.errno == errno.ENOSPC:
            raise DiskFullError("disk.full", what=tr("audit.what.package")) from error
        raise
    finally:
        _remove(temporaries)


def _write_temporary(out_dir: Path, data: bytes) -> Path:
    descriptor, name = tempfile.mkstemp(dir=out_dir, prefix=".voile-audit-", suffix=".tmp")
    path = Path(name)
    try:
        with os.fdopen(descriptor, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
    except BaseException:
        _remove([path])
        raise
    return path


def _publish_new(temporary: Path, target: Path) -> None:
    """Give ``temporary`` the name ``target`` without ever replacing an existing file."""
    try:
        # A hard link fails with FileExistsError instead of replacing the target.
        os.link(temporary, target)
    except FileExistsError:
        raise
    except OSError:
        # NOTE: file systems without hard links (FAT, exFAT) fall back to a check
        # followed by a rename, which a concurrent writer could still race.
        if target.exists():
            raise FileExistsError(errno.EEXIST, "target exists") from None
        temporary.rename(target)
        return
    temporary.unlink()


def _sync_directory(directory: Path) -> None:
    # Makes the renames durable on POSIX. Windows cannot open a folder, so it is skipped there.
    with contextlib.suppress(OSError):
        descriptor = os.open(directory, os.O_RDONLY)
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _remove(paths: Iterable[Path]) -> None:
    for path in paths:
        with contextlib.suppress(FileNotFoundError):
            path.unlink()

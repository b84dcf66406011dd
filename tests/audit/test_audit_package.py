"""Writing an audit package beside a real file and verifying it offline."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from audit_facts import make_facts
from pyhanko.stamp import TextStampStyle, text_stamp_file

from app.audit import sshsig
from app.audit.authority import (
    Authority,
    UserIdentity,
    certificate_sha256,
    create_authority,
    issue_identity,
)
from app.audit.manifest import canonical_bytes, sha256_file
from app.audit.package import AuditPackage, allowed_signers_line, write_audit_package
from app.audit.pades import sign_as_reviewer
from app.audit.verify import VerifyReport, verify_package
from app.errors import ExportError, VerificationError
from app.i18n import set_language

BASE = "CAS-2026-7F3K_m-91ab"


@dataclass
class Written:
    directory: Path
    export: Path
    package: AuditPackage
    facts: dict[str, Any]


def _write_package(
    directory: Path,
    sample: Path,
    identity: UserIdentity,
    authority: Authority,
    base: str = BASE,
    language: str = "fr",
) -> Written:
    export = directory / f"{base}.mp4"
    shutil.copyfile(sample, export)
    facts = make_facts(
        export_sha256=sha256_file(export),
        export_size=export.stat().st_size,
        root_sha256=certificate_sha256(authority.cert_pem),
        redactions=6,
    )
    facts["export"]["file"] = export.name
    facts["author"] = {"user": identity.user, "principal": identity.principal}
    package = write_audit_package(directory, base, facts, identity, authority.cert_pem, language)
    return Written(directory, export, package, facts)


def _flip_byte(path: Path, offset: int) -> None:
    data = bytearray(path.read_bytes())
    data[offset] ^= 0x01
    path.write_bytes(bytes(data))


def _failed(report: VerifyReport) -> set[str]:
    return {check.name for check in report.checks if not check.ok}


@pytest.fixture
def sample(samples_dir: Path) -> Path:
    """A real file standing in for the exported video."""
    path = samples_dir / "faces" / "two_people.jpg"
    if not path.is_file():
        pytest.skip(f"sample file {path} is missing")
    return path


@pytest.fixture
def written(tmp_path: Path, sample: Path, identity: UserIdentity, authority: Authority) -> Written:
    return _write_package(tmp_path, sample, identity, authority)


def test_package_files_written(written: Written) -> None:
    package = written.package

    names = sorted(path.name for path in written.directory.iterdir())
    assert names == sorted(
        [
            f"{BASE}.mp4",
            f"{BASE}.audit.pdf",
            f"{BASE}.manifest.json",
            f"{BASE}.manifest.json.sig",
            "authority-root.pem",
            "allowed_signers",
        ]
    )
    manifest = json.loads(package.manifest.read_bytes())
    assert canonical_bytes(manifest) == package.manifest.read_bytes()
    assert manifest["sheet"]["file"] == package.sheet.name
    assert manifest["sheet"]["size"] == package.sheet.stat().st_size
    assert manifest["sheet"]["sha256"] == sha256_file(package.sheet)
    assert manifest["signer"]["principal"] == "voile-u-1a2b3c4d"
    assert manifest["redactions"] == written.facts["redactions"]


def test_verify_passes(written: Written) -> None:
    report = verify_package(written.directory)

    assert report.ok, [check for check in report.checks if not check.ok]
    names = {check.name for check in report.checks}
    for expected in (
        "manifest.signature",
        "manifest.canonical",
        "export.sha256",
        "export.size",
        "sheet.sha256",
        "sheet.facts",
        "sheet.author_signature",
        "sheet.updates",
        "sheet.reviewer_signature",
        "authority.root_sha256",
    ):
        assert expected in names


@pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="ssh-keygen not found")
def test_ssh_keygen_accepts_manifest(written: Written, identity: UserIdentity) -> None:
    package = written.package

    result = subprocess.run(
        [
            "ssh-keygen", "-Y", "verify",
            "-f", str(package.allowed_signers),
            "-I", identity.principal,
            "-n", "voile-audit",
            "-s", str(package.signature),
        ],
        input=package.manifest.read_bytes(), capture_output=True, timeout=30, check=False,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr.decode()


def test_flipped_export_byte_fails(written: Written) -> None:
    _flip_byte(written.export, written.export.stat().st_size // 2)

    report = verify_package(written.directory)

    assert not report.ok
    assert _failed(report) == {"export.sha256"}


def test_flipped_sheet_byte_fails(written: Written) -> None:
    _flip_byte(written.package.sheet, 2000)

    report = verify_package(written.directory)

    assert not report.ok
    assert "sheet.sha256" in _failed(report)


def test_flipped_manifest_byte_fails(written: Written) -> None:
    manifest = written.package.manifest
    # Change one hex digit of the export hash, so the JSON stays valid and canonical.
    offset = manifest.read_bytes().index(b'"sha256":"', manifest.read_bytes().index(b'"export"'))
    data = bytearray(manifest.read_bytes())
    position = offset + len('"sha256":"')
    data[position] = ord("f") if data[position] != ord("f") else ord("e")
    manifest.write_bytes(bytes(data))

    report = verify_package(written.directory)

    assert not report.ok
    assert "manifest.signature" in _failed(report)
    assert "sheet.facts" in _failed(report)


def test_reviewer_approval_verifies(
    written: Written, authority: Authority, identity: UserIdentity
) -> None:
    reviewer = issue_identity(authority, "Jean Relecteur", "voile-u-99999999")
    sheet = written.package.sheet
    sheet.write_bytes(
        sign_as_reviewer(
            sheet.read_bytes(), reviewer.sign_key_pem, reviewer.sign_cert_pem, [authority.cert_pem]
        )
    )

    report = verify_package(written.directory)

    assert report.ok, [check for check in report.checks if not check.ok]
    review = next(check for check in report.checks if check.name == "sheet.reviewer_signature")
    assert "Jean Relecteur" in review.detail


def test_reviewer_from_other_vault_fails(written: Written) -> None:
    other_authority = create_authority("Another vault")
    outsider = issue_identity(other_authority, "Outsider", "voile-u-0badf00d")
    sheet = written.package.sheet
    sheet.write_bytes(
        sign_as_reviewer(
            sheet.read_bytes(),
            outsider.sign_key_pem,
            outsider.sign_cert_pem,
            [other_authority.cert_pem],
        )
    )

    report = verify_package(written.directory)

    assert _failed(report) == {"sheet.reviewer_signature", "sheet.updates"}


def test_unsigned_update_fails(tmp_path: Path, written: Written) -> None:
    sheet = written.package.sheet
    stamped = tmp_path / "stamped.pdf"
    text_stamp_file(
        str(sheet), str(stamped), TextStampStyle(stamp_text="copie"), dest_page=0, x=50, y=50
    )
    shutil.move(stamped, sheet)

    report = verify_package(written.directory)

    assert _failed(report) == {"sheet.updates"}


def test_manifest_resigned_with_other_key_fails(written: Written, authority: Authority) -> None:
    # Someone who rewrites the manifest and allowed_signers with their own key
    # cannot match the signer key attached to the author-signed sheet.
    intruder = issue_identity(authority, "Intrus", "voile-u-1a2b3c4d")
    manifest = json.loads(written.package.manifest.read_bytes())
    manifest["signer"]["ssh_public"] = intruder.ssh_public
    data = canonical_bytes(manifest)
    written.package.manifest.write_bytes(data)
    written.package.signature.write_text(sshsig.sign(data, intruder.ssh_private_pem))
    written.package.allowed_signers.write_text(allowed_signers_line(intruder) + "\n")

    report = verify_package(written.directory)

    assert _failed(report) == {"sheet.facts"}


def test_missing_export_fails(written: Written) -> None:
    written.export.unlink()

    report = verify_package(written.directory)

    assert {"export.file", "export.size", "export.sha256"} <= _failed(report)


def test_other_trusted_root_fails(written: Written, authority: Authority) -> None:
    expected_root = certificate_sha256(authority.cert_pem)

    assert verify_package(written.directory, trusted_root_sha256=expected_root).ok
    report = verify_package(written.directory, trusted_root_sha256="ab" * 32)
    assert _failed(report) == {"authority.root_sha256"}


def test_existing_package_not_overwritten(
    written: Written, identity: UserIdentity, authority: Authority
) -> None:
    before = {path.name: path.read_bytes() for path in written.directory.iterdir()}

    with pytest.raises(ExportError) as raised:
        write_audit_package(
            written.directory, BASE, written.facts, identity, authority.cert_pem, "fr"
        )

    assert raised.value.key == "audit.exists"
    assert raised.value.params == {"name": BASE}
    after = {path.name: path.read_bytes() for path in written.directory.iterdir()}
    assert after == before


def test_two_exports_share_root_and_signers(
    tmp_path: Path, sample: Path, identity: UserIdentity, authority: Authority
) -> None:
    colleague = issue_identity(authority, "Marc Collègue", "voile-u-c0ffee00")
    _write_package(tmp_path, sample, identity, authority, base="first")
    _write_package(tmp_path, sample, colleague, authority, base="second", language="en")

    signers = (tmp_path / "allowed_signers").read_text().splitlines()
    assert len(signers) == 2
    assert verify_package(tmp_path, "first").ok
    assert verify_package(tmp_path, "second").ok
    with pytest.raises(VerificationError) as raised:
        verify_package(tmp_path)
    assert raised.value.key == "audit.verify.several_manifests"


def test_folder_of_other_vault_rejected(
    tmp_path: Path, sample: Path, identity: UserIdentity, authority: Authority
) -> None:
    other = create_authority("Another vault")
    (tmp_path / "authority-root.pem").write_bytes(other.cert_pem)

    with pytest.raises(ExportError) as raised:
        _write_package(tmp_path, sample, identity, authority)

    assert raised.value.key == "audit.root_conflict"
    assert not list(tmp_path.glob("*.audit.pdf"))


def test_facts_for_other_root_rejected(
    tmp_path: Path, identity: UserIdentity, authority: Authority, facts: dict[str, Any]
) -> None:
    facts["authority"]["root_sha256"] = "0" * 64

    with pytest.raises(ValueError, match="root_sha256"):
        write_audit_package(tmp_path, BASE, facts, identity, authority.cert_pem, "fr")
    assert not list(tmp_path.iterdir())


@pytest.mark.parametrize("base", ["", "..", "a/b", "a\\b"])
def test_base_name_with_folder_rejected(
    tmp_path: Path, identity: UserIdentity, authority: Authority, facts: dict[str, Any], base: str
) -> None:
    with pytest.raises(ValueError, match="base name"):
        write_audit_package(tmp_path, base, facts, identity, authority.cert_pem, "fr")


def test_no_manifest_raises(tmp_path: Path) -> None:
    with pytest.raises(VerificationError) as raised:
        verify_package(tmp_path)

    assert raised.value.key == "audit.verify.no_manifest"


def test_details_follow_language(written: Written) -> None:
    set_language("fr")
    try:
        report = verify_package(written.directory)
    finally:
        set_language(None)

    details = {check.name: check.detail for check in report.checks}
    assert details["export.sha256"] == "Le SHA-256 de la vidéo exportée correspond au manifeste."

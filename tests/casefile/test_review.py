"""Offline review and release of a real export: approval, pyHanko, release rules, takedown list."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from app.audit.authority import create_authority, issue_identity
from app.audit.pades import sign_as_reviewer, validate_sheet
from app.audit.verify import verify_package
from app.casefile.errors import CaseFileError, ConsentExportError
from app.casefile.retention import plan_withdrawal, withdraw_consent
from app.casefile.review import (
    approve_export,
    issue_reviewer_certificate,
    list_releases,
    release_export,
)
from app.cli import main
from app.errors import ExportError, VaultError
from app.vault import Vault
from tests.casefile.conftest import (
    RESIDENT,
    RESIDENT_PASSWORD,
    SURGEON,
    SURGEON_PASSWORD,
    TODAY,
    ExportCopy,
    give_consent,
)
from tests.conftest import PASSWORD, USER

P12_PASSWORD = "Relecture-Validée-2026!"
REVIEWER = "Pr Anaïs Brémont"
PYHANKO_CLI = Path(sys.executable).with_name("pyhanko")


def sheet_of(directory: Path) -> Path:
    return next(directory.glob("*.audit.pdf"))


def issue_p12(vault_path: Path, tmp_path: Path) -> Path:
    with Vault.unlock(vault_path, PASSWORD, USER) as admin:
        data = issue_reviewer_certificate(admin, REVIEWER, P12_PASSWORD)
    path = tmp_path / "relecteur.p12"
    path.write_bytes(data)
    return path


@pytest.fixture
def approved(export_copy: ExportCopy, tmp_path: Path) -> ExportCopy:
    """The export folder approved by a reviewer who only has the folder and the PKCS#12 file."""
    p12 = issue_p12(export_copy.vault_path, tmp_path)
    approve_export(export_copy.export_dir, p12.read_bytes(), P12_PASSWORD)
    return export_copy


def test_reviewer_approves_with_folder_only(export_copy: ExportCopy, tmp_path: Path) -> None:
    p12 = issue_p12(export_copy.vault_path, tmp_path)
    # The reviewer's machine has no vault: take it away entirely.
    shutil.rmtree(export_copy.vault_path)
    original = sheet_of(export_copy.export_dir).read_bytes()

    approval = approve_export(export_copy.export_dir, p12.read_bytes(), P12_PASSWORD)

    assert approval.reviewer == REVIEWER
    assert approval.report.ok
    signed = approval.sheet.read_bytes()
    assert signed.startswith(original)
    root = (export_copy.export_dir / "authority-root.pem").read_bytes()
    checks = {check.field: check for check in validate_sheet(signed, root)}
    assert set(checks) == {"Author", "Reviewer"}
    assert checks["Reviewer"].signer == REVIEWER
    for check in checks.values():
        assert check.intact, check.field
        assert check.valid, check.field
        assert check.trusted, check.field
        assert check.changes_permitted, check.field
    report = verify_package(export_copy.export_dir)
    reviewer_check = next(c for c in report.checks if c.name == "sheet.reviewer_signature")
    assert reviewer_check.ok
    assert REVIEWER in reviewer_check.detail


@pytest.mark.skipif(not PYHANKO_CLI.exists(), reason="pyhanko-cli is not installed in this venv")
def test_pyhanko_validates_both_signatures(approved: ExportCopy) -> None:
    result = subprocess.run(
        [str(PYHANKO_CLI), "sign", "validate",
         "--trust", str(approved.export_dir / "authority-root.pem"), "--trust-replace",
         "--no-revocation-check", "--executive-summary", str(sheet_of(approved.export_dir))],
        capture_output=True, text=True, timeout=120, check=False)

    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.count(":VALID") == 2


def test_voile_verify_shows_both_signatures(approved: ExportCopy,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["--lang", "en", "verify", str(approved.export_dir)])
    out = capsys.readouterr().out
    assert code == 0, out
    assert REVIEWER in out
    assert "[FAIL" not in out


def test_approval_refusals(export_copy: ExportCopy, tmp_path: Path) -> None:
    p12 = issue_p12(export_copy.vault_path, tmp_path).read_bytes()
    with pytest.raises(CaseFileError) as raised:
        approve_export(export_copy.export_dir, p12, "Mauvais-Mot-de-Passe-1!")
    assert raised.value.key == "review.p12_unreadable"

    foreign = tmp_path / "autre coffre"
    with Vault.create(foreign, USER, PASSWORD, kdf={"memory_kib": 16384, "time_cost": 1,
                                                    "parallelism": 2}) as other:
        other_p12 = issue_reviewer_certificate(other, REVIEWER, P12_PASSWORD)
    with pytest.raises(CaseFileError) as raised:
        approve_export(export_copy.export_dir, other_p12, P12_PASSWORD)
    assert raised.value.key == "review.other_authority"

    approve_export(export_copy.export_dir, p12, P12_PASSWORD)
    with pytest.raises(CaseFileError) as raised:
        approve_export(export_copy.export_dir, p12, P12_PASSWORD)
    assert raised.value.key == "review.already_approved"


def test_tampered_export_not_approved(export_copy: ExportCopy, tmp_path: Path) -> None:
    p12 = issue_p12(export_copy.vault_path, tmp_path).read_bytes()
    video = next(export_copy.export_dir.glob("*.mp4"))
    data = bytearray(video.read_bytes())
    data[len(data) // 2] ^= 0x01
    video.write_bytes(bytes(data))
    before = sheet_of(export_copy.export_dir).read_bytes()

    with pytest.raises(CaseFileError) as raised:
        approve_export(export_copy.export_dir, p12, P12_PASSWORD)

    assert raised.value.key == "review.package_invalid"
    assert "export.sha256" in raised.value.message("en")
    assert sheet_of(export_copy.export_dir).read_bytes() == before


def test_release_recorded(approved: ExportCopy) -> None:
    with Vault.unlock(approved.vault_path, SURGEON_PASSWORD, SURGEON) as surgeon:
        give_consent(surgeon, approved.case_id)
        result = release_export(surgeon, approved.export_dir, "teaching", "congress",
                                today=TODAY)
        releases = list_releases(surgeon, approved.case_id)
        entry = surgeon.journal_entries()[-1]

    manifest = json.loads(next(approved.export_dir.glob("*.manifest.json")).read_bytes())
    assert releases == [result.release]
    release = result.release
    assert release.export_sha256 == manifest["export"]["sha256"]
    assert release.channel == "congress"
    assert release.purpose == "teaching"
    assert release.reviewer == REVIEWER
    assert release.media_id == approved.media_id
    assert entry["action"] == "export.release"
    assert f"sha256={release.export_sha256}" in entry["detail"]
    assert REVIEWER not in entry["detail"]

    with Vault.unlock(approved.vault_path, SURGEON_PASSWORD, SURGEON) as surgeon:
        with pytest.raises(CaseFileError) as raised:
            release_export(surgeon, approved.export_dir, "teaching", "congress", today=TODAY)
        assert raised.value.key == "release.already_recorded"


def test_resident_cannot_release(approved: ExportCopy) -> None:
    with Vault.unlock(approved.vault_path, PASSWORD, USER) as admin:
        give_consent(admin, approved.case_id)
    with Vault.unlock(approved.vault_path, RESIDENT_PASSWORD, RESIDENT) as resident:
        with pytest.raises(CaseFileError) as raised:
            release_export(resident, approved.export_dir, "teaching", "congress", today=TODAY)
    assert raised.value.key == "release.resident"


def test_release_needs_approval(export_copy: ExportCopy) -> None:
    with Vault.unlock(export_copy.vault_path, PASSWORD, USER) as admin:
        give_consent(admin, export_copy.case_id)
        with pytest.raises(CaseFileError) as raised:
            release_export(admin, export_copy.export_dir, "teaching", "congress", today=TODAY)
    assert raised.value.key == "release.not_approved"


def test_release_refuses_foreign_approval(export_copy: ExportCopy) -> None:
    # A reviewer certificate from another authority signs the field; the sheet stays intact.
    other = create_authority("Another vault")
    stranger = issue_identity(other, "Dr Inconnu", "reviewer-stranger")
    sheet = sheet_of(export_copy.export_dir)
    sheet.write_bytes(sign_as_reviewer(sheet.read_bytes(), stranger.sign_key_pem,
                                       stranger.sign_cert_pem, [other.cert_pem]))
    with Vault.unlock(export_copy.vault_path, PASSWORD, USER) as admin:
        give_consent(admin, export_copy.case_id)
        with pytest.raises(CaseFileError) as raised:
            release_export(admin, export_copy.export_dir, "teaching", "congress", today=TODAY)
    assert raised.value.key in ("release.package_invalid", "release.approval_invalid")


def test_release_outside_consent_refused(approved: ExportCopy) -> None:
    with Vault.unlock(approved.vault_path, PASSWORD, USER) as admin:
        give_consent(admin, approved.case_id, channels=["internal_platform"])
        with pytest.raises(ConsentExportError) as raised:
            release_export(admin, approved.export_dir, "teaching", "social_networks",
                           today=TODAY)
        assert raised.value.key == "consent.channel_not_covered"
        assert list_releases(admin, approved.case_id) == []


def test_release_refused_in_other_vault(approved: ExportCopy, tmp_path: Path) -> None:
    other_path = tmp_path / "autre coffre"
    with Vault.create(other_path, USER, PASSWORD, kdf={"memory_kib": 16384, "time_cost": 1,
                                                       "parallelism": 2}) as other:
        with pytest.raises(CaseFileError) as raised:
            release_export(other, approved.export_dir, "teaching", "congress", today=TODAY)
    assert raised.value.key == "release.package_invalid"


def test_withdrawal_lists_releases(approved: ExportCopy) -> None:
    with Vault.unlock(approved.vault_path, SURGEON_PASSWORD, SURGEON) as surgeon:
        give_consent(surgeon, approved.case_id)
        released = release_export(surgeon, approved.export_dir, "research", "internal_platform",
                                  today=TODAY).release
        plan = plan_withdrawal(surgeon, approved.case_id)
        report = withdraw_consent(surgeon, approved.case_id)
        with pytest.raises(VaultError):
            surgeon.open_media(approved.media_id)

    assert plan.releases == [released]
    assert report.plan.releases == [released]
    assert (released.export_sha256, released.channel) == (
        plan.releases[0].export_sha256, "internal_platform")
    assert released.released_at.startswith("20")


def test_withdrawn_case_cannot_be_exported(export_copy: ExportCopy, tmp_path: Path) -> None:
    from app.export.exporter import export_media

    with Vault.unlock(export_copy.vault_path, PASSWORD, USER) as admin:
        give_consent(admin, export_copy.case_id)
        withdraw_consent(admin, export_copy.case_id)
        # The project and the footage are gone, so the exporter stops before writing anything.
        with pytest.raises((ExportError, VaultError)):
            export_media(admin, export_copy.media_id, tmp_path / "nouvel export")
    assert not list((tmp_path / "nouvel export").glob("*.mp4"))

"""PAdES author certification and reviewer approval on the audit sheet."""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields

from app.audit.authority import Authority, UserIdentity, create_authority, issue_identity
from app.audit.pades import SignatureCheck, sign_as_author, sign_as_reviewer, validate_sheet
from app.audit.sheet import SIGNATURE_BOXES, render_sheet

PYHANKO_CLI = Path(sys.executable).parent / "pyhanko"


@pytest.fixture(scope="module")
def reviewer(authority: Authority) -> UserIdentity:
    return issue_identity(authority, "Jean-Noël Relecteur", "voile-u-5e6f7a8b")


@pytest.fixture
def author_signed(facts: dict[str, Any], identity: UserIdentity, authority: Authority) -> bytes:
    return sign_as_author(render_sheet(facts, "fr"), identity, authority.cert_pem, language="fr")


def _by_field(checks: list[SignatureCheck]) -> dict[str, SignatureCheck]:
    return {check.field: check for check in checks}


def test_author_signature_valid_and_trusted(author_signed: bytes, authority: Authority) -> None:
    checks = validate_sheet(author_signed, authority.cert_pem)

    assert [check.field for check in checks] == ["Author"]
    author = checks[0]
    assert author.signer == "Hélène D'Angelo"
    assert author.intact
    assert author.valid
    assert author.trusted
    assert author.covers_whole_file
    assert author.signed_revision_length == len(author_signed)


def test_both_fields_on_last_page(author_signed: bytes) -> None:
    reader = PdfFileReader(io.BytesIO(author_signed))
    last_page = reader.root["/Pages"]["/Count"] - 1
    found = {name: value for name, value, _ in fields.enumerate_sig_fields(reader)}

    assert set(found) == {"Author", "Reviewer"}
    assert found["Reviewer"] is None
    page_annotations = reader.find_page_for_modification(last_page)[0].get_object()["/Annots"]
    rectangles = {
        str(annotation.get_object()["/T"]): [float(v) for v in annotation.get_object()["/Rect"]]
        for annotation in page_annotations
    }
    for name, box in SIGNATURE_BOXES.items():
        assert rectangles[name] == [float(v) for v in box]


def test_untrusted_with_other_root(author_signed: bytes) -> None:
    other_root = create_authority("Another vault").cert_pem

    author = validate_sheet(author_signed, other_root)[0]

    assert author.intact
    assert not author.trusted


def test_reviewer_keeps_certification_valid(
    author_signed: bytes, authority: Authority, reviewer: UserIdentity
) -> None:
    approved = sign_as_reviewer(
        author_signed, reviewer.sign_key_pem, reviewer.sign_cert_pem, [authority.cert_pem]
    )

    checks = _by_field(validate_sheet(approved, authority.cert_pem))
    author, review = checks["Author"], checks["Reviewer"]
    assert approved.startswith(author_signed)
    assert author.intact
    assert author.valid
    assert author.trusted
    assert not author.covers_whole_file
    assert author.changes_permitted
    assert author.signed_revision_length == len(author_signed)
    assert review.signer == "Jean-Noël Relecteur"
    assert review.intact
    assert review.valid
    assert review.trusted
    assert review.covers_whole_file


def test_reviewer_field_signed_once(
    author_signed: bytes, authority: Authority, reviewer: UserIdentity
) -> None:
    approved = sign_as_reviewer(
        author_signed, reviewer.sign_key_pem, reviewer.sign_cert_pem, [authority.cert_pem]
    )

    with pytest.raises(ValueError, match="Reviewer"):
        sign_as_reviewer(
            approved, reviewer.sign_key_pem, reviewer.sign_cert_pem, [authority.cert_pem]
        )


def test_author_cannot_sign_twice(
    author_signed: bytes, identity: UserIdentity, authority: Authority
) -> None:
    with pytest.raises(ValueError, match="Author"):
        sign_as_author(author_signed, identity, authority.cert_pem)


def test_flipped_byte_in_signed_range_fails(author_signed: bytes, authority: Authority) -> None:
    # "Voile" is the Creator entry of the document information, inside the signed range.
    offset = author_signed.index(b"(Voile)") + 5
    tampered = bytearray(author_signed)
    tampered[offset] ^= 0x01

    author = validate_sheet(bytes(tampered), authority.cert_pem)[0]

    # pyHanko reports the broken digest as "not intact", while the CMS signature stays valid.
    assert not author.intact
    assert not author.trusted


@pytest.mark.skipif(not PYHANKO_CLI.exists(), reason="pyhanko-cli is not installed in this venv")
def test_pyhanko_cli_accepts_both_signatures(
    tmp_path: Path, author_signed: bytes, authority: Authority, reviewer: UserIdentity
) -> None:
    approved = sign_as_reviewer(
        author_signed, reviewer.sign_key_pem, reviewer.sign_cert_pem, [authority.cert_pem]
    )
    (tmp_path / "sheet.pdf").write_bytes(approved)
    (tmp_path / "authority-root.pem").write_bytes(authority.cert_pem)
    (tmp_path / "other-root.pem").write_bytes(create_authority("Another vault").cert_pem)

    def validate(root: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [
                str(PYHANKO_CLI), "sign", "validate",
                "--trust", str(tmp_path / root), "--trust-replace",
                "--no-revocation-check", "--executive-summary",
                str(tmp_path / "sheet.pdf"),
            ],
            capture_output=True, text=True, timeout=120, check=False,
        )  # fmt: skip

    trusted = validate("authority-root.pem")
    untrusted = validate("other-root.pem")

    assert trusted.returncode == 0, trusted.stderr
    assert trusted.stdout.count(":VALID") == 2
    assert untrusted.returncode != 0


@pytest.mark.skipif(shutil.which("pdfsig") is None, reason="poppler pdfsig not installed")
def test_poppler_pdfsig_checks_signature(tmp_path: Path, author_signed: bytes) -> None:
    (tmp_path / "sheet.pdf").write_bytes(author_signed)

    result = subprocess.run(
        ["pdfsig", "-nocert", str(tmp_path / "sheet.pdf")],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip

    assert "Signature is Valid." in result.stdout
    assert "Total document signed" in result.stdout

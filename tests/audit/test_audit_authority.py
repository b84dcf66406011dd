"""The vault's local authority and the identities it issues."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.x509.oid import NameOID

from app.audit.authority import Authority, UserIdentity, certificate_sha256, issue_identity


def _years(start: dt.datetime, end: dt.datetime) -> float:
    return (end - start).days / 365.25


def test_root_is_p256_ca_for_20_years(authority: Authority) -> None:
    root = x509.load_pem_x509_certificate(authority.cert_pem)
    key = serialization.load_pem_private_key(authority.key_pem, password=None)

    assert isinstance(key, ec.EllipticCurvePrivateKey)
    assert isinstance(key.curve, ec.SECP256R1)
    assert b"BEGIN PRIVATE KEY" in authority.key_pem
    assert root.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    assert root.extensions.get_extension_for_class(x509.KeyUsage).value.key_cert_sign
    assert root.subject == root.issuer
    assert 19.9 < _years(root.not_valid_before_utc, root.not_valid_after_utc) < 20.1
    root.verify_directly_issued_by(root)


def test_user_certificate_issued_by_root(authority: Authority, identity: UserIdentity) -> None:
    root = x509.load_pem_x509_certificate(authority.cert_pem)
    certificate = x509.load_pem_x509_certificate(identity.sign_cert_pem)
    usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value

    certificate.verify_directly_issued_by(root)
    assert usage.digital_signature
    assert usage.content_commitment
    assert not certificate.extensions.get_extension_for_class(x509.BasicConstraints).value.ca
    common_name = certificate.subject.get_attributes_for_oid(NameOID.COMMON_NAME)[0].value
    assert common_name == "Hélène D'Angelo"
    assert 4.9 < _years(certificate.not_valid_before_utc, certificate.not_valid_after_utc) < 5.1


def test_ssh_key_is_ed25519_openssh(identity: UserIdentity) -> None:
    key = serialization.load_ssh_private_key(identity.ssh_private_pem, password=None)

    assert isinstance(key, ed25519.Ed25519PrivateKey)
    assert identity.ssh_private_pem.startswith(b"-----BEGIN OPENSSH PRIVATE KEY-----")
    key_type, _, comment = identity.ssh_public.split()
    assert key_type == "ssh-ed25519"
    assert comment == identity.principal


@pytest.mark.parametrize("principal", ["", "has space", "accentué", "a" * 65, "-leading"])
def test_invalid_principal_rejected(authority: Authority, principal: str) -> None:
    with pytest.raises(ValueError, match="principal"):
        issue_identity(authority, "Nom", principal)


def test_certificate_sha256_is_der_fingerprint(authority: Authority) -> None:
    der = x509.load_pem_x509_certificate(authority.cert_pem).public_bytes(
        serialization.Encoding.DER
    )

    assert certificate_sha256(authority.cert_pem) == hashlib.sha256(der).hexdigest()


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl not found")
def test_openssl_verifies_chain(
    tmp_path: Path, authority: Authority, identity: UserIdentity
) -> None:
    (tmp_path / "root.pem").write_bytes(authority.cert_pem)
    (tmp_path / "user.pem").write_bytes(identity.sign_cert_pem)

    result = subprocess.run(
        ["openssl", "verify", "-CAfile", str(tmp_path / "root.pem"), str(tmp_path / "user.pem")],
        capture_output=True,
        timeout=30,
        check=False,
    )

    assert result.returncode == 0, result.stderr.decode()

"""The vault's local certificate authority and the signing identities it issues.

Each vault has one self-signed ECDSA P-256 root. It issues every user an X.509
certificate for PAdES signatures on the audit sheet and pairs it with an
Ed25519 OpenSSH key for SSHSIG signatures on the manifest, so the manifest can
be checked with ``ssh-keygen -Y verify`` alone.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from dataclasses import dataclass

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, ed25519
from cryptography.x509.oid import NameOID

ROOT_VALIDITY = dt.timedelta(days=20 * 365 + 5)
USER_VALIDITY = dt.timedelta(days=5 * 365 + 1)
# Backdating absorbs small clock differences between the signing and the checking machine.
_BACKDATE = dt.timedelta(minutes=5)
_PEM = serialization.Encoding.PEM
_PRINCIPAL_PATTERN = re.compile(r"[A-Za-z0-9][A-Za-z0-9._@-]{0,63}")


@dataclass(frozen=True)
class Authority:
    """The vault's local certificate authority (key and self-signed root)."""

    key_pem: bytes
    cert_pem: bytes


@dataclass(frozen=True)
class UserIdentity:
    """A user's signing material: an X.509 certificate for PDFs and an OpenSSH key for SSHSIG."""

    user: str
    principal: str
    sign_key_pem: bytes
    sign_cert_pem: bytes
    ssh_private_pem: bytes
    ssh_public: str


def create_authority(label: str) -> Authority:
    """Create a self-signed ECDSA P-256 root valid for 20 years, named ``label``."""
    if not label.strip():
        raise ValueError("the authority label must not be empty")

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Voile"),
            x509.NameAttribute(NameOID.COMMON_NAME, label),
        ]
    )
    now = dt.datetime.now(dt.UTC)
    public_key = key.public_key()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - _BACKDATE)
        .not_valid_after(now + ROOT_VALIDITY)
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .sign(key, hashes.SHA256())
    )
    return Authority(key_pem=_private_pem(key), cert_pem=certificate.public_bytes(_PEM))


def issue_identity(authority: Authority, user: str, principal: str) -> UserIdentity:
    """Issue ``user`` a 5-year P-256 signing certificate and a fresh Ed25519 OpenSSH key.

    ``principal`` names the user in OpenSSH ``allowed_signers`` files, so it must
    be a short ASCII id without spaces (letters, digits, ``.``, ``_``, ``@``, ``-``).
    """
    if not user.strip():
        raise ValueError("the user name must not be empty")
    if not _PRINCIPAL_PATTERN.fullmatch(principal):
        raise ValueError(
            f"invalid principal {principal!r}: use 1-64 ASCII letters, digits, . _ @ -"
        )

    authority_key = serialization.load_pem_private_key(authority.key_pem, password=None)
    if not isinstance(authority_key, ec.EllipticCurvePrivateKey):
        raise ValueError("the authority key is not an ECDSA key")
    authority_cert = x509.load_pem_x509_certificate(authority.cert_pem)

    sign_key = ec.generate_private_key(ec.SECP256R1())
    now = dt.datetime.now(dt.UTC)
    not_after = min(now + USER_VALIDITY, authority_cert.not_valid_after_utc)
    subject = x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Voile"),
            x509.NameAttribute(NameOID.USER_ID, principal),
            x509.NameAttribute(NameOID.COMMON_NAME, user),
        ]
    )
    authority_ski = authority_cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(authority_cert.subject)
        .public_key(sign_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - _BACKDATE)
        .not_valid_after(not_after)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=True,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(
            x509.SubjectKeyIdentifier.from_public_key(sign_key.public_key()), critical=False
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(authority_ski.value),
            critical=False,
        )
        .sign(authority_key, hashes.SHA256())
    )

    ssh_key = ed25519.Ed25519PrivateKey.generate()
    ssh_private = ssh_key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.OpenSSH,
        serialization.NoEncryption(),
    )
    ssh_public = ssh_key.public_key().public_bytes(
        serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH
    )
    return UserIdentity(
        user=user,
        principal=principal,
        sign_key_pem=_private_pem(sign_key),
        sign_cert_pem=certificate.public_bytes(_PEM),
        ssh_private_pem=ssh_private,
        ssh_public=f"{ssh_public.decode('ascii')} {principal}",
    )


def certificate_sha256(cert_pem: bytes) -> str:
    """Return the SHA-256 fingerprint (hex) of a PEM certificate's DER encoding.

    This is the value ``openssl x509 -fingerprint -sha256`` shows, without colons.
    """
    certificate = x509.load_pem_x509_certificate(cert_pem)
    return hashlib.sha256(certificate.public_bytes(serialization.Encoding.DER)).hexdigest()


def _private_pem(key: ec.EllipticCurvePrivateKey) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )

"""OpenSSH SSHSIG signatures (Ed25519), compatible with ``ssh-keygen -Y sign/verify``.

The format is OpenSSH's ``PROTOCOL.sshsig``: the signer signs a blob made of the
magic ``SSHSIG``, the namespace, an empty reserved field, the hash algorithm name
and the hash of the message. The namespace separates uses of one key, so a
signature made for ``voile-audit`` cannot pass as a signature for another tool.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import struct

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519

from app.errors import VerificationError

DEFAULT_NAMESPACE = "voile-audit"
_MAGIC = b"SSHSIG"
_VERSION = 1
_KEY_TYPE = "ssh-ed25519"
_HASHES = {"sha256": hashlib.sha256, "sha512": hashlib.sha512}
_ARMOR_BEGIN = "-----BEGIN SSH SIGNATURE-----"
_ARMOR_END = "-----END SSH SIGNATURE-----"
# ssh-keygen wraps the base64 body at 70 columns.
_ARMOR_WIDTH = 70


def sign(data: bytes, private_key_pem: bytes, namespace: str = DEFAULT_NAMESPACE) -> str:
    """Sign ``data`` with an Ed25519 OpenSSH private key and return the armored signature.

    The hash is SHA-512, as ``ssh-keygen -Y sign`` uses by default.
    """
    if not namespace:
        raise ValueError("the SSHSIG namespace must not be empty")
    key = serialization.load_ssh_private_key(private_key_pem, password=None)
    if not isinstance(key, ed25519.Ed25519PrivateKey):
        raise ValueError("only Ed25519 keys are supported for SSHSIG signatures")

    public_raw = key.public_key().public_bytes(
        serialization.Encoding.Raw, serialization.PublicFormat.Raw
    )
    public_blob = _string(_KEY_TYPE.encode()) + _string(public_raw)
    hash_name = "sha512"
    signed_data = _signed_data(namespace, hash_name, _HASHES[hash_name](data).digest())
    signature_blob = _string(_KEY_TYPE.encode()) + _string(key.sign(signed_data))

    blob = (
        _MAGIC
        + struct.pack(">I", _VERSION)
        + _string(public_blob)
        + _string(namespace.encode())
        + _string(b"")
        + _string(hash_name.encode())
        + _string(signature_blob)
    )
    return _armor(blob)


def verify(
    data: bytes, armored: str, public_key_line: str, namespace: str = DEFAULT_NAMESPACE
) -> None:
    """Check that ``armored`` is a valid signature of ``data`` by the key in ``public_key_line``.

    ``public_key_line`` is a public key line (``ssh-ed25519 AAAA... comment``) or an
    ``allowed_signers`` line that contains one. Raises ``VerificationError`` when the
    signature is malformed, made by another key or for another namespace, or invalid.
    """
    expected_blob = public_key_blob(public_key_line)
    blob = _dearmor(armored)

    reader = _Reader(blob)
    if reader.take(len(_MAGIC)) != _MAGIC:
        raise VerificationError("audit.sshsig.malformed")
    if reader.uint32() != _VERSION:
        raise VerificationError("audit.sshsig.unsupported")
    public_blob = reader.string()
    signed_namespace = reader.string()
    reader.string()  # reserved
    hash_name = reader.string().decode("ascii", errors="replace")
    signature_blob = reader.string()
    reader.expect_end()

    if public_blob != expected_blob:
        raise VerificationError("audit.sshsig.wrong_key")
    if signed_namespace != namespace.encode():
        raise VerificationError("audit.sshsig.wrong_namespace")
    if hash_name not in _HASHES:
        raise VerificationError("audit.sshsig.unsupported")

    signature_reader = _Reader(signature_blob)
    if signature_reader.string() != _KEY_TYPE.encode():
        raise VerificationError("audit.sshsig.unsupported")
    raw_signature = signature_reader.string()
    signature_reader.expect_end()

    key_reader = _Reader(public_blob)
    key_reader.string()  # key type, already compared with the expected blob
    public_key = ed25519.Ed25519PublicKey.from_public_bytes(key_reader.string())
    signed_data = _signed_data(
        signed_namespace.decode(), hash_name, _HASHES[hash_name](data).digest()
    )
    try:
        public_key.verify(raw_signature, signed_data)
    except InvalidSignature:
        raise VerificationError("audit.sshsig.invalid") from None


def public_key_blob(public_key_line: str) -> bytes:
    """Return the wire-format key blob of the Ed25519 key named in a public key line."""
    tokens = public_key_line.split()
    for index, token in enumerate(tokens[:-1]):
        if token != _KEY_TYPE:
            continue
        try:
            blob = base64.b64decode(tokens[index + 1], validate=True)
        except binascii.Error:
            break
        reader = _Reader(blob)
        try:
            if reader.string() == _KEY_TYPE.encode() and len(reader.string()) == 32:
                reader.expect_end()
                return blob
        except VerificationError:
            break
    raise VerificationError("audit.sshsig.no_key")


def _signed_data(namespace: str, hash_name: str, digest: bytes) -> bytes:
    return (
        _MAGIC
        + _string(namespace.encode())
        + _string(b"")
        + _string(hash_name.encode())
        + _string(digest)
    )


def _string(value: bytes) -> bytes:
    return struct.pack(">I", len(value)) + value


def _armor(blob: bytes) -> str:
    body = base64.b64encode(blob).decode("ascii")
    lines = [body[start : start + _ARMOR_WIDTH] for start in range(0, len(body), _ARMOR_WIDTH)]
    return "\n".join([_ARMOR_BEGIN, *lines, _ARMOR_END]) + "\n"


def _dearmor(armored: str) -> bytes:
    lines = [line.strip() for line in armored.strip().splitlines()]
    if len(lines) < 3 or lines[0] != _ARMOR_BEGIN or lines[-1] != _ARMOR_END:
        raise VerificationError("audit.sshsig.malformed")
    try:
        return base64.b64decode("".join(lines[1:-1]), validate=True)
    except binascii.Error:
        raise VerificationError("audit.sshsig.malformed") from None


class _Reader:
    """Reads SSH wire-format fields, raising ``VerificationError`` on truncated input."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._offset = 0

    def take(self, length: int) -> bytes:
        end = self._offset + length
        if end > len(self._data):
            raise VerificationError("audit.sshsig.malformed")
        chunk = self._data[self._offset : end]
        self._offset = end
        return chunk

    def uint32(self) -> int:
        value: int = struct.unpack(">I", self.take(4))[0]
        return value

    def string(self) -> bytes:
        return self.take(self.uint32())

    def expect_end(self) -> None:
        if self._offset != len(self._data):
            raise VerificationError("audit.sshsig.malformed")

"""SSHSIG signatures checked both ways against the real ssh-keygen."""

from __future__ import annotations

import base64
import shutil
import subprocess
from pathlib import Path

import pytest

from app.audit import sshsig
from app.audit.authority import Authority, UserIdentity, issue_identity
from app.audit.package import allowed_signers_line
from app.errors import VerificationError

DATA = "manifeste signé par Hélène D'Angelo\n".encode()

pytestmark = pytest.mark.skipif(shutil.which("ssh-keygen") is None, reason="ssh-keygen not found")


def _ssh_keygen(*args: str, stdin: bytes = b"") -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        ["ssh-keygen", *args], input=stdin, capture_output=True, timeout=30, check=False
    )


def _write_private_key(directory: Path, identity: UserIdentity) -> Path:
    path = directory / "id_ed25519"
    path.write_bytes(identity.ssh_private_pem)
    path.chmod(0o600)
    return path


def _flip_signature_byte(armored: str) -> str:
    lines = armored.strip().splitlines()
    blob = bytearray(base64.b64decode("".join(lines[1:-1])))
    blob[-5] ^= 0x01  # inside the 64-byte Ed25519 signature at the end of the blob
    body = base64.b64encode(bytes(blob)).decode("ascii")
    return "\n".join([lines[0], *(body[i : i + 70] for i in range(0, len(body), 70)), lines[-1]])


def test_our_signature_passes_ssh_keygen_verify(tmp_path: Path, identity: UserIdentity) -> None:
    armored = sshsig.sign(DATA, identity.ssh_private_pem)
    (tmp_path / "data.sig").write_text(armored)
    (tmp_path / "allowed_signers").write_text(allowed_signers_line(identity) + "\n")

    result = _ssh_keygen(
        "-Y", "verify",
        "-f", str(tmp_path / "allowed_signers"),
        "-I", identity.principal,
        "-n", "voile-audit",
        "-s", str(tmp_path / "data.sig"),
        stdin=DATA,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr.decode()
    assert b"Good" in result.stdout


def test_our_signature_passes_check_novalidate(tmp_path: Path, identity: UserIdentity) -> None:
    (tmp_path / "data.sig").write_text(sshsig.sign(DATA, identity.ssh_private_pem))

    result = _ssh_keygen(
        "-Y", "check-novalidate", "-n", "voile-audit", "-s", str(tmp_path / "data.sig"),
        stdin=DATA,
    )  # fmt: skip

    assert result.returncode == 0, result.stderr.decode()


@pytest.mark.parametrize("hash_option", [[], ["-O", "hashalg=sha256"]])
def test_ssh_keygen_signature_passes_our_verify(
    tmp_path: Path, identity: UserIdentity, hash_option: list[str]
) -> None:
    key = _write_private_key(tmp_path, identity)
    message = tmp_path / "manifest.json"
    message.write_bytes(DATA)

    result = _ssh_keygen(
        "-Y", "sign", "-f", str(key), "-n", "voile-audit", *hash_option, str(message)
    )
    assert result.returncode == 0, result.stderr.decode()

    armored = (tmp_path / "manifest.json.sig").read_text()
    sshsig.verify(DATA, armored, identity.ssh_public)


def test_sign_accepts_key_made_by_ssh_keygen(tmp_path: Path) -> None:
    key = tmp_path / "key"
    result = _ssh_keygen("-q", "-t", "ed25519", "-N", "", "-C", "voile-u-0", "-f", str(key))
    assert result.returncode == 0, result.stderr.decode()
    public_line = (tmp_path / "key.pub").read_text()

    armored = sshsig.sign(DATA, key.read_bytes())

    sshsig.verify(DATA, armored, public_line)


def test_flipped_data_byte_fails(tmp_path: Path, identity: UserIdentity) -> None:
    armored = sshsig.sign(DATA, identity.ssh_private_pem)
    tampered = bytearray(DATA)
    tampered[3] ^= 0x01

    with pytest.raises(VerificationError) as raised:
        sshsig.verify(bytes(tampered), armored, identity.ssh_public)
    assert raised.value.key == "audit.sshsig.invalid"

    (tmp_path / "data.sig").write_text(armored)
    (tmp_path / "allowed_signers").write_text(allowed_signers_line(identity) + "\n")
    result = _ssh_keygen(
        "-Y", "verify",
        "-f", str(tmp_path / "allowed_signers"),
        "-I", identity.principal,
        "-n", "voile-audit",
        "-s", str(tmp_path / "data.sig"),
        stdin=bytes(tampered),
    )  # fmt: skip
    assert result.returncode != 0


def test_flipped_signature_byte_fails(identity: UserIdentity) -> None:
    armored = _flip_signature_byte(sshsig.sign(DATA, identity.ssh_private_pem))

    with pytest.raises(VerificationError) as raised:
        sshsig.verify(DATA, armored, identity.ssh_public)
    assert raised.value.key == "audit.sshsig.invalid"


def test_other_namespace_fails(identity: UserIdentity) -> None:
    armored = sshsig.sign(DATA, identity.ssh_private_pem, namespace="file")

    with pytest.raises(VerificationError) as raised:
        sshsig.verify(DATA, armored, identity.ssh_public)
    assert raised.value.key == "audit.sshsig.wrong_namespace"


def test_other_key_fails(authority: Authority, identity: UserIdentity) -> None:
    other = issue_identity(authority, "Autre personne", "voile-u-00000000")
    armored = sshsig.sign(DATA, identity.ssh_private_pem)

    with pytest.raises(VerificationError) as raised:
        sshsig.verify(DATA, armored, other.ssh_public)
    assert raised.value.key == "audit.sshsig.wrong_key"


@pytest.mark.parametrize(
    "armored",
    [
        "",
        "not a signature",
        "-----BEGIN SSH SIGNATURE-----\n!!!!\n-----END SSH SIGNATURE-----\n",
        "-----BEGIN SSH SIGNATURE-----\nU1NIU0lH\n-----END SSH SIGNATURE-----\n",
    ],
)
def test_malformed_signature_fails(identity: UserIdentity, armored: str) -> None:
    with pytest.raises(VerificationError) as raised:
        sshsig.verify(DATA, armored, identity.ssh_public)
    assert raised.value.key == "audit.sshsig.malformed"


def test_public_key_found_in_allowed_signers_line(identity: UserIdentity) -> None:
    line = allowed_signers_line(identity)

    assert sshsig.public_key_blob(line) == sshsig.public_key_blob(identity.ssh_public)
    with pytest.raises(VerificationError):
        sshsig.public_key_blob("voile-u-1 ssh-rsa AAAAB3NzaC1yc2E=")

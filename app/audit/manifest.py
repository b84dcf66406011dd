"""The audit manifest: RFC 8785 canonical JSON of the export facts, and file hashes."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

import rfc8785

MANIFEST_SUFFIX = ".manifest.json"
SIGNATURE_SUFFIX = ".manifest.json.sig"
SHEET_SUFFIX = ".audit.pdf"
ROOT_CERTIFICATE_NAME = "authority-root.pem"
ALLOWED_SIGNERS_NAME = "allowed_signers"
_CHUNK_SIZE = 1 << 20


def canonical_bytes(document: dict[str, Any]) -> bytes:
    """Serialize ``document`` as RFC 8785 (JCS) canonical JSON, UTF-8 encoded.

    Raises ``rfc8785.CanonicalizationError`` for values JSON cannot carry
    exactly: NaN, infinities and integers beyond 2**53.
    """
    return rfc8785.dumps(document)


def is_canonical(data: bytes) -> bool:
    """Return whether ``data`` is a JSON object already in RFC 8785 canonical form."""
    try:
        document = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        return False
    if not isinstance(document, dict):
        return False
    try:
        return canonical_bytes(document) == data
    except rfc8785.CanonicalizationError:
        return False


def sha256_file(path: Path) -> str:
    """Return the SHA-256 (hex) of a file, read in 1 MiB chunks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while chunk := handle.read(_CHUNK_SIZE):
            digest.update(chunk)
    return digest.hexdigest()


def build_manifest(
    signed_facts: dict[str, Any], sheet_name: str, sheet_sha256: str, sheet_size: int
) -> dict[str, Any]:
    """Return the manifest document: the signed facts plus the author-signed sheet's hash."""
    if "sheet" in signed_facts:
        raise ValueError("the facts must not contain a 'sheet' entry; the manifest adds it")
    return {
        **signed_facts,
        "sheet": {"file": sheet_name, "sha256": sheet_sha256, "size": sheet_size},
    }

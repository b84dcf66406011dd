"""Decrypt every page of a SQLCipher 4 database and of its WAL, live or freed, for byte searches.

Searching the decrypted pages shows whether bytes are still anywhere in the
files, including pages SQLite no longer uses and WAL frames a checkpoint made
obsolete, which SQL queries cannot see. Layout (SQLCipher 4 defaults, which the
vault uses with a raw key): 4096-byte pages whose last 80 bytes hold a 16-byte
IV and a 64-byte HMAC; page 1 keeps the 16-byte salt in clear at its start; the
page body is AES-256-CBC under the raw key. WAL frames carry a 24-byte header.
"""

from __future__ import annotations

from pathlib import Path

from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

PAGE_SIZE = 4096
RESERVE = 80
WAL_HEADER = 32
FRAME_HEADER = 24


def _decrypt_page(page: bytes, key: bytes, first: bool) -> bytes:
    start = 16 if first else 0
    iv = page[PAGE_SIZE - RESERVE:PAGE_SIZE - RESERVE + 16]
    decryptor = Cipher(algorithms.AES(key), modes.CBC(iv)).decryptor()
    return decryptor.update(page[start:PAGE_SIZE - RESERVE]) + decryptor.finalize()


def database_plaintext(path: Path, key: bytes) -> bytes:
    """Return the decrypted bytes of every page of the database file."""
    data = path.read_bytes() if path.exists() else b""
    pages = [_decrypt_page(data[offset:offset + PAGE_SIZE], key, offset == 0)
             for offset in range(0, len(data) - PAGE_SIZE + 1, PAGE_SIZE)]
    return b"".join(pages)


def wal_plaintext(path: Path, key: bytes) -> bytes:
    """Return the decrypted bytes of every frame in the database's WAL, valid or not."""
    wal = path.with_name(path.name + "-wal")
    data = wal.read_bytes() if wal.exists() else b""
    pages = []
    position = WAL_HEADER
    while position + FRAME_HEADER + PAGE_SIZE <= len(data):
        page_number = int.from_bytes(data[position:position + 4], "big")
        frame = data[position + FRAME_HEADER:position + FRAME_HEADER + PAGE_SIZE]
        pages.append(_decrypt_page(frame, key, page_number == 1))
        position += FRAME_HEADER + PAGE_SIZE
    return b"".join(pages)

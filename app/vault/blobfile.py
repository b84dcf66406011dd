"""Encrypted, write-once files of the vault (chunked AES-256-GCM).

Layout: a 64-byte header, then chunks of ``2**chunk_exponent`` plaintext bytes,
each stored as ciphertext followed by a 16-byte GCM tag.

Header: magic ``VOILEBLB`` (8), format version (1), algorithm (1, 1 = AES-256-GCM),
chunk-size exponent (1), reserved zeros (5), random file id (16), zero padding
to 64 bytes. The whole header is the associated data of every chunk, so editing
it breaks every chunk.

The content key is HKDF-SHA256(file key, salt = file id). The nonce of chunk
``i`` is ``i`` as 11 big-endian bytes followed by a flag byte that is 1 on the
last chunk only. Because of that flag and the counter, truncation, reordering,
and splicing chunks between files all fail authentication. A plaintext whose
length is a non-zero multiple of the chunk size ends with a full last chunk; an
empty plaintext is stored as one empty last chunk.
"""

from __future__ import annotations

import io
import os
import secrets
import struct
from collections import OrderedDict
from pathlib import Path
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from app.errors import TamperedError, VaultError

MAGIC = b"VOILEBLB"
FORMAT_VERSION = 1
ALGORITHM_AES256_GCM = 1
HEADER_SIZE = 64
TAG_SIZE = 16
DEFAULT_CHUNK_EXPONENT = 20  # 1 MiB
_HEADER_STRUCT = struct.Struct(">8sBBB5s16s")


def _content_key(file_key: bytes, file_id: bytes) -> AESGCM:
    derived = HKDF(algorithm=hashes.SHA256(), length=32, salt=file_id,
                   info=b"voile blob content v1").derive(file_key)
    return AESGCM(derived)


def _nonce(index: int, last: bool) -> bytes:
    return index.to_bytes(11, "big") + (b"\x01" if last else b"\x00")


def _build_header(file_id: bytes, chunk_exponent: int) -> bytes:
    packed = _HEADER_STRUCT.pack(MAGIC, FORMAT_VERSION, ALGORITHM_AES256_GCM, chunk_exponent,
                                 bytes(5), file_id)
    return packed.ljust(HEADER_SIZE, b"\x00")


class BlobWriter:
    """Stream plaintext into a new encrypted file; the file appears only on ``close``.

    Data goes to a temporary file beside the destination, which is fsynced and
    renamed when ``close`` succeeds. ``abort`` (or an exception inside a ``with``
    block) removes the temporary file, so a half-written blob never exists under
    its final name.
    """

    def __init__(self, path: Path, file_key: bytes, chunk_exponent: int = DEFAULT_CHUNK_EXPONENT):
        if path.exists():
            raise VaultError("vault.object_exists", object=path.name)
        self.path = path
        self._temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        self._file_id = secrets.token_bytes(16)
        self._chunk_size = 1 << chunk_exponent
        self._header = _build_header(self._file_id, chunk_exponent)
        self._aead = _content_key(file_key, self._file_id)
        self._buffer = bytearray()
        self._index = 0
        self._plaintext_length = 0
        self._handle: BinaryIO | None = open(self._temp, "xb")  # noqa: SIM115 - closed in close/abort
        self._handle.write(self._header)

    def write(self, data: bytes | bytearray | memoryview) -> int:
        self._buffer.extend(data)
        self._plaintext_length += len(data)
        # Keep at least one byte back, so the last chunk is known when close() runs.
        while len(self._buffer) > self._chunk_size:
            self._write_chunk(bytes(self._buffer[: self._chunk_size]), last=False)
            del self._buffer[: self._chunk_size]
        return len(data)

    def _write_chunk(self, plaintext: bytes, last: bool) -> None:
        assert self._handle is not None
        self._handle.write(self._aead.encrypt(_nonce(self._index, last), plaintext, self._header))
        self._index += 1

    @property
    def plaintext_length(self) -> int:
        return self._plaintext_length

    def close(self) -> None:
        if self._handle is None:
            return
        self._write_chunk(bytes(self._buffer), last=True)
        self._buffer.clear()
        self._handle.flush()
        os.fsync(self._handle.fileno())
        self._handle.close()
        self._handle = None
        if self.path.exists():
            self._temp.unlink(missing_ok=True)
            raise VaultError("vault.object_exists", object=self.path.name)
        os.replace(self._temp, self.path)

    def abort(self) -> None:
        if self._handle is not None:
            self._handle.close()
            self._handle = None
        self._temp.unlink(missing_ok=True)

    def __enter__(self) -> BlobWriter:
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        if exc_type is None:
            self.close()
        else:
            self.abort()


def write_blob(path: Path, file_key: bytes, data: bytes) -> None:
    with BlobWriter(path, file_key) as writer:
        writer.write(data)


class BlobReader(io.RawIOBase):
    """Seekable decrypting reader over an encrypted blob.

    ``av.open(reader)`` can play and seek through it. Every chunk is
    authenticated before its bytes are returned; the last chunk is checked when
    the file is opened, so a truncated file fails at once. A small LRU cache of
    decrypted chunks makes the small backward seeks of demuxers cheap.
    """

    def __init__(self, path: Path, file_key: bytes, object_id: str = "", cache_chunks: int = 4):
        super().__init__()
        self._object_id = object_id or path.name
        self._handle = open(path, "rb")  # noqa: SIM115 - closed in close()
        try:
            header = self._handle.read(HEADER_SIZE)
            if len(header) != HEADER_SIZE:
                raise TamperedError("vault.blob_truncated", object=self._object_id)
            magic, version, algorithm, exponent, _reserved, file_id = _HEADER_STRUCT.unpack(
                header[: _HEADER_STRUCT.size])
            if magic != MAGIC or version != FORMAT_VERSION or algorithm != ALGORITHM_AES256_GCM \
                    or not 12 <= exponent <= 26:
                raise TamperedError("vault.blob_bad_header", object=self._object_id)
            self._header = header
            self._chunk_size = 1 << exponent
            self._stored_chunk = self._chunk_size + TAG_SIZE
            self._aead = _content_key(file_key, file_id)
            body = os.fstat(self._handle.fileno()).st_size - HEADER_SIZE
            if body < TAG_SIZE:
                raise TamperedError("vault.blob_truncated", object=self._object_id)
            self._chunk_count = (body + self._stored_chunk - 1) // self._stored_chunk
            last_stored = body - (self._chunk_count - 1) * self._stored_chunk
            if last_stored < TAG_SIZE:
                raise TamperedError("vault.blob_truncated", object=self._object_id)
            self._length = (self._chunk_count - 1) * self._chunk_size + last_stored - TAG_SIZE
            self._cache: OrderedDict[int, bytes] = OrderedDict()
            self._cache_chunks = cache_chunks
            self._position = 0
            self._chunk(self._chunk_count - 1)  # authenticate the end now: detects truncation
        except BaseException:
            self._handle.close()
            raise

    @property
    def length(self) -> int:
        return self._length

    def _chunk(self, index: int) -> bytes:
        cached = self._cache.get(index)
        if cached is not None:
            self._cache.move_to_end(index)
            return cached
        self._handle.seek(HEADER_SIZE + index * self._stored_chunk)
        stored = self._handle.read(self._stored_chunk)
        last = index == self._chunk_count - 1
        try:
            plaintext = self._aead.decrypt(_nonce(index, last), stored, self._header)
        except InvalidTag:
            raise TamperedError("vault.blob_tampered", object=self._object_id, chunk=index) from None
        self._cache[index] = plaintext
        if len(self._cache) > self._cache_chunks:
            self._cache.popitem(last=False)
        return plaintext

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def tell(self) -> int:
        return self._position

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        if whence == io.SEEK_SET:
            target = offset
        elif whence == io.SEEK_CUR:
            target = self._position + offset
        elif whence == io.SEEK_END:
            target = self._length + offset
        else:
            raise ValueError(f"invalid whence {whence}")
        if target < 0:
            raise ValueError("negative seek position")
        self._position = target
        return target

    def readinto(self, buffer: memoryview | bytearray) -> int:  # type: ignore[override]
        view = memoryview(buffer).cast("B")
        written = 0
        while written < len(view) and self._position < self._length:
            index, offset = divmod(self._position, self._chunk_size)
            chunk = self._chunk(index)
            take = min(len(chunk) - offset, len(view) - written)
            view[written : written + take] = chunk[offset : offset + take]
            written += take
            self._position += take
        return written

    def read_all(self) -> bytes:
        self.seek(0)
        return self.readall()

    def close(self) -> None:
        if not self.closed:
            self._handle.close()
            self._cache.clear()
        super().close()

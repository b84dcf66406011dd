import io
import secrets
from pathlib import Path

import pytest

from app.errors import TamperedError
from app.vault.blobfile import HEADER_SIZE, TAG_SIZE, BlobReader, BlobWriter

CHUNK_EXPONENT = 12  # 4 KiB chunks keep these tests small and still cross many chunk borders
CHUNK = 1 << CHUNK_EXPONENT


def write(path: Path, key: bytes, data: bytes) -> None:
    with BlobWriter(path, key, chunk_exponent=CHUNK_EXPONENT) as writer:
        for start in range(0, len(data), 1000):
            writer.write(data[start : start + 1000])


@pytest.mark.parametrize("size", [0, 1, CHUNK - 1, CHUNK, CHUNK + 1, 3 * CHUNK, 3 * CHUNK + 17])
def test_roundtrip_sizes(tmp_path: Path, size: int) -> None:
    key = secrets.token_bytes(32)
    data = secrets.token_bytes(size)
    write(tmp_path / "b", key, data)
    with BlobReader(tmp_path / "b", key) as reader:
        assert reader.length == size
        assert reader.read() == data


def test_seek_and_partial_reads(tmp_path: Path) -> None:
    key = secrets.token_bytes(32)
    data = secrets.token_bytes(5 * CHUNK + 123)
    write(tmp_path / "b", key, data)
    buffered = io.BufferedReader(BlobReader(tmp_path / "b", key))
    for offset, length in [(0, 10), (CHUNK - 5, 10), (3 * CHUNK + 1, 2 * CHUNK), (len(data) - 3, 50)]:
        buffered.seek(offset)
        assert buffered.read(length) == data[offset : offset + length]
    buffered.seek(-7, io.SEEK_END)
    assert buffered.read() == data[-7:]


def test_plaintext_never_on_disk(tmp_path: Path) -> None:
    key = secrets.token_bytes(32)
    marker = b"PATIENT-Helene-DAngelo-IPP-0047113" * 200
    write(tmp_path / "b", key, marker)
    stored = (tmp_path / "b").read_bytes()
    assert b"PATIENT" not in stored
    assert not list(tmp_path.glob(".*.tmp"))


def test_wrong_key_fails(tmp_path: Path) -> None:
    write(tmp_path / "b", secrets.token_bytes(32), b"x" * 100)
    with pytest.raises(TamperedError):
        BlobReader(tmp_path / "b", secrets.token_bytes(32))


@pytest.mark.parametrize("offset", [0, 20, HEADER_SIZE + 5, HEADER_SIZE + CHUNK + TAG_SIZE + 3, -1])
def test_flipped_byte_fails(tmp_path: Path, offset: int) -> None:
    key = secrets.token_bytes(32)
    data = secrets.token_bytes(3 * CHUNK)
    path = tmp_path / "b"
    write(path, key, data)
    raw = bytearray(path.read_bytes())
    raw[offset] ^= 0x01
    path.write_bytes(bytes(raw))
    with pytest.raises(TamperedError):
        with BlobReader(path, key) as reader:
            reader.read()


@pytest.mark.parametrize("cut", [1, TAG_SIZE, CHUNK + TAG_SIZE, CHUNK + TAG_SIZE + 100])
def test_truncation_detected_at_open(tmp_path: Path, cut: int) -> None:
    key = secrets.token_bytes(32)
    path = tmp_path / "b"
    write(path, key, secrets.token_bytes(3 * CHUNK + 50))
    raw = path.read_bytes()
    path.write_bytes(raw[:-cut])
    with pytest.raises(TamperedError):
        BlobReader(path, key)


def test_chunks_swapped_between_files_fail(tmp_path: Path) -> None:
    key = secrets.token_bytes(32)
    first, second = tmp_path / "a", tmp_path / "b"
    write(first, key, b"a" * (2 * CHUNK))
    write(second, key, b"b" * (2 * CHUNK))
    spliced = bytearray(first.read_bytes())
    start = HEADER_SIZE
    spliced[start : start + CHUNK + TAG_SIZE] = second.read_bytes()[start : start + CHUNK + TAG_SIZE]
    first.write_bytes(bytes(spliced))
    with pytest.raises(TamperedError):
        with BlobReader(first, key) as reader:
            reader.read()


def test_reordered_chunks_fail(tmp_path: Path) -> None:
    key = secrets.token_bytes(32)
    path = tmp_path / "b"
    write(path, key, b"0" * CHUNK + b"1" * CHUNK + b"2" * 10)
    raw = path.read_bytes()
    size = CHUNK + TAG_SIZE
    body = raw[HEADER_SIZE:]
    swapped = raw[:HEADER_SIZE] + body[size : 2 * size] + body[:size] + body[2 * size :]
    path.write_bytes(swapped)
    with pytest.raises(TamperedError):
        with BlobReader(path, key) as reader:
            reader.read()


def test_aborted_writer_leaves_nothing(tmp_path: Path) -> None:
    path = tmp_path / "b"
    with pytest.raises(RuntimeError):
        with BlobWriter(path, secrets.token_bytes(32), chunk_exponent=CHUNK_EXPONENT) as writer:
            writer.write(b"x" * 10_000)
            raise RuntimeError("cancelled")
    assert list(tmp_path.iterdir()) == []


def test_writer_refuses_existing_file(tmp_path: Path) -> None:
    from app.errors import VaultError

    path = tmp_path / "b"
    path.write_bytes(b"old")
    with pytest.raises(VaultError):
        BlobWriter(path, secrets.token_bytes(32))
    assert path.read_bytes() == b"old"

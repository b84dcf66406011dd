"""Tests for the container metadata walker, on real samples and on files encoded with PyAV."""

from __future__ import annotations

import io
import json
import struct
from pathlib import Path

import av
import numpy as np
import pytest

from app.errors import MediaError
from app.export.containercheck import (
    CLEAN_MP4_MUXER_OPTIONS,
    KINDS,
    Finding,
    allowed_findings_for_export,
    export_findings,
    inspect_container,
    kind_label,
)
from app.paths import resource_path

SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"
METADATA_SAMPLES = SAMPLES / "metadata"
BAD_SAMPLES = SAMPLES / "bad"


def _sample(folder: Path, name: str) -> Path:
    if not folder.is_dir():
        pytest.skip(f"sample folder {folder} is missing")
    return folder / name


def _kinds(findings: list[Finding]) -> set[str]:
    return {finding.kind for finding in findings}


# --- Real samples -------------------------------------------------------------------------

EXPECTED_KINDS = {
    "meta.mov": {"gps", "device", "creation_date", "software", "timed_metadata_track"},
    "gopro_karma.mp4": {"telemetry_track", "serial", "device", "creation_date"},
    "mkv_640x360.mkv": {"software", "creation_date"},
    "RIFF.avi": {"creation_date", "software", "xmp"},
    "QuickTime.mov": {"author", "comment", "device", "title", "xmp", "attachment"},
}


@pytest.mark.parametrize("name", sorted(EXPECTED_KINDS))
def test_sample_yields_expected_kinds(name: str) -> None:
    findings = inspect_container(_sample(METADATA_SAMPLES, name))

    missing = EXPECTED_KINDS[name] - _kinds(findings)
    assert not missing, f"{name}: kinds not found: {sorted(missing)}"
    assert _kinds(findings) <= KINDS


@pytest.mark.parametrize(
    ("name", "finding"),
    [
        ("meta.mov", Finding("gps", "moov/meta/ilst/com.apple.quicktime.location.ISO6709")),
        ("meta.mov", Finding("device", "moov/meta/ilst/com.apple.quicktime.make")),
        ("meta.mov", Finding("creation_date", "moov/mvhd")),
        ("meta.mov", Finding("timed_metadata_track", "moov/trak[3](mebx)")),
        ("gopro_karma.mp4", Finding("telemetry_track", "moov/trak[4](gpmd)")),
        ("gopro_karma.mp4", Finding("serial", "moov/udta/CAME")),
        ("gopro_karma.mp4", Finding("serial", "moov/udta/MUID")),
        ("gopro_karma.mp4", Finding("timecode_track", "moov/trak[3](tmcd)")),
        ("gopro_karma.mp4", Finding("track_name", "moov/trak[1]/mdia/hdlr")),
        ("mkv_640x360.mkv", Finding("software", "Tags/Tag[1]/ENCODER")),
        ("mkv_640x360.mkv", Finding("creation_date", "Info/DateUTC")),
        ("RIFF.avi", Finding("creation_date", "RIFF(AVI )/LIST(hdrl)/IDIT")),
        ("RIFF.avi", Finding("software", "RIFF(AVI )/LIST(INFO)/ISFT")),
        ("QuickTime.mov", Finding("author", "moov/udta/©ART")),
        ("QuickTime.mov", Finding("xmp", "moov/udta/XMP_")),
        ("QuickTime.mov", Finding("attachment", "moov/udta/meta/ilst/covr")),
    ],
)
def test_sample_finding_location(name: str, finding: Finding) -> None:
    findings = inspect_container(_sample(METADATA_SAMPLES, name))

    assert finding in findings


def test_gopro_technical_tags_not_reported() -> None:
    findings = inspect_container(_sample(METADATA_SAMPLES, "gopro_karma.mp4"))
    locations = {finding.where for finding in findings}

    # iods and the zero-filled free boxes in udta carry nothing.
    assert "moov/iods" not in locations
    assert "moov/udta/free" not in locations


@pytest.mark.parametrize(
    ("name", "values"),
    [
        ("meta.mov", ["Apple", "iPhone", "12.1.2", "+27.1281", "2019-02-12"]),
        ("gopro_karma.mp4", ["HD5.02", "LAE6101112400243", "GoPro"]),
        ("mkv_640x360.mkv", ["Lavf"]),
        ("RIFF.avi", ["Canon", "Mar 10", "Phil Harvey", "Alternate Scene"]),
        ("QuickTime.mov", ["PENTAX", "årtist", "ålbum", "2010", "lyrics", "Genré"]),
    ],
)
def test_findings_omit_values(name: str, values: list[str]) -> None:
    findings = inspect_container(_sample(METADATA_SAMPLES, name))

    for finding in findings:
        for value in values:
            assert value not in finding.where, f"{finding} shows a metadata value"


def test_ffmpeg_written_tags_found() -> None:
    # An MP4 written by an older FFmpeg with title, copyright and description items.
    findings = inspect_container(_sample(BAD_SAMPLES, "invalid_userdata.mp4"))

    assert _kinds(findings) == {"title", "software", "author", "comment", "user_data"}


# --- Truncated and unrecognised files -----------------------------------------------------


@pytest.mark.parametrize("name", sorted(EXPECTED_KINDS))
def test_truncated_sample_raises(name: str, tmp_path: Path) -> None:
    data = _sample(METADATA_SAMPLES, name).read_bytes()

    for cut in (4, len(data) // 3, len(data) // 2, len(data) - 20):
        truncated = tmp_path / f"cut_{cut}_{name}"
        truncated.write_bytes(data[:cut])
        with pytest.raises(MediaError) as raised:
            inspect_container(truncated)
        offset = raised.value.params["offset"]
        assert raised.value.key == "containercheck.unparsable"
        assert isinstance(offset, int)
        assert 0 <= offset <= cut


@pytest.mark.parametrize("name", ["RIFF.avi", "QuickTime.mov"])
def test_every_cut_raises_only_media_error(name: str) -> None:
    data = _sample(METADATA_SAMPLES, name).read_bytes()
    complete = inspect_container(io.BytesIO(data))

    parsed_cuts = []
    for cut in range(len(data)):
        try:
            findings = inspect_container(io.BytesIO(data[:cut]))
        except MediaError:
            continue
        parsed_cuts.append(cut)
        assert set(findings) <= set(complete), f"cut at {cut} reports new findings"
    # Only a cut at a chunk or box boundary after the required structure may parse.
    assert len(parsed_cuts) <= 3, f"cuts that parsed: {parsed_cuts}"


@pytest.mark.parametrize("name", ["fuzz_minimized.mp4", "text_named_mp4.mp4", "truncated.mkv"])
def test_bad_sample_raises(name: str) -> None:
    with pytest.raises(MediaError):
        inspect_container(_sample(BAD_SAMPLES, name))


def test_unparsable_message_translated() -> None:
    error = MediaError("containercheck.unparsable", offset=1234)

    assert "1234" in error.message("en")
    assert "1234" in error.message("fr")
    assert "octet" in error.message("fr")


# --- Stream types -------------------------------------------------------------------------


class _ShortReadFile(io.RawIOBase):
    """A raw stream over bytes that returns at most 7 bytes per read, like a chunked reader."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self._position = 0

    def readable(self) -> bool:
        return True

    def seekable(self) -> bool:
        return True

    def readinto(self, buffer: memoryview) -> int:  # type: ignore[override]
        chunk = self._data[self._position : self._position + min(len(buffer), 7)]
        buffer[: len(chunk)] = chunk
        self._position += len(chunk)
        return len(chunk)

    def seek(self, offset: int, whence: int = io.SEEK_SET) -> int:
        base = {io.SEEK_SET: 0, io.SEEK_CUR: self._position, io.SEEK_END: len(self._data)}
        self._position = base[whence] + offset
        return self._position

    def tell(self) -> int:
        return self._position


@pytest.mark.parametrize("name", ["meta.mov", "mkv_640x360.mkv", "RIFF.avi"])
def test_raw_and_buffered_streams(name: str) -> None:
    path = _sample(METADATA_SAMPLES, name)
    expected = inspect_container(path)
    data = path.read_bytes()

    raw = _ShortReadFile(data)
    raw.seek(5)
    assert inspect_container(raw) == expected
    assert raw.tell() == 5

    buffered = io.BufferedReader(_ShortReadFile(data))
    assert inspect_container(buffered) == expected
    assert buffered.tell() == 0


# --- Files written by PyAV ----------------------------------------------------------------


def _encode(
    path: Path,
    container_format: str = "mp4",
    container_options: dict[str, str] | None = None,
    metadata: dict[str, str] | None = None,
    stream_metadata: dict[str, str] | None = None,
) -> Path:
    """Encode 10 flat 64×48 frames with libx264."""
    with av.open(
        str(path), "w", format=container_format, container_options=container_options or {}
    ) as container:
        container.metadata.update(metadata or {})
        stream = container.add_stream("libx264", rate=25)
        stream.width, stream.height, stream.pix_fmt = 64, 48, "yuv420p"
        stream.metadata.update(stream_metadata or {})
        for index in range(10):
            pixels = np.full((48, 64, 3), index * 20, dtype=np.uint8)
            frame = av.VideoFrame.from_ndarray(pixels, format="rgb24")
            container.mux(stream.encode(frame))
        container.mux(stream.encode(None))
    return path


def test_clean_export_has_no_findings(tmp_path: Path) -> None:
    path = _encode(tmp_path / "clean.mp4", container_options=CLEAN_MP4_MUXER_OPTIONS)

    assert export_findings(path) == []
    with av.open(str(path)) as container:
        assert sum(1 for _ in container.decode(video=0)) == 10


def test_default_muxer_writes_encoder_tag(tmp_path: Path) -> None:
    path = _encode(tmp_path / "default.mp4")

    assert export_findings(path) == [Finding("software", "moov/udta/meta/ilst/©too")]


def test_export_title_caught(tmp_path: Path) -> None:
    path = _encode(
        tmp_path / "titled.mp4", container_options=CLEAN_MP4_MUXER_OPTIONS, metadata={"title": "x"}
    )

    assert export_findings(path) == [Finding("title", "moov/udta/meta/ilst/©nam")]


def test_export_creation_time_caught(tmp_path: Path) -> None:
    path = _encode(
        tmp_path / "dated.mp4",
        container_options=CLEAN_MP4_MUXER_OPTIONS,
        metadata={"creation_time": "2024-01-02T03:04:05Z"},
    )

    findings = export_findings(path)

    assert Finding("creation_date", "moov/mvhd") in findings
    assert Finding("creation_date", "moov/trak[1]/tkhd") in findings
    assert Finding("creation_date", "moov/trak[1]/mdia/mdhd") in findings


def test_export_copied_stream_tags_caught(tmp_path: Path) -> None:
    path = _encode(
        tmp_path / "copied.mp4",
        container_options=CLEAN_MP4_MUXER_OPTIONS,
        stream_metadata={"handler_name": "GoPro AVC", "encoder": "GoPro AVC encoder"},
    )

    findings = export_findings(path)

    assert Finding("track_name", "moov/trak[1]/mdia/hdlr") in findings
    assert Finding("software", "moov/trak[1]/mdia/minf/stbl/stsd/avc1") in findings


def test_fragmented_export_has_no_findings(tmp_path: Path) -> None:
    options = {**CLEAN_MP4_MUXER_OPTIONS, "movflags": "+frag_keyframe+empty_moov"}
    path = _encode(tmp_path / "fragmented.mp4", container_options=options)

    assert export_findings(path) == []


def test_matroska_title_found(tmp_path: Path) -> None:
    path = _encode(tmp_path / "titled.mkv", container_format="matroska", metadata={"title": "x"})

    findings = inspect_container(path)

    assert Finding("title", "Info/Title") in findings
    assert Finding("software", "Info/MuxingApp") in findings


def test_avi_title_found(tmp_path: Path) -> None:
    path = _encode(tmp_path / "titled.avi", container_format="avi", metadata={"title": "x"})

    findings = inspect_container(path)

    assert Finding("title", "RIFF(AVI )/LIST(INFO)/INAM") in findings
    assert Finding("software", "RIFF(AVI )/LIST(INFO)/ISFT") in findings


# --- Hand-built ISO-BMFF and EBML structures -----------------------------------------------


def _box(box_type: bytes, payload: bytes = b"") -> bytes:
    return struct.pack(">I4s", 8 + len(payload), box_type) + payload


def _minimal_movie() -> bytes:
    return _box(b"ftyp", b"isom\x00\x00\x02\x00isom") + _box(b"moov", _box(b"mvhd", bytes(100)))


def test_iso_64bit_and_open_ended_sizes() -> None:
    large_mdat = struct.pack(">I4sQ", 1, b"mdat", 16 + 5) + b"media"
    open_ended_mdat = struct.pack(">I4s", 0, b"mdat") + b"more media"

    findings = inspect_container(io.BytesIO(_minimal_movie() + large_mdat + open_ended_mdat))

    assert findings == []


def test_iso_truncated_64bit_size_raises() -> None:
    large_mdat = struct.pack(">I4sQ", 1, b"mdat", 1000) + b"media"

    with pytest.raises(MediaError):
        inspect_container(io.BytesIO(_minimal_movie() + large_mdat))


def test_iso_missing_movie_raises() -> None:
    data = _box(b"ftyp", b"isom\x00\x00\x02\x00isom") + _box(b"mdat", b"media")

    with pytest.raises(MediaError):
        inspect_container(io.BytesIO(data))


def test_iso_uuid_and_padding_boxes() -> None:
    xmp = _box(b"uuid", bytes.fromhex("be7acfcb97a942e89c71999491e3afac") + b"<x:xmpmeta/>")
    other = _box(b"uuid", bytes(range(16)) + b"payload")
    clean_free = _box(b"free", bytes(16))
    dirty_free = _box(b"free", b"old title")

    data = _minimal_movie() + xmp + other + clean_free + dirty_free
    findings = inspect_container(io.BytesIO(data))

    assert findings == [
        Finding("xmp", "uuid"),
        Finding("unknown_box", f"uuid[{bytes(range(16)).hex()}]"),
        Finding("unknown_box", "free"),
    ]


def _ebml(element_id: bytes, payload: bytes = b"", unknown_size: bool = False) -> bytes:
    """Build an EBML element with an 8-byte size field (all ones: unknown size)."""
    known_size = (1 << 56 | len(payload)).to_bytes(8, "big")
    size = b"\x01" + b"\xff" * 7 if unknown_size else known_size
    return element_id + size + payload


def test_matroska_unknown_size_segment_and_cluster() -> None:
    header = _ebml(b"\x1a\x45\xdf\xa3", _ebml(b"\x42\x82", b"webm"))
    info = _ebml(b"\x15\x49\xa9\x66", _ebml(b"\x7b\xa9", b"title"))
    cluster = _ebml(b"\x1f\x43\xb6\x75", _ebml(b"\xe7", b"\x00") + _ebml(b"\xa3", b"block"), True)
    simple_tag = _ebml(b"\x67\xc8", _ebml(b"\x45\xa3", b"ARTIST") + _ebml(b"\x44\x87", b"x"))
    tags = _ebml(b"\x12\x54\xc3\x67", _ebml(b"\x73\x73", simple_tag))
    segment = _ebml(b"\x18\x53\x80\x67", info + cluster + tags, True)

    findings = inspect_container(io.BytesIO(header + segment))

    assert findings == [Finding("title", "Info/Title"), Finding("author", "Tags/Tag[1]/ARTIST")]


def test_matroska_unknown_doctype_raises() -> None:
    header = _ebml(b"\x1a\x45\xdf\xa3", _ebml(b"\x42\x82", b"other"))
    segment = _ebml(b"\x18\x53\x80\x67", b"")

    with pytest.raises(MediaError):
        inspect_container(io.BytesIO(header + segment))


# --- Export policy and labels -------------------------------------------------------------


def test_export_allows_no_kind() -> None:
    assert allowed_findings_for_export() == frozenset()


def test_every_kind_has_labels() -> None:
    catalogue_path = resource_path("i18n", "messages", "containercheck.json")
    catalogue = json.loads(catalogue_path.read_text(encoding="utf-8"))

    for kind in KINDS:
        texts = catalogue[f"containercheck.kind.{kind}"]
        assert texts["en"]
        assert texts["fr"]
        assert kind_label(kind, "fr") == texts["fr"]

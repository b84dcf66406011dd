"""Find identifying metadata in media containers by walking their boxes, elements and chunks.

PyAV's tag view misses QuickTime ``udta`` atoms, ``uuid``/XMP boxes and telemetry tracks such
as GoPro GPMF, so this module parses ISO-BMFF (MP4, MOV), Matroska/WebM and RIFF (AVI)
structures itself. It is used twice: on the source, to list the kinds of metadata that the
export removes, and on the export, to prove that none remains (any finding blocks release).

A finding names a kind and a location (box, element or chunk path), never a value. The walker
reads only headers and the small boxes whose layout gives the kind. It puts a writer-chosen key
in a location only when the key is one of the known names listed here.
"""

from __future__ import annotations

import io
import logging
import os
import struct
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from app.errors import MediaError
from app.i18n import tr

logger = logging.getLogger(__name__)

KINDS: frozenset[str] = frozenset(
    {
        "gps",
        "device",
        "serial",
        "creation_date",
        "user_data",
        "xmp",
        "telemetry_track",
        "timed_metadata_track",
        "software",
        "author",
        "comment",
        "title",
        "unknown_box",
        "chapter_text",
        "track_name",
        "text_track",
        "timecode_track",
        "attachment",
        "file_name",
    }
)

# Muxer options for PyAV's MP4 output (``av.open(path, "w", format="mp4",
# container_options=CLEAN_MP4_MUXER_OPTIONS)``). With PyAV 18.1 and libavformat 62.12, the
# muxer writes moov/udta/meta/ilst/©too = "Lavf<version>" unless these options are set. With
# them the ilst stays empty, and mvhd/tkhd/mdhd times stay 0 unless a creation_time is set.
CLEAN_MP4_MUXER_OPTIONS: dict[str, str] = {"fflags": "+bitexact"}

# Upper bound on bytes read from one small box, element or chunk (hdlr, keys, tag name).
_SMALL_READ_LIMIT = 64 * 1024
# Largest free/skip/Void padding whose bytes are checked to be zero. A larger padding box
# is reported as unknown_box because it could hold leftover metadata.
_PADDING_CHECK_LIMIT = 1024 * 1024


@dataclass(frozen=True)
class Finding:
    """One piece of identifying metadata: its kind (see ``KINDS``) and location, not its value."""

    kind: str
    where: str


class SeekableBinary(Protocol):
    """A seekable binary stream: a file, an ``io.BufferedReader`` or an ``io.RawIOBase``."""

    def read(self, size: int = -1, /) -> bytes | None: ...

    def seek(self, offset: int, whence: int = 0, /) -> int: ...

    def tell(self) -> int: ...


def inspect_container(source: SeekableBinary | str | os.PathLike[str]) -> list[Finding]:
    """List the identifying metadata in an MP4/MOV, Matroska/WebM or AVI file, in file order.

    ``source`` is a path or a seekable binary stream, whose position is restored afterwards.
    Raises ``MediaError("containercheck.unparsable", offset=...)`` when the container is not
    recognised, truncated or malformed. ``OSError`` from opening or reading passes through.
    """
    if isinstance(source, str | os.PathLike):
        with open(source, "rb") as handle:
            return _inspect_stream(handle)

    position = source.tell()
    try:
        return _inspect_stream(source)
    finally:
        source.seek(position)


def allowed_findings_for_export() -> frozenset[str]:
    """Return the finding kinds tolerated in a Voile export: none.

    With ``CLEAN_MP4_MUXER_OPTIONS`` the MP4 muxer writes no encoder tag (``©too``), so
    there is no reason to tolerate a software finding either.
    """
    return frozenset()


def export_findings(path: Path) -> list[Finding]:
    """List the findings in an export that block its release."""
    allowed = allowed_findings_for_export()
    return [finding for finding in inspect_container(path) if finding.kind not in allowed]


def kind_label(kind: str, language: str | None = None) -> str:
    """Return the translated label of a finding kind, for the audit sheet."""
    return tr(f"containercheck.kind.{kind}", language)


def _unparsable(offset: int) -> MediaError:
    return MediaError("containercheck.unparsable", offset=offset)


class _Reader:
    """Reader of exact byte ranges that raises ``MediaError`` when a range runs past the end."""

    def __init__(self, stream: SeekableBinary) -> None:
        self._stream = stream
        self.size = stream.seek(0, io.SEEK_END)

    def read_at(self, offset: int, length: int) -> bytes:
        if offset < 0 or length < 0 or offset + length > self.size:
            raise _unparsable(offset)
        self._stream.seek(offset)

        # io.RawIOBase.read may return fewer bytes than requested before the end.
        parts: list[bytes] = []
        remaining = length
        while remaining > 0:
            chunk = self._stream.read(remaining)
            if not chunk:
                raise _unparsable(offset + length - remaining)
            parts.append(chunk)
            remaining -= len(chunk)
        return b"".join(parts)

    def is_zero_filled(self, offset: int, length: int) -> bool:
        position = offset
        end = offset + length
        while position < end:
            step = min(_SMALL_READ_LIMIT, end - position)
            if any(self.read_at(position, step)):
                return False
            position += step
        return True


class _Findings:
    def __init__(self) -> None:
        self.items: list[Finding] = []

    def add(self, kind: str, where: str) -> None:
        if kind not in KINDS:
            raise ValueError(f"unknown finding kind {kind!r}")
        self.items.append(Finding(kind, where))


def _inspect_stream(stream: SeekableBinary) -> list[Finding]:
    reader = _Reader(stream)
    if reader.size < 8:
        raise _unparsable(0)
    head = reader.read_at(0, 8)

    inspector: _IsoBmffInspector | _MatroskaInspector | _RiffInspector
    if head[:4] == _EBML_MAGIC:
        inspector = _MatroskaInspector(reader)
    elif head[:4] == b"RIFF":
        inspector = _RiffInspector(reader)
    elif head[4:8] in _ISO_FIRST_BOX_TYPES:
        inspector = _IsoBmffInspector(reader)
    else:
        raise _unparsable(0)

    findings = inspector.inspect()
    logger.debug(
        "Inspected %s container of %d bytes: %d findings",
        inspector.format_name,
        reader.size,
        len(findings),
    )
    return findings


def _fourcc_text(code: bytes) -> str:
    """Render a box or chunk type as text when it is printable ASCII or ©, else as hex."""
    if all(0x20 <= byte < 0x7F or byte == 0xA9 for byte in code):
        return code.decode("latin-1")
    return "0x" + code.hex()


# --- Kinds of named tags, shared by QuickTime keys, Matroska tags and iTunes items --------

_TAG_NAME_PREFIXES = ("com.apple.quicktime.", "com.android.", "com.apple.")

# Names are compared in lower case after removing one of the prefixes above.
_TAG_NAME_KINDS: dict[str, str | None] = {
    # Technical tags written by muxers describe the streams, not the recording.
    "duration": None,
    "bps": None,
    "number_of_frames": None,
    "number_of_bytes": None,
    "_statistics_tags": None,
    "language": None,
    "major_brand": None,
    "minor_version": None,
    "compatible_brands": None,
    # Location.
    "location": "gps",
    "location.iso6709": "gps",
    "location.name": "gps",
    "location.body": "gps",
    "location.note": "gps",
    "location.role": "gps",
    "location.date": "gps",
    "recording_location": "gps",
    "composition_location": "gps",
    "gps": "gps",
    # Camera and device.
    "make": "device",
    "model": "device",
    "manufacturer": "device",
    "camera.identifier": "device",
    "camera.lens_model": "device",
    "camera.focal_length.35mm_equivalent": "device",
    "vendor_id": "device",
    "serial": "serial",
    "serial_number": "serial",
    "serialnumber": "serial",
    # Software.
    "software": "software",
    "version": "software",
    "encoder": "software",
    "encoder_settings": "software",
    "encoding_settings": "software",
    "writing_app": "software",
    "muxing_app": "software",
    "_statistics_writing_app": "software",
    # Dates.
    "creationdate": "creation_date",
    "creation_time": "creation_date",
    "date": "creation_date",
    "year": "creation_date",
    "date_recorded": "creation_date",
    "date_released": "creation_date",
    "date_encoded": "creation_date",
    "date_tagged": "creation_date",
    "date_digitized": "creation_date",
    "date_written": "creation_date",
    "date_purchased": "creation_date",
    "_statistics_writing_date_utc": "creation_date",
    # People.
    "author": "author",
    "artist": "author",
    "album_artist": "author",
    "albumartist": "author",
    "lead_performer": "author",
    "performer": "author",
    "composer": "author",
    "director": "author",
    "producer": "author",
    "publisher": "author",
    "copyright": "author",
    "written_by": "author",
    "encoded_by": "author",
    "edited_by": "author",
    "actor": "author",
    "conductor": "author",
    # Free text.
    "comment": "comment",
    "description": "comment",
    "information": "comment",
    "summary": "comment",
    "synopsis": "comment",
    "lyrics": "comment",
    "title": "title",
    "subtitle": "title",
    "displayname": "title",
    "album": "title",
    "keywords": "title",
    "genre": "title",
    # Stream properties that may carry a custom name.
    "handler_name": "track_name",
}


def _classify_tag_name(name: str) -> tuple[str | None, bool]:
    """Return the kind for a named tag and whether the name is one of the known names.

    Unknown names are user data. The caller puts the name in a finding's path only when it
    is known, because a writer may choose any text as a name.
    """
    normalised = name.lower()
    for prefix in _TAG_NAME_PREFIXES:
        if normalised.startswith(prefix):
            normalised = normalised[len(prefix) :]
            break
    if normalised in _TAG_NAME_KINDS:
        return _TAG_NAME_KINDS[normalised], True
    if normalised.startswith("location."):
        return "gps", True
    if normalised.startswith("camera."):
        return "device", True
    return "user_data", False


# --- ISO base media file format (MP4) and QuickTime (MOV) ---------------------------------

_ISO_FIRST_BOX_TYPES = frozenset(
    {b"ftyp", b"styp", b"moov", b"mdat", b"free", b"skip", b"wide", b"pnot", b"uuid", b"moof"}
)
_XMP_UUID = bytes.fromhex("be7acfcb97a942e89c71999491e3afac")

# Boxes that carry layout, timing or codec set-up but nothing about the recording.
_TOP_LEVEL_STRUCTURAL = frozenset(
    {b"ftyp", b"styp", b"mdat", b"wide", b"sidx", b"ssix", b"mfra", b"pdin"}
)
_MOOV_STRUCTURAL = frozenset({b"iods", b"mvex", b"ctab", b"pssh", b"prfl"})
_TRAK_STRUCTURAL = frozenset({b"edts", b"tapt", b"clip", b"matt", b"load", b"imap", b"txas"})
_MINF_STRUCTURAL = frozenset({b"vmhd", b"smhd", b"hmhd", b"nmhd", b"sthd", b"gmhd"})
_STBL_STRUCTURAL = frozenset(
    {
        b"stts", b"ctts", b"cslg", b"stss", b"stps", b"sdtp", b"stsc", b"stsz", b"stz2",
        b"stco", b"co64", b"sgpd", b"sbgp", b"subs", b"saiz", b"saio", b"stsh", b"padb",
        b"stdp",
    }
)  # fmt: skip
_MOOF_STRUCTURAL = frozenset({b"mfhd"})
_TRAF_STRUCTURAL = frozenset(
    {b"tfhd", b"tfdt", b"trun", b"sbgp", b"sgpd", b"saiz", b"saio", b"senc", b"subs"}
)

# Atoms found in udta (QuickTime user data) and in ilst (iTunes-style metadata items).
# Any other atom there is user data, as is any other ©-prefixed atom.
_USER_DATA_ATOM_KINDS: dict[bytes, str | None] = {
    b"\xa9xyz": "gps",
    b"loci": "gps",
    b"\xa9mak": "device",
    b"\xa9mod": "device",
    b"\xa9hst": "device",
    b"manu": "device",
    b"modl": "device",
    b"\xa9day": "creation_date",
    b"yrrc": "creation_date",
    b"\xa9swr": "software",
    b"\xa9too": "software",
    b"\xa9enc": "software",
    b"\xa9ART": "author",
    b"\xa9aut": "author",
    b"\xa9wrt": "author",
    b"\xa9com": "author",
    b"\xa9dir": "author",
    b"\xa9prd": "author",
    b"\xa9prf": "author",
    b"\xa9PRD": "author",
    b"\xa9cpy": "author",
    b"\xa9src": "author",
    b"\xa9ope": "author",
    b"aART": "author",
    b"cprt": "author",
    b"auth": "author",
    b"perf": "author",
    b"\xa9nam": "title",
    b"\xa9alb": "title",
    b"\xa9grp": "title",
    b"\xa9gen": "title",
    b"\xa9key": "title",
    b"titl": "title",
    b"albm": "title",
    b"gnre": "title",
    b"kywd": "title",
    b"\xa9cmt": "comment",
    b"\xa9des": "comment",
    b"\xa9inf": "comment",
    b"\xa9lyr": "comment",
    b"desc": "comment",
    b"ldes": "comment",
    b"dscp": "comment",
    b"covr": "attachment",
    b"name": "track_name",
    b"chpl": "chapter_text",
    b"XMP_": "xmp",
    # GoPro: firmware, lens and camera serials, settings, media and session ids.
    b"FIRM": "device",
    b"LENS": "serial",
    b"CAME": "serial",
    b"SETT": "device",
    b"AMBA": "device",
    b"MUID": "serial",
    b"BCID": "serial",
    b"GUMI": "serial",
    b"HMMT": "user_data",
    # Pentax maker notes.
    b"TAGS": "device",
    # QuickTime player state: window position, looping, selection, full-screen playback.
    b"WLOC": None,
    b"LOOP": None,
    b"SelO": None,
    b"AllF": None,
    b"ptv ": None,
    b"hinf": None,
    b"hnti": None,
}

# Handler names written by FFmpeg's MOV/MP4 muxer. Any other name is reported because
# cameras and editors put their brand or a custom label there (``GoPro AVC``).
_GENERIC_HANDLER_NAMES = frozenset(
    {
        "",
        "VideoHandler",
        "SoundHandler",
        "DataHandler",
        "SubtitleHandler",
        "ClosedCaptionHandler",
        "HintHandler",
        "TimeCodeHandler",
    }
)
_MEDIA_HANDLERS = frozenset({b"vide", b"soun", b"auxv", b"hint"})
_TEXT_HANDLERS = frozenset({b"text", b"sbtl", b"subt", b"subp", b"clcp"})
_TELEMETRY_FORMATS = frozenset({b"gpmd", b"camm"})


@dataclass(frozen=True)
class _Box:
    type: bytes
    start: int
    header_size: int
    end: int
    user_type: bytes = b""

    @property
    def body(self) -> int:
        return self.start + self.header_size

    @property
    def body_size(self) -> int:
        return self.end - self.body


@dataclass
class _Track:
    path: str
    track_id: int | None = None
    handler: bytes | None = None
    sample_formats: list[bytes] = field(default_factory=list)


class _IsoBmffInspector:
    format_name = "ISO-BMFF"

    def __init__(self, reader: _Reader) -> None:
        self._reader = reader
        self._findings = _Findings()
        self._tracks: list[_Track] = []
        self._chapter_track_ids: set[int] = set()

    def inspect(self) -> list[Finding]:
        has_movie = False
        for box in self._boxes(0, self._reader.size, "", top_level=True):
            if box.type == b"moov":
                has_movie = True
                self._movie(box)
            elif box.type == b"moof":
                has_movie = True
                self._movie_fragment(box)
            elif box.type == b"meta":
                self._meta(box, "meta")
            elif box.type == b"prft":
                # Producer reference time: the wall-clock time when the fragment was written.
                self._findings.add("creation_date", "prft")
            elif box.type not in _TOP_LEVEL_STRUCTURAL:
                self._common_box(box, "")

        # A file cut before its movie box has no track structure at all.
        if not has_movie:
            raise _unparsable(self._reader.size)
        self._classify_tracks()
        return self._findings.items

    def _boxes(self, start: int, end: int, path: str, top_level: bool = False) -> Iterator[_Box]:
        position = start
        while position < end:
            remaining = end - position
            if remaining < 8:
                # QuickTime allows a 32-bit zero terminator at the end of a user data list.
                if not top_level and not any(self._reader.read_at(position, remaining)):
                    return
                raise _unparsable(position)

            size, box_type = struct.unpack(">I4s", self._reader.read_at(position, 8))
            header_size = 8
            if size == 1:
                if remaining < 16:
                    raise _unparsable(position)
                (size,) = struct.unpack(">Q", self._reader.read_at(position + 8, 8))
                header_size = 16
            elif size == 0:
                if not top_level and box_type == b"\x00\x00\x00\x00":
                    # A zero terminator followed by zero padding.
                    if self._reader.is_zero_filled(position, remaining):
                        return
                    raise _unparsable(position)
                size = remaining

            user_type = b""
            if box_type == b"uuid":
                if size < header_size + 16:
                    raise _unparsable(position)
                user_type = self._reader.read_at(position + header_size, 16)
                header_size += 16
            if size < header_size or size > remaining:
                raise _unparsable(position)

            yield _Box(box_type, position, header_size, position + size, user_type)
            position += size

    def _join(self, path: str, box: _Box) -> str:
        name = _fourcc_text(box.type)
        return f"{path}/{name}" if path else name

    def _common_box(self, box: _Box, path: str) -> None:
        """Handle boxes that may appear at any level: padding, uuid, unknown types."""
        where = self._join(path, box)
        if box.type in (b"free", b"skip"):
            self._padding(box, where)
        elif box.type == b"uuid":
            if box.user_type == _XMP_UUID:
                self._findings.add("xmp", where)
            else:
                self._findings.add("unknown_box", f"{where}[{box.user_type.hex()}]")
        else:
            self._findings.add("unknown_box", where)

    def _padding(self, box: _Box, where: str) -> None:
        if box.body_size > _PADDING_CHECK_LIMIT:
            self._findings.add("unknown_box", where)
        elif not self._reader.is_zero_filled(box.body, box.body_size):
            # Editors overwrite old metadata with free boxes, so non-zero bytes may be leftovers.
            self._findings.add("unknown_box", where)

    def _read_body(self, box: _Box, limit: int = _SMALL_READ_LIMIT) -> bytes:
        return self._reader.read_at(box.body, min(box.body_size, limit))

    def _timestamps(self, box: _Box, where: str) -> None:
        """Report non-zero creation or modification times of mvhd, tkhd or mdhd."""
        body = self._read_body(box, 20)
        if len(body) < 12:
            raise _unparsable(box.start)
        if body[0] == 1:
            if len(body) < 20:
                raise _unparsable(box.start)
            created, modified = struct.unpack(">QQ", body[4:20])
        else:
            created, modified = struct.unpack(">II", body[4:12])
        if created or modified:
            self._findings.add("creation_date", where)

    def _movie(self, moov: _Box) -> None:
        path = "moov"
        track_index = 0
        for box in self._boxes(moov.body, moov.end, path):
            if box.type == b"mvhd":
                self._timestamps(box, "moov/mvhd")
            elif box.type == b"trak":
                track_index += 1
                self._track(box, _Track(path=f"moov/trak[{track_index}]"))
            elif box.type == b"udta":
                self._user_data(box, "moov/udta")
            elif box.type == b"meta":
                self._meta(box, "moov/meta")
            elif box.type not in _MOOV_STRUCTURAL:
                self._common_box(box, path)

    def _movie_fragment(self, moof: _Box) -> None:
        for box in self._boxes(moof.body, moof.end, "moof"):
            if box.type == b"traf":
                for child in self._boxes(box.body, box.end, "moof/traf"):
                    if child.type == b"meta":
                        self._meta(child, "moof/traf/meta")
                    elif child.type not in _TRAF_STRUCTURAL:
                        self._common_box(child, "moof/traf")
            elif box.type == b"meta":
                self._meta(box, "moof/meta")
            elif box.type == b"udta":
                self._user_data(box, "moof/udta")
            elif box.type not in _MOOF_STRUCTURAL:
                self._common_box(box, "moof")

    def _track(self, trak: _Box, track: _Track) -> None:
        for box in self._boxes(trak.body, trak.end, track.path):
            if box.type == b"tkhd":
                self._timestamps(box, f"{track.path}/tkhd")
                track.track_id = self._track_id(box)
            elif box.type == b"tref":
                self._track_references(box, track.path)
            elif box.type == b"mdia":
                self._media(box, track)
            elif box.type == b"udta":
                self._user_data(box, f"{track.path}/udta")
            elif box.type == b"meta":
                self._meta(box, f"{track.path}/meta")
            elif box.type not in _TRAK_STRUCTURAL:
                self._common_box(box, track.path)
        self._tracks.append(track)

    def _track_id(self, tkhd: _Box) -> int:
        body = self._read_body(tkhd, 24)
        offset = 20 if body[:1] == b"\x01" else 12
        if len(body) < offset + 4:
            raise _unparsable(tkhd.start)
        (track_id,) = struct.unpack(">I", body[offset : offset + 4])
        return int(track_id)

    def _track_references(self, tref: _Box, path: str) -> None:
        for box in self._boxes(tref.body, tref.end, f"{path}/tref"):
            if box.type == b"chap":
                body = self._read_body(box)
                count = len(body) // 4
                self._chapter_track_ids.update(struct.unpack(f">{count}I", body[: count * 4]))

    def _media(self, mdia: _Box, track: _Track) -> None:
        path = f"{track.path}/mdia"
        for box in self._boxes(mdia.body, mdia.end, path):
            if box.type == b"mdhd":
                self._timestamps(box, f"{path}/mdhd")
            elif box.type == b"hdlr":
                track.handler = self._handler(box, f"{path}/hdlr")
            elif box.type == b"minf":
                self._media_information(box, track)
            elif box.type == b"udta":
                self._user_data(box, f"{path}/udta")
            elif box.type != b"elng":
                self._common_box(box, path)

    def _handler(self, hdlr: _Box, where: str, in_track: bool = True) -> bytes:
        """Return the handler type and report a handler name that is not FFmpeg's default.

        Track handlers also report a QuickTime manufacturer code. Metadata handlers are not
        checked for one, because the iTunes ``mdir`` handler is always written with ``appl``.
        """
        body = self._read_body(hdlr)
        if len(body) < 12:
            raise _unparsable(hdlr.start)
        handler_type = body[8:12]
        if in_track:
            self._vendor(body[12:16], where)

        raw_name = body[24:].rstrip(b"\x00")
        # QuickTime writes a Pascal string (length byte first), ISO-BMFF a C string.
        if raw_name and raw_name[0] == len(raw_name) - 1:
            raw_name = raw_name[1:]
        name = raw_name.decode("utf-8", errors="replace")
        if hdlr.body_size > _SMALL_READ_LIMIT or name not in _GENERIC_HANDLER_NAMES:
            self._findings.add("track_name", where)
        return handler_type

    def _media_information(self, minf: _Box, track: _Track) -> None:
        path = f"{track.path}/mdia/minf"
        for box in self._boxes(minf.body, minf.end, path):
            if box.type == b"hdlr":
                self._handler(box, f"{path}/hdlr")
            elif box.type == b"dinf":
                self._data_information(box, f"{path}/dinf")
            elif box.type == b"stbl":
                self._sample_table(box, track, f"{path}/stbl")
            elif box.type not in _MINF_STRUCTURAL:
                self._common_box(box, path)

    def _data_information(self, dinf: _Box, path: str) -> None:
        for box in self._boxes(dinf.body, dinf.end, path):
            if box.type != b"dref":
                self._common_box(box, path)
                continue
            # Entries whose flags lack bit 0 point to media in another file, by URL or alias.
            for entry in self._boxes(box.body + 8, box.end, f"{path}/dref"):
                flags = self._reader.read_at(entry.body, 4) if entry.body_size >= 4 else b""
                if len(flags) < 4 or not flags[3] & 1:
                    self._findings.add("file_name", f"{path}/dref/{_fourcc_text(entry.type)}")

    def _sample_table(self, stbl: _Box, track: _Track, path: str) -> None:
        for box in self._boxes(stbl.body, stbl.end, path):
            if box.type == b"stsd":
                self._sample_descriptions(box, track, f"{path}/stsd")
            elif box.type not in _STBL_STRUCTURAL:
                self._common_box(box, path)

    def _sample_descriptions(self, stsd: _Box, track: _Track, path: str) -> None:
        if stsd.body_size < 8:
            raise _unparsable(stsd.start)
        for entry in self._boxes(stsd.body + 8, stsd.end, path):
            track.sample_formats.append(entry.type)
            where = f"{path}/{_fourcc_text(entry.type)}"
            if track.handler in (b"vide", b"soun") and entry.body_size >= 16:
                # QuickTime video and sound entries carry a vendor code 12 bytes into the body.
                self._vendor(self._reader.read_at(entry.body + 12, 4), where)
            if track.handler == b"vide" and self._has_compressor_name(entry):
                self._findings.add("software", where)

    def _vendor(self, vendor: bytes, where: str) -> None:
        """Report a QuickTime vendor code (``appl``, ``pent``). ISO-BMFF leaves it zero."""
        if vendor == b"FFMP":
            self._findings.add("software", where)
        elif any(vendor):
            self._findings.add("device", where)

    def _has_compressor_name(self, entry: _Box) -> bool:
        """Tell whether a visual sample entry names its encoder (``GoPro AVC encoder``)."""
        # The 32-byte compressorname starts 42 bytes into a visual sample entry's body.
        if entry.body_size < 42 + 32:
            return False
        name = self._reader.read_at(entry.body + 42, 32)
        return name[0] > 0 and any(name[1 : 1 + name[0]])

    def _user_data(self, udta: _Box, path: str) -> None:
        for box in self._boxes(udta.body, udta.end, path):
            where = self._join(path, box)
            if box.type == b"meta":
                self._meta(box, where)
            elif box.type in (b"free", b"skip", b"uuid"):
                self._common_box(box, path)
            elif box.type in _USER_DATA_ATOM_KINDS:
                kind = _USER_DATA_ATOM_KINDS[box.type]
                if kind is not None:
                    self._findings.add(kind, where)
            else:
                self._findings.add("user_data", where)

    def _meta(self, meta: _Box, path: str) -> None:
        # ISO-BMFF meta is a full box, with 4 bytes of version and flags before the children.
        # QuickTime's meta starts directly with its hdlr child.
        head = self._reader.read_at(meta.body, min(meta.body_size, 8))
        children_start = meta.body if head[4:8] == b"hdlr" else meta.body + 4
        children = list(self._boxes(children_start, meta.end, path))

        handler = b""
        key_names: dict[int, str] = {}
        for box in children:
            if box.type == b"hdlr":
                handler = self._handler(box, f"{path}/hdlr", in_track=False)
            elif box.type == b"keys":
                key_names = self._key_names(box)

        for box in children:
            if box.type == b"ilst":
                self._item_list(box, f"{path}/ilst", handler, key_names)
            elif box.type in (b"xml ", b"XMP_"):
                self._findings.add("xmp", self._join(path, box))
            elif box.type in (b"ID32", b"----"):
                self._findings.add("user_data", self._join(path, box))
            elif box.type not in (b"hdlr", b"keys"):
                self._common_box(box, path)

    def _key_names(self, keys: _Box) -> dict[int, str]:
        """Map QuickTime metadata key indexes (1-based) to key names (``mdta`` namespace)."""
        body = self._read_body(keys, keys.body_size)
        if len(body) < 8:
            raise _unparsable(keys.start)
        (count,) = struct.unpack(">I", body[4:8])

        names: dict[int, str] = {}
        position = 8
        for index in range(1, count + 1):
            if position + 8 > len(body):
                raise _unparsable(keys.body + position)
            (key_size,) = struct.unpack(">I", body[position : position + 4])
            if key_size < 8 or position + key_size > len(body):
                raise _unparsable(keys.body + position)
            names[index] = body[position + 8 : position + key_size].decode(
                "utf-8", errors="replace"
            )
            position += key_size
        return names

    def _item_list(self, ilst: _Box, path: str, handler: bytes, key_names: dict[int, str]) -> None:
        for box in self._boxes(ilst.body, ilst.end, path):
            if handler == b"mdta":
                index = int.from_bytes(box.type, "big")
                kind, known = _classify_tag_name(key_names.get(index, ""))
                name = key_names[index] if known else f"[{index}]"
                if kind is not None:
                    self._findings.add(kind, f"{path}/{name}")
            elif box.type in (b"free", b"skip"):
                self._common_box(box, path)
            else:
                item_kind = _USER_DATA_ATOM_KINDS.get(box.type, "user_data")
                self._findings.add(item_kind or "user_data", self._join(path, box))

    def _classify_tracks(self) -> None:
        for track in self._tracks:
            handler = track.handler or b""
            first_format = track.sample_formats[0] if track.sample_formats else b""
            if handler in _MEDIA_HANDLERS:
                continue

            if handler == b"meta":
                code = first_format or handler
                kind = "telemetry_track" if code in _TELEMETRY_FORMATS else "timed_metadata_track"
            elif handler in _TELEMETRY_FORMATS:
                code, kind = handler, "telemetry_track"
            elif handler in _TEXT_HANDLERS:
                is_chapter = track.track_id in self._chapter_track_ids
                code, kind = handler, "chapter_text" if is_chapter else "text_track"
            elif handler == b"tmcd":
                code, kind = handler, "timecode_track"
            else:
                code, kind = handler, "unknown_box"
            self._findings.add(kind, f"{track.path}({_fourcc_text(code)})")


# --- Matroska and WebM (EBML) -------------------------------------------------------------

_EBML_MAGIC = b"\x1a\x45\xdf\xa3"
_EBML_HEADER = 0x1A45DFA3
_EBML_DOCTYPE = 0x4282
_SEGMENT = 0x18538067
_SEEK_HEAD = 0x114D9B74
_INFO = 0x1549A966
_TRACKS = 0x1654AE6B
_TAGS = 0x1254C367
_CHAPTERS = 0x1043A770
_ATTACHMENTS = 0x1941A469
_CLUSTER = 0x1F43B675
_CUES = 0x1C53BB6B
_VOID = 0xEC
_CRC32 = 0xBF
_TRACK_ENTRY = 0xAE
_TRACK_NAME = 0x536E
_TAG = 0x7373
_SIMPLE_TAG = 0x67C8
_TAG_NAME = 0x45A3
_ATTACHED_FILE = 0x61A7
_EDITION_ENTRY = 0x45B9

_SEGMENT_CHILDREN = frozenset(
    {_SEEK_HEAD, _INFO, _TRACKS, _TAGS, _CHAPTERS, _ATTACHMENTS, _CLUSTER, _CUES, _VOID, _CRC32}
)
_INFO_KINDS: dict[int, tuple[str, str]] = {
    0x7BA9: ("title", "Title"),
    0x4461: ("creation_date", "DateUTC"),
    0x4D80: ("software", "MuxingApp"),
    0x5741: ("software", "WritingApp"),
    0x7384: ("file_name", "SegmentFilename"),
    0x3C83AB: ("file_name", "PrevFilename"),
    0x3E83BB: ("file_name", "NextFilename"),
}


@dataclass(frozen=True)
class _Element:
    id: int
    start: int
    data_start: int
    end: int


class _MatroskaInspector:
    format_name = "Matroska"

    def __init__(self, reader: _Reader) -> None:
        self._reader = reader
        self._findings = _Findings()

    def inspect(self) -> list[Finding]:
        has_segment = False
        for element in self._elements(0, self._reader.size, top_level=True):
            if element.id == _EBML_HEADER:
                self._check_doctype(element)
            elif element.id == _SEGMENT:
                has_segment = True
                self._segment(element)
            elif element.id not in (_VOID, _CRC32):
                self._findings.add("unknown_box", f"0x{element.id:X}")
        if not has_segment:
            raise _unparsable(self._reader.size)
        return self._findings.items

    def _header(self, position: int, end: int) -> tuple[int, int, int | None]:
        """Decode an element header into its id, data offset and data size (None if unknown)."""
        head = self._reader.read_at(position, min(12, end - position))
        element_id, id_length = self._vint(head, 0, max_length=4, position=position)
        element_id |= 1 << (7 * id_length)  # IDs keep their length marker bit.
        size, size_length = self._vint(head, id_length, max_length=8, position=position)
        unknown = size == (1 << (7 * size_length)) - 1
        return element_id, position + id_length + size_length, None if unknown else size

    def _vint(self, data: bytes, offset: int, max_length: int, position: int) -> tuple[int, int]:
        if offset >= len(data) or data[offset] == 0:
            raise _unparsable(position)
        first = data[offset]
        length = 8 - first.bit_length() + 1
        if length > max_length or offset + length > len(data):
            raise _unparsable(position)
        value = first & ((1 << (8 - length)) - 1)
        for byte in data[offset + 1 : offset + length]:
            value = (value << 8) | byte
        return value, length

    def _elements(self, start: int, end: int, top_level: bool = False) -> Iterator[_Element]:
        position = start
        while position < end:
            element_id, data_start, size = self._header(position, end)
            if size is None:
                # Live recordings leave the Segment and Cluster sizes open.
                if element_id == _SEGMENT and top_level:
                    element_end = end
                elif element_id == _CLUSTER:
                    element_end = self._unknown_size_cluster_end(data_start, end)
                else:
                    raise _unparsable(position)
            else:
                element_end = data_start + size
                if element_end > end:
                    raise _unparsable(position)
            yield _Element(element_id, position, data_start, element_end)
            position = element_end

    def _unknown_size_cluster_end(self, start: int, end: int) -> int:
        """Return the offset of the next segment-level element, which ends an open-ended Cluster."""
        position = start
        while position < end:
            element_id, data_start, size = self._header(position, end)
            if element_id in _SEGMENT_CHILDREN or element_id == _EBML_HEADER:
                return position
            if size is None or data_start + size > end:
                raise _unparsable(position)
            position = data_start + size
        return end

    def _read_data(self, element: _Element) -> bytes:
        length = min(element.end - element.data_start, _SMALL_READ_LIMIT)
        return self._reader.read_at(element.data_start, length)

    def _check_doctype(self, header: _Element) -> None:
        for element in self._elements(header.data_start, header.end):
            if element.id == _EBML_DOCTYPE:
                doctype = self._read_data(element).rstrip(b"\x00")
                if doctype not in (b"matroska", b"webm"):
                    raise _unparsable(element.start)

    def _segment(self, segment: _Element) -> None:
        for element in self._elements(segment.data_start, segment.end):
            if element.id == _INFO:
                self._info(element)
            elif element.id == _TRACKS:
                self._tracks(element)
            elif element.id == _TAGS:
                self._tags(element)
            elif element.id == _CHAPTERS:
                self._chapters(element)
            elif element.id == _ATTACHMENTS:
                self._attachments(element)
            elif element.id not in _SEGMENT_CHILDREN:
                self._findings.add("unknown_box", f"Segment/0x{element.id:X}")

    def _info(self, info: _Element) -> None:
        for element in self._elements(info.data_start, info.end):
            if element.id in _INFO_KINDS:
                kind, name = _INFO_KINDS[element.id]
                self._findings.add(kind, f"Info/{name}")

    def _tracks(self, tracks: _Element) -> None:
        index = 0
        for entry in self._elements(tracks.data_start, tracks.end):
            if entry.id != _TRACK_ENTRY:
                continue
            index += 1
            for element in self._elements(entry.data_start, entry.end):
                if element.id == _TRACK_NAME:
                    self._findings.add("track_name", f"Tracks/TrackEntry[{index}]/Name")

    def _tags(self, tags: _Element) -> None:
        tag_index = 0
        for tag in self._elements(tags.data_start, tags.end):
            if tag.id != _TAG:
                continue
            tag_index += 1
            self._simple_tags(tag, f"Tags/Tag[{tag_index}]")

    def _simple_tags(self, parent: _Element, path: str) -> None:
        simple_index = 0
        for simple_tag in self._elements(parent.data_start, parent.end):
            if simple_tag.id != _SIMPLE_TAG:
                continue
            simple_index += 1
            tag_name = ""
            for element in self._elements(simple_tag.data_start, simple_tag.end):
                if element.id == _TAG_NAME:
                    tag_name = self._read_data(element).decode("utf-8", errors="replace")

            kind, known = _classify_tag_name(tag_name)
            where = f"{path}/{tag_name}" if known else f"{path}/SimpleTag[{simple_index}]"
            if kind is not None:
                self._findings.add(kind, where)
            # A SimpleTag may nest further SimpleTags (for example a URL under an ARTIST).
            self._simple_tags(simple_tag, where)

    def _chapters(self, chapters: _Element) -> None:
        for element in self._elements(chapters.data_start, chapters.end):
            if element.id == _EDITION_ENTRY:
                self._findings.add("chapter_text", "Chapters")
                return

    def _attachments(self, attachments: _Element) -> None:
        index = 0
        for element in self._elements(attachments.data_start, attachments.end):
            if element.id == _ATTACHED_FILE:
                index += 1
                self._findings.add("attachment", f"Attachments/AttachedFile[{index}]")


# --- RIFF (AVI) ---------------------------------------------------------------------------

_RIFF_STRUCTURAL = frozenset(
    {b"avih", b"strh", b"strf", b"indx", b"vprp", b"idx1", b"dmlh", b"JUNK", b"JUNQ", b"junk"}
)
_RIFF_CHUNK_KINDS: dict[bytes, str] = {
    b"IDIT": "creation_date",
    b"strn": "track_name",
    b"strd": "user_data",
    b"ISMP": "user_data",
    b"_PMX": "xmp",
}
_RIFF_INFO_KINDS: dict[bytes, str] = {
    b"IART": "author",
    b"ICMS": "author",
    b"ICOP": "author",
    b"IENG": "author",
    b"ITCH": "author",
    b"ICMT": "comment",
    b"ISBJ": "title",
    b"INAM": "title",
    b"IPRD": "title",
    b"IKEY": "title",
    b"IGNR": "title",
    b"ICRD": "creation_date",
    b"IDIT": "creation_date",
    b"ISFT": "software",
}
# LIST forms walked chunk by chunk. The movi list contains the media and is skipped.
_RIFF_NESTED_LISTS = frozenset({b"hdrl", b"strl", b"odml"})
_RIFF_LIST_KINDS: dict[bytes, str] = {
    b"Tdat": "user_data",  # Adobe reel names and timecodes
    b"ncdt": "device",  # Nikon maker notes
}


class _RiffInspector:
    format_name = "RIFF"

    def __init__(self, reader: _Reader) -> None:
        self._reader = reader
        self._findings = _Findings()
        self._top_level_lists: set[bytes] = set()

    def inspect(self) -> list[Finding]:
        size = self._reader.size
        first_form = self._reader.read_at(8, 4)
        position = 0
        while position < size:
            if size - position < 12:
                self._trailing_data(position)
                break
            chunk_id, chunk_size, form = struct.unpack("<4sI4s", self._reader.read_at(position, 12))
            if chunk_id != b"RIFF":
                self._trailing_data(position)
                break

            declared_end = position + 8 + chunk_size
            if declared_end > size:
                # Recorders that stop early (or tools that strip the media) leave the RIFF size
                # larger than the file. Every chunk that is present is still checked whole,
                # and a chunk cut by the end of the file raises.
                logger.info(
                    "RIFF chunk at offset %d declares %d bytes past the end of the file",
                    position,
                    declared_end - size,
                )
            path = f"RIFF({_fourcc_text(form)})"
            self._chunks(position + 12, min(declared_end, size), path, top_level=True)
            position = declared_end + (chunk_size & 1)

        # An AVI cut before its stream headers or media list has no usable structure.
        if first_form == b"AVI " and not {b"hdrl", b"movi"} <= self._top_level_lists:
            raise _unparsable(size)
        return self._findings.items

    def _trailing_data(self, position: int) -> None:
        remaining = self._reader.size - position
        if remaining > _PADDING_CHECK_LIMIT or not self._reader.is_zero_filled(position, remaining):
            self._findings.add("unknown_box", f"@{position}")

    def _chunks(self, start: int, end: int, path: str, top_level: bool = False) -> None:
        position = start
        while position < end:
            remaining = end - position
            if remaining < 8:
                if self._reader.is_zero_filled(position, remaining):
                    return
                raise _unparsable(position)

            chunk_id, chunk_size = struct.unpack("<4sI", self._reader.read_at(position, 8))
            chunk_end = position + 8 + chunk_size
            if chunk_end > end:
                raise _unparsable(position)

            where = f"{path}/{_fourcc_text(chunk_id)}"
            if chunk_id == b"LIST":
                form = self._list(position, chunk_end, path)
                if top_level:
                    self._top_level_lists.add(form)
            elif chunk_id in _RIFF_CHUNK_KINDS:
                self._findings.add(_RIFF_CHUNK_KINDS[chunk_id], where)
            elif chunk_id not in _RIFF_STRUCTURAL:
                self._findings.add("unknown_box", where)

            # Chunks are padded to an even size, but the last pad byte may be missing at the end.
            position = min(chunk_end + (chunk_size & 1), end)

    def _list(self, start: int, end: int, path: str) -> bytes:
        """Walk or classify a LIST chunk and return its form type."""
        if end - start < 12:
            raise _unparsable(start)
        form = self._reader.read_at(start + 8, 4)
        where = f"{path}/LIST({_fourcc_text(form)})"

        if form in _RIFF_NESTED_LISTS:
            self._chunks(start + 12, end, where)
        elif form == b"INFO":
            self._info(start + 12, end, where)
        elif form != b"movi":
            self._findings.add(_RIFF_LIST_KINDS.get(form, "user_data"), where)
        return form

    def _info(self, start: int, end: int, path: str) -> None:
        position = start
        while position + 8 <= end:
            chunk_id, chunk_size = struct.unpack("<4sI", self._reader.read_at(position, 8))
            chunk_end = position + 8 + chunk_size
            if chunk_end > end:
                raise _unparsable(position)
            kind = _RIFF_INFO_KINDS.get(chunk_id, "user_data")
            self._findings.add(kind, f"{path}/{_fourcc_text(chunk_id)}")
            position = min(chunk_end + (chunk_size & 1), end)
        if position < end and not self._reader.is_zero_filled(position, end - position):
            raise _unparsable(position)

"""The redaction audit sheet: an A4 PDF that shows every export fact, in French or English.

Every text uses the embedded DejaVu Sans, which is also the canvas's initial
font and the tables' cell font, so the PDF never references an unembedded
Helvetica. Table headers repeat on every page and pages are numbered "n / total".
The last page ends with a "Signatures" block at a fixed place, where
``app.audit.pades`` puts the two signature fields (``SIGNATURE_BOXES``). The
canonical facts are attached to the PDF as ``voile-facts.json``, so the author's
signature also covers them in machine-readable form.
"""

from __future__ import annotations

import datetime as dt
import io
import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any
from xml.sax.saxutils import escape

from pyhanko.pdf_utils import embed, generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import (
    CondPageBreak,
    Flowable,
    Frame,
    KeepTogether,
    Paragraph,
    SimpleDocTemplate,
    Spacer,
    Table,
    TableStyle,
)

from app.audit.manifest import canonical_bytes
from app.audit.sheet_edit import AUDIO_LIST_KEYS, edit_sections
from app.i18n import load_catalogue, tr
from app.paths import resource_path

FACTS_ATTACHMENT_NAME = "voile-facts.json"
AUTHOR_FIELD = "Author"
REVIEWER_FIELD = "Reviewer"

FONT = "DejaVuSans"
FONT_BOLD = "DejaVuSans-Bold"

_PAGE_WIDTH, _PAGE_HEIGHT = A4
_MARGIN_X = 18 * mm
_MARGIN_TOP = 18 * mm
_MARGIN_BOTTOM = 20 * mm
_CONTENT_WIDTH = _PAGE_WIDTH - 2 * _MARGIN_X
# SimpleDocTemplate's frame keeps 6 pt of padding on each side.
_TABLE_WIDTH = _CONTENT_WIDTH - 12
_LABEL_WIDTH = 48 * mm

# The signature block sits on the bottom margin of the last page. Boxes are in
# PDF points (origin bottom left), as pyHanko's SigFieldSpec expects them.
_BOX_GAP = 10 * mm
_BOX_WIDTH = (_CONTENT_WIDTH - _BOX_GAP) / 2
_BOX_HEIGHT = 30 * mm
_BOX_BOTTOM = _MARGIN_BOTTOM + 2 * mm
_SIGNATURE_BLOCK_HEIGHT = 56 * mm


def _box(left: float) -> tuple[int, int, int, int]:
    return (
        round(left),
        round(_BOX_BOTTOM),
        round(left + _BOX_WIDTH),
        round(_BOX_BOTTOM + _BOX_HEIGHT),
    )


SIGNATURE_BOXES: dict[str, tuple[int, int, int, int]] = {
    AUTHOR_FIELD: _box(_MARGIN_X),
    REVIEWER_FIELD: _box(_MARGIN_X + _BOX_WIDTH + _BOX_GAP),
}

_Formatter = Callable[..., str]
_Row = tuple[str, tuple[str, ...], _Formatter]


def render_sheet(facts: Mapping[str, Any], language: str) -> bytes:
    """Render the audit sheet for ``facts`` in ``language`` ("fr" or "en") as PDF bytes."""
    if language not in ("fr", "en"):
        raise ValueError(f"unsupported sheet language {language!r}; expected 'fr' or 'en'")
    _register_fonts()

    builder = _SheetBuilder(facts, language)
    buffer = io.BytesIO()
    title = builder.t("audit.sheet.title")
    pseudonym = str(_get(facts, "case", "pseudonym") or "")
    document = SimpleDocTemplate(
        buffer,
        pagesize=A4,
        leftMargin=_MARGIN_X,
        rightMargin=_MARGIN_X,
        topMargin=_MARGIN_TOP,
        bottomMargin=_MARGIN_BOTTOM,
        title=f"{title} {pseudonym}".strip(),
        author=str(_get(facts, "author", "user") or ""),
        creator="Voile",
        lang=language,
        initialFontName=FONT,
        initialFontSize=9,
    )
    footer = _Footer(title, pseudonym, language)
    document.build(builder.story(), canvasmaker=footer.canvas_class())
    return _attach_facts(buffer.getvalue(), facts)


def render_stamp(heading: str, lines: Sequence[str], width: float, height: float) -> bytes:
    """Render a signature appearance (``width`` × ``height`` points) as a one-page PDF.

    pyHanko 0.38 writes a TrueType font's glyph widths unscaled, so its text stamps
    with DejaVu Sans (2048 units per em) get doubled letter spacing. The appearance
    is drawn here with reportlab instead and imported as a form XObject.
    """
    _register_fonts()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=(width, height), initialFontName=FONT, initialFontSize=8)
    canvas.setStrokeColor(colors.HexColor("#1f3b5a"))
    canvas.setLineWidth(1)
    canvas.rect(0.5, 0.5, width - 1, height - 1, stroke=1, fill=0)

    styles = _styles()
    paragraphs: list[Flowable] = [Paragraph(escape(heading), styles["stamp_heading"])]
    paragraphs += [Paragraph(escape(line), styles["stamp"]) for line in lines]
    frame = Frame(0, 0, width, height, leftPadding=6, rightPadding=6, topPadding=5, bottomPadding=4)
    frame.addFromList(paragraphs, canvas)
    canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def read_embedded_facts(pdf: bytes) -> dict[str, Any] | None:
    """Return the facts attached to a sheet as ``voile-facts.json``, or None if absent."""
    reader = PdfFileReader(io.BytesIO(pdf), strict=False)
    try:
        names = reader.root["/Names"]["/EmbeddedFiles"]["/Names"]
    except KeyError:
        return None
    for index in range(0, len(names) - 1, 2):
        if str(names[index]) != FACTS_ATTACHMENT_NAME:
            continue
        data = names[index + 1]["/EF"]["/F"].data
        document = json.loads(data.decode("utf-8"))
        return document if isinstance(document, dict) else None
    return None


def format_timecode(seconds: float) -> str:
    """Format seconds as HH:MM:SS.ff (hundredths)."""
    hundredths = round(max(seconds, 0.0) * 100)
    total_seconds, fraction = divmod(hundredths, 100)
    minutes, secs = divmod(total_seconds, 60)
    hours, minutes = divmod(minutes, 60)
    return f"{hours:02d}:{minutes:02d}:{secs:02d}.{fraction:02d}"


def format_number(value: float, language: str, decimals: int | None = None) -> str:
    """Format a number with the language's decimal and thousands separators."""
    if decimals is None:
        text = f"{value:,}" if isinstance(value, int) else f"{value:,.6f}".rstrip("0").rstrip(".")
    else:
        text = f"{value:,.{decimals}f}"
    if language == "fr":
        text = text.replace(",", "\u00a0").replace(".", ",")
    return text


def format_datetime(text: str, language: str, long: bool = False) -> str:
    """Format an ISO 8601 timestamp in UTC, with the month name spelled out when ``long``."""
    try:
        moment = dt.datetime.fromisoformat(text)
    except ValueError:
        return text
    if moment.tzinfo is not None:
        moment = moment.astimezone(dt.UTC)
    clock = moment.strftime("%H:%M")
    if long:
        month = tr(f"audit.month.{moment.month}", language)
        return tr(
            "audit.date.long", language, day=moment.day, month=month, year=moment.year, time=clock
        )
    if language == "fr":
        return f"{moment:%d/%m/%Y} {clock} UTC"
    return f"{moment:%Y-%m-%d} {clock} UTC"


def _register_fonts() -> None:
    registered = pdfmetrics.getRegisteredFontNames()
    for name, file_name in ((FONT, "DejaVuSans.ttf"), (FONT_BOLD, "DejaVuSans-Bold.ttf")):
        if name not in registered:
            pdfmetrics.registerFont(TTFont(name, str(resource_path("fonts", file_name))))
    pdfmetrics.registerFontFamily(
        FONT, normal=FONT, bold=FONT_BOLD, italic=FONT, boldItalic=FONT_BOLD
    )


def _get(facts: Mapping[str, Any], section: str, key: str) -> Any:
    part = facts.get(section)
    return part.get(key) if isinstance(part, Mapping) else None


def _attach_facts(pdf: bytes, facts: Mapping[str, Any]) -> bytes:
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    data = canonical_bytes(dict(facts))
    spec = embed.FileSpec(
        file_spec_string=FACTS_ATTACHMENT_NAME,
        file_name=FACTS_ATTACHMENT_NAME,
        embedded_data=embed.EmbeddedFileObject.from_file_data(
            writer,
            data,
            params=embed.EmbeddedFileParams(embed_size=True),
            mime_type="application/json",
        ),
        description="Voile audit facts (RFC 8785 canonical JSON)",
        af_relationship=generic.pdf_name("/Data"),
    )
    embed.embed_file(writer, spec)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


class _Footer:
    """Canvas factory whose footer shows "title — pseudonym" and "Page n / total"."""

    def __init__(self, title: str, pseudonym: str, language: str) -> None:
        self.title = title
        self.pseudonym = pseudonym
        self.language = language

    def canvas_class(self) -> type[Canvas]:
        footer = self

        class NumberedCanvas(Canvas):
            def __init__(self, *args: Any, **kwargs: Any) -> None:
                super().__init__(*args, **kwargs)
                self._page_states: list[dict[str, Any]] = []

            def showPage(self) -> None:  # reportlab API name
                self._page_states.append(dict(self.__dict__))
                self._startPage()

            def save(self) -> None:
                total = len(self._page_states)
                for state in self._page_states:
                    self.__dict__.update(state)
                    footer.draw(self, self.getPageNumber(), total)
                    super().showPage()
                super().save()

        return NumberedCanvas

    def draw(self, canvas: Canvas, page: int, total: int) -> None:
        canvas.saveState()
        canvas.setFont(FONT, 7.5)
        canvas.setFillColor(colors.HexColor("#555555"))
        left = " — ".join(part for part in (self.title, self.pseudonym) if part)
        canvas.drawString(_MARGIN_X, 10 * mm, left)
        canvas.drawRightString(
            _PAGE_WIDTH - _MARGIN_X,
            10 * mm,
            tr("audit.sheet.page", self.language, page=page, total=total),
        )
        canvas.restoreState()


class _SignatureBlock(Flowable):
    """Fills the rest of the last page and draws the two signature boxes at fixed positions."""

    def __init__(
        self, title: str, labels: dict[str, tuple[str, str]], style: ParagraphStyle
    ) -> None:
        super().__init__()
        self.title = title
        self.labels = labels
        self.style = style

    def wrap(self, available_width: float, available_height: float) -> tuple[float, float]:
        self.width = available_width
        self.height = available_height
        return available_width, available_height

    def draw(self) -> None:
        canvas = self.canv
        origin_x, origin_y = canvas.absolutePosition(0, 0)
        canvas.saveState()
        # Draw in page coordinates so the boxes land exactly on SIGNATURE_BOXES.
        canvas.translate(-origin_x, -origin_y)

        top = _BOX_BOTTOM + _SIGNATURE_BLOCK_HEIGHT
        canvas.setStrokeColor(colors.HexColor("#888888"))
        canvas.setLineWidth(0.6)
        canvas.line(_MARGIN_X, top, _PAGE_WIDTH - _MARGIN_X, top)
        canvas.setFont(FONT_BOLD, 12)
        canvas.setFillColor(colors.black)
        canvas.drawString(_MARGIN_X, top - 6 * mm, self.title)

        for field, (x1, y1, x2, y2) in SIGNATURE_BOXES.items():
            heading, hint = self.labels[field]
            label = Paragraph(f"<b>{escape(heading)}</b><br/>{escape(hint)}", self.style)
            label.wrap(x2 - x1, 20 * mm)
            label.drawOn(canvas, x1, y2 + 2 * mm)
            canvas.setDash(3, 2)
            canvas.rect(x1, y1, x2 - x1, y2 - y1, stroke=1, fill=0)
            canvas.setDash()
        canvas.restoreState()


class _SheetBuilder:
    """Turns the facts dictionary into reportlab flowables, one section at a time."""

    def __init__(self, facts: Mapping[str, Any], language: str) -> None:
        self.facts = facts
        self.language = language
        self.catalogue = load_catalogue()
        self.styles = _styles()

    def t(self, key: str, **params: object) -> str:
        return tr(key, self.language, **params)

    def story(self) -> list[Flowable]:
        sections = self._sections()
        flowables: list[Flowable] = self._header()
        for name in ("case", "source", "export"):
            flowables += self._named_section(name, self.facts.get(name), sections)
        flowables += self._named_section("consent", self.facts.get("consent"), sections)
        flowables += self._named_section("audio", self._audio_and_metadata(), sections)
        flowables += edit_sections(self)
        flowables += self._detectors()
        flowables += self._redactions()
        for name in ("verification", "software", "author", "signer", "authority"):
            flowables += self._named_section(name, self.facts.get(name), sections)
        flowables += self._other_facts()
        flowables += self._signatures()
        return flowables

    def _named_section(
        self, name: str, value: object, sections: dict[str, tuple[str, list[_Row]]]
    ) -> list[Flowable]:
        title_key, rows = sections[name]
        return self._key_value_section(self.t(title_key), value, rows)

    def _audio_and_metadata(self) -> dict[str, Any] | None:
        audio = self.facts.get("audio")
        removed = self.facts.get("metadata_removed")
        if audio is None and removed is None:
            return None
        combined: dict[str, Any] = {
            key: value for key, value in audio.items() if key not in AUDIO_LIST_KEYS
        } if isinstance(audio, Mapping) else {}
        if audio is not None and not isinstance(audio, Mapping):
            combined["audio"] = audio
        if removed is not None:
            combined["metadata_removed"] = removed
        return combined

    # Header and verdict

    def _header(self) -> list[Flowable]:
        created = self.facts.get("created_at")
        pseudonym = _get(self.facts, "case", "pseudonym")
        subtitle = self.t(
            "audit.sheet.subtitle",
            pseudonym=pseudonym if pseudonym is not None else "—",
            date=format_datetime(str(created), self.language, long=True) if created else "—",
        )
        releasable = _get(self.facts, "verification", "releasable")
        if releasable is True:
            verdict, color = self.t("audit.sheet.verdict.releasable"), "#1b6e20"
        elif releasable is False:
            verdict, color = self.t("audit.sheet.verdict.not_releasable"), "#b00020"
        else:
            verdict, color = self.t("audit.sheet.verdict.unknown"), "#8a6d00"
        banner = Table(
            [[Paragraph(escape(verdict), self.styles["verdict"])]],
            colWidths=[_TABLE_WIDTH],
            style=TableStyle(
                [
                    ("FONTNAME", (0, 0), (-1, -1), FONT),
                    ("BOX", (0, 0), (-1, -1), 1.2, colors.HexColor(color)),
                    ("TEXTCOLOR", (0, 0), (-1, -1), colors.HexColor(color)),
                    ("TOPPADDING", (0, 0), (-1, -1), 5),
                    ("BOTTOMPADDING", (0, 0), (-1, -1), 5),
                ]
            ),
        )
        return [
            Paragraph(escape(self.t("audit.sheet.title")), self.styles["title"]),
            Paragraph(escape(subtitle), self.styles["subtitle"]),
            Paragraph(escape(self.t("audit.sheet.intro")), self.styles["small"]),
            Spacer(1, 3 * mm),
            banner,
        ]

    # Key/value sections

    def _sections(self) -> dict[str, tuple[str, list[_Row]]]:
        text, size, number, integer = self._text, self._size, self._number, self._integer
        return {
            "case": (
                "audit.sheet.section.case",
                [
                    ("audit.sheet.case.pseudonym", ("pseudonym",), text),
                    ("audit.sheet.case.case_id", ("case_id",), text),
                ],
            ),
            "source": (
                "audit.sheet.section.source",
                [
                    ("audit.sheet.media.media_id", ("media_id",), text),
                    ("audit.sheet.media.sha256", ("sha256",), text),
                    ("audit.sheet.media.size", ("size",), size),
                    ("audit.sheet.media.duration", ("duration_s",), self._duration),
                    ("audit.sheet.media.resolution", ("width", "height"), self._resolution),
                    ("audit.sheet.media.fps", ("fps",), number),
                    ("audit.sheet.media.frames", ("frames",), integer),
                    ("audit.sheet.media.container", ("container",), text),
                ],
            ),
            "export": (
                "audit.sheet.section.export",
                [
                    ("audit.sheet.media.file", ("file",), text),
                    ("audit.sheet.media.sha256", ("sha256",), text),
                    ("audit.sheet.media.size", ("size",), size),
                    ("audit.sheet.media.codec", ("codec",), text),
                    ("audit.sheet.media.preset", ("preset",), text),
                    ("audit.sheet.media.crf", ("crf",), number),
                    ("audit.sheet.media.resolution", ("width", "height"), self._resolution),
                    ("audit.sheet.media.frames", ("frames",), integer),
                    ("audit.sheet.media.duration", ("duration_s",), self._duration),
                ],
            ),
            "consent": (
                "audit.sheet.section.consent",
                [
                    ("audit.sheet.consent.purpose", ("purpose",), self._consent_term("purpose")),
                    ("audit.sheet.consent.channel", ("channel",), self._consent_term("channel")),
                    ("audit.sheet.consent.status", ("status",), self._consent_term("status")),
                    ("audit.sheet.consent.revision", ("revision",), integer),
                    ("audit.sheet.consent.signed_on", ("signed_on",), text),
                    ("audit.sheet.consent.warnings", ("warnings",), self._consent_warnings),
                ],
            ),
            "audio": (
                "audit.sheet.section.audio",
                [
                    ("audit.sheet.audio.mode", ("mode",), self._choice("audio")),
                    ("audit.sheet.audio.mode", ("audio",), self._choice("audio")),
                    ("edit.sheet.audio.voice_default", ("voice_default",), self._choice("voice")),
                    ("edit.sheet.audio.format", ("codec", "sample_rate", "channels"),
                     self._audio_format),
                    ("edit.sheet.audio.loudness", ("loudness_lufs", "target_lufs"),
                     self._loudness),
                    ("edit.sheet.audio.loudness_before", ("loudness_before_lufs",), number),
                    ("edit.sheet.audio.gain", ("gain_db",), number),
                    ("edit.sheet.audio.peak", ("peak_dbfs", "peak_ceiling_dbfs"), self._peak),
                    ("edit.sheet.audio.limited", ("peak_limited",), self._yes_no),
                    ("edit.sheet.audio.normalised", ("normalised",), self._yes_no),
                    ("audit.sheet.metadata.removed", ("metadata_removed",), self._metadata),
                ],
            ),
            "verification": (
                "audit.sheet.section.verification",
                [
                    ("audit.sheet.verification.releasable", ("releasable",), self._yes_no),
                    ("audit.sheet.verification.residual", ("residual_face_frames",), self._frames),
                    ("audit.sheet.verification.findings", ("container_findings",), self._findings),
                    ("audit.sheet.verification.detector", ("detector",), text),
                    ("audit.sheet.verification.threshold", ("threshold",), number),
                ],
            ),
            "software": (
                "audit.sheet.section.software",
                [
                    ("audit.sheet.software.name", ("name", "version"), self._name_version),
                    ("audit.sheet.software.pyav", ("pyav",), text),
                    ("audit.sheet.software.ffmpeg", ("ffmpeg",), text),
                    ("audit.sheet.software.encoder", ("encoder",), text),
                ],
            ),
            "author": (
                "audit.sheet.section.author",
                [
                    ("audit.sheet.author.user", ("user",), text),
                    ("audit.sheet.author.principal", ("principal",), text),
                ],
            ),
            "signer": (
                "audit.sheet.section.signer",
                [
                    ("audit.sheet.signer.principal", ("principal",), text),
                    ("audit.sheet.signer.ssh_public", ("ssh_public",), text),
                    ("audit.sheet.signer.certificate_sha256", ("certificate_sha256",), text),
                ],
            ),
            "authority": (
                "audit.sheet.section.authority",
                [
                    ("audit.sheet.authority.label", ("label",), text),
                    ("audit.sheet.authority.root_sha256", ("root_sha256",), text),
                ],
            ),
        }

    def _key_value_section(
        self,
        title: str,
        section: object,
        rows: Sequence[_Row],
    ) -> list[Flowable]:
        if section is None:
            return []
        if not isinstance(section, Mapping):
            return self._table_section(title, [[self._cell(self._value(section))]], [_TABLE_WIDTH])

        cells: list[list[Flowable]] = []
        used: set[str] = set()
        for label_key, keys, formatter in rows:
            if not any(key in section for key in keys):
                continue
            used.update(keys)
            values = [section.get(key) for key in keys]
            cells.append([self._label(self.t(label_key)), self._cell(formatter(*values))])
        for key, value in section.items():
            if key not in used:
                cells.append([self._label(key), self._cell(self._value(value))])
        if not cells:
            return []
        return self._table_section(title, cells, [_LABEL_WIDTH, _TABLE_WIDTH - _LABEL_WIDTH])

    def _table_section(
        self, title: str, cells: list[list[Flowable]], widths: list[float], header: bool = False
    ) -> list[Flowable]:
        table = Table(cells, colWidths=widths, repeatRows=1 if header else 0, style=_grid(header))
        heading = Paragraph(escape(title), self.styles["heading"])
        # Keep the heading with the first rows, so a heading does not end a page alone.
        if len(cells) <= 12:
            return [KeepTogether([heading, table])]
        return [CondPageBreak(30 * mm), heading, table]

    # Detectors

    def _detectors(self) -> list[Flowable]:
        detectors = self.facts.get("detectors")
        if detectors is None:
            return []
        if not isinstance(detectors, list) or not detectors:
            empty = [[self._cell(self.t("audit.sheet.none"))]]
            return self._table_section(
                self.t("audit.sheet.section.detectors"), empty, [_TABLE_WIDTH]
            )
        flowables: list[Flowable] = []
        rows: list[_Row] = [
            ("audit.sheet.detector.name", ("name", "version"), self._name_version),
            ("audit.sheet.detector.threshold", ("threshold",), self._number),
            ("audit.sheet.detector.frames", ("frames_analyzed", "frames_total"), self._coverage),
            ("audit.sheet.detector.model_sha256", ("model_sha256",), self._text),
            ("audit.sheet.detector.id", ("id",), self._text),
        ]
        for detector in detectors:
            name = None
            if isinstance(detector, Mapping):
                name = detector.get("name") or detector.get("id")
            title = self.t("audit.sheet.section.detector", name=name if name else "—")
            flowables += self._key_value_section(title, detector, rows)
        return flowables

    # Redactions

    def _redactions(self) -> list[Flowable]:
        redactions = self.facts.get("redactions")
        if redactions is None:
            return []
        items = (
            [item for item in redactions if isinstance(item, Mapping)]
            if isinstance(redactions, list)
            else []
        )
        applied = sum(1 for item in items if item.get("status") == "applied")
        rejected = sum(1 for item in items if item.get("status") == "rejected")
        title = self.t(
            "audit.sheet.section.redactions",
            count=len(items),
            applied=applied,
            rejected=rejected,
        )
        if not items:
            return self._table_section(
                title, [[self._cell(self.t("audit.sheet.none"))]], [_TABLE_WIDTH]
            )

        header_keys = ("id", "kind", "status", "frames", "times", "mask", "decision")
        header = [self._header_cell(self.t(f"audit.sheet.redaction.{key}")) for key in header_keys]
        relative_widths = (13, 25, 20, 21, 22, 20, 53)
        widths = [_TABLE_WIDTH * width / sum(relative_widths) for width in relative_widths]
        rows: list[list[Flowable]] = [header]
        rejected_rows: list[int] = []
        for item in items:
            if item.get("status") == "rejected":
                rejected_rows.append(len(rows))
            rows.append(self._redaction_row(item))

        style = _grid(header=True)
        for row in rejected_rows:
            style.add("BACKGROUND", (0, row), (-1, row), colors.HexColor("#eeeeee"))
        table = Table(rows, colWidths=widths, repeatRows=1, style=style)
        heading = Paragraph(escape(title), self.styles["heading"])
        legend = Paragraph(escape(self.t("audit.sheet.redaction.legend")), self.styles["small"])
        return [CondPageBreak(40 * mm), heading, legend, Spacer(1, 1.5 * mm), table]

    _REDACTION_KEYS = frozenset(
        {
            "id",
            "kind",
            "origin",
            "status",
            "start_frame",
            "end_frame",
            "frames",
            "start_s",
            "end_s",
            "shape",
            "fill",
            "margin",
            "created_by",
            "decided_by",
            "decided_at",
            "rejected_ranges",
        }
    )

    def _redaction_row(self, item: Mapping[str, Any]) -> list[Flowable]:
        kind = self._choice("kind")(item.get("kind"))
        origin = self._choice("origin")(item.get("origin"))
        status = self._choice("status")(item.get("status"))
        status_text = f"<b>{escape(status)}</b>"
        rejected_ranges = item.get("rejected_ranges")
        if rejected_ranges:
            status_text += "<br/>" + escape(
                self.t(
                    "audit.sheet.redaction.rejected_ranges", ranges=self._ranges(rejected_ranges)
                )
            )

        frames = (
            f"{self._integer(item.get('start_frame'))} – {self._integer(item.get('end_frame'))}"
        )
        if item.get("frames") is not None:
            frames += "<br/>" + escape(
                self.t("audit.sheet.redaction.frame_count", count=self._integer(item.get("frames")))
            )
        times = f"{self._duration(item.get('start_s'))}<br/>{self._duration(item.get('end_s'))}"

        mask_parts = [
            self._choice("shape")(item.get("shape")),
            self._choice("fill")(item.get("fill")),
        ]
        if item.get("margin") is not None:
            mask_parts.append(
                self.t("audit.sheet.redaction.margin", margin=self._number(item.get("margin")))
            )

        decision = [
            self.t("audit.sheet.redaction.created_by", who=self._text(item.get("created_by"))),
            self.t("audit.sheet.redaction.decided_by", who=self._text(item.get("decided_by"))),
        ]
        if item.get("decided_at"):
            decision.append(format_datetime(str(item["decided_at"]), self.language))
        extras = [
            f"{key}: {self._value(value)}"
            for key, value in item.items()
            if key not in self._REDACTION_KEYS
        ]

        return [
            self._cell(self._text(item.get("id"))),
            self._markup_cell(f"{escape(kind)}<br/>{escape(origin)}"),
            self._markup_cell(status_text),
            self._markup_cell(frames),
            self._markup_cell(times),
            self._markup_cell("<br/>".join(escape(part) for part in mask_parts)),
            self._markup_cell("<br/>".join(escape(part) for part in decision + extras)),
        ]

    # Remaining facts and the signature block

    _KNOWN_TOP_LEVEL = frozenset(
        {
            "case",
            "source",
            "export",
            "audio",
            "consent",
            "verification",
            "software",
            "author",
            "signer",
            "authority",
            "metadata_removed",
            "detectors",
            "redactions",
            "edit",
            "created_at",
        }
    )

    def _other_facts(self) -> list[Flowable]:
        rows = [
            ("audit.sheet.format.format", ("format",), self._text),
            ("audit.sheet.format.version", ("format_version",), self._text),
            ("audit.sheet.format.language", ("language",), self._text),
            ("audit.sheet.format.created_at", ("created_at",), self._datetime),
        ]
        others = {
            key: value for key, value in self.facts.items() if key not in self._KNOWN_TOP_LEVEL
        }
        others["created_at"] = self.facts.get("created_at")
        return self._key_value_section(self.t("audit.sheet.section.format"), others, rows)

    def _signatures(self) -> list[Flowable]:
        user = self._text(_get(self.facts, "author", "user"))
        labels = {
            AUTHOR_FIELD: (
                self.t("audit.sheet.signature.author", user=user),
                self.t("audit.sheet.signature.author_hint"),
            ),
            REVIEWER_FIELD: (
                self.t("audit.sheet.signature.reviewer"),
                self.t("audit.sheet.signature.reviewer_hint"),
            ),
        }
        block = _SignatureBlock(
            self.t("audit.sheet.section.signatures"), labels, self.styles["small"]
        )
        return [CondPageBreak(_SIGNATURE_BLOCK_HEIGHT + 8 * mm), block]

    # Cells and value formatting

    def _label(self, text: str) -> Paragraph:
        return Paragraph(escape(text), self.styles["label"])

    def _header_cell(self, text: str) -> Paragraph:
        return Paragraph(escape(text), self.styles["header"])

    def _cell(self, text: str) -> Paragraph:
        return Paragraph(escape(text), self.styles["cell"])

    def _markup_cell(self, markup: str) -> Paragraph:
        return Paragraph(markup, self.styles["cell"])

    def _text(self, value: object) -> str:
        return "—" if value is None or value == "" else str(value)

    def _value(self, value: object) -> str:
        if isinstance(value, bool):
            return self._yes_no(value)
        if isinstance(value, int | float):
            return self._number(value)
        if isinstance(value, Mapping):
            if not value:
                return self.t("audit.sheet.none")
            return "; ".join(f"{key}: {self._value(item)}" for key, item in value.items())
        if isinstance(value, list | tuple):
            if not value:
                return self.t("audit.sheet.none")
            return ", ".join(self._value(item) for item in value)
        return self._text(value)

    def _number(self, value: object) -> str:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return self._text(value)
        return format_number(value, self.language)

    def _integer(self, value: object) -> str:
        if isinstance(value, bool) or not isinstance(value, int):
            return self._text(value)
        return format_number(value, self.language)

    def _size(self, value: object) -> str:
        if isinstance(value, bool) or not isinstance(value, int):
            return self._text(value)
        return self.t("audit.sheet.bytes", size=format_number(value, self.language))

    def _duration(self, value: object) -> str:
        if isinstance(value, bool) or not isinstance(value, int | float):
            return self._text(value)
        return format_timecode(float(value))

    def _datetime(self, value: object) -> str:
        return (
            format_datetime(value, self.language, long=True)
            if isinstance(value, str)
            else self._text(value)
        )

    def _resolution(self, width: object, height: object) -> str:
        return f"{self._integer(width)} × {self._integer(height)}"

    def _name_version(self, name: object, version: object) -> str:
        return f"{self._text(name)} {self._text(version)}"

    def _audio_format(self, codec: object, rate: object, channels: object) -> str:
        return self.t("edit.sheet.audio.format_value", codec=self._text(codec),
                      rate=self._integer(rate), channels=self._integer(channels))

    def _loudness(self, measured: object, target: object) -> str:
        return self.t("edit.sheet.audio.loudness_value", measured=self._number(measured),
                      target=self._number(target))

    def _peak(self, peak: object, ceiling: object) -> str:
        return self.t("edit.sheet.audio.peak_value", peak=self._number(peak),
                      ceiling=self._number(ceiling))

    def _coverage(self, analyzed: object, total: object) -> str:
        return f"{self._integer(analyzed)} / {self._integer(total)}"

    def _yes_no(self, value: object) -> str:
        if value is True:
            return self.t("audit.sheet.yes")
        if value is False:
            return self.t("audit.sheet.no")
        return self._text(value)

    def _consent_term(self, group: str) -> Callable[[object], str]:
        def translate(value: object) -> str:
            return self.t(f"consent.{group}.{value}")

        return translate

    def _consent_warnings(self, value: object) -> str:
        if not value:
            return self.t("audit.sheet.consent.no_warning")
        return "; ".join(self.t(str(key)) for key in value)  # type: ignore[attr-defined]

    def _choice(self, group: str) -> Callable[[object], str]:
        def translate(value: object) -> str:
            key = f"audit.value.{group}.{value}"
            return self.t(key) if key in self.catalogue else self._text(value)

        return translate

    def _metadata(self, values: object) -> str:
        return self._list(values, "metadata")

    def _list(self, values: object, group: str) -> str:
        if not isinstance(values, list):
            return self._value(values)
        if not values:
            return self.t("audit.sheet.none")
        translate = self._choice(group)
        return ", ".join(translate(value) for value in values)

    def _frames(self, frames: object) -> str:
        if not isinstance(frames, list):
            return self._value(frames)
        if not frames:
            return self.t("audit.sheet.none")
        if all(isinstance(frame, int) and not isinstance(frame, bool) for frame in frames):
            return _compress_ranges(sorted(set(frames)))
        return self._value(frames)

    def _findings(self, findings: object) -> str:
        return self._value(findings)

    def _ranges(self, ranges: object) -> str:
        if not isinstance(ranges, list):
            return self._value(ranges)
        parts = []
        for item in ranges:
            if isinstance(item, list | tuple) and len(item) == 2:
                parts.append(f"{self._value(item[0])}–{self._value(item[1])}")
            elif isinstance(item, Mapping) and "start_frame" in item and "end_frame" in item:
                parts.append(f"{self._value(item['start_frame'])}–{self._value(item['end_frame'])}")
            else:
                parts.append(self._value(item))
        return ", ".join(parts)


def _compress_ranges(frames: Iterable[int]) -> str:
    parts: list[str] = []
    start: int | None = None
    previous: int | None = None
    for frame in frames:
        if start is None:
            start = previous = frame
        elif previous is not None and frame == previous + 1:
            previous = frame
        else:
            parts.append(f"{start}–{previous}" if start != previous else str(start))
            start = previous = frame
    if start is not None:
        parts.append(f"{start}–{previous}" if start != previous else str(start))
    return ", ".join(parts)


def _styles() -> dict[str, ParagraphStyle]:
    base = ParagraphStyle("base", fontName=FONT, bulletFontName=FONT, fontSize=9, leading=11.5)
    return {
        "title": ParagraphStyle("title", base, fontName=FONT_BOLD, fontSize=18, leading=22),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=10.5, leading=14, spaceAfter=2),
        "verdict": ParagraphStyle(
            "verdict", base, fontName=FONT_BOLD, fontSize=11, leading=14, alignment=TA_CENTER
        ),
        "heading": ParagraphStyle(
            "heading",
            base,
            fontName=FONT_BOLD,
            fontSize=11.5,
            leading=14,
            spaceBefore=9,
            spaceAfter=3,
        ),
        "label": ParagraphStyle("label", base, fontName=FONT_BOLD, fontSize=8, leading=10),
        "cell": ParagraphStyle("cell", base, fontSize=8, leading=10),
        "header": ParagraphStyle(
            "header",
            base,
            fontName=FONT_BOLD,
            fontSize=7.5,
            leading=9.5,
            textColor=colors.white,
        ),
        "stamp_heading": ParagraphStyle(
            "stamp_heading",
            base,
            fontName=FONT_BOLD,
            fontSize=8.5,
            leading=11,
            textColor=colors.HexColor("#1f3b5a"),
        ),
        "stamp": ParagraphStyle("stamp", base, fontSize=8, leading=10),
        "small": ParagraphStyle(
            "small", base, fontSize=7.5, leading=9.5, textColor=colors.HexColor("#444444")
        ),
    }


def _grid(header: bool) -> TableStyle:
    commands: list[tuple[Any, ...]] = [
        # Tables set a font for every cell, Paragraph cells included, and default to Helvetica.
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#b0b0b0")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 2.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
        ("LEFTPADDING", (0, 0), (-1, -1), 3.5),
        ("RIGHTPADDING", (0, 0), (-1, -1), 3.5),
    ]
    if header:
        commands.append(("BACKGROUND", (0, 0), (-1, 0), colors.HexColor("#3a4a5c")))
    else:
        commands.append(("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f2f2f2")))
    return TableStyle(commands)

"""Shared layout of the case file's PDF documents (consent form, record of processing).

The documents use the audit sheet's embedded DejaVu Sans fonts and its numbered
footer, so every PDF Voile writes looks alike and embeds all its fonts.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.pagesizes import A4
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate, Spacer, Table, TableStyle

from app.audit.sheet import FONT, FONT_BOLD, _Footer, _register_fonts
from app.i18n import tr

MARGIN_X = 18 * mm
CONTENT_WIDTH = A4[0] - 2 * MARGIN_X - 12  # the frame keeps 6 pt of padding on each side
CHECKED = "\u2612"  # ☒
UNCHECKED = "\u2610"  # ☐


def styles() -> dict[str, ParagraphStyle]:
    """Return the paragraph styles; registers the fonts, which paragraphs need when built."""
    _register_fonts()
    base = ParagraphStyle("base", fontName=FONT, fontSize=9.5, leading=12.5)
    return {
        "title": ParagraphStyle("title", base, fontName=FONT_BOLD, fontSize=15, leading=19,
                                spaceAfter=2),
        "subtitle": ParagraphStyle("subtitle", base, fontSize=10, leading=13, spaceAfter=6,
                                   textColor=colors.HexColor("#333333")),
        "heading": ParagraphStyle("heading", base, fontName=FONT_BOLD, fontSize=11, leading=14,
                                  spaceBefore=8, spaceAfter=3),
        "body": ParagraphStyle("body", base, spaceAfter=4),
        "item": ParagraphStyle("item", base, leftIndent=12, firstLineIndent=-12, spaceAfter=2),
        "small": ParagraphStyle("small", base, fontSize=8, leading=10,
                                textColor=colors.HexColor("#444444")),
        "label": ParagraphStyle("label", base, fontName=FONT_BOLD, fontSize=8.5, leading=11),
        "cell": ParagraphStyle("cell", base, fontSize=8.5, leading=11),
        "choice": ParagraphStyle("choice", base, fontName=FONT_BOLD, leftIndent=14,
                                 firstLineIndent=-14, spaceBefore=4, spaceAfter=4),
    }


def render_pdf(story: list[Flowable], title: str, reference: str, language: str,
               author: str = "") -> bytes:
    """Lay out ``story`` on A4 with the shared footer; return the PDF bytes."""
    _register_fonts()
    buffer = io.BytesIO()
    document = SimpleDocTemplate(
        buffer, pagesize=A4, leftMargin=MARGIN_X, rightMargin=MARGIN_X, topMargin=16 * mm,
        bottomMargin=18 * mm, title=f"{title} {reference}".strip(), author=author,
        creator="Voile", lang=language, initialFontName=FONT, initialFontSize=9.5)
    footer = _Footer(title, reference, language)
    document.build(story, canvasmaker=footer.canvas_class())
    return buffer.getvalue()


def paragraph(text: str, style: ParagraphStyle) -> Paragraph:
    """Return a paragraph of plain text (markup characters are escaped)."""
    return Paragraph(escape(text), style)


def checkbox(checked: bool, text: str, style: ParagraphStyle) -> Paragraph:
    return Paragraph(f"{CHECKED if checked else UNCHECKED}\u00a0\u00a0{escape(text)}", style)


def key_value_table(rows: Sequence[tuple[str, str | Sequence[str]]],
                    sheet_styles: dict[str, ParagraphStyle], label_width: float = 52 * mm,
                    row_height: float | None = None) -> Table:
    """Return a two-column table; a list value becomes one line per item.

    With ``row_height``, every row is that tall and an empty value stays blank
    for a field filled in by hand. Without it, an empty value shows a dash.
    """
    data = []
    for label, value in rows:
        lines = [value] if isinstance(value, str) else list(value)
        text = "<br/>".join(escape(line) for line in lines if line)
        if not text:
            text = "" if row_height else "—"
        data.append([Paragraph(escape(label), sheet_styles["label"]),
                     Paragraph(text, sheet_styles["cell"])])
    table = Table(data, colWidths=[label_width, CONTENT_WIDTH - label_width],
                  rowHeights=[row_height] * len(data) if row_height else None)
    table.setStyle(TableStyle([
        # Tables set each cell's font even for Paragraph cells; the default is Helvetica.
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("GRID", (0, 0), (-1, -1), 0.4, colors.HexColor("#b0b0b0")),
        ("BACKGROUND", (0, 0), (0, -1), colors.HexColor("#f2f2f2")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3),
    ]))
    return table


def signature_table(labels: Sequence[str], sheet_styles: dict[str, ParagraphStyle],
                    height: float = 22 * mm) -> Table:
    """Return boxes side by side, each headed by a label, for handwritten signatures."""
    width = CONTENT_WIDTH / len(labels)
    table = Table([[Paragraph(escape(label), sheet_styles["label"]) for label in labels],
                   ["" for _ in labels]],
                  colWidths=[width] * len(labels), rowHeights=[None, height])
    table.setStyle(TableStyle([
        ("FONTNAME", (0, 0), (-1, -1), FONT),
        ("BOX", (0, 0), (-1, -1), 0.6, colors.HexColor("#888888")),
        ("INNERGRID", (0, 0), (-1, -1), 0.6, colors.HexColor("#888888")),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
    ]))
    return table


def spacer(height_mm: float) -> Spacer:
    return Spacer(1, height_mm * mm)


def format_date(value: dt.date | str, language: str) -> str:
    """Format a date as ``14/03/2026`` in French or ``2026-03-14`` in English."""
    day = dt.date.fromisoformat(value) if isinstance(value, str) else value
    return f"{day:%d/%m/%Y}" if language == "fr" else day.isoformat()


def format_months(months: int, language: str) -> str:
    """Format a duration in months, with years when it is a whole number of them."""
    if months % 12 == 0:
        return tr("casefile.duration.years", language, years=months // 12, months=months)
    return tr("casefile.duration.months", language, months=months)

"""The context card: a title card with the minimum context, shown before the first sequence.

A teaching video gives only the context a viewer needs: the procedure, the pathology, the
operating team, an age band (never the exact age) and a short history, all kept vague. The
age band is one of the fixed ``AGE_BANDS``; the free-text fields are checked by
``app.edit.reidentification`` before any export.
"""

from __future__ import annotations

import logging

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from app.edit.vocabulary import AGE_BANDS, CARD_TEXT_FIELDS
from app.errors import ExportError
from app.i18n import tr
from app.paths import resource_path
from app.project.model import ContextCard

log = logging.getLogger(__name__)

MAX_CARD_SECONDS = 60.0

BACKGROUND = (16, 24, 32)
TITLE_COLOR = (255, 255, 255)
LABEL_COLOR = (255, 212, 0)
TEXT_COLOR = (225, 230, 235)


def age_band_label(band: str, language: str | None = None) -> str:
    """Return the translated label of an age band ("moins de 18 ans", "30–39 ans"...)."""
    return tr(f"edit.age_band.{band}", language)


def card_has_content(card: ContextCard | None) -> bool:
    if card is None or card.duration_s <= 0:
        return False
    return bool(card.age_band) or any(getattr(card, name).strip() for name in CARD_TEXT_FIELDS)


def check_card(card: ContextCard) -> None:
    """Raise ``ExportError`` for an age band outside ``AGE_BANDS`` or a duration out of bounds."""
    if card.age_band and card.age_band not in AGE_BANDS:
        raise ExportError("edit.bad_age_band", band=card.age_band, bands=", ".join(AGE_BANDS))
    if not 0 <= card.duration_s <= MAX_CARD_SECONDS:
        raise ExportError("edit.bad_card_duration", seconds=card.duration_s,
                          limit=MAX_CARD_SECONDS)


def _font(size: int, bold: bool = False) -> ImageFont.FreeTypeFont:
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    return ImageFont.truetype(str(resource_path("fonts", name)), size)


def _card_lines(card: ContextCard, language: str) -> list[tuple[str, str]]:
    """Return the card's ``(label, text)`` rows in display order, empty fields left out."""
    rows: list[tuple[str, str]] = []
    if card.pathology.strip():
        rows.append((tr("edit.card.pathology", language), card.pathology.strip()))
    if card.age_band:
        rows.append((tr("edit.card.age_band", language), age_band_label(card.age_band, language)))
    if card.team.strip():
        rows.append((tr("edit.card.team", language), card.team.strip()))
    if card.history.strip():
        rows.append((tr("edit.card.history", language), card.history.strip()))
    return rows


def render_card(card: ContextCard, width: int, height: int, language: str) -> np.ndarray:
    """Draw the card as an RGB array of ``height`` × ``width``; text shrinks until it fits."""
    check_card(card)
    rows = _card_lines(card, language)
    title = card.procedure.strip() or tr("edit.card.untitled", language)
    scale = 1.0
    for _attempt in range(12):
        image = _draw(title, rows, width, height, scale)
        if image is not None:
            return np.asarray(image, dtype=np.uint8)
        scale *= 0.85
    log.warning("context card text does not fit at %dx%d even at %.0f %% size", width, height,
                scale * 100)
    image = _draw(title, rows, width, height, scale, clip=True)
    assert image is not None
    return np.asarray(image, dtype=np.uint8)


def _wrap(text: str, font: ImageFont.FreeTypeFont, max_width: float) -> list[str]:
    """Wrap ``text`` greedily into lines at most ``max_width`` pixels wide.

    A word wider than a whole line is split where it no longer fits.
    """
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line = ""
        for word in paragraph.split():
            candidate = f"{line} {word}" if line else word
            if line and font.getlength(candidate) > max_width:
                lines.append(line)
                candidate = word
            line = candidate
            while len(line) > 1 and font.getlength(line) > max_width:
                cut = len(line) - 1
                while cut > 1 and font.getlength(line[:cut]) > max_width:
                    cut -= 1
                lines.append(line[:cut])
                line = line[cut:]
        lines.append(line)
    return lines


def _draw(title: str, rows: list[tuple[str, str]], width: int, height: int, scale: float,
          clip: bool = False) -> Image.Image | None:
    image = Image.new("RGB", (width, height), BACKGROUND)
    draw = ImageDraw.Draw(image)
    margin_x = width * 0.08
    text_width = width - 2 * margin_x
    title_font = _font(max(int(height / 13 * scale), 8), bold=True)
    label_font = _font(max(int(height / 26 * scale), 7), bold=True)
    body_font = _font(max(int(height / 24 * scale), 7))

    y = height * 0.1
    for line in _wrap(title, title_font, text_width):
        draw.text((margin_x, y), line, font=title_font, fill=TITLE_COLOR)
        y += title_font.size * 1.25
    y += title_font.size * 0.5
    draw.line([(margin_x, y), (width - margin_x, y)], fill=LABEL_COLOR,
              width=max(int(height / 200), 1))
    y += body_font.size

    for label, text in rows:
        draw.text((margin_x, y), label, font=label_font, fill=LABEL_COLOR)
        y += label_font.size * 1.3
        for line in _wrap(text, body_font, text_width):
            draw.text((margin_x, y), line, font=body_font, fill=TEXT_COLOR)
            y += body_font.size * 1.3
        y += body_font.size * 0.6
    if y > height * 0.95 and not clip:
        return None
    return image

"""Audit sheet sections for the teaching edit: kept ranges, chapters, sound, diagrams, card.

They render the ``edit`` facts (``app.edit.facts``) and the lists of the ``audio`` facts
(``app.edit.mix``) as tables. A reviewer can then check every cut against the source times,
which original sound was kept, bleeped or altered, what was drawn over the footage, the text
of the context card and which re-identification flags a person acknowledged (by fingerprint).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import CondPageBreak, Flowable, Paragraph, Spacer, Table

# Facts of the audio section that these tables show instead of the key/value rows.
AUDIO_LIST_KEYS = frozenset({"voices", "narration"})


def edit_sections(builder: Any) -> list[Flowable]:
    """Return the teaching-edit sections for ``builder`` (a ``sheet._SheetBuilder``)."""
    edit = builder.facts.get("edit")
    audio = builder.facts.get("audio")
    if not isinstance(edit, Mapping):
        return []
    flowables: list[Flowable] = []
    if edit.get("kind") == "lesson":
        heading = Paragraph(escape(builder.t("edit.sheet.title")), builder.styles["heading"])
        intro = Paragraph(escape(builder.t("edit.sheet.intro")), builder.styles["small"])
        flowables += [CondPageBreak(40 * mm), heading, intro, Spacer(1, 1.5 * mm)]
    flowables += _kept_ranges(builder, edit)
    flowables += _cut_ranges(builder, edit)
    flowables += _chapters(builder, edit)
    if isinstance(audio, Mapping):
        flowables += _voices(builder, audio, edit)
        flowables += _narration(builder, audio)
    flowables += _diagrams(builder, edit)
    flowables += _card(builder, edit)
    flowables += _acknowledgements(builder, edit)
    flowables += _files(builder, edit)
    return flowables


def _table(builder: Any, title: str, header_keys: Sequence[str], rows: list[list[str]],
           relative_widths: Sequence[float]) -> list[Flowable]:
    from app.audit.sheet import _TABLE_WIDTH, _grid

    if not rows:
        return builder._table_section(title, [[builder._cell(builder.t("audit.sheet.none"))]],
                                      [_TABLE_WIDTH])
    header = [builder._header_cell(builder.t(key)) for key in header_keys]
    widths = [_TABLE_WIDTH * width / sum(relative_widths) for width in relative_widths]
    cells = [header] + [[builder._markup_cell("<br/>".join(escape(part)
                                                           for part in value.split("\n")))
                         for value in row] for row in rows]
    table = Table(cells, colWidths=widths, repeatRows=1, style=_grid(header=True))
    heading = Paragraph(escape(title), builder.styles["heading"])
    return [CondPageBreak(30 * mm), heading, table]


def _items(value: object) -> list[Mapping[str, Any]]:
    return [item for item in value if isinstance(item, Mapping)] if isinstance(value,
                                                                                list) else []


def _frames(builder: Any, first: object, last: object) -> str:
    return f"{builder._integer(first)} – {builder._integer(last)}"


def _times(builder: Any, start: object, end: object) -> str:
    return f"{builder._duration(start)} – {builder._duration(end)}"


def _kept_ranges(builder: Any, edit: Mapping[str, Any]) -> list[Flowable]:
    rows = []
    for number, item in enumerate(_items(edit.get("kept_ranges")), start=1):
        label = str(item.get("sequence_id") or number)
        title = builder._text(item.get("title"))
        output = builder._duration(item.get("output_start_s")) if item.get(
            "output_start_s") is not None else builder.t("edit.sheet.all_cut")
        rows.append([f"{number}. {label}\n{title}",
                     builder._text(item.get("media_id")),
                     _frames(builder, item.get("in_frame"), item.get("out_frame")),
                     _times(builder, item.get("in_s"), item.get("out_s")),
                     output,
                     builder.t("edit.sheet.kept_count", kept=builder._integer(item.get(
                         "kept_frames")), cut=builder._integer(item.get("cut_frames")))])
    title = builder.t("edit.sheet.section.kept", rate=_rate(builder, edit.get("frame_rate")),
                      total=builder._integer(edit.get("total_frames")),
                      card=builder._integer(edit.get("card_frames")))
    return _table(builder, title, ("edit.sheet.col.sequence", "edit.sheet.col.media",
                                   "edit.sheet.col.source_frames", "edit.sheet.col.source_times",
                                   "edit.sheet.col.output_start", "edit.sheet.col.frames"),
                  rows, (28, 25, 19, 28, 17, 23))


def _rate(builder: Any, value: object) -> str:
    """Show an exact frame rate ("30000/1001") as a decimal number (29,97 in French)."""
    try:
        numerator, denominator = (int(part) for part in str(value).split("/"))
        return builder._number(round(numerator / denominator, 3))
    except (ValueError, ZeroDivisionError):
        return builder._text(value)


def _cut_ranges(builder: Any, edit: Mapping[str, Any]) -> list[Flowable]:
    items = _items(edit.get("cut_ranges"))
    if not items:
        return []
    rows = [[builder._text(item.get("media_id")),
             _frames(builder, item.get("first_frame"), item.get("last_frame")),
             _times(builder, item.get("start_s"), item.get("end_s"))] for item in items]
    return _table(builder, builder.t("edit.sheet.section.cut"),
                  ("edit.sheet.col.media", "edit.sheet.col.source_frames",
                   "edit.sheet.col.source_times"), rows, (30, 30, 40))


def _chapters(builder: Any, edit: Mapping[str, Any]) -> list[Flowable]:
    if "chapters" not in edit:
        return []
    rows = [[str(number), builder._text(item.get("title")),
             _times(builder, item.get("start_s"), item.get("end_s"))]
            for number, item in enumerate(_items(edit.get("chapters")), start=1)]
    return _table(builder, builder.t("edit.sheet.section.chapters"),
                  ("edit.sheet.col.number", "edit.sheet.col.title", "edit.sheet.col.output_times"),
                  rows, (8, 62, 30))


def _voices(builder: Any, audio: Mapping[str, Any], edit: Mapping[str, Any]) -> list[Flowable]:
    pieces = _items(audio.get("voices"))
    if not pieces:
        return []
    decisions = _items(edit.get("voice_ranges"))
    rows = []
    for item in pieces:
        mode = builder.t(f"edit.voice.{item.get('mode')}")
        params = item.get("params")
        if isinstance(params, Mapping):
            mode += "\n" + builder.t("edit.sheet.shift", pitch=builder._number(params.get("pitch")),
                                     formant=builder._number(params.get("formant")))
        index = item.get("range")
        if isinstance(index, int) and 0 <= index < len(decisions):
            decision = decisions[index]
            who = builder.t("audit.sheet.redaction.decided_by",
                            who=builder._text(decision.get("decided_by")))
            if decision.get("decided_at"):
                from app.audit.sheet import format_datetime

                who += "\n" + format_datetime(str(decision["decided_at"]), builder.language)
        else:
            who = builder.t("edit.sheet.default_mode")
        rows.append([mode, builder._text(item.get("media_id")),
                     _frames(builder, item.get("first_frame"), item.get("last_frame")),
                     _times(builder, item.get("output_start_s"), item.get("output_end_s")), who])
    return _table(builder, builder.t("edit.sheet.section.voices"),
                  ("edit.sheet.col.mode", "edit.sheet.col.media", "edit.sheet.col.source_frames",
                   "edit.sheet.col.output_times", "edit.sheet.col.decision"),
                  rows, (30, 22, 20, 28, 30))


def _narration(builder: Any, audio: Mapping[str, Any]) -> list[Flowable]:
    if "narration" not in audio:
        return []
    rows = []
    for item in _items(audio.get("narration")):
        source = builder.t(f"edit.cli.source.{item.get('source')}")
        placement = builder._duration(item.get("output_start_s"))
        if item.get("truncated"):
            placement += "\n" + builder.t("edit.sheet.truncated")
        rows.append([builder._text(item.get("id")), source, placement,
                     builder.t("edit.sheet.seconds", value=builder._number(item.get("duration_s"))),
                     builder.t("edit.sheet.seconds",
                               value=builder._number(item.get("trim_start_s"))),
                     builder.t("edit.sheet.decibels", value=builder._number(item.get("gain_db")))])
    return _table(builder, builder.t("edit.sheet.section.narration"),
                  ("edit.sheet.col.clip", "edit.sheet.col.origin", "edit.sheet.col.output_start",
                   "edit.sheet.col.duration", "edit.sheet.col.trim", "edit.sheet.col.gain"),
                  rows, (16, 18, 22, 16, 14, 14))


def _diagrams(builder: Any, edit: Mapping[str, Any]) -> list[Flowable]:
    if "diagrams" not in edit:
        return []
    rows = []
    for item in _items(edit.get("diagrams")):
        points = item.get("points")
        where = " ".join(f"({builder._number(point[0])}, {builder._number(point[1])})"
                         for point in points[:6] if isinstance(point, list) and len(point) == 2
                         ) if isinstance(points, list) else "—"
        if isinstance(points, list) and len(points) > 6:
            where += " …"
        shown = builder._text(item.get("text")) if item.get("text") else builder._text(
            item.get("image_object_id"))
        rows.append([builder._text(item.get("id")),
                     builder.t(f"edit.diagram.{item.get('kind')}"),
                     builder._text(item.get("media_id")),
                     _frames(builder, item.get("start_frame"), item.get("end_frame")) + "\n"
                     + _times(builder, item.get("start_s"), item.get("end_s")),
                     where, shown])
    return _table(builder, builder.t("edit.sheet.section.diagrams"),
                  ("edit.sheet.col.id", "edit.sheet.col.kind", "edit.sheet.col.media",
                   "edit.sheet.col.source_frames", "edit.sheet.col.position",
                   "edit.sheet.col.content"), rows, (12, 16, 22, 26, 28, 26))


def _card(builder: Any, edit: Mapping[str, Any]) -> list[Flowable]:
    from app.audit.sheet import _LABEL_WIDTH, _TABLE_WIDTH

    if "card" not in edit:
        return []
    card = edit.get("card")
    title = builder.t("edit.sheet.section.card")
    if not isinstance(card, Mapping):
        return builder._table_section(title, [[builder._cell(builder.t("edit.sheet.no_card"))]],
                                      [_TABLE_WIDTH])
    labels = {"procedure": "edit.sheet.card.procedure", "pathology": "edit.card.pathology",
              "team": "edit.card.team", "age_band": "edit.card.age_band",
              "history": "edit.card.history", "duration_s": "edit.sheet.card.duration"}
    cells = []
    for key, label in labels.items():
        value = card.get(key)
        shown = builder._duration(value) if key == "duration_s" else builder._text(value)
        cells.append([builder._label(builder.t(label)), builder._cell(shown)])
    return builder._table_section(title, cells, [_LABEL_WIDTH, _TABLE_WIDTH - _LABEL_WIDTH])


def _acknowledgements(builder: Any, edit: Mapping[str, Any]) -> list[Flowable]:
    from app.audit.sheet import format_datetime

    if "acknowledgements" not in edit:
        return []
    rows = [[builder._text(item.get("field")), builder.t(f"edit.flag.{item.get('kind')}"),
             builder._text(item.get("fingerprint")), builder._text(item.get("user")),
             format_datetime(str(item.get("at")), builder.language) if item.get("at") else "—"]
            for item in _items(edit.get("acknowledgements"))]
    return _table(builder, builder.t("edit.sheet.section.acknowledgements"),
                  ("edit.sheet.col.field", "edit.sheet.col.kind", "edit.sheet.col.fingerprint",
                   "edit.sheet.col.user", "edit.sheet.col.date"), rows, (18, 22, 30, 16, 18))


def _files(builder: Any, edit: Mapping[str, Any]) -> list[Flowable]:
    items = _items(edit.get("files"))
    if not items:
        return []
    rows = [[builder.t(f"edit.sheet.file.{item.get('kind')}"), builder._text(item.get("file")),
             builder._text(item.get("sha256")), builder._size(item.get("size"))]
            for item in items]
    return _table(builder, builder.t("edit.sheet.section.files"),
                  ("edit.sheet.col.content", "edit.sheet.col.file", "audit.sheet.media.sha256",
                   "audit.sheet.media.size"), rows, (18, 28, 40, 14))

"""Command line of the teaching edit: ``voile edit ...``.

Sequences, narration, original voices, diagrams, the context card, captions and the lesson
export. Every change is saved as a new revision of the encrypted case project and journalled.
A text typed for the lesson is printed back only when the re-identification check has no open
flag on it. Flags themselves are shown by field, kind and position, never by content.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from app.errors import VoileError
from app.i18n import tr

VaultArgs = Callable[[argparse.ArgumentParser], None]


# ----------------------------------------------------------------------------- helpers

@contextmanager
def _lesson(args: argparse.Namespace, save: bool = True) -> Iterator[tuple[Any, Any, Any]]:
    """Unlock the vault, load the case project; save it afterwards when ``save`` is true."""
    from app.cli import _unlock

    with _unlock(args) as vault:
        case = vault.case(args.case)
        project = vault.load_project(case.id)
        yield vault, case, project
        if save:
            vault.save_project(project)
            vault.journal("lesson.edit", case.id, args.edit_command)


def _media(project: Any, media_id: str) -> Any:
    media = project.media.get(media_id)
    if media is None:
        raise VoileError("edit.media_not_in_case", media_id=media_id)
    return media


def parse_seconds(text: str) -> float:
    """Parse seconds (``12.5``), ``MM:SS(.ff)`` or ``HH:MM:SS(.ff)`` into seconds."""
    try:
        seconds = 0.0
        for part in text.strip().split(":"):
            seconds = seconds * 60 + float(part)
    except ValueError:
        raise VoileError("edit.bad_time", value=text) from None
    if seconds < 0:
        raise VoileError("edit.bad_time", value=text)
    return seconds


def parse_frame(text: str, fps: float, frame_count: int) -> int:
    """Parse a source position: a frame number ``f123`` or a time, rounded to a frame.

    Raises ``edit.bad_time`` for a position outside the media instead of clamping it, so an
    in/out point is never silently moved.
    """
    text = text.strip()
    if text.startswith("f"):
        try:
            frame = int(text[1:])
        except ValueError:
            raise VoileError("edit.bad_time", value=text) from None
    else:
        frame = round(parse_seconds(text) * fps)
    if not 0 <= frame < frame_count:
        raise VoileError("edit.position_outside", value=text, last=frame_count - 1)
    return frame


def parse_points(text: str) -> list[list[float]]:
    """Parse ``"x,y x,y ..."`` into source-pixel points."""
    points: list[list[float]] = []
    for pair in text.split():
        try:
            x, y = (float(value) for value in pair.split(","))
        except ValueError:
            raise VoileError("edit.bad_points", value=pair) from None
        points.append([x, y])
    if not points:
        raise VoileError("edit.bad_points", value=text)
    return points


def _open_flags(lesson: Any) -> list[Any]:
    from app.edit.reidentification import unresolved_flags

    return unresolved_flags(lesson)


def _shown(text: str, flagged: bool) -> str:
    return tr("edit.cli.flagged_text") if flagged else text


def _clock(seconds: float) -> str:
    minutes, secs = divmod(max(seconds, 0.0), 60)
    hours, minutes = divmod(int(minutes), 60)
    return f"{hours:02d}:{minutes:02d}:{secs:06.3f}"


# ----------------------------------------------------------------------------- show

def cmd_show(args: argparse.Namespace) -> int:
    from app.edit.card import age_band_label

    with _lesson(args, save=False) as (_vault, case, project):
        lesson = project.lesson
        flagged = {(flag.field_name, flag.item) for flag in _open_flags(lesson)}
        print(tr("edit.cli.show_header", case=case.pseudonym))
        print(tr("edit.cli.sequences", count=len(lesson.sequences)))
        for position, sequence in enumerate(lesson.sequences, start=1):
            media = project.media.get(sequence.media_id)
            fps = media.fps if media is not None and media.fps else 25.0
            title = _shown(sequence.title, ("chapter", sequence.id) in flagged)
            print(f"  {position:2d}. {sequence.id}  {sequence.media_id}  "
                  f"f{sequence.in_frame}–f{sequence.out_frame}  "
                  f"{_clock(sequence.in_frame / fps)} – {_clock((sequence.out_frame + 1) / fps)}"
                  f"  {title}")
        print(tr("edit.cli.narration", count=len(lesson.narration)))
        for clip in lesson.narration:
            print(f"  {clip.id}  {_clock(clip.lesson_start_s)}  {clip.duration_s:.2f} s  "
                  f"{clip.gain_db:+.1f} dB  {tr('edit.cli.source.' + clip.source)}")
        print(tr("edit.cli.voices", mode=tr("edit.voice." + lesson.voice_default),
                 count=len(lesson.voice_ranges)))
        for index, voice in enumerate(lesson.voice_ranges):
            print(f"  {index}  {voice.media_id}  f{voice.start_frame}–f{voice.end_frame}  "
                  f"{tr('edit.voice.' + voice.mode)}")
        print(tr("edit.cli.diagrams", count=len(lesson.diagrams)))
        for diagram in lesson.diagrams:
            print(f"  {diagram.id}  {tr('edit.diagram.' + diagram.kind)}  {diagram.media_id}  "
                  f"f{diagram.start_frame}–f{diagram.end_frame}")
        card = lesson.card
        if card is not None and card.age_band:
            print(tr("edit.cli.card_band", band=age_band_label(card.age_band)))
        print(tr("edit.cli.captions", count=len(lesson.captions)))
        print(tr("edit.cli.flags", count=len(flagged)))
    return 0


# ----------------------------------------------------------------------------- sequences

def cmd_sequence_add(args: argparse.Namespace) -> int:
    from app.project.model import Sequence

    with _lesson(args) as (_vault, _case, project):
        media = _media(project, args.media)
        first = parse_frame(args.in_point, media.fps, media.frame_count)
        last = parse_frame(args.out_point, media.fps, media.frame_count)
        if last < first:
            raise VoileError("edit.out_before_in", first=first, last=last)
        sequences = project.lesson.sequences
        numbers = [int(item.id[1:]) for item in sequences if item.id[1:].isdigit()]
        sequence = Sequence(f"S{(max(numbers) + 1) if numbers else 1:04d}", media.media_id,
                            first, last, args.title or "")
        position = len(sequences) if args.position is None else max(args.position - 1, 0)
        sequences.insert(position, sequence)
        print(sequence.id)
    return 0


def _sequence_index(project: Any, sequence_id: str) -> int:
    for index, sequence in enumerate(project.lesson.sequences):
        if sequence.id == sequence_id:
            return index
    raise VoileError("edit.sequence_not_found", sequence=sequence_id)


def cmd_sequence_remove(args: argparse.Namespace) -> int:
    with _lesson(args) as (_vault, _case, project):
        del project.lesson.sequences[_sequence_index(project, args.sequence)]
    return 0


def cmd_sequence_move(args: argparse.Namespace) -> int:
    with _lesson(args) as (_vault, _case, project):
        sequences = project.lesson.sequences
        sequence = sequences.pop(_sequence_index(project, args.sequence))
        sequences.insert(min(max(args.to - 1, 0), len(sequences)), sequence)
    return 0


def cmd_sequence_title(args: argparse.Namespace) -> int:
    with _lesson(args) as (_vault, _case, project):
        project.lesson.sequences[_sequence_index(project, args.sequence)].title = args.title
    return 0


# ----------------------------------------------------------------------------- narration

def _clip(project: Any, clip_id: str) -> Any:
    for clip in project.lesson.narration:
        if clip.id == clip_id:
            return clip
    raise VoileError("edit.clip_not_found", clip=clip_id)


def cmd_narration_import(args: argparse.Namespace) -> int:
    from app.edit.audio import import_narration

    with _lesson(args) as (vault, _case, project):
        clip = import_narration(vault, project, Path(args.file), parse_seconds(args.at),
                                args.gain)
        print(clip.id)
    return 0


def cmd_narration_record(args: argparse.Namespace) -> int:
    from app.edit.audio import add_narration, retake_narration
    from app.edit.recorder import MicrophoneSource, Recorder

    # Open the microphone before unlocking, so a machine without one fails fast.
    source = MicrophoneSource(device=args.device, channels=1)

    def meter(level: Any) -> None:
        bars = max(0, min(40, int((level.rms_dbfs + 60) / 1.5)))
        print(f"\r{level.seconds:6.1f} s  {'#' * bars:<40}  {level.peak_dbfs:6.1f} dBFS",
              end="", file=sys.stderr, flush=True)

    buffer = Recorder(source, meter).record(max_seconds=args.seconds)
    print(file=sys.stderr)
    with _lesson(args) as (vault, _case, project):
        if args.retake:
            clip, old_object = retake_narration(vault, project, args.retake, buffer)
            vault.save_project(project)
            vault.shred_object(old_object)
        else:
            clip = add_narration(vault, project, buffer, parse_seconds(args.at), "recorded")
        print(clip.id)
    return 0


def cmd_narration_edit(args: argparse.Namespace) -> int:
    with _lesson(args) as (_vault, _case, project):
        clip = _clip(project, args.clip)
        if args.at is not None:
            clip.lesson_start_s = parse_seconds(args.at)
        if args.trim is not None:
            trim = parse_seconds(args.trim)
            clip.duration_s = max(round(clip.duration_s - (trim - clip.trim_start_s), 3), 0.0)
            clip.trim_start_s = trim
        if args.duration is not None:
            clip.duration_s = parse_seconds(args.duration)
        if args.gain is not None:
            clip.gain_db = args.gain
    return 0


def cmd_narration_remove(args: argparse.Namespace) -> int:
    with _lesson(args, save=False) as (vault, case, project):
        clip = _clip(project, args.clip)
        project.lesson.narration.remove(clip)
        vault.save_project(project)
        vault.shred_object(clip.object_id)
        vault.journal("lesson.edit", case.id, "narration remove")
    return 0


def cmd_devices(args: argparse.Namespace) -> int:
    from app.edit.recorder import input_devices

    devices = input_devices()
    if not devices:
        print(tr("edit.no_microphone"), file=sys.stderr)
        return 2
    for device in devices:
        print(f"{device.index}  {device.channels} ch  {device.default_rate:.0f} Hz  {device.name}")
    return 0


# ----------------------------------------------------------------------------- voices

def cmd_voice_set(args: argparse.Namespace) -> int:
    from app.edit.voices import check_voice_range
    from app.project.model import VoiceRange, utc_now

    with _lesson(args) as (vault, _case, project):
        media = _media(project, args.media)
        first = parse_frame(args.start, media.fps, media.frame_count)
        last = parse_frame(args.end, media.fps, media.frame_count)
        if last < first:
            raise VoileError("edit.out_before_in", first=first, last=last)
        params = {name: value for name, value in (("pitch", args.pitch),
                                                  ("formant", args.formant))
                  if value is not None}
        voice = VoiceRange(media.media_id, first, last, args.mode, params, vault.user.id,
                           utc_now())
        check_voice_range(voice)
        project.lesson.voice_ranges.append(voice)
        print(len(project.lesson.voice_ranges) - 1)
    return 0


def cmd_voice_remove(args: argparse.Namespace) -> int:
    with _lesson(args) as (_vault, _case, project):
        ranges = project.lesson.voice_ranges
        if not 0 <= args.index < len(ranges):
            raise VoileError("edit.voice_not_found", index=args.index)
        del ranges[args.index]
    return 0


# ----------------------------------------------------------------------------- diagrams

def cmd_diagram_add(args: argparse.Namespace) -> int:
    from app.edit.diagrams import check_diagram, import_diagram_image, next_diagram_id
    from app.project.model import Diagram

    with _lesson(args) as (vault, _case, project):
        media = _media(project, args.media)
        first = parse_frame(args.start, media.fps, media.frame_count)
        last = parse_frame(args.end, media.fps, media.frame_count)
        image_id = import_diagram_image(vault, Path(args.image)) if args.image else None
        diagram = Diagram(next_diagram_id(project.lesson.diagrams), media.media_id, first, last,
                          args.kind, parse_points(args.points), args.text or "", args.color,
                          args.width, image_id)
        try:
            check_diagram(diagram)
        except VoileError:
            if image_id is not None:
                vault.shred_object(image_id)
            raise
        project.lesson.diagrams.append(diagram)
        print(diagram.id)
    return 0


def cmd_diagram_remove(args: argparse.Namespace) -> int:
    with _lesson(args) as (_vault, _case, project):
        diagrams = project.lesson.diagrams
        found = [diagram for diagram in diagrams if diagram.id == args.diagram]
        if not found:
            raise VoileError("edit.diagram_not_found", diagram=args.diagram)
        diagrams.remove(found[0])
    return 0


# ----------------------------------------------------------------------------- card

def cmd_card_set(args: argparse.Namespace) -> int:
    from app.edit.card import check_card
    from app.project.model import ContextCard

    with _lesson(args) as (_vault, _case, project):
        card = project.lesson.card or ContextCard()
        for name in ("procedure", "pathology", "team", "history"):
            value = getattr(args, name)
            if value is not None:
                setattr(card, name, value)
        if args.age_band is not None:
            card.age_band = "" if args.age_band == "none" else args.age_band
        if args.duration is not None:
            card.duration_s = args.duration
        check_card(card)
        project.lesson.card = card
    return _print_flags(project.lesson, stream=sys.stderr)


def _print_flags(lesson: Any, stream: Any = None) -> int:
    flags = _open_flags(lesson)
    stream = stream or sys.stdout
    if not flags:
        print(tr("edit.cli.no_flags"), file=stream)
        return 0
    for flag in flags:
        where = flag.field_name + (f"[{flag.item}]" if flag.item else "")
        print(f"{flag.id}  {tr('edit.flag.' + flag.kind):28}  {where}  "
              f"{tr('edit.cli.characters', start=flag.start + 1, end=flag.end)}", file=stream)
    print(tr("edit.cli.flags_hint", count=len(flags)), file=stream)
    return 0


def cmd_card_check(args: argparse.Namespace) -> int:
    """Print the open flags; exit with 1 while any is open, so scripts can stop before export."""
    with _lesson(args, save=False) as (vault, _case, project):
        had_key = bool(project.lesson.fingerprint_key)
        _print_flags(project.lesson)
        open_count = len(_open_flags(project.lesson))
        if not had_key:
            # The first check makes the fingerprint key; saving it keeps flag ids stable.
            vault.save_project(project)
    return 1 if open_count else 0


def cmd_card_ack(args: argparse.Namespace) -> int:
    from app.edit.reidentification import acknowledge

    with _lesson(args) as (vault, _case, project):
        ack = acknowledge(project.lesson, args.flag, vault.user.id)
        print(tr("edit.cli.acknowledged", flag=args.flag, kind=tr("edit.flag." + ack.flag_kind)),
              file=sys.stderr)
    return 0


# ----------------------------------------------------------------------------- captions

def cmd_caption_add(args: argparse.Namespace) -> int:
    from app.project.model import Caption

    with _lesson(args) as (_vault, _case, project):
        start, end = parse_seconds(args.start), parse_seconds(args.end)
        if end <= start:
            raise VoileError("edit.out_before_in", first=args.start, last=args.end)
        caption = Caption(start, end, args.text)
        captions = project.lesson.captions
        captions.append(caption)
        captions.sort(key=lambda item: item.start_s)
        print(next(index for index, item in enumerate(captions) if item is caption))
    return 0


def cmd_caption_remove(args: argparse.Namespace) -> int:
    with _lesson(args) as (_vault, _case, project):
        captions = project.lesson.captions
        if not 0 <= args.index < len(captions):
            raise VoileError("edit.caption_not_found", index=args.index)
        del captions[args.index]
    return 0


# ----------------------------------------------------------------------------- export

def cmd_export(args: argparse.Namespace) -> int:
    from app.cli import _progress
    from app.export.exporter import ExportOptions, export_lesson
    from app.jobs import CancelToken

    options = ExportOptions(fill=args.fill, shape=args.shape, crf=args.crf, preset=args.preset,
                            purpose=args.purpose, channel=args.channel)
    with _lesson(args, save=False) as (vault, case, _project):
        result = export_lesson(vault, case.id, Path(args.out), options, args.media,
                               _progress(args), CancelToken())
        print(tr("cli.export_done", file=result.video.name, sheet=result.package.sheet.name),
              file=sys.stderr)
        print(result.video)
        for path in result.sidecars.values():
            print(path)
    return 0


# ----------------------------------------------------------------------------- parser

def register(subparsers: Any, vault_args: VaultArgs) -> None:
    from app.cli import add_use_arguments

    """Add ``voile edit ...`` to ``voile``'s subparsers; ``vault_args`` adds VAULT and login."""
    edit = subparsers.add_parser("edit", help=tr("edit.cli.help.group"))
    actions = edit.add_subparsers(dest="edit_group", metavar="PART", required=True)

    def command(group: Any, name: str, handler: Callable[[argparse.Namespace], int],
                help_key: str, case: bool = True) -> argparse.ArgumentParser:
        parser: argparse.ArgumentParser = group.add_parser(name, help=tr(help_key))
        vault_args(parser)
        if case:
            parser.add_argument("case", metavar="CASE", help=tr("edit.cli.help.case"))
        parser.set_defaults(handler=handler, edit_command=f"{group.dest} {name}")
        return parser

    def part(name: str, help_key: str) -> Any:
        parser = actions.add_parser(name, help=tr(help_key))
        return parser.add_subparsers(dest=name, metavar="ACTION", required=True)

    show = actions.add_parser("show", help=tr("edit.cli.help.show"))
    vault_args(show)
    show.add_argument("case", metavar="CASE", help=tr("edit.cli.help.case"))
    show.set_defaults(handler=cmd_show, edit_command="show")

    _register_sequences(part("sequence", "edit.cli.help.sequence"), command)
    _register_narration(part("narration", "edit.cli.help.narration"), command)
    _register_voices(part("voice", "edit.cli.help.voice"), command)
    _register_diagrams(part("diagram", "edit.cli.help.diagram"), command)
    _register_card(part("card", "edit.cli.help.card"), command)
    _register_captions(part("caption", "edit.cli.help.caption"), command)

    export = actions.add_parser("export", help=tr("edit.cli.help.export"))
    vault_args(export)
    export.add_argument("case", metavar="CASE", help=tr("edit.cli.help.case"))
    export.add_argument("--out", required=True, metavar="DIR", help=tr("cli.help.out"))
    export.add_argument("--media", metavar="MEDIA", help=tr("edit.cli.help.export_media"))
    export.add_argument("--fill", choices=["solid", "pixelate", "blur"], help=tr("cli.help.fill"))
    export.add_argument("--shape", choices=["rect", "ellipse"], help=tr("cli.help.shape"))
    export.add_argument("--crf", type=int, default=23, help=tr("cli.help.crf"))
    export.add_argument("--preset", default="veryfast", help=tr("cli.help.preset"))
    add_use_arguments(export)
    export.set_defaults(handler=cmd_export, edit_command="export")


_Command = Callable[..., argparse.ArgumentParser]


def _register_sequences(group: Any, command: _Command) -> None:
    add = command(group, "add", cmd_sequence_add, "edit.cli.help.sequence_add")
    add.add_argument("media", metavar="MEDIA", help=tr("cli.help.media"))
    add.add_argument("--in", dest="in_point", required=True, metavar="TIME",
                     help=tr("edit.cli.help.in"))
    add.add_argument("--out", dest="out_point", required=True, metavar="TIME",
                     help=tr("edit.cli.help.out_point"))
    add.add_argument("--title", help=tr("edit.cli.help.title"))
    add.add_argument("--position", type=int, metavar="N", help=tr("edit.cli.help.position"))
    remove = command(group, "remove", cmd_sequence_remove, "edit.cli.help.sequence_remove")
    remove.add_argument("sequence", metavar="SEQUENCE", help=tr("edit.cli.help.sequence_id"))
    move = command(group, "move", cmd_sequence_move, "edit.cli.help.sequence_move")
    move.add_argument("sequence", metavar="SEQUENCE", help=tr("edit.cli.help.sequence_id"))
    move.add_argument("--to", type=int, required=True, metavar="N",
                      help=tr("edit.cli.help.position"))
    title = command(group, "title", cmd_sequence_title, "edit.cli.help.sequence_title")
    title.add_argument("sequence", metavar="SEQUENCE", help=tr("edit.cli.help.sequence_id"))
    title.add_argument("--title", required=True, help=tr("edit.cli.help.title"))


def _register_narration(group: Any, command: _Command) -> None:
    imported = command(group, "import", cmd_narration_import, "edit.cli.help.narration_import")
    imported.add_argument("file", metavar="FILE", help=tr("edit.cli.help.audio_file"))
    imported.add_argument("--at", default="0", metavar="TIME", help=tr("edit.cli.help.at"))
    imported.add_argument("--gain", type=float, default=0.0, metavar="DB",
                          help=tr("edit.cli.help.gain"))
    record = command(group, "record", cmd_narration_record, "edit.cli.help.narration_record")
    record.add_argument("--at", default="0", metavar="TIME", help=tr("edit.cli.help.at"))
    record.add_argument("--seconds", type=float, required=True, metavar="S",
                        help=tr("edit.cli.help.seconds"))
    record.add_argument("--device", type=int, metavar="N", help=tr("edit.cli.help.device"))
    record.add_argument("--retake", metavar="CLIP", help=tr("edit.cli.help.retake"))
    edit = command(group, "edit", cmd_narration_edit, "edit.cli.help.narration_edit")
    edit.add_argument("clip", metavar="CLIP", help=tr("edit.cli.help.clip"))
    edit.add_argument("--at", metavar="TIME", help=tr("edit.cli.help.at"))
    edit.add_argument("--trim", metavar="TIME", help=tr("edit.cli.help.trim"))
    edit.add_argument("--duration", metavar="TIME", help=tr("edit.cli.help.duration"))
    edit.add_argument("--gain", type=float, metavar="DB", help=tr("edit.cli.help.gain"))
    remove = command(group, "remove", cmd_narration_remove, "edit.cli.help.narration_remove")
    remove.add_argument("clip", metavar="CLIP", help=tr("edit.cli.help.clip"))
    devices = group.add_parser("devices", help=tr("edit.cli.help.devices"))
    devices.set_defaults(handler=cmd_devices, edit_command="narration devices")


def _register_voices(group: Any, command: _Command) -> None:
    from app.edit.vocabulary import VOICE_MODES

    set_range = command(group, "set", cmd_voice_set, "edit.cli.help.voice_set")
    set_range.add_argument("media", metavar="MEDIA", help=tr("cli.help.media"))
    set_range.add_argument("--from", dest="start", required=True, metavar="TIME",
                           help=tr("edit.cli.help.range_from"))
    set_range.add_argument("--to", dest="end", required=True, metavar="TIME",
                           help=tr("edit.cli.help.range_to"))
    set_range.add_argument("--mode", required=True, choices=VOICE_MODES,
                           help=tr("edit.cli.help.voice_mode"))
    set_range.add_argument("--pitch", type=float, metavar="SEMITONES",
                           help=tr("edit.cli.help.pitch"))
    set_range.add_argument("--formant", type=float, metavar="SEMITONES",
                           help=tr("edit.cli.help.formant"))
    remove = command(group, "remove", cmd_voice_remove, "edit.cli.help.voice_remove")
    remove.add_argument("index", type=int, metavar="N", help=tr("edit.cli.help.index"))


def _register_diagrams(group: Any, command: _Command) -> None:
    from app.edit.vocabulary import DIAGRAM_KINDS

    add = command(group, "add", cmd_diagram_add, "edit.cli.help.diagram_add")
    add.add_argument("media", metavar="MEDIA", help=tr("cli.help.media"))
    add.add_argument("--kind", required=True, choices=DIAGRAM_KINDS,
                     help=tr("edit.cli.help.diagram_kind"))
    add.add_argument("--points", required=True, metavar="X,Y ...",
                     help=tr("edit.cli.help.points"))
    add.add_argument("--from", dest="start", required=True, metavar="TIME",
                     help=tr("edit.cli.help.range_from"))
    add.add_argument("--to", dest="end", required=True, metavar="TIME", help=tr("edit.cli.help.range_to"))
    add.add_argument("--text", help=tr("edit.cli.help.label"))
    add.add_argument("--color", default="#ffd400", help=tr("edit.cli.help.color"))
    add.add_argument("--width", type=float, default=4.0, metavar="PX",
                     help=tr("edit.cli.help.width"))
    add.add_argument("--image", metavar="FILE", help=tr("edit.cli.help.image"))
    remove = command(group, "remove", cmd_diagram_remove, "edit.cli.help.diagram_remove")
    remove.add_argument("diagram", metavar="DIAGRAM", help=tr("edit.cli.help.diagram_id"))


def _register_card(group: Any, command: _Command) -> None:
    from app.edit.vocabulary import AGE_BANDS

    card = command(group, "set", cmd_card_set, "edit.cli.help.card_set")
    card.add_argument("--procedure", help=tr("edit.cli.help.procedure"))
    card.add_argument("--pathology", help=tr("edit.cli.help.pathology"))
    card.add_argument("--team", help=tr("edit.cli.help.team"))
    card.add_argument("--age-band", choices=[*AGE_BANDS, "none"], help=tr("edit.cli.help.age_band"))
    card.add_argument("--history", help=tr("edit.cli.help.history"))
    card.add_argument("--duration", type=float, metavar="S", help=tr("edit.cli.help.card_duration"))
    command(group, "check", cmd_card_check, "edit.cli.help.card_check")
    ack = command(group, "ack", cmd_card_ack, "edit.cli.help.card_ack")
    ack.add_argument("flag", metavar="FLAG", help=tr("edit.cli.help.flag"))


def _register_captions(group: Any, command: _Command) -> None:
    add = command(group, "add", cmd_caption_add, "edit.cli.help.caption_add")
    add.add_argument("--from", dest="start", required=True, metavar="TIME",
                     help=tr("edit.cli.help.lesson_time"))
    add.add_argument("--to", dest="end", required=True, metavar="TIME",
                     help=tr("edit.cli.help.lesson_time"))
    add.add_argument("--text", required=True, help=tr("edit.cli.help.caption_text"))
    remove = command(group, "remove", cmd_caption_remove, "edit.cli.help.caption_remove")
    remove.add_argument("index", type=int, metavar="N", help=tr("edit.cli.help.index"))

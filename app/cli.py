"""Command line of Voile: ``voile COMMAND ...``; with no command, the editor window opens."""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from app.cli_casefile import register as register_casefile
from app.cli_edit import register as register_edit
from app.errors import CancelledError, VaultError, VoileError
from app.i18n import set_language, tr
from app.jobs import CancelToken, ProgressCallback

log = logging.getLogger("voile")


# ----------------------------------------------------------------------------- helpers

def read_secret_file(path: str) -> str:
    """Return a password stored in a file, without its trailing line break."""
    try:
        return Path(path).read_text(encoding="utf-8").rstrip("\r\n")
    except OSError:
        raise VaultError("cli.password_file_unreadable") from None


def _read_password(args: argparse.Namespace, confirm: bool = False) -> str:
    if getattr(args, "password_file", None):
        return read_secret_file(args.password_file)
    env = os.environ.get("VOILE_PASSWORD")
    if env:
        return env
    if not sys.stdin.isatty():
        raise VaultError("vault.password_missing")
    password = getpass.getpass(tr("cli.password_prompt"))
    if confirm and getpass.getpass(tr("cli.password_confirm")) != password:
        raise VaultError("vault.password_mismatch")
    return password


def _unlock(args: argparse.Namespace) -> Any:
    """Unlock the vault (password, and key file when the slot needs one), then report expired cases."""
    from app.cli_casefile import _unlock as unlock_with_retention

    return unlock_with_retention(args)


class StderrProgress:
    """Print ``stage done/total (percent) time left`` on one refreshed stderr line."""

    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet
        self._started: dict[str, float] = {}
        self._last_print = 0.0

    def __call__(self, done: int, total: int, stage: str) -> None:
        if self.quiet:
            return
        now = time.monotonic()
        started = self._started.setdefault(stage, now)
        interactive = sys.stderr.isatty()
        # A terminal gets a line refreshed 5 times a second; a log file one line every 5 s.
        if now - self._last_print < (0.2 if interactive else 5.0) and done < total:
            return
        self._last_print = now
        label = tr(f"cli.stage.{stage}")
        if total > 0:
            fraction = min(1.0, done / total)
            elapsed = now - started
            remaining = elapsed / fraction - elapsed if fraction > 0 else 0.0
            line = tr("cli.progress", stage=label, done=done, total=total,
                      percent=int(fraction * 100), remaining=int(remaining + 0.5))
        else:
            line = label
        if not interactive:
            print(line, file=sys.stderr, flush=True)
            return
        end = "\n" if total and done >= total else ""
        print(f"\r{line}\033[K", end=end, file=sys.stderr, flush=True)


def _progress(args: argparse.Namespace) -> ProgressCallback:
    return StderrProgress(quiet=getattr(args, "quiet", False))


# ----------------------------------------------------------------------------- commands

def cmd_vault_init(args: argparse.Namespace) -> int:
    from app.vault import Vault

    password = _read_password(args, confirm=True)
    vault = Vault.create(Path(args.vault), args.user, password)
    print(tr("cli.vault_created", vault_id=vault.vault_id), file=sys.stderr)
    vault.close()
    return 0


def cmd_vault_add_user(args: argparse.Namespace) -> int:
    with _unlock(args) as vault:
        new_password = os.environ.get("VOILE_NEW_PASSWORD")
        if args.new_password_file:
            new_password = read_secret_file(args.new_password_file)
        if not new_password:
            if not sys.stdin.isatty():
                raise VaultError("vault.password_missing")
            new_password = getpass.getpass(tr("cli.new_password_prompt"))
            if getpass.getpass(tr("cli.password_confirm")) != new_password:
                raise VaultError("vault.password_mismatch")
        user = vault.add_user(args.name, new_password, args.role)
        print(user.id)
    return 0


def cmd_import(args: argparse.Namespace) -> int:
    with _unlock(args) as vault:
        cancel = CancelToken()
        for name in args.files:
            record = vault.import_media(Path(name), args.case, _progress(args), cancel)
            print(record.id, flush=True)
    return 0


def cmd_cases(args: argparse.Namespace) -> int:
    with _unlock(args) as vault:
        cases = vault.cases()
        if not cases:
            print(tr("cli.no_cases"))
        for case in cases:
            label = f"  « {case.label} »" if args.show_labels else ""
            print(f"{case.pseudonym}  {case.id}  {case.status}{label}")
            if args.show_labels:
                vault.journal("case.labels_shown", case.id)
            project = vault.load_project(case.id)
            for media in vault.media_in_case(case.id):
                info = media.info
                state = project.media[media.id]
                analysed = tr("cli.analysed") if state.runs else tr("cli.not_analysed")
                print(f"  {media.id}  {info.width}x{info.height}  {info.fps:.2f} fps  "
                      f"{info.frame_count} {tr('cli.frames')}  {_clock(info.duration_s)}  "
                      f"{len(state.tracks)} {tr('cli.tracks')}  {analysed}")
    return 0


def cmd_analyze(args: argparse.Namespace) -> int:
    from app.analysis import DEFAULT_DETECTORS, analyse_media_with

    detectors: dict[str, dict[str, object]] = {}
    for detector_id in args.detector or DEFAULT_DETECTORS:
        detectors[detector_id] = {} if args.threshold is None else {"threshold": args.threshold}
    with _unlock(args) as vault:
        results = analyse_media_with(vault, args.media, detectors, _progress(args), CancelToken())
        for tracks, run in results:
            print(tr("cli.analysis_done", tracks=len(tracks), frames=run.frames_analyzed,
                     detector=run.name), file=sys.stderr)
    return 0


def _parse_box(text: str) -> Any:
    from app.project.model import Box

    try:
        x, y, w, h = (float(part) for part in text.split(","))
    except ValueError:
        raise VoileError("cli.bad_box", value=text) from None
    if w <= 0 or h <= 0:
        raise VoileError("cli.bad_box", value=text)
    return Box(x, y, w, h)


def _time_to_frame(text: str, fps: float, frame_count: int) -> int:
    """Parse seconds (``12.5``), ``MM:SS(.ff)``, ``HH:MM:SS(.ff)`` or a frame number ``f123``."""
    text = text.strip()
    try:
        if text.startswith("f"):
            frame = int(text[1:])
        else:
            seconds = 0.0
            for part in text.split(":"):
                seconds = seconds * 60 + float(part)
            frame = round(seconds * fps)
    except ValueError:
        raise VoileError("cli.bad_time", value=text) from None
    return max(0, min(frame, max(frame_count - 1, 0)))


def cmd_tracks(args: argparse.Namespace) -> int:
    from app.project.model import Keyframe, RedactionStyle, Track

    with _unlock(args) as vault:
        record = vault.media(args.media)
        project = vault.load_project(record.case_id)
        media = project.media[args.media]
        user = vault.user.id
        changed = False

        for track_id in args.reject or []:
            track = _find_track(media, track_id)
            track.status = "rejected"
            track.record("reject", user)
            changed = True
        for track_id in args.accept or []:
            track = _find_track(media, track_id)
            track.status = "accepted"
            track.record("accept", user)
            changed = True
        for track_id, start, end in args.reject_range or []:
            track = _find_track(media, track_id)
            first = _time_to_frame(start, media.fps, media.frame_count)
            last = _time_to_frame(end, media.fps, media.frame_count)
            track.rejected_ranges.append((min(first, last), max(first, last)))
            track.record("reject_range", user, min(first, last), max(first, last))
            changed = True
        if args.add:
            if args.start is None or args.end is None:
                raise VoileError("cli.add_needs_range")
            box = _parse_box(args.add)
            first = _time_to_frame(args.start, media.fps, media.frame_count)
            last = _time_to_frame(args.end, media.fps, media.frame_count)
            first, last = min(first, last), max(first, last)
            track = Track(id=media.next_track_id(), kind=args.kind, origin="manual",
                          start_frame=first, end_frame=last,
                          keyframes=[Keyframe(first, box), Keyframe(last, box)],
                          status="accepted",
                          style=RedactionStyle(fill=args.fill, shape=args.shape, margin=0.0),
                          created_by=user)
            track.record("add", user, first, last)
            media.tracks.append(track)
            print(track.id)
            changed = True
        if changed:
            vault.save_project(project)
            vault.journal("tracks.edit", args.media)

        if not changed or args.list:
            _print_tracks(media)
    return 0


def _find_track(media: Any, track_id: str) -> Any:
    try:
        return media.track(track_id)
    except KeyError:
        raise VoileError("cli.track_not_found", track=track_id) from None


def _clock(seconds: float) -> str:
    seconds = max(0.0, seconds)
    hours, rest = divmod(seconds, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{int(hours):02d}:{int(minutes):02d}:{secs:05.2f}"


def _print_tracks(media: Any) -> None:
    header = tr("cli.tracks_header")
    print(header)
    fps = media.fps or 25.0
    for track in media.tracks:
        score = f"{track.mean_score:.2f}" if track.mean_score is not None else "—"
        status = tr(f"cli.status.{track.status}")
        print(f"{track.id:6}  {tr('kind.' + track.kind):18}  {_clock(track.start_frame / fps)}  "
              f"{_clock((track.end_frame + 1) / fps)}  {track.frame_count:6d}  {score:>5}  "
              f"{track.origin:6}  {status}")
    if not media.tracks:
        print(tr("cli.no_tracks"))


def cmd_export(args: argparse.Namespace) -> int:
    from app.export.exporter import ExportOptions, export_media

    options = ExportOptions(fill=args.fill, shape=args.shape, margin=args.margin,
                            keep_audio=args.keep_audio, crf=args.crf, preset=args.preset,
                            purpose=args.purpose, channel=args.channel)
    with _unlock(args) as vault:
        result = export_media(vault, args.media, Path(args.out), options, _progress(args),
                              CancelToken())
        print(tr("cli.export_done", file=result.video.name, sheet=result.package.sheet.name),
              file=sys.stderr)
        print(result.video)
    return 0


def cmd_verify(args: argparse.Namespace) -> int:
    from app.audit.verify import verify_package

    report = verify_package(Path(args.directory), args.name)
    for check in report.checks:
        mark = tr("cli.verify_mark_ok") if check.ok else tr("cli.verify_mark_failed")
        print(f"[{mark}] {check.name}: {check.detail}")
    print(tr("cli.verify_ok") if report.ok else tr("cli.verify_failed"))
    return 0 if report.ok else 8


def cmd_journal(args: argparse.Namespace) -> int:
    import csv

    with _unlock(args) as vault:
        broken = vault.verify_journal()
        entries = vault.journal_entries()
        writer = csv.writer(sys.stdout)
        writer.writerow(["seq", "at", "user_id", "action", "subject", "detail"])
        for entry in entries:
            writer.writerow([entry[key] for key in ("seq", "at", "user_id", "action", "subject",
                                                    "detail")])
        if broken is not None:
            print(tr("cli.journal_broken", seq=broken), file=sys.stderr)
            return 3
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from app.demo import run_demo

    status = run_demo(Path(args.out), progress=_progress(args))
    if status != 0 or not args.editor:
        return status
    if not _display_available():
        print(tr("cli.demo_no_display"), file=sys.stderr)
        return status
    return _open_editor(["--demo", "--demo-dir", args.out])


def _display_available() -> bool:
    """Tell whether a window can open: always on Windows and macOS, with a display on Linux."""
    if sys.platform in ("win32", "darwin"):
        return True
    platform = os.environ.get("QT_QPA_PLATFORM", "")
    if platform in ("offscreen", "minimal"):
        return False
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY") or platform)


# ----------------------------------------------------------------------------- parser

def add_use_arguments(parser: argparse.ArgumentParser) -> None:
    """Add ``--purpose`` and ``--channel``: the use an export is made for, checked against consent."""
    from app.casefile.vocabulary import CHANNELS, PURPOSES

    parser.add_argument("--purpose", default="teaching", choices=PURPOSES, help=tr("cli.help.purpose"))
    parser.add_argument("--channel", default="internal_platform", choices=CHANNELS,
                        help=tr("cli.help.channel"))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="voile", description=tr("cli.description"))
    parser.add_argument("--lang", choices=["fr", "en"], help=tr("cli.help.lang"))
    parser.add_argument("-v", "--verbose", action="store_true", help=tr("cli.help.verbose"))
    parser.add_argument("-q", "--quiet", action="store_true", help=tr("cli.help.quiet"))
    parser.add_argument("--demo", action="store_true", help=tr("cli.help.editor_demo"))
    parser.add_argument("--review", metavar="DIR", help=tr("cli.help.review"))
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def vault_args(p: argparse.ArgumentParser) -> None:
        p.add_argument("vault", metavar="VAULT", help=tr("cli.help.vault"))
        p.add_argument("--user", help=tr("cli.help.user"))
        p.add_argument("--password-file", help=tr("cli.help.password_file"))
        p.add_argument("--key-file", help=tr("cli.help.key_file"))

    vault = sub.add_parser("vault", help=tr("cli.help.vault_group"))
    vault_sub = vault.add_subparsers(dest="vault_command", metavar="ACTION", required=True)
    init = vault_sub.add_parser("init", help=tr("cli.help.init"))
    init.add_argument("vault", metavar="VAULT", help=tr("cli.help.vault"))
    init.add_argument("--user", required=True, help=tr("cli.help.first_user"))
    init.add_argument("--password-file", help=tr("cli.help.password_file"))
    init.set_defaults(handler=cmd_vault_init)
    add_user = vault_sub.add_parser("add-user", help=tr("cli.help.add_user"))
    vault_args(add_user)
    add_user.add_argument("--name", required=True, help=tr("cli.help.new_user"))
    add_user.add_argument("--role", default="surgeon",
                          choices=["administrator", "surgeon", "resident"], help=tr("cli.help.role"))
    add_user.add_argument("--new-password-file", help=tr("cli.help.new_password_file"))
    add_user.set_defaults(handler=cmd_vault_add_user)

    imp = sub.add_parser("import", help=tr("cli.help.import"))
    vault_args(imp)
    imp.add_argument("files", metavar="FILE", nargs="+", help=tr("cli.help.files"))
    imp.add_argument("--case", required=True, help=tr("cli.help.case"))
    imp.set_defaults(handler=cmd_import)

    cases = sub.add_parser("cases", help=tr("cli.help.cases"))
    vault_args(cases)
    cases.add_argument("--show-labels", action="store_true", help=tr("cli.help.show_labels"))
    cases.set_defaults(handler=cmd_cases)

    analyze = sub.add_parser("analyze", aliases=["analyse"], help=tr("cli.help.analyze"))
    vault_args(analyze)
    analyze.add_argument("media", metavar="MEDIA", help=tr("cli.help.media"))
    analyze.add_argument("--detector", action="append", help=tr("cli.help.detector"))
    analyze.add_argument("--threshold", type=float, help=tr("cli.help.threshold"))
    analyze.set_defaults(handler=cmd_analyze)

    tracks = sub.add_parser("tracks", help=tr("cli.help.tracks"))
    vault_args(tracks)
    tracks.add_argument("media", metavar="MEDIA", help=tr("cli.help.media"))
    tracks.add_argument("--reject", metavar="ID", action="append", help=tr("cli.help.reject"))
    tracks.add_argument("--accept", metavar="ID", action="append", help=tr("cli.help.accept"))
    tracks.add_argument("--reject-range", nargs=3, metavar=("ID", "START", "END"), action="append",
                        help=tr("cli.help.reject_range"))
    tracks.add_argument("--add", metavar="X,Y,W,H", help=tr("cli.help.add"))
    tracks.add_argument("--from", dest="start", metavar="TIME", help=tr("cli.help.from"))
    tracks.add_argument("--to", dest="end", metavar="TIME", help=tr("cli.help.to"))
    tracks.add_argument("--kind", default="manual", help=tr("cli.help.kind"))
    tracks.add_argument("--fill", default="solid", choices=["solid", "pixelate", "blur"],
                        help=tr("cli.help.fill"))
    tracks.add_argument("--shape", default="rect", choices=["rect", "ellipse"],
                        help=tr("cli.help.shape"))
    tracks.add_argument("--list", action="store_true", help=tr("cli.help.list"))
    tracks.set_defaults(handler=cmd_tracks)

    export = sub.add_parser("export", help=tr("cli.help.export"))
    vault_args(export)
    export.add_argument("media", metavar="MEDIA", help=tr("cli.help.media"))
    export.add_argument("--out", required=True, metavar="DIR", help=tr("cli.help.out"))
    export.add_argument("--fill", choices=["solid", "pixelate", "blur"], help=tr("cli.help.fill"))
    export.add_argument("--shape", choices=["rect", "ellipse"], help=tr("cli.help.shape"))
    export.add_argument("--margin", type=float, help=tr("cli.help.margin"))
    export.add_argument("--keep-audio", action="store_true", help=tr("cli.help.keep_audio"))
    export.add_argument("--crf", type=int, default=23, help=tr("cli.help.crf"))
    export.add_argument("--preset", default="veryfast", help=tr("cli.help.preset"))
    add_use_arguments(export)
    export.set_defaults(handler=cmd_export)

    verify = sub.add_parser("verify", help=tr("cli.help.verify"))
    verify.add_argument("directory", metavar="DIR", help=tr("cli.help.verify_dir"))
    verify.add_argument("--name", help=tr("cli.help.verify_name"))
    verify.set_defaults(handler=cmd_verify)

    journal = sub.add_parser("journal", help=tr("cli.help.journal"))
    vault_args(journal)
    journal.set_defaults(handler=cmd_journal)

    demo = sub.add_parser("demo", help=tr("cli.help.demo"))
    demo.add_argument("--out", default="voile-example", metavar="DIR", help=tr("cli.help.demo_out"))
    demo.add_argument("--editor", action="store_true", help=tr("cli.help.demo_editor"))
    demo.set_defaults(handler=cmd_demo)
    register_casefile(sub, vault_args)
    register_edit(sub, vault_args)
    return parser


def _configure_logging(verbose: bool) -> None:
    logging.basicConfig(level=logging.INFO if verbose else logging.WARNING,
                        format="%(levelname)s %(name)s: %(message)s", stream=sys.stderr)


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if "--lang" in argv:
        position = argv.index("--lang")
        if position + 1 < len(argv) and argv[position + 1] in ("fr", "en"):
            set_language(argv[position + 1])
    parser = build_parser()
    args = parser.parse_args(argv)
    _configure_logging(args.verbose)
    handler: Callable[[argparse.Namespace], int] | None = getattr(args, "handler", None)
    if handler is None:
        return _open_editor(argv)
    try:
        return handler(args)
    except VoileError as error:
        print(f"\nvoile: {error.message()}", file=sys.stderr)
        return error.exit_code
    except KeyboardInterrupt:
        print(f"\nvoile: {CancelledError().message()}", file=sys.stderr)
        return 130
    except Exception as error:
        log.debug("unexpected error", exc_info=True)
        print(f"\nvoile: {tr('cli.unexpected_error', error=type(error).__name__)}", file=sys.stderr)
        return 1


def _open_editor(argv: list[str]) -> int:
    """Start the editor registered under the ``voile.frontends`` entry point ``editor``.

    The engine never imports the UI package; the UI registers itself like a plugin,
    so a headless installation without Qt still runs every command.
    """
    from importlib.metadata import entry_points

    matches = [entry for entry in entry_points(group="voile.frontends") if entry.name == "editor"]
    try:
        run_editor = matches[0].load()
    except (IndexError, ImportError) as error:
        log.error("the editor could not start: %s", type(error).__name__)
        print(tr("cli.no_editor"), file=sys.stderr)
        return 2
    return int(run_editor(argv))


if __name__ == "__main__":
    sys.exit(main())

"""The editor's commands as data: id, menu, title, shortcuts, tip.

``build_actions`` turns them into ``QAction`` objects, all owned by the main
window so that their shortcuts work wherever the focus is (except in text
fields, which keep their own keys). Titles are marked with
``QT_TRANSLATE_NOOP`` and translated when the actions are (re)titled, so a
language change retitles every menu entry and tooltip.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QWidget

CONTEXT = "Actions"


def QT_TRANSLATE_NOOP(context: str, source: str) -> str:
    """Mark ``source`` for translation in ``context``; it is translated when the action is titled.

    PySide6's own ``QT_TRANSLATE_NOOP`` is typed as returning ``object``; this one
    returns the string, and ``lupdate`` finds it by its name all the same.
    """
    return source


@dataclass(frozen=True)
class ActionSpec:
    id: str
    menu: str
    title: str
    shortcuts: tuple[str, ...] = ()
    tip: str = ""
    checkable: bool = False
    separator_before: bool = False


MENUS: list[tuple[str, str]] = [
    ("file", QT_TRANSLATE_NOOP("Actions", "&File")),
    ("edit", QT_TRANSLATE_NOOP("Actions", "&Edit")),
    ("review", QT_TRANSLATE_NOOP("Actions", "&Review")),
    ("playback", QT_TRANSLATE_NOOP("Actions", "&Playback")),
    ("view", QT_TRANSLATE_NOOP("Actions", "&View")),
    ("case", QT_TRANSLATE_NOOP("Actions", "&Case file")),
    ("help", QT_TRANSLATE_NOOP("Actions", "&Help")),
]

ACTIONS: list[ActionSpec] = [
    # File
    ActionSpec("file.open_vault", "file", QT_TRANSLATE_NOOP("Actions", "Open another vault…"),
               ("Ctrl+O",)),
    ActionSpec("file.import", "file", QT_TRANSLATE_NOOP("Actions", "Import a video…"), ("Ctrl+I",),
               QT_TRANSLATE_NOOP("Actions", "Copy a video into the vault, encrypted, and make "
                                            "its working copy")),
    ActionSpec("file.analyse", "file", QT_TRANSLATE_NOOP("Actions", "Find regions to hide"),
               ("Ctrl+Shift+A",),
               QT_TRANSLATE_NOOP("Actions", "Run face detection on the open video; it proposes "
                                            "regions to review")),
    ActionSpec("file.export", "file", QT_TRANSLATE_NOOP("Actions", "Export…"), ("Ctrl+E",),
               QT_TRANSLATE_NOOP("Actions", "Write the redacted video, verify it and sign its "
                                            "audit sheet"), separator_before=True),
    ActionSpec("file.add_user", "file", QT_TRANSLATE_NOOP("Actions", "Add a user…"),
               separator_before=True),
    ActionSpec("file.preferences", "file", QT_TRANSLATE_NOOP("Actions", "Preferences…"),
               ("Ctrl+,",)),
    ActionSpec("file.lock", "file", QT_TRANSLATE_NOOP("Actions", "Lock the vault"), ("Ctrl+L",),
               separator_before=True),
    ActionSpec("file.quit", "file", QT_TRANSLATE_NOOP("Actions", "Quit"), ("Ctrl+Q",)),
    # Edit
    ActionSpec("edit.undo", "edit", QT_TRANSLATE_NOOP("Actions", "Undo"), ("Ctrl+Z",)),
    ActionSpec("edit.redo", "edit", QT_TRANSLATE_NOOP("Actions", "Redo"),
               ("Ctrl+Shift+Z", "Ctrl+Y")),
    ActionSpec("edit.draw", "edit", QT_TRANSLATE_NOOP("Actions", "Draw a region"), ("R",),
               QT_TRANSLATE_NOOP("Actions", "Drag on the picture to add a region; it is then "
                                            "followed through the video"),
               checkable=True, separator_before=True),
    ActionSpec("edit.follow", "edit", QT_TRANSLATE_NOOP("Actions", "Follow the region"), ("T",),
               QT_TRANSLATE_NOOP("Actions", "Follow the selected region forward and backward "
                                            "from this frame")),
    ActionSpec("edit.split", "edit", QT_TRANSLATE_NOOP("Actions", "Split at the playhead"), ("S",)),
    ActionSpec("edit.trim", "edit", QT_TRANSLATE_NOOP("Actions", "Trim to the in/out points"),
               ("Shift+T",)),
    ActionSpec("edit.delete", "edit", QT_TRANSLATE_NOOP("Actions", "Delete"),
               ("Delete", "Backspace"),
               QT_TRANSLATE_NOOP("Actions", "Delete a drawn region; reject a proposal")),
    ActionSpec("edit.keep_sequence", "edit",
               QT_TRANSLATE_NOOP("Actions", "Keep in/out as a sequence…"), ("Ctrl+K",),
               QT_TRANSLATE_NOOP("Actions", "Add the range between the in and out points to "
                                            "the lesson, with a chapter title"),
               separator_before=True),
    # Review
    ActionSpec("review.accept", "review", QT_TRANSLATE_NOOP("Actions", "Accept"), ("A",),
               QT_TRANSLATE_NOOP("Actions", "Keep this region redacted")),
    ActionSpec("review.reject", "review", QT_TRANSLATE_NOOP("Actions", "Reject"), ("X",),
               QT_TRANSLATE_NOOP("Actions", "This proposal is wrong: leave the picture as it is")),
    ActionSpec("review.restore", "review", QT_TRANSLATE_NOOP("Actions", "Back to proposal"),
               ("U",)),
    ActionSpec("review.accept_range", "review",
               QT_TRANSLATE_NOOP("Actions", "Accept between in and out"), ("Shift+A",),
               separator_before=True),
    ActionSpec("review.reject_range", "review",
               QT_TRANSLATE_NOOP("Actions", "Reject between in and out"), ("Shift+X",)),
    ActionSpec("review.next", "review", QT_TRANSLATE_NOOP("Actions", "Next proposal to review"),
               ("N",), separator_before=True),
    ActionSpec("review.previous", "review",
               QT_TRANSLATE_NOOP("Actions", "Previous proposal to review"), ("P",)),
    # Playback
    ActionSpec("play.toggle", "playback", QT_TRANSLATE_NOOP("Actions", "Play / pause"), ("Space",)),
    ActionSpec("play.backward", "playback", QT_TRANSLATE_NOOP("Actions", "Play backward (faster)"),
               ("J",)),
    ActionSpec("play.stop", "playback", QT_TRANSLATE_NOOP("Actions", "Pause"), ("K",)),
    ActionSpec("play.forward", "playback", QT_TRANSLATE_NOOP("Actions", "Play forward (faster)"),
               ("L",)),
    ActionSpec("play.frame_back", "playback", QT_TRANSLATE_NOOP("Actions", "One frame back"),
               ("Left",), separator_before=True),
    ActionSpec("play.frame_forward", "playback", QT_TRANSLATE_NOOP("Actions", "One frame forward"),
               ("Right",)),
    ActionSpec("play.second_back", "playback", QT_TRANSLATE_NOOP("Actions", "One second back"),
               ("Shift+Left",)),
    ActionSpec("play.second_forward", "playback",
               QT_TRANSLATE_NOOP("Actions", "One second forward"), ("Shift+Right",)),
    ActionSpec("play.start", "playback", QT_TRANSLATE_NOOP("Actions", "Go to the start"),
               ("Home",)),
    ActionSpec("play.end", "playback", QT_TRANSLATE_NOOP("Actions", "Go to the end"), ("End",)),
    ActionSpec("play.mark_in", "playback", QT_TRANSLATE_NOOP("Actions", "Set the in point"),
               ("I",), separator_before=True),
    ActionSpec("play.mark_out", "playback", QT_TRANSLATE_NOOP("Actions", "Set the out point"),
               ("O",)),
    ActionSpec("play.clear_marks", "playback",
               QT_TRANSLATE_NOOP("Actions", "Clear the in and out points"), ("Ctrl+Shift+X",)),
    # View
    ActionSpec("view.preview", "view", QT_TRANSLATE_NOOP("Actions", "Preview as exported"),
               ("E",), QT_TRANSLATE_NOOP("Actions", "Show the picture redacted exactly as the "
                                                    "export will be"), checkable=True),
    ActionSpec("view.zoom_in", "view", QT_TRANSLATE_NOOP("Actions", "Zoom in"),
               ("Ctrl+=", "Ctrl++"),
               separator_before=True),
    ActionSpec("view.zoom_out", "view", QT_TRANSLATE_NOOP("Actions", "Zoom out"), ("Ctrl+-",)),
    ActionSpec("view.zoom_fit", "view", QT_TRANSLATE_NOOP("Actions", "Fit the picture"),
               ("Ctrl+0",)),
    ActionSpec("view.zoom_actual", "view", QT_TRANSLATE_NOOP("Actions", "Actual size (1:1)"),
               ("Ctrl+1",)),
    ActionSpec("view.timeline_in", "view", QT_TRANSLATE_NOOP("Actions", "Zoom the timeline in"),
               ("=", "+"), separator_before=True),
    ActionSpec("view.timeline_out", "view", QT_TRANSLATE_NOOP("Actions", "Zoom the timeline out"),
               ("-",)),
    ActionSpec("view.timeline_fit", "view",
               QT_TRANSLATE_NOOP("Actions", "Show the whole timeline"), ("\\",)),
    # Case file
    ActionSpec("case.consent", "case", QT_TRANSLATE_NOOP("Actions", "Consent of this case…"),
               (), QT_TRANSLATE_NOOP("Actions", "Record the patient's consent, attach the "
                                                "signed scan, print the consent form")),
    ActionSpec("case.withdraw", "case",
               QT_TRANSLATE_NOOP("Actions", "Withdraw the consent of this case…")),
    ActionSpec("case.expired", "case", QT_TRANSLATE_NOOP("Actions", "Expired cases…")),
    ActionSpec("case.journal", "case", QT_TRANSLATE_NOOP("Actions", "Access journal…"),
               separator_before=True),
    ActionSpec("case.users", "case", QT_TRANSLATE_NOOP("Actions", "Users and roles…")),
    ActionSpec("case.review", "case",
               QT_TRANSLATE_NOOP("Actions", "Open an export for review…"),
               separator_before=True),
    # Help
    ActionSpec("help.shortcuts", "help", QT_TRANSLATE_NOOP("Actions", "Keyboard shortcuts"),
               ("F1",)),
    ActionSpec("help.about", "help", QT_TRANSLATE_NOOP("Actions", "About Voile")),
]


def translate(text: str) -> str:
    return QCoreApplication.translate(CONTEXT, text)


def build_actions(owner: QWidget, handlers: dict[str, Callable[[], None]]) -> dict[str, QAction]:
    """Create one ``QAction`` per spec, add it to ``owner`` and connect its handler."""
    actions: dict[str, QAction] = {}
    for spec in ACTIONS:
        action = QAction(owner)
        action.setObjectName(spec.id)
        action.setCheckable(spec.checkable)
        action.setShortcuts([QKeySequence(text) for text in spec.shortcuts])
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        handler = handlers.get(spec.id)
        if handler is not None:
            action.triggered.connect(lambda _checked=False, run=handler: run())
        owner.addAction(action)
        actions[spec.id] = action
    retitle_actions(actions)
    return actions


def retitle_actions(actions: dict[str, QAction]) -> None:
    """Set every action's title and tooltip in the current language."""
    for spec in ACTIONS:
        action = actions[spec.id]
        title = translate(spec.title)
        action.setText(title)
        tip = translate(spec.tip) if spec.tip else title.replace("&", "").rstrip("…")
        shortcut = action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
        action.setToolTip(f"{tip} ({shortcut})" if shortcut else tip)
        action.setStatusTip(tip)


def shortcut_table() -> list[tuple[str, str]]:
    """Return ``(keys, title)`` for every action that has a shortcut, in menu order."""
    rows: list[tuple[str, str]] = []
    for spec in ACTIONS:
        if spec.shortcuts:
            keys = ", ".join(QKeySequence(text).toString(QKeySequence.SequenceFormat.NativeText)
                             for text in spec.shortcuts)
            rows.append((keys, translate(spec.title).replace("&", "")))
    return rows

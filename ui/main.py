"""Start the editor: ``voile`` with no command, or ``python -m ui [--demo]``.

``--demo`` opens the bundled example, a public-domain clip with a made-up
patient overlay, in a demo vault in ``./voile-example``. The first run creates
the vault, imports and analyses the clip and builds its working copy. The
editor then opens on it, already unlocked with the demo's public password.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QApplication, QDialog, QMessageBox, QProgressDialog

from app.vault import Vault
from ui.qt_i18n import error_text, install_language
from ui.qt_jobs import QtJob, stage_label
from ui.settings import Preferences, load_preferences

log = logging.getLogger(__name__)

DEFAULT_DEMO_DIR = Path("voile-example")


def parse_arguments(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="voile", add_help=False)
    parser.add_argument("--demo", action="store_true")
    parser.add_argument("--demo-dir", type=Path, default=DEFAULT_DEMO_DIR)
    parser.add_argument("--vault", type=Path)
    parser.add_argument("--review", type=Path, metavar="DIR")
    parser.add_argument("--lang", choices=["fr", "en"])
    parser.add_argument("-v", "--verbose", action="store_true")
    parser.add_argument("-q", "--quiet", action="store_true")
    arguments, _unknown = parser.parse_known_args(list(argv))
    return arguments


def application() -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        return existing
    app = QApplication(sys.argv[:1])
    app.setApplicationName("Voile")
    app.setOrganizationName("Voile")
    app.setApplicationDisplayName("Voile")
    return app


def prepare_demo(folder: Path, parent: Any = None) -> Vault | None:
    """Create or open the demo vault and its analysed example, with a progress dialog.

    Returns ``None`` when preparing failed (the error was shown).
    """
    from app.demo import demo_vault, prepare_demo_media

    def work(progress: Any, cancel: Any) -> Vault:
        from app.media.proxy import build_proxy

        folder.mkdir(parents=True, exist_ok=True)
        progress(0, 0, "import")
        vault = demo_vault(folder)
        assert isinstance(vault, Vault)
        try:
            media_id = prepare_demo_media(vault, progress)
            if vault.media_proxy(media_id) is None:
                build_proxy(vault, media_id, progress, cancel)
        except BaseException:
            vault.close()
            raise
        return vault

    dialog = QProgressDialog(parent)
    dialog.setWindowTitle(QCoreApplication.translate("Demo", "Voile — example"))
    dialog.setLabelText(QCoreApplication.translate("Demo", "Preparing the example…"))
    dialog.setCancelButton(None)
    dialog.setRange(0, 0)
    dialog.setMinimumDuration(0)
    dialog.setWindowModality(Qt.WindowModality.ApplicationModal)
    outcome: dict[str, Any] = {}
    job = QtJob("demo", "", work)

    def on_progress(done: int, total: int, stage: str) -> None:
        dialog.setLabelText(QCoreApplication.translate("Demo", "Preparing the example: {stage}…")
                            .format(stage=stage_label(stage).lower()))
        if total > 0:
            dialog.setRange(0, total)
            dialog.setValue(min(done, total))

    job.progressed.connect(on_progress)
    job.succeeded.connect(lambda vault: outcome.update(vault=vault))
    job.failed.connect(lambda error: outcome.update(error=error))
    job.finished.connect(dialog.reset)
    job.finished.connect(dialog.close)
    job.start()
    dialog.exec()
    job.wait()
    QCoreApplication.processEvents()
    if "error" in outcome:
        QMessageBox.critical(parent, "Voile", error_text(outcome["error"]))
        return None
    vault = outcome.get("vault")
    return vault if isinstance(vault, Vault) else None


def unlock_interactively(preferences: Preferences, folder: Path | None) -> Vault | None:
    from ui.qt_unlock import QtUnlockDialog

    dialog = QtUnlockDialog(preferences, None, folder)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return None
    return dialog.vault


def run_editor(argv: Sequence[str]) -> int:
    """Open the editor window and run the Qt event loop; return the exit status."""
    arguments = parse_arguments(argv)
    if arguments.verbose:
        logging.getLogger().setLevel(logging.INFO)
    app = application()
    preferences = load_preferences()
    install_language(arguments.lang or preferences.language)

    from ui.qt_mainwindow import QtMainWindow

    if arguments.review is not None:
        from ui.qt_casefile import QtReviewDialog

        # Review mode needs no vault: the package is verified and signed with the reviewer key.
        dialog = QtReviewDialog(None, None, arguments.review.resolve())
        dialog.exec()
        return 0
    if arguments.demo:
        vault = prepare_demo(arguments.demo_dir.resolve())
    else:
        vault = unlock_interactively(preferences, arguments.vault)
    if vault is None:
        return 0 if not arguments.demo else 1
    window = QtMainWindow(vault, preferences, demo=arguments.demo)
    window.show()
    status = app.exec()
    log.info("editor closed with status %d", status)
    return int(status)


if __name__ == "__main__":
    sys.exit(run_editor(sys.argv[1:]))

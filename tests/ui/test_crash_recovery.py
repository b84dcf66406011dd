"""Killing the editor during an edit loses at most the edits since the last autosave."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from app.vault import Vault
from tests.conftest import PASSWORD

ROOT = Path(__file__).resolve().parents[2]

EDITOR_SESSION = textwrap.dedent("""
    import os, sys, time
    from pathlib import Path
    from PySide6.QtWidgets import QApplication
    app = QApplication([])
    from app.vault import Vault
    from ui.qt_mainwindow import QtMainWindow
    from ui.settings import load_preferences

    preferences = load_preferences()
    preferences.autosave_seconds = 0.3
    window = QtMainWindow(Vault.unlock(Path(sys.argv[1]), sys.argv[2]), preferences)
    window.show()
    document = window.document

    def run_events(seconds):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            app.processEvents()
            time.sleep(0.01)

    document.reject(["T0001"])
    document.set_style("T0002", type(document.track("T0002").style)("pixelate", "rect", 0.0))
    run_events(1.0)
    print("saved" if not document.dirty else "unsaved", flush=True)
    document.set_autosave_seconds(30)
    document.accept(["T0001"])
    print("edited", flush=True)
    run_events(60)
""")


def test_kill_during_edit_keeps_saved_edits(vault_path: Path, vault: Vault,
                                            media_id: str, tmp_path: Path) -> None:
    case_id = vault.media(media_id).case_id
    vault.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen([sys.executable, "-c", EDITOR_SESSION, str(vault_path), PASSWORD],
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
                               cwd=tmp_path)
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "saved"
        assert process.stdout.readline().strip() == "edited"
    finally:
        os.kill(process.pid, signal.SIGKILL)
        process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL

    with Vault.unlock(vault_path, PASSWORD) as reopened:
        assert reopened.verify_journal() is None
        media = reopened.load_project(case_id).media[media_id]
        assert media.track("T0001").status == "rejected"  # saved; the later accept was lost
        assert media.track("T0002").style.fill == "pixelate"
        actions = [entry["action"] for entry in reopened.journal_entries()]
    assert "tracks.edit" in actions

"""Take the README's screenshots of the editor, in French, from the running application.

Run under a display (the screenshots in this folder came from Xvfb):

    Xvfb :99 -screen 0 1600x1000x24 &
    DISPLAY=:99 .venv/bin/python docs/screenshots/capture.py docs/screenshots

It builds the bundled example in a temporary folder (as ``--demo`` does), then
shows and grabs each screen: unlock, library, editor with timeline and regions,
export dialog and export result. Then it builds a short lesson and grabs the
teaching edit (sequences, narration, diagrams, context card with its flags,
recording) and the case file (consent, journal, users, review of the export).
"""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from PySide6.QtWidgets import QApplication, QWidget  # noqa: E402

WIDTH, HEIGHT = 1480, 900
MAX_BYTES = 300 * 1024  # README screenshots stay under this size


def settle(app: QApplication, seconds: float = 0.6) -> None:
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        app.processEvents()
        time.sleep(0.01)


def save(widget: QWidget, folder: Path, name: str) -> None:
    """Grab ``widget`` as PNG; screens with pictures get a 256-colour palette to stay small."""
    from PIL import Image

    path = folder / name
    widget.grab().save(str(path), "PNG", 9)
    if path.stat().st_size > MAX_BYTES:
        with Image.open(path) as image:
            quantized = image.convert("RGB").quantize(256, Image.Quantize.MEDIANCUT,
                                                      dither=Image.Dither.FLOYDSTEINBERG)
        quantized.save(path, "PNG", optimize=True)
    print(f"{path} {path.stat().st_size // 1024} KiB")


def main() -> int:
    target = Path(sys.argv[1] if len(sys.argv) > 1 else ROOT / "docs" / "screenshots").resolve()
    target.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="voile-shots-"))
    os.environ["VOILE_CONFIG_DIR"] = str(work / "config")
    try:
        return capture(target, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


def capture(target: Path, work: Path) -> int:
    from app.demo import DEMO_PASSWORD
    from ui.main import application, prepare_demo
    from ui.qt_i18n import install_language
    from ui.qt_mainwindow import QtMainWindow
    from ui.qt_unlock import QtUnlockDialog
    from ui.settings import load_preferences

    app = application()
    install_language("fr")
    demo_folder = work / "Exemple Voile"
    vault = prepare_demo(demo_folder)
    if vault is None:
        return 1
    vault_path = vault.path
    vault.close()

    preferences = load_preferences()
    preferences.remember_vault(vault_path, "Hélène D'Angelo")
    unlock = QtUnlockDialog(preferences, None, vault_path)
    unlock.resize(620, 330)
    unlock.show()
    unlock.password.setText("x" * len(DEMO_PASSWORD))
    settle(app)
    save(unlock, target, "01-deverrouillage.png")
    unlock.password.setText(DEMO_PASSWORD)
    unlock.unlock_button.click()
    unlock.wait_for_job()
    settle(app)
    assert unlock.vault is not None

    window = QtMainWindow(unlock.vault, preferences, demo=True)
    window.resize(WIDTH, HEIGHT)
    window.show()
    settle(app, 1.5)
    window.library.tree.setFocus()
    save(window, target, "02-bibliotheque.png")

    document = window.document
    assert document is not None
    window._on_review_next()
    document.set_in_point(40)
    document.set_out_point(70)
    window.seek(55)
    settle(app, 1.5)
    save(window, target, "03-editeur.png")

    window._on_file_export()
    dialog = window.export_dialog
    assert dialog is not None
    settle(app)
    save(dialog, target, "04-export.png")
    dialog.start()
    dialog.wait_for_job(300_000)
    settle(app, 1.0)
    save(dialog, target, "05-resultat-export.png")
    export_folder = Path(dialog.folder.text())
    dialog.accept()

    capture_lesson(app, window, target)
    capture_case_file(app, window, target, export_folder)
    window.close()
    settle(app)
    return 0


def capture_lesson(app: QApplication, window: Any, target: Path) -> None:
    """Build a short lesson in the window and grab the teaching-edit screens."""
    document = window.document
    lesson = window.lesson
    window.lesson_dock.raise_()
    for first, last, title in ((10, 60, "Exposition"), (80, 140, "Dissection du triangle")):
        document.set_in_point(first)
        document.set_out_point(last)
        lesson.sequences_tab.add_sequence(title)
    document.set_in_point(10)
    document.set_out_point(60)
    speech = ROOT.parent / "shared" / "samples" / "speech" / "french.aiff"
    if speech.is_file():
        window.seek(20)
        lesson.narration_tab.import_file(speech)
        deadline = time.monotonic() + 30
        while not document.lesson.narration and time.monotonic() < deadline:
            settle(app, 0.2)
    media = document.media
    lesson.diagrams_tab.add_diagram("arrow", [[media.width * 0.25, media.height * 0.75],
                                              [media.width * 0.45, media.height * 0.55]])
    lesson.diagrams_tab.add_diagram("text", [[media.width * 0.05, media.height * 0.85]],
                                    "Artère cystique")
    window.seek(30)
    lesson.setCurrentWidget(lesson.sequences_tab)
    settle(app, 1.5)
    save(window, target, "06-lecon-sequences.png")

    lesson.setCurrentWidget(lesson.diagrams_tab)
    settle(app, 0.8)
    save(window, target, "07-lecon-schemas.png")

    card = lesson.card_tab
    card.set_field("procedure", "Cholécystectomie cœlioscopique")
    card.set_field("pathology", "Lithiase vésiculaire symptomatique")
    card.age_band.setCurrentIndex(card.age_band.findData("40_49"))
    card.set_field("history", "Patient de 47 ans opéré le 12/03/2024 à Strasbourg")
    lesson.setCurrentWidget(card)
    settle(app, 0.8)
    save(window, target, "08-carton-contexte.png")

    record = lesson.narration_tab.record()
    settle(app, 0.5)
    save(record, target, "09-enregistrement.png")
    record.reject()


def capture_case_file(app: QApplication, window: Any, target: Path,
                      export_folder: Path) -> None:
    """Grab the case-file dialogs: consent, journal, users and the review of an export."""
    from ui.qt_casefile import QtConsentDialog, QtJournalDialog, QtReviewDialog, QtUsersDialog

    vault = window.vault
    consent = QtConsentDialog(vault, window.document.record.case_id, window)
    consent.show()
    settle(app, 0.6)
    save(consent, target, "10-consentement.png")
    consent.reject()

    journal = QtJournalDialog(vault, window)
    journal.show()
    settle(app, 0.6)
    save(journal, target, "11-journal.png")
    journal.reject()

    users = QtUsersDialog(vault, window)
    users.show()
    settle(app, 0.6)
    save(users, target, "12-utilisateurs.png")
    users.reject()

    review = QtReviewDialog(None, window, export_folder)
    review.show()
    settle(app, 0.6)
    save(review, target, "13-relecture.png")
    review.reject()


if __name__ == "__main__":
    sys.exit(main())

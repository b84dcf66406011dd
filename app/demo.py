"""The bundled example run end to end: vault, import, analysis, export, verification.

Used by ``voile demo`` (the README's first command). The demo vault's password
is public and printed in the README: the demo vault must never hold patient data.
"""

from __future__ import annotations

import datetime as dt
import logging
import sys
from pathlib import Path

from app.errors import VaultError
from app.i18n import tr
from app.jobs import CancelToken, ProgressCallback, no_progress
from app.paths import resource_path

log = logging.getLogger(__name__)

DEMO_PASSWORD = "Voile-démo-2026!"
DEMO_USER = "Hélène D'Angelo"
DEMO_CASE_LABEL = "Exemple — astronaute (domaine public)"
EXAMPLE_VIDEO = ("examples", "astronaut_pan.mp4")
DEMO_DETECTORS = ("face", "face_small", "text")


def demo_vault(out_dir: Path) -> object:
    from app.vault import Vault

    path = out_dir / "vault"
    if (path / "vault.json").exists():
        return Vault.unlock(path, DEMO_PASSWORD, DEMO_USER)
    return Vault.create(path, DEMO_USER, DEMO_PASSWORD)


def prepare_demo_media(vault: object, progress: ProgressCallback = no_progress) -> str:
    """Import and analyse the example (once), and mark its overlay line; return the media id."""
    from app.analysis import analyse_media_with
    from app.vault import Vault

    assert isinstance(vault, Vault)
    case = vault.find_or_create_case(DEMO_CASE_LABEL)
    existing = vault.media_in_case(case.id)
    if existing:
        media_id = existing[0].id
    else:
        media_id = vault.import_media(resource_path(*EXAMPLE_VIDEO), DEMO_CASE_LABEL, progress).id
    _record_demo_consent(vault, case.id)
    project = vault.load_project(case.id)
    if not project.media[media_id].runs:
        # The example is a portrait, not endoscope footage: the out-of-body detector would
        # (rightly) mask every frame of it, so the demo runs the other detectors.
        analyse_media_with(vault, media_id, DEMO_DETECTORS, progress=progress, cancel=CancelToken())
    return media_id


def _record_demo_consent(vault: object, case_id: str) -> None:
    """Record the consent the demo exports under: teaching, on the institution's platform.

    The example shows a public-domain portrait, not a patient; the record exists
    because Voile exports nothing without a consent covering the export's use.
    """
    from dataclasses import replace

    from app.casefile.consent import load_consent, save_consent
    from app.vault import Vault

    assert isinstance(vault, Vault)
    consent = load_consent(vault, case_id)
    if consent.status == "given":
        return
    save_consent(vault, replace(consent, status="given", signed_on=utc_today(),
                                purposes=["teaching"], channels=["internal_platform"]))


def utc_today() -> str:
    return dt.datetime.now(dt.UTC).date().isoformat()


def run_demo(out_dir: Path, progress: ProgressCallback = no_progress) -> int:
    from app.audit.verify import verify_package
    from app.export.exporter import export_media

    out_dir.mkdir(parents=True, exist_ok=True)
    try:
        vault = demo_vault(out_dir)
    except VaultError as error:
        print(f"voile: {error.message()}", file=sys.stderr)
        return error.exit_code
    from app.vault import Vault

    assert isinstance(vault, Vault)
    with vault:
        media_id = prepare_demo_media(vault, progress)
        stamp = dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        export_dir = out_dir / f"export-{stamp}"
        result = export_media(vault, media_id, export_dir, progress=progress, cancel=CancelToken())
    report = verify_package(export_dir)
    print(tr("demo.done", folder=str(export_dir.resolve()), video=result.video.name,
             sheet=result.package.sheet.name))
    for check in report.checks:
        print(f"  [{'OK' if check.ok else 'FAIL'}] {check.name}")
    return 0 if report.ok else 8

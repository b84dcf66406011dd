"""Shared fixtures: sample media, light-cost vaults, offscreen Qt."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("VOILE_LANG", "en")

SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"

# Argon2id at 16 MiB and one pass keeps each unlock in tests under 0.1 s; the production
# default (256 MiB, 3 passes) is checked by its own test.
TEST_KDF = {"memory_kib": 16384, "time_cost": 1, "parallelism": 2}
PASSWORD = "Correct-Horse-Batterie-9!"
USER = "Hélène D'Angelo"


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    if not SAMPLES.is_dir():
        pytest.skip(f"sample media folder {SAMPLES} is missing")
    return SAMPLES


@pytest.fixture(scope="session")
def _vault_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from app.vault import Vault

    path = tmp_path_factory.mktemp("template") / "Coffre d'Hélène"
    Vault.create(path, USER, PASSWORD, kdf=TEST_KDF).close()
    return path


@pytest.fixture
def vault_path(_vault_template: Path, tmp_path: Path) -> Path:
    """A fresh copy of an empty vault, in a folder whose name has accents, an apostrophe and spaces."""
    path = tmp_path / "Dossiers de l'équipe" / "Coffre d'Hélène"
    shutil.copytree(_vault_template, path)
    return path


@pytest.fixture
def vault(vault_path: Path):
    from app.vault import Vault

    opened = Vault.unlock(vault_path, PASSWORD, USER)
    yield opened
    opened.close()


def give_consent(vault: object, case_id: str, **changes: object) -> object:
    """Record a given consent covering teaching and research on internal platforms and congresses."""
    from dataclasses import replace

    from app.casefile.consent import load_consent, save_consent

    consent = load_consent(vault, case_id)  # type: ignore[arg-type]
    values: dict[str, object] = {
        "status": "given", "signed_on": "2026-11-02", "purposes": ["teaching", "research"],
        "channels": ["internal_platform", "congress"], "retention_months": 120,
        "contact": "Secrétariat de chirurgie digestive, poste 4412",
    }
    values.update(changes)
    return save_consent(vault, replace(consent, **values))  # type: ignore[arg-type]


def snapshot(path: Path) -> dict[str, bytes]:
    """Map every object file under ``path/objects`` to its bytes (for before/after checks)."""
    return {str(p.relative_to(path)): p.read_bytes() for p in sorted((path / "objects").rglob("*"))
            if p.is_file()}

"""Fixtures of the case file tests: users by role, a case with footage, a real export folder."""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from app.i18n import set_language
from app.paths import resource_path
from app.vault import Vault
from tests.conftest import PASSWORD, TEST_KDF, USER, give_consent

CLIP = resource_path("examples", "astronaut_pan.mp4")
SURGEON = "Dr Émile Lefèvre"
RESIDENT = "Inès Côté"
SURGEON_PASSWORD = "Bistouri-Scalpel-2026!"
RESIDENT_PASSWORD = "Interne-Garde-Nuit-7?"
TODAY = dt.date(2026, 12, 4)


def add_user(vault: Vault, name: str, password: str, role: str, **options: object) -> str:
    """Add a user with the light test KDF; return its id."""
    return vault.add_user(name, password, role, kdf=TEST_KDF, **options).id  # type: ignore[arg-type]



@pytest.fixture(autouse=True)
def _reset_language() -> Iterator[None]:
    yield
    set_language(None)  # ``voile --lang`` sets the language for the whole process


@pytest.fixture
def staffed_vault(vault_path: Path) -> Path:
    """A vault with an administrator (the fixture user), a surgeon and a resident."""
    with Vault.unlock(vault_path, PASSWORD, USER) as admin:
        add_user(admin, SURGEON, SURGEON_PASSWORD, "surgeon")
        add_user(admin, RESIDENT, RESIDENT_PASSWORD, "resident")
    return vault_path


@pytest.fixture
def case_id(vault: Vault) -> str:
    return vault.find_or_create_case("Opération du 2 novembre, Mme Durand").id


@dataclass(frozen=True)
class Footage:
    media_id: str
    case_id: str
    proxy_id: str


def store_footage(vault: Vault, label: str = "Cholécystectomie, M. Martin") -> Footage:
    """Import the bundled clip into a new case and store a stand-in proxy object for it."""
    media = vault.import_media(CLIP, label)
    with vault.new_object("proxy") as (proxy_id, writer):
        writer.write(CLIP.read_bytes()[:50_000])
    vault.set_media_proxy(media.id, proxy_id)
    return Footage(media.id, media.case_id, proxy_id)


@dataclass(frozen=True)
class ExportTemplate:
    vault_path: Path
    export_dir: Path
    media_id: str
    case_id: str


@pytest.fixture(scope="session")
def export_template(tmp_path_factory: pytest.TempPathFactory) -> ExportTemplate:
    """Analyse and export the bundled clip once (about 20 s); tests work on copies."""
    from app.analysis import analyse_media
    from app.export.exporter import export_media

    root = tmp_path_factory.mktemp("export-template")
    vault_path = root / "Coffre"
    export_dir = root / "Export"
    with Vault.create(vault_path, USER, PASSWORD, kdf=TEST_KDF) as vault:
        add_user(vault, SURGEON, SURGEON_PASSWORD, "surgeon")
        add_user(vault, RESIDENT, RESIDENT_PASSWORD, "resident")
        media = vault.import_media(CLIP, "Cas exporté")
        analyse_media(vault, media.id)
        give_consent(vault, media.case_id)
        export_media(vault, media.id, export_dir)
    return ExportTemplate(vault_path, export_dir, media.id, media.case_id)


@dataclass(frozen=True)
class ExportCopy:
    vault_path: Path
    export_dir: Path
    media_id: str
    case_id: str


@pytest.fixture
def export_copy(export_template: ExportTemplate, tmp_path: Path) -> Iterator[ExportCopy]:
    """Fresh copies of the exported vault and of its export folder, in separate places."""
    vault_path = tmp_path / "vault" / "Coffre d'Hélène"
    export_dir = tmp_path / "reçu par le relecteur" / "Export"
    shutil.copytree(export_template.vault_path, vault_path)
    shutil.copytree(export_template.export_dir, export_dir)
    yield ExportCopy(vault_path, export_dir, export_template.media_id, export_template.case_id)

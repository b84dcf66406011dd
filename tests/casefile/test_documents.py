"""The consent form and the record of processing render in French and English (poppler checks)."""

from __future__ import annotations

import re
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from app.casefile.consent import load_consent, save_consent
from app.casefile.forms import render_consent_form
from app.casefile.identity import PatientIdentity, set_identity
from app.casefile.registry import render_registry
from app.casefile.settings import set_setting
from app.errors import VaultError
from app.vault import Vault
from tests.casefile.conftest import SURGEON, SURGEON_PASSWORD, give_consent

POPPLER = all(shutil.which(tool) for tool in ("pdftotext", "pdffonts", "pdftoppm"))
pytestmark = pytest.mark.skipif(not POPPLER, reason="poppler-utils (pdftotext, pdffonts, "
                                                    "pdftoppm) is not installed")
# Whitespace and line breaks differ between poppler versions; compare words only.
_SPACES = re.compile(r"\s+")


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "document.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                            text=True, check=True, timeout=60)
    return _SPACES.sub(" ", result.stdout)


def fonts(pdf: bytes, tmp_path: Path) -> list[list[str]]:
    path = tmp_path / "fonts.pdf"
    path.write_bytes(pdf)
    result = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True, check=True,
                            timeout=60)
    return [line.split() for line in result.stdout.splitlines()[2:]]


def render_first_page(pdf: bytes, tmp_path: Path) -> Path:
    path = tmp_path / "page.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "1", "-l", "1", str(path),
                    str(tmp_path / "page")], check=True, timeout=60)
    return next(tmp_path.glob("page*.png"))


@pytest.fixture
def configured(vault: Vault) -> Vault:
    set_setting(vault, "controller.name", "Hôpital Universitaire — Pôle hépato-digestif")
    set_setting(vault, "controller.contact", "Secrétariat du Pr Lefèvre, poste 4412")
    set_setting(vault, "dpo.contact", "dpo@hôpital.example")
    set_setting(vault, "registry.recipients", ["Étudiants de la faculté de médecine"])
    return vault


def test_consent_form_in_french(configured: Vault, case_id: str, tmp_path: Path) -> None:
    give_consent(configured, case_id, purposes=["teaching"], special_cases=["face_surgery"])

    pdf = render_consent_form(configured, case_id, "fr")

    text = pdf_text(pdf, tmp_path)
    pseudonym = configured.case(case_id).pseudonym
    for expected in ("Information et consentement", pseudonym, "Finalités",
                     "Enseignement", "Réseaux sociaux", "Chirurgie de la face",
                     "Votre consentement est facultatif",
                     "retirer votre consentement à tout moment",
                     "Hôpital Universitaire — Pôle hépato-digestif",
                     "Durée de conservation", "10 ans (120 mois)", "jusqu'au 02/11/2036",
                     "Aucun transfert de vos données hors de l'Union européenne",
                     "jamais vendue", "Étudiants de la faculté de médecine",
                     "Signature du patient", "Signature du médecin"):
        assert expected in text, expected
    assert "Durand" not in text  # the case label never reaches the form
    assert "☒ Enseignement" in text
    assert "☐ Recherche" in text
    assert {row[0].split("+")[-1] for row in fonts(pdf, tmp_path)} == {"DejaVuSans",
                                                                        "DejaVuSans-Bold"}
    assert all(row[-4] == "yes" for row in fonts(pdf, tmp_path))  # every font embedded
    png = render_first_page(pdf, tmp_path)
    assert png.stat().st_size > 10_000
    assert configured.journal_entries()[-1]["action"] == "consent.form"


def test_consent_form_for_child_in_english(configured: Vault, case_id: str,
                                           tmp_path: Path) -> None:
    save_consent(configured, replace(load_consent(configured, case_id), special_cases=["child"],
                                     transfers_outside_eu=True,
                                     transfer_details="Switzerland (adequacy decision)"))
    set_identity(configured, case_id, PatientIdentity("Moreau", "Zoé", "2014-09-30"))

    text = pdf_text(render_consent_form(configured, case_id, "en", with_identity=True),
                    tmp_path)

    for expected in ("Information and consent", "holders of parental authority",
                     "Physician's signature", "Switzerland (adequacy decision)", "Moreau",
                     "Zoé", "2014-09-30", "never be sold"):
        assert expected in text, expected
    assert "Social networks" in text
    # Both holders of parental authority sign, in boxes whose labels wrap across columns.
    assert text.count("parental authority") >= 3
    assert configured.journal_entries()[-2]["action"] == "identity.read"


def test_form_identity_needs_right(staffed_vault: Path) -> None:
    with Vault.unlock(staffed_vault, SURGEON_PASSWORD, SURGEON) as surgeon:
        case = surgeon.find_or_create_case("Cas 3")
        with pytest.raises(VaultError):
            render_consent_form(surgeon, case.id, "fr", with_identity=True)
        assert render_consent_form(surgeon, case.id, "fr").startswith(b"%PDF")


def test_registry_in_french(configured: Vault, case_id: str, tmp_path: Path) -> None:
    give_consent(configured, case_id)
    set_setting(configured, "registry.processors", ["Hébergeur agréé HDS (sauvegardes)"])

    pdf = render_registry(configured, "fr")

    text = pdf_text(pdf, tmp_path)
    for expected in ("Registre des traitements", "Responsable de traitement",
                     "Hôpital Universitaire — Pôle hépato-digestif", "Finalités",
                     "Information du public", "Base légale", "Consentement du patient",
                     "Destinataires", "1 administrateur(s)", "Sous-traitants",
                     "Hébergeur agréé HDS (sauvegardes)", "Transferts hors de l'UE",
                     "Durées de conservation", "5 ans (60 mois)", "Mesures de sécurité",
                     "Argon2id (16 Mio, 1 passes)", "chaîne intacte", "donné : 1",
                     "sauvegardes du coffre"):
        assert expected in text, expected
    assert all(row[-4] == "yes" for row in fonts(pdf, tmp_path))
    assert render_first_page(pdf, tmp_path).stat().st_size > 10_000
    assert configured.journal_entries()[-1]["action"] == "registry.render"


def test_registry_in_english(configured: Vault, tmp_path: Path) -> None:
    text = pdf_text(render_registry(configured, "en"), tmp_path)
    for expected in ("Record of processing activities", "Legal basis", "Processors",
                     "None: Voile works offline", "Security measures", "chain intact"):
        assert expected in text, expected

"""The correspondence table: restricted, encrypted with its own key, journaled."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.casefile.errors import CaseFileError
from app.casefile.identity import (
    PatientIdentity,
    find_case_by_identity,
    read_identity,
    set_identity,
)
from app.errors import TamperedError, VaultError
from app.vault import Vault
from tests.casefile.conftest import SURGEON, SURGEON_PASSWORD
from tests.casefile.sqlcipher_pages import database_plaintext, wal_plaintext
from tests.conftest import PASSWORD, USER

DURAND = PatientIdentity(last_name="Durand-Lefèvre", first_name="Solange",
                         birth_date="1961-05-17", ipp="8 004 512 337")


def test_identity_round_trip(vault: Vault, case_id: str) -> None:
    set_identity(vault, case_id, DURAND)
    assert read_identity(vault, case_id) == DURAND


def test_find_ignores_case_accents_and_spaces(vault: Vault, case_id: str) -> None:
    other = vault.find_or_create_case("Autre patient").id
    set_identity(vault, case_id, DURAND)
    set_identity(vault, other, PatientIdentity("Martin", "Solange", "1970-01-02"))

    assert find_case_by_identity(vault, last_name="durand lefevre") == [case_id]
    assert find_case_by_identity(vault, first_name="SOLANGE") == sorted([case_id, other])
    assert find_case_by_identity(vault, ipp="8004512337") == [case_id]
    assert find_case_by_identity(vault, first_name="Solange", birth_date="1970-01-02") == [other]
    assert find_case_by_identity(vault, last_name="Dupont") == []


def test_find_needs_a_criterion(vault: Vault) -> None:
    with pytest.raises(CaseFileError) as raised:
        find_case_by_identity(vault, last_name="  ")
    assert raised.value.key == "identity.criteria_missing"


def test_every_access_is_journaled_without_names(vault: Vault, case_id: str) -> None:
    set_identity(vault, case_id, DURAND)
    read_identity(vault, case_id)
    find_case_by_identity(vault, last_name="Durand-Lefèvre")

    entries = vault.journal_entries()
    actions = [entry["action"] for entry in entries[-3:]]
    assert actions == ["identity.write", "identity.read", "identity.search"]
    assert entries[-1]["detail"] == "criteria=last_name matches=1"
    # MACs and ids are random hex, so the birth date is looked for whole, not by its year.
    text = repr(entries)
    assert "Durand" not in text
    assert "1961-05-17" not in text
    assert "Solange" not in text


def test_user_without_right_refused(staffed_vault: Path) -> None:
    with Vault.unlock(staffed_vault, PASSWORD, USER) as admin:
        case = admin.find_or_create_case("Cas restreint").id
        set_identity(admin, case, DURAND)
    with Vault.unlock(staffed_vault, SURGEON_PASSWORD, SURGEON) as surgeon:
        for attempt in (lambda: read_identity(surgeon, case),
                        lambda: find_case_by_identity(surgeon, last_name="Durand"),
                        lambda: set_identity(surgeon, case, DURAND)):
            with pytest.raises(VaultError) as raised:
                attempt()
            assert raised.value.key == "vault.identity_access_required"

    with Vault.unlock(staffed_vault, PASSWORD, USER) as admin:
        admin.set_identity_access(SURGEON, True)
    with Vault.unlock(staffed_vault, SURGEON_PASSWORD, SURGEON) as surgeon:
        assert read_identity(surgeon, case) == DURAND


def test_rows_unreadable_with_database_key_alone(vault: Vault, vault_path: Path) -> None:
    # The case label is typed by users and stored in the database: keep the name out of it here.
    case_id = vault.find_or_create_case("Cas 17").id
    set_identity(vault, case_id, DURAND)
    database = vault_path / "vault.db"
    plaintext = database_plaintext(database, vault._keys.database) + \
        wal_plaintext(database, vault._keys.database)

    assert b"CREATE TABLE identities" in plaintext  # the pages did decrypt
    assert case_id.encode() in plaintext
    assert b"Durand" not in plaintext
    assert b"Solange" not in plaintext
    assert b"1961-05-17" not in plaintext


def test_row_moved_to_another_case_detected(vault: Vault, case_id: str) -> None:
    other = vault.find_or_create_case("Autre dossier").id
    set_identity(vault, case_id, DURAND)
    with vault._transaction() as db:
        db.execute("UPDATE identities SET case_id = ? WHERE case_id = ?", (other, case_id))
    with pytest.raises(TamperedError):
        read_identity(vault, other)


def test_identity_needs_name_and_valid_date() -> None:
    with pytest.raises(CaseFileError):
        PatientIdentity("", "Solange", "1961-05-17")
    with pytest.raises(CaseFileError):
        PatientIdentity("Durand", "Solange", "17/05/1961")

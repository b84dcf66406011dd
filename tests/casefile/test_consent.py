"""Consent records and the export rule: every refusal, every warning, the stored scan."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from pathlib import Path

import pytest

from app.casefile.consent import (
    CHANNELS,
    PURPOSES,
    attach_scan,
    case_expiry,
    check_export_allowed,
    consent_history,
    default_consent,
    load_consent,
    read_scan,
    save_consent,
)
from app.casefile.errors import CaseFileError, ConsentExportError
from app.casefile.retention import withdraw_consent
from app.errors import ExportError, VaultError
from app.vault import Vault
from tests.casefile.conftest import RESIDENT, RESIDENT_PASSWORD, TODAY, give_consent
from tests.conftest import snapshot


def refusal(vault: Vault, case_id: str, purpose: str, channel: str) -> ConsentExportError:
    with pytest.raises(ConsentExportError) as raised:
        check_export_allowed(vault, case_id, purpose, channel, today=TODAY)
    return raised.value


def test_pending_consent_refuses_export(vault: Vault, case_id: str) -> None:
    error = refusal(vault, case_id, "teaching", "congress")
    assert error.key == "consent.pending"
    assert isinstance(error, ExportError)


def test_refused_consent_refuses_export(vault: Vault, case_id: str) -> None:
    save_consent(vault, replace(load_consent(vault, case_id), status="refused",
                                signed_on="2026-11-02"))
    assert refusal(vault, case_id, "teaching", "congress").key == "consent.refused"


def test_withdrawn_consent_refuses_export(vault: Vault, case_id: str) -> None:
    give_consent(vault, case_id)
    check_export_allowed(vault, case_id, "teaching", "congress", today=TODAY)
    withdraw_consent(vault, case_id, dt.date(2026, 11, 20))

    error = refusal(vault, case_id, "teaching", "congress")
    assert error.key == "consent.withdrawn"
    assert "2026-11-20" in error.message("en")


def test_purpose_outside_consent_refused(vault: Vault, case_id: str) -> None:
    give_consent(vault, case_id, purposes=["teaching"])
    error = refusal(vault, case_id, "publication", "congress")
    assert error.key == "consent.purpose_not_covered"
    assert "Publication scientifique" in error.message("fr")
    assert "Scientific publication" in error.message("en")


def test_channel_outside_consent_refused(vault: Vault, case_id: str) -> None:
    give_consent(vault, case_id, channels=["internal_platform"])
    error = refusal(vault, case_id, "teaching", "partner_platform")
    assert error.key == "consent.channel_not_covered"
    assert "Plateforme pédagogique partenaire" in error.message("fr")


def test_unknown_purpose_and_channel_refused(vault: Vault, case_id: str) -> None:
    give_consent(vault, case_id)
    assert refusal(vault, case_id, "marketing", "congress").key == "consent.unknown_export_purpose"
    assert refusal(vault, case_id, "teaching", "tv").key == "consent.unknown_export_channel"


def test_expired_retention_refuses_export(vault: Vault, case_id: str) -> None:
    give_consent(vault, case_id, signed_on="2020-01-31", retention_months=13)
    assert case_expiry(vault, case_id) == dt.date(2021, 2, 28)
    error = refusal(vault, case_id, "teaching", "congress")
    assert error.key == "consent.expired"
    assert "2021-02-28" in error.message("en")


def test_child_never_goes_to_social_networks(vault: Vault, case_id: str) -> None:
    give_consent(vault, case_id, channels=list(CHANNELS), transfers_outside_eu=True,
                 special_cases=["child"])
    check_export_allowed(vault, case_id, "teaching", "congress", today=TODAY)
    error = refusal(vault, case_id, "teaching", "social_networks")
    assert error.key == "consent.child_public_channel"


def test_social_networks_need_transfer_consent(vault: Vault, case_id: str) -> None:
    give_consent(vault, case_id, channels=list(CHANNELS), transfers_outside_eu=False)
    assert refusal(vault, case_id, "teaching", "social_networks").key == \
        "consent.public_channel_transfers"

    give_consent(vault, case_id, channels=list(CHANNELS), transfers_outside_eu=True,
                 transfer_details="United States (standard contractual clauses)")
    warnings = check_export_allowed(vault, case_id, "teaching", "social_networks", today=TODAY)
    assert "consent.warning.public_channel" in [warning.key for warning in warnings]


def test_special_cases_warn(vault: Vault, case_id: str) -> None:
    give_consent(vault, case_id, special_cases=["face_surgery", "live_surgery"])
    warnings = check_export_allowed(vault, case_id, "teaching", "congress", today=TODAY)
    keys = [warning.key for warning in warnings]
    assert "consent.warning.face_surgery" in keys
    assert "consent.warning.live_surgery" in keys
    assert "consent.warning.no_scan" in keys
    face = next(w for w in warnings if w.key == "consent.warning.face_surgery")
    assert "champ opératoire" in face.message("fr")


def test_covered_export_allowed_without_warnings(vault: Vault, case_id: str,
                                                 tmp_path: Path) -> None:
    give_consent(vault, case_id)
    scan = tmp_path / "consentement signé.pdf"
    scan.write_bytes(b"%PDF-1.4 scanned form of Mme Durand\n" * 100)
    attach_scan(vault, case_id, scan)
    assert check_export_allowed(vault, case_id, "research", "internal_platform",
                                today=TODAY) == []


def test_refusal_is_journaled(vault: Vault, case_id: str) -> None:
    refusal(vault, case_id, "teaching", "congress")
    entry = vault.journal_entries()[-1]
    assert entry["action"] == "export.refused"
    assert entry["subject"] == case_id
    assert "rule=consent.pending" in entry["detail"]


def test_defaults_leave_out_social_networks() -> None:
    consent = default_consent("c-1", ["child"])
    assert consent.status == "pending"
    assert list(consent.purposes) == list(PURPOSES)
    assert "social_networks" not in consent.channels
    assert consent.special_cases == ["child"]


def test_given_consent_needs_date_and_scope(vault: Vault, case_id: str) -> None:
    consent = load_consent(vault, case_id)
    with pytest.raises(CaseFileError) as raised:
        save_consent(vault, replace(consent, status="given"))
    assert raised.value.key == "consent.date_missing"
    with pytest.raises(CaseFileError) as raised:
        save_consent(vault, replace(consent, status="given", signed_on="2026-11-02",
                                    channels=[]))
    assert raised.value.key == "consent.scope_missing"
    with pytest.raises(CaseFileError) as raised:
        save_consent(vault, replace(consent, purposes=["commercial"]))
    assert raised.value.key == "consent.unknown_purpose"
    with pytest.raises(CaseFileError) as raised:
        save_consent(vault, replace(consent, status="given", signed_on="02/11/2026"))
    assert raised.value.key == "casefile.bad_date"


def test_withdrawal_only_through_command(vault: Vault, case_id: str) -> None:
    with pytest.raises(CaseFileError) as raised:
        save_consent(vault, replace(load_consent(vault, case_id), status="withdrawn"))
    assert raised.value.key == "consent.withdraw_with_command"


def test_concurrent_change_detected(vault: Vault, case_id: str) -> None:
    stale = load_consent(vault, case_id)
    give_consent(vault, case_id)
    with pytest.raises(CaseFileError) as raised:
        save_consent(vault, replace(stale, status="refused", signed_on="2026-11-03"))
    assert raised.value.key == "consent.conflict"


def test_history_and_journal_keep_every_change(vault: Vault, case_id: str) -> None:
    give_consent(vault, case_id, purposes=["teaching"])
    give_consent(vault, case_id, purposes=["teaching", "publication"])
    history = consent_history(vault, case_id)
    assert [consent.revision for consent in history] == [1, 2]
    assert history[0].purposes == ["teaching"]
    changes = [e for e in vault.journal_entries() if e["action"] == "consent.change"]
    assert len(changes) == 2
    assert all(entry["subject"] == case_id for entry in changes)
    assert all("Durand" not in entry["detail"] for entry in vault.journal_entries())


def test_resident_cannot_record_consent(staffed_vault: Path) -> None:
    with Vault.unlock(staffed_vault, RESIDENT_PASSWORD, RESIDENT) as resident:
        case = resident.find_or_create_case("Cas de garde")
        with pytest.raises(VaultError) as raised:
            save_consent(resident, replace(load_consent(resident, case.id), status="refused",
                                           signed_on="2026-11-02"))
    assert raised.value.key == "vault.role_required"


def test_scan_stored_encrypted(vault: Vault, vault_path: Path, case_id: str,
                               tmp_path: Path) -> None:
    scan = tmp_path / "scan.pdf"
    content = b"%PDF-1.4 Formulaire signe par Mme Durand " * 50
    scan.write_bytes(content)
    before = set(snapshot(vault_path))

    consent = attach_scan(vault, case_id, scan)

    assert consent.scan_object_id is not None
    added = {name: data for name, data in snapshot(vault_path).items() if name not in before}
    assert len(added) == 1
    assert b"Durand" not in next(iter(added.values()))
    assert read_scan(vault, case_id) == content
    assert vault.journal_entries()[-1]["action"] == "consent.scan_view"

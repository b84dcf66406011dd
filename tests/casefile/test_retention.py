"""Withdrawal, expiry and purges: file keys gone from the database and its WAL, all journaled."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from app.casefile.consent import attach_scan, check_export_allowed, load_consent
from app.casefile.errors import CaseFileError, ConsentExportError
from app.casefile.identity import PatientIdentity, read_identity, set_identity
from app.casefile.retention import (
    check_retention_at_unlock,
    expired_cases,
    plan_purge,
    plan_withdrawal,
    purge_case,
    purge_expired,
    withdraw_consent,
)
from app.errors import VaultError
from app.vault import Vault
from tests.casefile.conftest import (
    RESIDENT,
    RESIDENT_PASSWORD,
    TODAY,
    Footage,
    give_consent,
    store_footage,
)
from tests.casefile.sqlcipher_pages import database_plaintext, wal_plaintext
from tests.conftest import PASSWORD, USER

IDENTITY = PatientIdentity("Martin", "Lucien", "1948-02-29", "77 001 234")


def stored_keys(vault: Vault, object_ids: list[str]) -> dict[str, bytes]:
    """Return the wrapped key of each object as the database stores it."""
    rows = vault._query("SELECT object_id, wrapped_key FROM file_keys")
    return {object_id: bytes(key) for object_id, key in rows if object_id in object_ids}


def files_containing(vault: Vault, needles: list[bytes]) -> dict[str, list[int]]:
    """Return which of ``needles`` appear in the decrypted database pages and in the WAL."""
    database = vault.path / "vault.db"
    key = vault._keys.database
    pages = {"db": database_plaintext(database, key), "wal": wal_plaintext(database, key)}
    return {name: [index for index, needle in enumerate(needles) if needle in data]
            for name, data in pages.items()}


def raw_file_key(vault: Vault, object_id: str) -> bytes:
    return vault._file_key(object_id)


@pytest.fixture
def footage(vault: Vault) -> Footage:
    return store_footage(vault)


def test_withdrawal_shreds_footage_and_proxy(vault: Vault, footage: Footage) -> None:
    give_consent(vault, footage.case_id)
    source = vault.media(footage.media_id).object_id
    object_ids = [source, footage.proxy_id]
    wrapped = stored_keys(vault, object_ids)
    needles = [*wrapped.values(), *(raw_file_key(vault, oid) for oid in object_ids)]
    before = files_containing(vault, needles)
    # The search must find the wrapped keys while they exist, or its "absent" would prove nothing.
    assert sorted(set(before["db"] + before["wal"])) == [0, 1]
    assert vault.open_media(footage.media_id).read(8)

    plan = plan_withdrawal(vault, footage.case_id)
    assert {target.object_id for target in plan.objects} == set(object_ids)
    report = withdraw_consent(vault, footage.case_id, dt.date(2026, 11, 20))

    assert sorted(report.shredded) == sorted(object_ids)
    after = files_containing(vault, needles)
    assert after == {"db": [], "wal": []}
    assert (vault.path / "vault.db-wal").stat().st_size == 0 or not after["wal"]
    for object_id in object_ids:
        assert not vault._object_path(object_id).exists()
    with pytest.raises(VaultError) as raised:
        vault.open_media(footage.media_id)
    assert raised.value.key in ("vault.object_shredded", "vault.object_missing")
    with pytest.raises(VaultError):
        vault._file_key(footage.proxy_id)


def test_withdrawal_keeps_minimal_record(vault: Vault, footage: Footage, tmp_path: Path) -> None:
    give_consent(vault, footage.case_id)
    set_identity(vault, footage.case_id, IDENTITY)
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF scanned " * 40)
    attach_scan(vault, footage.case_id, scan)

    withdraw_consent(vault, footage.case_id)

    case = vault.case(footage.case_id)
    assert case.status == "withdrawn"
    assert case.label == case.pseudonym
    assert load_consent(vault, case.id).status == "withdrawn"
    assert vault.media(footage.media_id).sha256  # the source hash stays, to match takedowns
    assert vault._query("SELECT original_name FROM media WHERE id = ?",
                        (footage.media_id,))[0][0] == ""
    # The identity and the signed form stay until expiry, as proof of consent and withdrawal.
    assert read_identity(vault, case.id) == IDENTITY
    assert load_consent(vault, case.id).scan_object_id is not None


def test_withdrawn_case_cannot_export(vault: Vault, footage: Footage) -> None:
    give_consent(vault, footage.case_id)
    withdraw_consent(vault, footage.case_id)
    with pytest.raises(ConsentExportError) as raised:
        check_export_allowed(vault, footage.case_id, "teaching", "congress", today=TODAY)
    assert raised.value.key == "consent.withdrawn"
    with pytest.raises(CaseFileError):
        withdraw_consent(vault, footage.case_id)


def test_withdrawal_journaled(vault: Vault, footage: Footage) -> None:
    give_consent(vault, footage.case_id)
    withdraw_consent(vault, footage.case_id)
    entries = vault.journal_entries()
    actions = [entry["action"] for entry in entries]
    assert "consent.withdraw" in actions
    assert actions.count("object.shred") == 2
    last = entries[-1]
    assert last["action"] == "case.withdraw"
    assert last["subject"] == footage.case_id
    assert last["detail"] == "releases=0 shredded=2"
    assert vault.verify_journal() is None


def test_resident_cannot_withdraw(staffed_vault: Path) -> None:
    with Vault.unlock(staffed_vault, PASSWORD, USER) as admin:
        footage = store_footage(admin)
    with Vault.unlock(staffed_vault, RESIDENT_PASSWORD, RESIDENT) as resident:
        with pytest.raises(VaultError):
            withdraw_consent(resident, footage.case_id)


def test_expired_case_listed_and_purged(vault: Vault, footage: Footage, tmp_path: Path) -> None:
    give_consent(vault, footage.case_id, signed_on="2016-03-01", retention_months=60)
    set_identity(vault, footage.case_id, IDENTITY)
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF scanned form " * 40)
    scan_id = attach_scan(vault, footage.case_id, scan).scan_object_id
    assert scan_id is not None
    fresh = store_footage(vault, "Dossier récent")
    give_consent(vault, fresh.case_id)
    object_ids = [vault.media(footage.media_id).object_id, footage.proxy_id, scan_id]
    wrapped = list(stored_keys(vault, object_ids).values())
    assert len(wrapped) == 3

    expired = expired_cases(vault, TODAY)
    assert [item.case_id for item in expired] == [footage.case_id]
    assert expired[0].expires_on == dt.date(2021, 3, 1)
    plan = plan_purge(vault, footage.case_id)
    assert plan.deletes_identity
    assert scan_id in [target.object_id for target in plan.objects]

    reports = purge_expired(vault, TODAY)

    assert [report.plan.case_id for report in reports] == [footage.case_id]
    assert files_containing(vault, wrapped) == {"db": [], "wal": []}
    assert vault.case(footage.case_id).status == "purged"
    assert read_identity(vault, footage.case_id) is None
    assert expired_cases(vault, TODAY) == []
    entry = next(e for e in reversed(vault.journal_entries()) if e["action"] == "case.purge")
    assert entry["subject"] == footage.case_id
    assert "reason=expiry" in entry["detail"]
    assert "shredded=3" in entry["detail"]
    assert "identity_deleted=1" in entry["detail"]
    # The other case is untouched.
    assert vault.open_media(fresh.media_id).read(4)


def test_auto_purge_at_unlock(vault_path: Path) -> None:
    with Vault.unlock(vault_path, PASSWORD, USER) as vault:
        footage = store_footage(vault)
        give_consent(vault, footage.case_id, signed_on="2015-01-01", retention_months=12)
        notice = check_retention_at_unlock(vault, TODAY)
        assert [item.case_id for item in notice.expired] == [footage.case_id]
        assert notice.purged == []
        vault.set_setting("retention.auto_purge", True)

    with Vault.unlock(vault_path, PASSWORD, USER) as vault:
        notice = check_retention_at_unlock(vault, TODAY)
        assert [report.plan.case_id for report in notice.purged] == [footage.case_id]
        assert notice.expired == []
        entry = next(e for e in reversed(vault.journal_entries()) if e["action"] == "case.purge")
        assert "automatic=1" in entry["detail"]


def test_purged_case_is_final(vault: Vault, footage: Footage) -> None:
    purge_case(vault, footage.case_id, "manual")
    with pytest.raises(CaseFileError) as raised:
        purge_case(vault, footage.case_id, "manual")
    assert raised.value.key == "retention.already_purged"
    with pytest.raises(ConsentExportError) as refused:
        check_export_allowed(vault, footage.case_id, "teaching", "congress", today=TODAY)
    assert refused.value.key == "consent.case_purged"


def test_shred_with_busy_reader_reported(vault: Vault, footage: Footage) -> None:
    from sqlcipher3 import dbapi2 as sqlcipher

    reader = sqlcipher.connect(str(vault.path / "vault.db"), isolation_level=None)
    reader.execute(f"PRAGMA key = \"x'{vault._keys.database.hex()}'\"")
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM file_keys").fetchone()  # holds a read snapshot
    try:
        with pytest.raises(VaultError) as raised:
            vault.shred_object(footage.proxy_id)
    finally:
        reader.close()

    assert raised.value.key == "vault.busy_during_shred"
    assert not vault._object_path(footage.proxy_id).exists()
    assert vault.journal_entries()[-1]["action"] == "object.shred"
    with pytest.raises(VaultError):
        vault._file_key(footage.proxy_id)

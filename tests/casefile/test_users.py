"""Users and roles: slots, key files as second factor, removal, settings, schema upgrade."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from app.casefile import vocabulary
from app.casefile.errors import CaseFileError
from app.casefile.settings import get_setting, parse_setting, set_setting
from app.errors import VaultError, WrongPasswordError
from app.vault import Vault
from app.vault import vault as vault_module
from app.vault.db import SCHEMA_VERSION
from tests.casefile.conftest import (
    RESIDENT,
    RESIDENT_PASSWORD,
    SURGEON,
    SURGEON_PASSWORD,
    add_user,
)
from tests.conftest import PASSWORD, TEST_KDF, USER


def slot_names(vault_path: Path) -> list[str]:
    header = json.loads((vault_path / "vault.json").read_text(encoding="utf-8"))
    return [slot["name"] for slot in header["slots"]]


def test_roles_match_vault() -> None:
    assert vocabulary.ROLES == vault_module.ROLES


def test_only_administrators_manage_users(staffed_vault: Path) -> None:
    with Vault.unlock(staffed_vault, SURGEON_PASSWORD, SURGEON) as surgeon:
        with pytest.raises(VaultError):
            add_user(surgeon, "Nouvel interne", "Interne-Nouveau-2026!", "resident")
        with pytest.raises(VaultError) as raised:
            surgeon.remove_user(RESIDENT)
        assert raised.value.key == "vault.role_required"
        with pytest.raises(VaultError):
            surgeon.set_setting("retention.auto_purge", True)


def test_weak_password_refused_for_new_user(vault: Vault) -> None:
    with pytest.raises(VaultError) as raised:
        add_user(vault, "Dr Faible", "motdepasse1", "surgeon")
    assert raised.value.key == "vault.weak_password"


def test_removed_user_loses_slot(staffed_vault: Path) -> None:
    with Vault.unlock(staffed_vault, PASSWORD, USER) as admin:
        admin.remove_user(RESIDENT)
        accounts = {account.name: account for account in admin.user_accounts()}
        entry = admin.journal_entries()[-1]

    assert RESIDENT not in slot_names(staffed_vault)
    assert not accounts[RESIDENT].active
    assert entry["action"] == "user.remove"
    assert entry["subject"] == accounts[RESIDENT].id
    with pytest.raises(VaultError) as raised:
        Vault.unlock(staffed_vault, RESIDENT_PASSWORD, RESIDENT)
    assert raised.value.key == "vault.user_unknown"
    # The others still unlock: the header MAC was rewritten with the new slot list.
    Vault.unlock(staffed_vault, SURGEON_PASSWORD, SURGEON).close()


def test_last_administrator_and_self_kept(staffed_vault: Path) -> None:
    with Vault.unlock(staffed_vault, PASSWORD, USER) as admin:
        with pytest.raises(VaultError) as raised:
            admin.remove_user(USER)
        assert raised.value.key == "vault.cannot_remove_self"
        with pytest.raises(VaultError) as raised:
            admin.set_user_role(USER, "surgeon")
        assert raised.value.key == "vault.last_administrator"
        admin.set_user_role(SURGEON, "administrator")
        admin.set_user_role(USER, "surgeon")
        assert admin.user.role == "surgeon"


def test_key_file_second_factor(vault: Vault, vault_path: Path) -> None:
    key_file = secrets.token_bytes(64)
    add_user(vault, SURGEON, SURGEON_PASSWORD, "surgeon", key_file=key_file)
    vault.close()

    with pytest.raises(VaultError) as raised:
        Vault.unlock(vault_path, SURGEON_PASSWORD, SURGEON)
    assert raised.value.key == "vault.key_file_required"
    with pytest.raises(WrongPasswordError) as wrong:
        Vault.unlock(vault_path, SURGEON_PASSWORD, SURGEON, key_file=secrets.token_bytes(64))
    assert wrong.value.key == "vault.wrong_password_or_key_file"
    with pytest.raises(WrongPasswordError):
        Vault.unlock(vault_path, PASSWORD, SURGEON, key_file=key_file)

    with Vault.unlock(vault_path, SURGEON_PASSWORD, SURGEON, key_file=key_file) as surgeon:
        accounts = {account.name: account for account in surgeon.user_accounts()}
        assert accounts[SURGEON].key_file
        assert not accounts[USER].key_file
        failed = [e for e in surgeon.journal_entries() if e["action"] == "vault.unlock_failed"]
    assert len(failed) == 2


def test_key_file_too_short_refused(vault: Vault) -> None:
    with pytest.raises(VaultError) as raised:
        add_user(vault, SURGEON, SURGEON_PASSWORD, "surgeon", key_file=b"short")
    assert raised.value.key == "vault.key_file_too_short"


def test_password_change_adds_key_file(vault: Vault, vault_path: Path) -> None:
    key_file = secrets.token_bytes(48)
    vault.change_password("Nouveau-Mot-de-Passe-42!", key_file, kdf=TEST_KDF)
    vault.close()
    with pytest.raises(VaultError) as raised:
        Vault.unlock(vault_path, "Nouveau-Mot-de-Passe-42!", USER)
    assert raised.value.key == "vault.key_file_required"
    with pytest.raises(WrongPasswordError):
        Vault.unlock(vault_path, PASSWORD, USER, key_file=key_file)
    Vault.unlock(vault_path, "Nouveau-Mot-de-Passe-42!", USER, key_file=key_file).close()


def test_settings_typed_and_admin_only(vault: Vault) -> None:
    assert get_setting(vault, "retention.default_months") == 60
    set_setting(vault, "retention.default_months", parse_setting("retention.default_months",
                                                                 ["36"]))
    set_setting(vault, "registry.processors", parse_setting("registry.processors",
                                                            ["Hébergeur HDS Exemple"]))
    assert get_setting(vault, "retention.default_months") == 36
    assert get_setting(vault, "registry.processors") == ["Hébergeur HDS Exemple"]
    assert parse_setting("retention.auto_purge", ["oui"]) is True
    assert vault.journal_entries()[-1]["action"] == "settings.change"
    for key, values in (("retention.default_months", ["zéro"]),
                        ("registry.legal_basis", ["contract"]),
                        ("no.such.key", ["1"])):
        with pytest.raises(CaseFileError):
            parse_setting(key, values)


def test_version_one_vault_upgraded(vault_path: Path) -> None:
    with Vault.unlock(vault_path, PASSWORD, USER) as vault:
        key = vault._keys.database
    connection = sqlcipher.connect(str(vault_path / "vault.db"), isolation_level=None)
    connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    for table in ("settings", "consent_revisions", "identities", "releases", "reviewers",
                  "case_retention"):
        connection.execute(f"DROP TABLE {table}")
    connection.execute("ALTER TABLE users DROP COLUMN identity_access")
    connection.execute("ALTER TABLE users DROP COLUMN removed_at")
    connection.execute("UPDATE meta SET value = '1' WHERE key = 'schema_version'")
    connection.close()

    with Vault.unlock(vault_path, PASSWORD, USER) as vault:
        version = vault._query("SELECT value FROM meta WHERE key = 'schema_version'")[0][0]
        assert int(version) == SCHEMA_VERSION
        assert vault.setting("retention.auto_purge") is None
        assert [account.identity_access for account in vault.user_accounts()] == [False]
        add_user(vault, SURGEON, SURGEON_PASSWORD, "surgeon", identity_access=True)

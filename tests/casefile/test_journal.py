"""The access journal: editing or deleting one entry on disk is detected; CSV export."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from sqlcipher3 import dbapi2 as sqlcipher

from app.cli import main
from app.vault import Vault
from tests.conftest import PASSWORD, USER


def edit_database(vault_path: Path, statement: str) -> None:
    """Change the vault database directly, as someone holding its SQLCipher key could."""
    with Vault.unlock(vault_path, PASSWORD, USER) as vault:
        key = vault._keys.database
    connection = sqlcipher.connect(str(vault_path / "vault.db"), isolation_level=None)
    connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    connection.execute(statement)
    connection.close()


def journal_with_entries(vault_path: Path) -> list[dict[str, object]]:
    with Vault.unlock(vault_path, PASSWORD, USER) as vault:
        case = vault.find_or_create_case("Cas du journal")
        vault.journal("case.labels_shown", case.id)
        assert vault.verify_journal() is None
        return vault.journal_entries()


def test_edited_entry_detected(vault_path: Path) -> None:
    entries = journal_with_entries(vault_path)
    target = next(entry for entry in entries if entry["action"] == "case.create")

    edit_database(vault_path, f"UPDATE journal SET subject = 'c-000000000000' "
                              f"WHERE seq = {target['seq']}")

    with Vault.unlock(vault_path, PASSWORD, USER) as vault:
        assert vault.verify_journal() == target["seq"]


def test_deleted_entry_detected(vault_path: Path) -> None:
    entries = journal_with_entries(vault_path)
    target = entries[2]

    edit_database(vault_path, f"DELETE FROM journal WHERE seq = {target['seq']}")

    with Vault.unlock(vault_path, PASSWORD, USER) as vault:
        assert vault.verify_journal() == entries[3]["seq"]


def test_journal_csv_to_file(vault_path: Path, tmp_path: Path,
                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOILE_PASSWORD", PASSWORD)
    journal_with_entries(vault_path)
    out = tmp_path / "journal des accès.csv"

    code = main(["journal", str(vault_path), "--user", USER, "--out", str(out)])

    assert code == 0
    with open(out, encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[0] == ["seq", "at", "user_id", "action", "subject", "detail"]
    assert "case.labels_shown" in [row[3] for row in rows[1:]]
    assert main(["journal", str(vault_path), "--user", USER, "--out", str(out)]) != 0


def test_journal_command_reports_broken_chain(vault_path: Path, capsys: pytest.CaptureFixture[str],
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOILE_PASSWORD", PASSWORD)
    entries = journal_with_entries(vault_path)
    edit_database(vault_path, f"UPDATE journal SET detail = 'x' WHERE seq = {entries[1]['seq']}")

    code = main(["--lang", "en", "journal", str(vault_path), "--user", USER])

    assert code == 3
    assert str(entries[1]["seq"]) in capsys.readouterr().err

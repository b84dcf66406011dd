"""The case file commands, run through ``voile``'s real parser and entry point."""

from __future__ import annotations

import json
import secrets
from pathlib import Path

import pytest

from app.cli import main
from app.vault import Vault
from tests.casefile.conftest import SURGEON, SURGEON_PASSWORD, ExportCopy, store_footage
from tests.conftest import PASSWORD, USER


@pytest.fixture(autouse=True)
def _password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("VOILE_PASSWORD", PASSWORD)


def voile(*args: str) -> int:
    return main(["--lang", "en", *args])


def test_consent_commands(vault_path: Path, tmp_path: Path,
                          capsys: pytest.CaptureFixture[str]) -> None:
    with Vault.unlock(vault_path, PASSWORD, USER) as vault:
        case = vault.find_or_create_case("Cas de la ligne de commande").pseudonym
    common = [str(vault_path), "--user", USER]

    assert voile("consent", "check", *common, case, "--purpose", "teaching",
                 "--channel", "congress") == 6
    assert "no consent is recorded" in capsys.readouterr().err

    assert voile("consent", "set", *common, case, "--status", "given", "--signed-on",
                 "2026-11-02") == 10
    assert "--purpose and --channel" in capsys.readouterr().err
    assert voile("consent", "set", *common, case, "--status", "given", "--signed-on",
                 "2026-11-02", "--purpose", "teaching", "--channel", "congress",
                 "--special", "child", "--contact", "Secrétariat, poste 4412") == 0
    shown = capsys.readouterr().out
    assert "Status: given" in shown
    assert "Special cases: child" in shown

    assert voile("consent", "check", *common, case, "--purpose", "teaching",
                 "--channel", "congress") == 0
    captured = capsys.readouterr()
    assert "Allowed by the consent." in captured.out
    assert "Warning: Child" in captured.err

    assert voile("consent", "check", *common, case, "--purpose", "research",
                 "--channel", "congress") == 6
    assert "Research" in capsys.readouterr().err

    form = tmp_path / "formulaire.pdf"
    assert main(["--lang", "fr", "consent", "form", *common, case, "--out", str(form)]) == 0
    assert form.read_bytes().startswith(b"%PDF")
    assert main(["--lang", "fr", "consent", "form", *common, case, "--out", str(form)]) == 10
    assert "existe déjà" in capsys.readouterr().err


def test_identity_and_withdrawal_commands(vault_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    with Vault.unlock(vault_path, PASSWORD, USER) as vault:
        footage = store_footage(vault)
        pseudonym = vault.case(footage.case_id).pseudonym
    common = [str(vault_path), "--user", USER]
    assert voile("identity", "set", *common, pseudonym, "--last-name", "Garnier",
                 "--first-name", "Aimé", "--birth-date", "1950-07-14", "--ipp", "123") == 0

    assert voile("identity", "find", *common, "--last-name", "GARNIER") == 0
    assert pseudonym in capsys.readouterr().out

    assert voile("withdraw", *common, pseudonym) == 10  # no terminal, no --yes: nothing done
    assert "needs confirmation" in capsys.readouterr().err
    assert voile("withdraw", *common, pseudonym, "--yes") == 0
    assert "2 files erased" in capsys.readouterr().err

    assert voile("retention", "list", *common) == 0
    assert "withdrawn" in capsys.readouterr().out
    assert voile("retention", "purge", *common, "--case", pseudonym, "--yes") == 0
    assert voile("identity", "show", *common, pseudonym) == 1
    with Vault.unlock(vault_path, PASSWORD, USER) as vault:
        assert vault.case(footage.case_id).status == "purged"


def test_settings_registry_and_users(vault_path: Path, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    common = [str(vault_path), "--user", USER]
    assert voile("settings", "set", *common, "retention.default_months", "84") == 0
    assert voile("settings", "set", *common, "registry.recipients", "Faculté", "Congrès") == 0
    assert voile("settings", "show", *common) == 0
    shown = capsys.readouterr().out
    assert "retention.default_months = 84" in shown
    assert 'registry.recipients = ["Faculté", "Congrès"]' in shown
    assert voile("settings", "set", *common, "retention.default_months", "soon") == 10

    registry = tmp_path / "registre.pdf"
    assert voile("registry", *common, "--out", str(registry)) == 0
    assert registry.read_bytes().startswith(b"%PDF")

    key_file = tmp_path / "clé.bin"
    assert voile("user", "new-key-file", str(key_file)) == 0
    assert len(key_file.read_bytes()) == 64
    password_file = tmp_path / "mdp.txt"
    password_file.write_text(SURGEON_PASSWORD + "\n", encoding="utf-8")
    assert voile("user", "add", *common, "--name", SURGEON, "--role", "surgeon",
                 "--new-password-file", str(password_file), "--new-key-file",
                 str(key_file)) == 0
    capsys.readouterr()
    assert voile("user", "list", *common) == 0
    assert f"{SURGEON}  surgeon, key file" in capsys.readouterr().out

    monkeypatch.setenv("VOILE_PASSWORD", SURGEON_PASSWORD)
    assert voile("cases", str(vault_path), "--user", SURGEON) != 0  # no key file given
    assert voile("user", "list", str(vault_path), "--user", SURGEON, "--key-file",
                 str(key_file)) == 0
    monkeypatch.setenv("VOILE_PASSWORD", PASSWORD)
    assert voile("user", "remove", *common, SURGEON, "--yes") == 0
    header = json.loads((vault_path / "vault.json").read_text(encoding="utf-8"))
    assert [slot["name"] for slot in header["slots"]] == [USER]


def test_review_and_release_commands(export_copy: ExportCopy, tmp_path: Path,
                                     capsys: pytest.CaptureFixture[str],
                                     monkeypatch: pytest.MonkeyPatch) -> None:
    vault_args = [str(export_copy.vault_path), "--user", USER]
    p12 = tmp_path / "relecteur.p12"
    monkeypatch.setenv("VOILE_P12_PASSWORD", "Relecture-" + secrets.token_hex(4) + "-Ok!")
    assert voile("review", "issue-certificate", *vault_args, "--name", "Dr Odile Roux",
                 "--out", str(p12)) == 0

    assert voile("review", "approve", str(export_copy.export_dir), "--p12", str(p12)) == 0
    assert "Approved by Dr Odile Roux" in capsys.readouterr().err
    assert voile("verify", str(export_copy.export_dir)) == 0
    assert "Dr Odile Roux" in capsys.readouterr().out

    with Vault.unlock(export_copy.vault_path, PASSWORD, USER) as vault:
        pseudonym = vault.case(export_copy.case_id).pseudonym
    assert voile("consent", "set", *vault_args, pseudonym, "--status", "given", "--signed-on",
                 "2026-11-02", "--purpose", "teaching", "--channel", "internal_platform") == 0
    monkeypatch.setenv("VOILE_PASSWORD", SURGEON_PASSWORD)
    release = [str(export_copy.vault_path), "--user", SURGEON, str(export_copy.export_dir),
               "--purpose", "teaching"]
    assert voile("release", *release, "--channel", "congress") == 6
    assert "does not cover the channel" in capsys.readouterr().err
    assert voile("release", *release, "--channel", "internal_platform") == 0
    assert capsys.readouterr().out.startswith("r-")

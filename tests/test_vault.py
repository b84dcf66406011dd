import hashlib
import json
import shutil
from pathlib import Path

import av
import pytest

from app.errors import MediaError, TamperedError, VaultError, WrongPasswordError
from app.vault import Vault
from app.vault.keys import DEFAULT_KDF
from tests.conftest import PASSWORD, TEST_KDF, USER, snapshot

BAD_FILES = ["fuzz_minimized.mp4", "invalid_userdata.mp4", "zero_empty_stsc.mp4", "truncated.mkv",
             "text_named_mp4.mp4"]


def test_default_kdf_cost() -> None:
    assert DEFAULT_KDF["memory_kib"] >= 256 * 1024
    assert DEFAULT_KDF["time_cost"] >= 3


def test_wrong_password_keeps_vault_locked(vault_path: Path) -> None:
    with pytest.raises(WrongPasswordError) as raised:
        Vault.unlock(vault_path, "Not-The-Password-1!", USER)
    assert "password" in str(raised.value).lower()


def test_failed_unlock_is_journaled(vault_path: Path) -> None:
    with pytest.raises(WrongPasswordError):
        Vault.unlock(vault_path, "Not-The-Password-1!")
    with Vault.unlock(vault_path, PASSWORD) as vault:
        actions = [entry["action"] for entry in vault.journal_entries()]
    assert "vault.unlock_failed" in actions


def test_unknown_user(vault_path: Path) -> None:
    with pytest.raises(VaultError):
        Vault.unlock(vault_path, PASSWORD, "Nobody")


def test_weak_password_rejected(tmp_path: Path) -> None:
    with pytest.raises(VaultError) as raised:
        Vault.create(tmp_path / "v", USER, "short1!", kdf=TEST_KDF)
    assert raised.value.key == "vault.weak_password"
    assert not (tmp_path / "v").exists()


def test_create_refuses_non_empty_folder(tmp_path: Path) -> None:
    (tmp_path / "v").mkdir()
    (tmp_path / "v" / "notes.txt").write_text("x")
    with pytest.raises(VaultError):
        Vault.create(tmp_path / "v", USER, PASSWORD, kdf=TEST_KDF)


def test_tampered_header_detected(vault_path: Path) -> None:
    header = json.loads((vault_path / "vault.json").read_text(encoding="utf-8"))
    header["slots"][0]["name"] = "Mallory"
    (vault_path / "vault.json").write_text(json.dumps(header), encoding="utf-8")
    with pytest.raises(TamperedError):
        Vault.unlock(vault_path, PASSWORD, "Mallory")


def test_damaged_database_detected(vault_path: Path) -> None:
    database = vault_path / "vault.db"
    raw = bytearray(database.read_bytes())
    raw[100:116] = bytes(16)
    database.write_bytes(bytes(raw))
    for sidecar in vault_path.glob("vault.db-*"):
        sidecar.unlink()
    with pytest.raises(TamperedError):
        Vault.unlock(vault_path, PASSWORD)


def test_user_name_and_path_with_accents(vault: Vault, vault_path: Path) -> None:
    assert vault.user.name == "Hélène D'Angelo"
    assert "Hélène" in str(vault_path)
    assert vault.identity().user == "Hélène D'Angelo"


def test_import_streams_encrypted(vault: Vault, vault_path: Path, samples_dir: Path) -> None:
    source = samples_dir / "faces" / "short_hamilton_clip.mp4"
    record = vault.import_media(source, "Mme Hélène D'Angelo, cholécystectomie")
    assert record.sha256 == hashlib.sha256(source.read_bytes()).hexdigest()
    assert record.info.width == 640
    stored = b"".join(snapshot(vault_path).values())
    assert source.read_bytes()[:4096] not in stored
    assert b"D'Angelo" not in (vault_path / "vault.db").read_bytes()
    with vault.open_media(record.id) as reader:
        assert hashlib.sha256(reader.read()).hexdigest() == record.sha256


def test_pyav_plays_from_vault(vault: Vault, samples_dir: Path) -> None:
    record = vault.import_media(samples_dir / "faces" / "short_hamilton_clip.mp4", "case A")
    reader = vault.open_media(record.id)
    container = av.open(reader)
    frames = sum(1 for _ in container.decode(video=0))
    container.close()
    assert frames == record.info.frame_count
    container = av.open(vault.open_media(record.id))
    stream = container.streams.video[0]
    container.seek(int(5 / stream.time_base), stream=stream)
    frame = next(container.decode(stream))
    assert frame.time is not None and 3.0 < frame.time < 6.0
    container.close()


@pytest.mark.parametrize("name", BAD_FILES)
def test_bad_media_rejected_vault_unchanged(vault: Vault, vault_path: Path, samples_dir: Path,
                                            name: str) -> None:
    before = snapshot(vault_path)
    with pytest.raises(MediaError) as raised:
        vault.import_media(samples_dir / "bad" / name, "case B")
    assert raised.value.message("fr")
    assert "Nothing was imported" in raised.value.message("en")
    assert snapshot(vault_path) == before
    assert vault.cases() == []


@pytest.mark.parametrize("name", ["GH364.dcm", "examples_overlay.dcm"])
def test_dicom_rejected_clearly(vault: Vault, samples_dir: Path, name: str) -> None:
    with pytest.raises(MediaError) as raised:
        vault.import_media(samples_dir / "overlays" / name, "case C")
    assert raised.value.key == "media.dicom_unsupported"


def test_missing_file(vault: Vault, tmp_path: Path) -> None:
    with pytest.raises(MediaError):
        vault.import_media(tmp_path / "absent.mp4", "case D")


def test_flipped_byte_in_object_fails_reading(vault: Vault, vault_path: Path,
                                              samples_dir: Path) -> None:
    record = vault.import_media(samples_dir / "faces" / "short_hamilton_clip.mp4", "case E")
    [object_file] = (vault_path / "objects").rglob(f"{record.object_id}.blob")
    raw = bytearray(object_file.read_bytes())
    raw[len(raw) // 2] ^= 0x40
    object_file.write_bytes(bytes(raw))
    with pytest.raises(TamperedError) as raised:
        with vault.open_media(record.id) as reader:
            reader.read()
    assert record.object_id in str(raised.value)


def test_shredded_object_cannot_be_read(vault: Vault, vault_path: Path, samples_dir: Path) -> None:
    record = vault.import_media(samples_dir / "faces" / "short_hamilton_clip.mp4", "case F")
    vault.shred_object(record.object_id)
    with pytest.raises(VaultError):
        vault.open_media(record.id)


def test_project_roundtrip_and_conflict(vault: Vault, samples_dir: Path) -> None:
    from app.project.model import Box, Keyframe, Track

    record = vault.import_media(samples_dir / "faces" / "short_hamilton_clip.mp4", "case G")
    project = vault.load_project(record.case_id)
    media = project.media[record.id]
    track = Track(id="T0001", kind="manual", origin="manual", start_frame=3, end_frame=9,
                  keyframes=[Keyframe(3, Box(1, 2, 30, 40)), Keyframe(9, Box(11, 2, 30, 40))])
    track.record("add", vault.user.id, 3, 9)
    media.tracks.append(track)
    assert vault.save_project(project) == 1
    reloaded = vault.load_project(record.case_id)
    box = reloaded.media[record.id].track("T0001").box_at(6)
    assert box == Box(6, 2, 30, 40)
    stale = vault.load_project(record.case_id)
    vault.save_project(reloaded)
    with pytest.raises(VaultError) as raised:
        vault.save_project(stale)
    assert raised.value.key == "vault.project_conflict"


def test_journal_detects_edit(vault: Vault, samples_dir: Path) -> None:
    vault.import_media(samples_dir / "faces" / "short_hamilton_clip.mp4", "case H")
    assert vault.verify_journal() is None
    entries = vault.journal_entries()
    target = entries[1]["seq"]
    vault._db.execute("UPDATE journal SET detail = 'edited' WHERE seq = ?", (target,))
    assert vault.verify_journal() == target


def test_second_user_opens_same_vault(vault: Vault, vault_path: Path) -> None:
    vault.add_user("Jean-Noël Dupré", "Autre-Mot-De-Passe-42!", "resident", kdf=TEST_KDF)
    vault.close()
    with Vault.unlock(vault_path, "Autre-Mot-De-Passe-42!", "Jean-Noël Dupré") as second:
        assert second.user.role == "resident"
    with pytest.raises(VaultError):
        Vault.unlock(vault_path, PASSWORD)  # two users now: --user is required


def test_copy_of_vault_is_independent(vault_path: Path, tmp_path: Path) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(vault_path, copy)
    with Vault.unlock(copy, PASSWORD) as opened:
        assert opened.cases() == []

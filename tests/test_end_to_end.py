"""The whole chain on real footage: import, face proposals, export, verification, signatures."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import av
import pytest

from app.analysis import analyse_media
from app.detection.analyze import find_residual_faces
from app.detection.registry import load_detector
from app.export.containercheck import inspect_container
from app.export.exporter import ExportOptions, export_media
from app.media.decode import iter_rgb_frames
from app.vault import Vault
from tests.conftest import PASSWORD, TEST_KDF, USER, give_consent

pytestmark = pytest.mark.slow

VOILE = [sys.executable, "-m", "app.cli"]


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory, samples_dir: Path) -> dict[str, object]:
    """One vault holding the face samples, analysed and exported once for the whole module."""
    root = tmp_path_factory.mktemp("e2e") / "Équipe d'Hélène"
    vault = Vault.create(root / "Coffre", USER, PASSWORD, kdf=TEST_KDF)
    exports: dict[str, object] = {}
    try:
        for name in ("short_hamilton_clip.mp4", "WDA_KatieHill_000.mp4"):
            record = vault.import_media(samples_dir / "faces" / name, f"Mme D'Angelo — {name}")
            analyse_media(vault, record.id)
            give_consent(vault, record.case_id)
            result = export_media(vault, record.id, root / f"Exports {name}", ExportOptions())
            exports[name] = result
    finally:
        vault.close()
    return {"root": root, "exports": exports}


@pytest.mark.parametrize("name", ["short_hamilton_clip.mp4", "WDA_KatieHill_000.mp4"])
def test_no_face_left_in_export(workspace: dict, name: str) -> None:
    result = workspace["exports"][name]
    assert result.releasable
    detector = load_detector("face", threshold=0.5)
    container = av.open(str(result.video))
    try:
        residual = find_residual_faces(iter_rgb_frames(container, "export"), detector)
    finally:
        container.close()
    assert residual == []


@pytest.mark.parametrize("name", ["short_hamilton_clip.mp4", "WDA_KatieHill_000.mp4"])
def test_export_keeps_every_frame(workspace: dict, name: str, samples_dir: Path) -> None:
    result = workspace["exports"][name]
    with av.open(str(samples_dir / "faces" / name)) as source:
        source_frames = sum(1 for _ in source.decode(video=0))
    with av.open(str(result.video)) as exported:
        exported_frames = sum(1 for _ in exported.decode(video=0))
        assert not exported.streams.audio  # the original audio is dropped by default
    assert exported_frames == source_frames
    assert result.facts["audio"]["mode"] == "dropped"


def test_export_names_no_patient(workspace: dict) -> None:
    for result in workspace["exports"].values():
        folder = result.video.parent
        for path in folder.iterdir():
            assert "D'Angelo" not in path.name
            assert "hamilton" not in path.name.lower()
            if path.suffix in (".json", ".pdf", ".sig"):
                data = path.read_bytes()
                assert b"Mme D" not in data
                assert b"short_hamilton" not in data


def test_voile_verify_accepts_then_detects_edits(workspace: dict, tmp_path: Path) -> None:
    result = workspace["exports"]["short_hamilton_clip.mp4"]
    folder = result.video.parent
    ok = subprocess.run([*VOILE, "verify", str(folder)], capture_output=True, text=True)
    assert ok.returncode == 0, ok.stdout + ok.stderr

    for suffix in (".mp4", ".audit.pdf", ".manifest.json"):
        copy = tmp_path / suffix.strip(".")
        shutil.copytree(folder, copy)
        [target] = [p for p in copy.iterdir() if p.name.endswith(suffix)]
        data = bytearray(target.read_bytes())
        data[len(data) // 2] ^= 0x01
        target.write_bytes(bytes(data))
        failed = subprocess.run([*VOILE, "verify", str(copy)], capture_output=True, text=True)
        assert failed.returncode != 0, f"edit of {suffix} not detected"
        assert "Traceback" not in failed.stderr


def test_ssh_keygen_accepts_manifest(workspace: dict) -> None:
    if shutil.which("ssh-keygen") is None:
        pytest.skip("ssh-keygen is not installed (Debian package openssh-client)")
    result = workspace["exports"]["WDA_KatieHill_000.mp4"]
    folder = result.video.parent
    manifest = result.package.manifest
    principal = result.facts["author"]["principal"]
    with open(manifest, "rb") as data:
        checked = subprocess.run(
            ["ssh-keygen", "-Y", "verify", "-f", str(folder / "allowed_signers"), "-I", principal,
             "-n", "voile-audit", "-s", str(result.package.signature)],
            stdin=data, capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr


def test_pyhanko_validates_sheet(workspace: dict) -> None:
    if shutil.which("pyhanko") is None and not (Path(sys.executable).parent / "pyhanko").exists():
        pytest.skip("the pyhanko command is not installed (pip package pyhanko-cli)")
    command = shutil.which("pyhanko") or str(Path(sys.executable).parent / "pyhanko")
    result = workspace["exports"]["short_hamilton_clip.mp4"]
    folder = result.video.parent
    checked = subprocess.run(
        [command, "sign", "validate", "--trust", str(folder / "authority-root.pem"), "--trust-replace",
         "--no-revocation-check", str(result.package.sheet)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout + checked.stderr


def test_sheet_reads_in_french(workspace: dict) -> None:
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext is not installed (Debian package poppler-utils)")
    result = workspace["exports"]["short_hamilton_clip.mp4"]
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(result.package.sheet), "-"],
                          capture_output=True, text=True, check=True).stdout
    language = result.facts["language"]
    if language == "fr":
        assert "Fiche d'audit des masquages" in text
        assert "visage" in text
    assert "Hélène D'Angelo" in text
    assert result.facts["export"]["sha256"][:16] in text.replace("\n", "")


@pytest.mark.parametrize("name", ["meta.mov", "gopro_karma.mp4"])
def test_metadata_removed(tmp_path: Path, samples_dir: Path, name: str) -> None:
    source = samples_dir / "metadata" / name
    found_in_source = {finding.kind for finding in inspect_container(source)}
    assert found_in_source & {"gps", "device", "serial", "telemetry_track", "creation_date"}

    vault = Vault.create(tmp_path / "v", USER, PASSWORD, kdf=TEST_KDF)
    try:
        record = vault.import_media(source, "case")
        analyse_media(vault, record.id)
        give_consent(vault, record.case_id)
        result = export_media(vault, record.id, tmp_path / "out", ExportOptions(keep_audio=True))
    finally:
        vault.close()
    assert inspect_container(result.video) == []
    assert set(result.facts["metadata_removed"]) == found_in_source
    with av.open(str(result.video)) as exported:
        assert not exported.metadata.get("creation_time")
        assert [stream.type for stream in exported.streams] == ["video", "audio"]
        assert exported.streams.video[0].metadata.get("handler_name", "VideoHandler") \
            == "VideoHandler"
    assert result.facts["audio"]["mode"] == "kept"


def run_cli(*args: str, env_password: bool = True) -> subprocess.CompletedProcess[str]:
    env = dict(os.environ, VOILE_LANG="fr")
    if env_password:
        env["VOILE_PASSWORD"] = PASSWORD
    return subprocess.run([*VOILE, *args], capture_output=True, text=True, env=env, stdin=subprocess.DEVNULL)


def test_cli_import_prints_media_ids(vault_path: Path, samples_dir: Path) -> None:
    done = run_cli("import", str(vault_path), str(samples_dir / "faces" / "short_hamilton_clip.mp4"),
                   str(samples_dir / "faces" / "WDA_KatieHill_000.mp4"), "--case", "Mme D'Angelo")
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert len(lines) == 2
    assert all(line.startswith("m-") and len(line) == 14 for line in lines)
    listing = run_cli("cases", str(vault_path))
    assert lines[0] in listing.stdout
    assert "D'Angelo" not in listing.stdout


@pytest.mark.parametrize("name", sorted(p.name for p in (Path(__file__).resolve().parents[1].parent
                                                         / "shared" / "samples" / "bad").glob("*"))
                         or ["missing-samples"])
def test_cli_bad_input_is_clear(vault_path: Path, samples_dir: Path, name: str) -> None:
    before = sorted(p.name for p in (vault_path / "objects").rglob("*"))
    done = run_cli("import", str(vault_path), str(samples_dir / "bad" / name), "--case", "X")
    assert done.returncode == 4
    assert "Traceback" not in done.stderr
    assert "Rien n'a été importé" in done.stderr
    assert done.stdout == ""
    assert sorted(p.name for p in (vault_path / "objects").rglob("*")) == before
    assert "Aucun dossier" in run_cli("cases", str(vault_path)).stdout


def test_cli_wrong_password(vault_path: Path) -> None:
    env = dict(os.environ, VOILE_LANG="fr", VOILE_PASSWORD="Mauvais-Mot-De-Passe-1!")
    done = subprocess.run([*VOILE, "cases", str(vault_path)], capture_output=True, text=True, env=env,
                          stdin=subprocess.DEVNULL)
    assert done.returncode == 3
    assert "Mot de passe incorrect" in done.stderr
    assert "Traceback" not in done.stderr


def test_cli_password_file(vault_path: Path, tmp_path: Path) -> None:
    secret = tmp_path / "mot de passe.txt"
    secret.write_text(PASSWORD + "\n", encoding="utf-8")
    done = run_cli("cases", str(vault_path), "--password-file", str(secret), env_password=False)
    assert done.returncode == 0, done.stderr


def test_cli_flipped_vault_byte(vault_path: Path, samples_dir: Path) -> None:
    media_id = run_cli("import", str(vault_path), str(samples_dir / "faces" / "two_people.jpg"),
                       "--case", "Y").stdout.strip()
    assert media_id.startswith("m-")
    [blob] = list((vault_path / "objects").rglob("*.blob"))
    data = bytearray(blob.read_bytes())
    data[200] ^= 0x10
    blob.write_bytes(bytes(data))
    done = run_cli("analyze", str(vault_path), media_id)
    assert done.returncode == 3
    assert "Traceback" not in done.stderr
    assert "authentification" in done.stderr


def test_export_refuses_unanalysed(vault: Vault, samples_dir: Path, tmp_path: Path) -> None:
    from app.errors import ExportError

    record = vault.import_media(samples_dir / "faces" / "two_people.jpg", "Z")
    with pytest.raises(ExportError) as raised:
        export_media(vault, record.id, tmp_path / "out")
    assert raised.value.key == "detector.run_missing"
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())

"""The encrypted local vault: users, cases, media, case projects and the access journal.

On disk a vault is a folder holding ``vault.json`` (public: format, vault id and
the user slots that wrap the master key), ``vault.db`` (SQLCipher) and
``objects/`` (encrypted blobs, see ``app.vault.blobfile``). Nothing in it is
plaintext except the slot records and user display names needed to unlock.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import logging
import os
import secrets
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from app.errors import (
    CancelledError,
    DiskFullError,
    MediaError,
    TamperedError,
    VaultError,
    WrongPasswordError,
)
from app.jobs import CancelToken, ProgressCallback, no_progress
from app.media.probe import MediaInfo, probe_media
from app.project.model import CaseProject, MediaProject, utc_now
from app.vault import keys
from app.vault.blobfile import BlobReader, BlobWriter
from app.vault.db import open_database
from app.vault.passwords import check_password_strength

if TYPE_CHECKING:
    from app.audit.authority import Authority, UserIdentity

log = logging.getLogger(__name__)

HEADER_NAME = "vault.json"
DATABASE_NAME = "vault.db"
OBJECTS_DIR = "objects"
VAULT_FORMAT = "voile-vault"
VAULT_FORMAT_VERSION = 1
ROLES = ("administrator", "surgeon", "resident")
PSEUDONYM_ALPHABET = "ABCDEFGHJKMNPQRSTVWXYZ23456789"  # no I, L, O, U, 0, 1: easy to read aloud
IMPORT_READ_SIZE = 1 << 20


@dataclass(frozen=True)
class User:
    id: str
    name: str
    role: str


@dataclass(frozen=True)
class UserAccount:
    """A user as administrators manage it: role, rights, second factor, removal date."""

    id: str
    name: str
    role: str
    identity_access: bool
    key_file: bool
    created_at: str
    removed_at: str | None

    @property
    def active(self) -> bool:
        return self.removed_at is None


@dataclass(frozen=True)
class Case:
    id: str
    pseudonym: str
    label: str
    created_at: str
    status: str


@dataclass(frozen=True)
class MediaRecord:
    id: str
    case_id: str
    object_id: str
    sha256: str
    size: int
    info: MediaInfo
    imported_at: str
    imported_by: str


def _new_id(prefix: str) -> str:
    return f"{prefix}-{secrets.token_hex(6)}"


def _atomic_write(path: Path, data: bytes) -> None:
    temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
    try:
        with open(temp, "xb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(temp, path)
    except OSError as error:
        temp.unlink(missing_ok=True)
        if error.errno == 28:  # ENOSPC
            raise DiskFullError(what="vault.json") from None
        raise


def _header_mac(header: dict[str, Any], master_key: bytes) -> str:
    body = {key: value for key, value in header.items() if key != "mac"}
    mac_key = hashlib.sha256(b"voile header mac v1" + master_key).digest()
    canonical = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hmac.new(mac_key, canonical.encode(), hashlib.sha256).hexdigest()


def read_header(path: Path) -> dict[str, Any]:
    """Read ``vault.json``; raises ``VaultError`` if the folder is not a Voile vault."""
    header_path = path / HEADER_NAME
    try:
        with open(header_path, encoding="utf-8") as handle:
            header = json.load(handle)
    except FileNotFoundError:
        raise VaultError("vault.not_found") from None
    except (OSError, ValueError):
        raise TamperedError("vault.header_unreadable") from None
    if header.get("format") != VAULT_FORMAT or not isinstance(header.get("slots"), list):
        raise TamperedError("vault.header_unreadable")
    if header.get("version", 0) > VAULT_FORMAT_VERSION:
        raise VaultError("vault.too_new", found=header.get("version"), supported=VAULT_FORMAT_VERSION)
    return header


def list_user_names(path: Path) -> list[str]:
    return [slot["name"] for slot in read_header(path)["slots"]]


class Vault:
    """An unlocked vault. Create with ``Vault.create`` or ``Vault.unlock``; ``close`` locks it."""

    def __init__(self, path: Path, header: dict[str, Any], master_key: bytes, user: User,
                 connection: Any) -> None:
        self.path = path
        self.vault_id: str = header["vault_id"]
        self._header = header
        self._keys = keys.derive_keys(master_key)
        self._master_key = master_key
        self._db = connection
        self.user = user

    # ----------------------------------------------------------------- lifecycle

    @classmethod
    def create(cls, path: Path, user_name: str, password: str,
               kdf: dict[str, int] | None = None, key_file: bytes | None = None) -> Vault:
        """Create a vault with its first user (an administrator) and its local signing authority.

        The first user may read the correspondence table; ``key_file`` (its bytes)
        makes that file a second factor of the user's slot.
        """
        from app.audit.authority import create_authority

        check_password_strength(password)
        user_name = user_name.strip()
        if not user_name:
            raise VaultError("vault.user_name_missing")
        if path.exists() and any(path.iterdir()):
            raise VaultError("vault.exists")
        path.mkdir(parents=True, exist_ok=True)
        (path / OBJECTS_DIR).mkdir(exist_ok=True)

        vault_id = secrets.token_hex(8)
        master_key = secrets.token_bytes(32)
        user = User(id=_new_id("u"), name=user_name, role="administrator")
        slot_id = _new_id("s")
        header: dict[str, Any] = {
            "format": VAULT_FORMAT,
            "version": VAULT_FORMAT_VERSION,
            "vault_id": vault_id,
            "created_at": utc_now(),
            "slots": [{"id": slot_id, "user_id": user.id, "name": user.name,
                       **keys.wrap_master_key(master_key, password, slot_id, vault_id, kdf,
                                              key_file)}],
        }
        header["mac"] = _header_mac(header, master_key)
        derived = keys.derive_keys(master_key)
        connection = open_database(path / DATABASE_NAME, derived.database, create=True)
        vault = cls(path, header, master_key, user, connection)

        label = f"Voile vault {vault_id[:6].upper()}"
        authority = create_authority(label)
        with vault._transaction():
            connection.execute("INSERT INTO meta VALUES ('vault_id', ?)", (vault_id,))
            connection.execute("INSERT INTO authority VALUES (1, ?, ?, ?)",
                               (label, authority.key_pem, authority.cert_pem))
            vault._insert_user(user, authority, identity_access=True)
        _atomic_write(path / HEADER_NAME, json.dumps(header, indent=2, ensure_ascii=False).encode())
        vault.journal("vault.create", vault_id)
        log.info("vault %s created", vault_id)
        return vault

    @classmethod
    def unlock(cls, path: Path, password: str, user_name: str | None = None,
               key_file: bytes | None = None) -> Vault:
        """Open the vault with a user's password (and key file, when the slot requires one)."""
        header = read_header(path)
        slots = header["slots"]
        if user_name is None:
            if len(slots) != 1:
                raise VaultError("vault.user_required", count=len(slots))
            slot = slots[0]
        else:
            matching = [slot for slot in slots if slot["name"] == user_name.strip()]
            if not matching:
                raise VaultError("vault.user_unknown")
            slot = matching[0]
        try:
            master_key = keys.unwrap_master_key(slot, password, slot["id"], header["vault_id"],
                                                key_file)
        except WrongPasswordError:
            log.warning("vault %s: failed unlock for user %s", header["vault_id"], slot["user_id"])
            cls._journal_failed_unlock(path, header, slot)
            raise
        if not hmac.compare_digest(header.get("mac", ""), _header_mac(header, master_key)):
            raise TamperedError("vault.header_tampered")
        derived = keys.derive_keys(master_key)
        connection = open_database(path / DATABASE_NAME, derived.database)
        row = connection.execute("SELECT id, name, role FROM users WHERE id = ?",
                                 (slot["user_id"],)).fetchone()
        if row is None:
            connection.close()
            raise TamperedError("vault.header_tampered")
        vault = cls(path, header, master_key, User(*row), connection)
        vault.journal("vault.unlock", header["vault_id"])
        log.info("vault %s unlocked by user %s", header["vault_id"], row[0])
        return vault

    @staticmethod
    def _journal_failed_unlock(path: Path, header: dict[str, Any], slot: dict[str, Any]) -> None:
        # The database key needs the master key, so a failed unlock is recorded in a side file
        # that the next successful unlock folds into the journal.
        record = {"at": utc_now(), "user_id": slot["user_id"]}
        try:
            with open(path / "failed_unlocks.jsonl", "a", encoding="utf-8") as handle:
                handle.write(json.dumps(record) + "\n")
        except OSError:
            log.warning("vault %s: could not record a failed unlock", header["vault_id"])

    def close(self) -> None:
        if self._db is not None:
            self.journal("vault.lock", self.vault_id)
            self._db.close()
            self._db = None
            self._master_key = b""
            log.info("vault %s locked", self.vault_id)

    def __enter__(self) -> Vault:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @contextmanager
    def _transaction(self) -> Iterator[Any]:
        if self._db is None:
            raise VaultError("vault.locked")
        self._db.execute("BEGIN IMMEDIATE")
        try:
            yield self._db
        except BaseException:
            self._db.execute("ROLLBACK")
            raise
        else:
            self._db.execute("COMMIT")

    def _query(self, sql: str, params: tuple[Any, ...] = ()) -> list[Any]:
        if self._db is None:
            raise VaultError("vault.locked")
        return list(self._db.execute(sql, params).fetchall())

    # ----------------------------------------------------------------- users and identities

    def _insert_user(self, user: User, authority: Authority, identity_access: bool = False) -> None:
        from app.audit.authority import issue_identity

        principal = f"voile-{user.id}"
        identity = issue_identity(authority, user.name, principal)
        assert self._db is not None
        self._db.execute(
            "INSERT INTO users (id, name, role, created_at, principal, sign_key_pem, "
            "sign_cert_pem, ssh_private_pem, ssh_public, identity_access) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (user.id, user.name, user.role, utc_now(), principal, identity.sign_key_pem,
             identity.sign_cert_pem, identity.ssh_private_pem, identity.ssh_public,
             int(identity_access)),
        )

    def add_user(self, name: str, password: str, role: str = "surgeon",
                 kdf: dict[str, int] | None = None, key_file: bytes | None = None,
                 identity_access: bool = False) -> User:
        """Add a user slot (administrators only).

        ``identity_access`` lets the user read the correspondence table; ``key_file``
        (its bytes) makes that file a second factor of the slot.
        """
        if self.user.role != "administrator":
            raise VaultError("vault.admin_required")
        if role not in ROLES:
            raise VaultError("vault.role_unknown", role=role)
        check_password_strength(password)
        name = name.strip()
        if not name:
            raise VaultError("vault.user_name_missing")
        if any(slot["name"] == name for slot in self._header["slots"]):
            raise VaultError("vault.user_exists")
        if self._query("SELECT 1 FROM users WHERE name = ?", (name,)):
            # A removed user keeps its row because the journal and audit sheets name it.
            raise VaultError("vault.user_exists")
        user = User(id=_new_id("u"), name=name, role=role)
        slot_id = _new_id("s")
        with self._transaction():
            self._insert_user(user, self.authority(), identity_access)
            header = dict(self._header)
            header["slots"] = [*self._header["slots"],
                               {"id": slot_id, "user_id": user.id, "name": name,
                                **keys.wrap_master_key(self._master_key, password, slot_id,
                                                       self.vault_id, kdf, key_file)}]
            header["mac"] = _header_mac(header, self._master_key)
            _atomic_write(self.path / HEADER_NAME,
                          json.dumps(header, indent=2, ensure_ascii=False).encode())
            self._header = header
        self.journal("user.add", user.id, f"role={role} identity_access={int(identity_access)} "
                     f"key_file={int(key_file is not None)}")
        return user

    def users(self) -> list[User]:
        return [User(*row) for row in self._query("SELECT id, name, role FROM users ORDER BY created_at")]

    def authority(self) -> Authority:
        from app.audit.authority import Authority

        key_pem, cert_pem = self._query("SELECT key_pem, cert_pem FROM authority")[0]
        return Authority(key_pem=bytes(key_pem), cert_pem=bytes(cert_pem))

    def authority_label(self) -> str:
        return str(self._query("SELECT label FROM authority")[0][0])

    def identity(self) -> UserIdentity:
        from app.audit.authority import UserIdentity

        row = self._query(
            "SELECT name, principal, sign_key_pem, sign_cert_pem, ssh_private_pem, ssh_public "
            "FROM users WHERE id = ?", (self.user.id,))[0]
        return UserIdentity(user=row[0], principal=row[1], sign_key_pem=bytes(row[2]),
                            sign_cert_pem=bytes(row[3]), ssh_private_pem=bytes(row[4]),
                            ssh_public=row[5])

    # ----------------------------------------------------------------- journal

    def journal(self, action: str, subject: str, detail: str = "") -> None:
        """Append an entry to the keyed, hash-chained access journal (ids only, never names)."""
        if self._db is None:
            return
        failed = self.path / "failed_unlocks.jsonl"
        pending: list[tuple[str, str, str, str, str]] = []
        if action == "vault.unlock" and failed.exists():
            for line in failed.read_text(encoding="utf-8").splitlines():
                try:
                    record = json.loads(line)
                    pending.append((record["at"], record["user_id"], "vault.unlock_failed",
                                    self.vault_id, ""))
                except (ValueError, KeyError):
                    continue
        pending.append((utc_now(), self.user.id, action, subject, detail))
        with self._transaction() as db:
            for entry in pending:
                previous = db.execute("SELECT mac FROM journal ORDER BY seq DESC LIMIT 1").fetchone()
                mac = self._journal_mac(previous[0] if previous else "", entry)
                db.execute("INSERT INTO journal (at, user_id, action, subject, detail, mac) "
                           "VALUES (?, ?, ?, ?, ?, ?)", (*entry, mac))
        if len(pending) > 1:
            failed.unlink(missing_ok=True)

    def _journal_mac(self, previous_mac: str, entry: tuple[str, ...]) -> str:
        message = "\x1f".join((previous_mac, *entry)).encode()
        return hmac.new(self._keys.journal, message, hashlib.sha256).hexdigest()

    def journal_entries(self) -> list[dict[str, Any]]:
        rows = self._query("SELECT seq, at, user_id, action, subject, detail, mac FROM journal "
                           "ORDER BY seq")
        names = ("seq", "at", "user_id", "action", "subject", "detail", "mac")
        return [dict(zip(names, row, strict=True)) for row in rows]

    def verify_journal(self) -> int | None:
        """Return the sequence number of the first entry whose MAC chain breaks, or ``None``."""
        previous = ""
        for entry in self.journal_entries():
            fields = (entry["at"], entry["user_id"], entry["action"], entry["subject"], entry["detail"])
            expected = self._journal_mac(previous, fields)
            if not hmac.compare_digest(expected, entry["mac"]):
                return int(entry["seq"])
            previous = entry["mac"]
        return None

    # ----------------------------------------------------------------- cases

    def _new_pseudonym(self) -> str:
        year = utc_now()[:4]
        while True:
            code = "".join(secrets.choice(PSEUDONYM_ALPHABET) for _ in range(5))
            pseudonym = f"CAS-{year}-{code}"
            if not self._query("SELECT 1 FROM cases WHERE pseudonym = ?", (pseudonym,)):
                return pseudonym

    def find_or_create_case(self, label: str) -> Case:
        label = label.strip()
        if not label:
            raise VaultError("vault.case_label_missing")
        existing = self._query("SELECT id, pseudonym, label, created_at, status FROM cases "
                               "WHERE label = ? OR pseudonym = ? OR id = ?", (label, label, label))
        if existing:
            return Case(*existing[0])
        case = Case(_new_id("c"), self._new_pseudonym(), label, utc_now(), "active")
        with self._transaction() as db:
            db.execute("INSERT INTO cases VALUES (?, ?, ?, ?, ?, ?)",
                       (case.id, case.pseudonym, case.label, case.created_at, self.user.id,
                        case.status))
        self.journal("case.create", case.id)
        return case

    def cases(self) -> list[Case]:
        rows = self._query("SELECT id, pseudonym, label, created_at, status FROM cases "
                           "ORDER BY created_at, pseudonym")
        return [Case(*row) for row in rows]

    def case(self, reference: str) -> Case:
        rows = self._query("SELECT id, pseudonym, label, created_at, status FROM cases "
                           "WHERE id = ? OR pseudonym = ?", (reference, reference))
        if not rows:
            raise VaultError("vault.case_not_found", case=reference)
        return Case(*rows[0])

    # ----------------------------------------------------------------- media

    def _media_from_row(self, row: Any) -> MediaRecord:
        info = MediaInfo(**json.loads(row[5]))
        return MediaRecord(id=row[0], case_id=row[1], object_id=row[2], sha256=row[3], size=row[4],
                           info=info, imported_at=row[6], imported_by=row[7])

    _MEDIA_COLUMNS = "id, case_id, object_id, sha256, size, info_json, imported_at, imported_by"

    def media_in_case(self, case_id: str) -> list[MediaRecord]:
        rows = self._query(f"SELECT {self._MEDIA_COLUMNS} FROM media WHERE case_id = ? "
                           "ORDER BY imported_at, id", (case_id,))
        return [self._media_from_row(row) for row in rows]

    def media(self, media_id: str) -> MediaRecord:
        rows = self._query(f"SELECT {self._MEDIA_COLUMNS} FROM media WHERE id = ?", (media_id,))
        if not rows:
            raise VaultError("vault.media_not_found", media_id=media_id)
        return self._media_from_row(rows[0])

    def _object_path(self, object_id: str) -> Path:
        return self.path / OBJECTS_DIR / object_id[2:4] / f"{object_id}.blob"

    def import_media(self, source: Path, case_label: str, progress: ProgressCallback = no_progress,
                     cancel: CancelToken | None = None) -> MediaRecord:
        """Check ``source`` is processable video, then stream it into the vault encrypted.

        The source is probed first, so bad input raises ``MediaError`` before
        anything is written. The encrypted object appears under its final name
        only when complete, and the database rows are added in one transaction
        after that. On any failure the partial object is removed.
        """
        try:
            size = source.stat().st_size
        except OSError:
            raise MediaError("media.not_found") from None
        info = probe_media(source)
        case = self.find_or_create_case(case_label)

        object_id = f"o-{secrets.token_hex(16)}"
        file_key = secrets.token_bytes(32)
        object_path = self._object_path(object_id)
        object_path.parent.mkdir(parents=True, exist_ok=True)
        digest = hashlib.sha256()
        done = 0
        writer = BlobWriter(object_path, file_key)
        try:
            with open(source, "rb") as handle:
                while chunk := handle.read(IMPORT_READ_SIZE):
                    if cancel is not None and cancel.cancelled:
                        raise CancelledError()
                    digest.update(chunk)
                    writer.write(chunk)
                    done += len(chunk)
                    progress(done, size, "import")
            writer.close()
        except OSError as error:
            writer.abort()
            if error.errno == 28:
                raise DiskFullError(what="vault") from None
            raise MediaError("media.not_found") from None
        except BaseException:
            writer.abort()
            raise

        media = MediaRecord(id=_new_id("m"), case_id=case.id, object_id=object_id,
                            sha256=digest.hexdigest(), size=done, info=info,
                            imported_at=utc_now(), imported_by=self.user.id)
        try:
            with self._transaction() as db:
                db.execute("INSERT INTO file_keys VALUES (?, ?, 'source', ?)",
                           (object_id, keys.wrap_file_key(self._keys.file_wrap, file_key, object_id),
                            media.imported_at))
                db.execute("INSERT INTO media VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)",
                           (media.id, case.id, object_id, source.name, media.sha256, media.size,
                            json.dumps(info.to_dict()), media.imported_at, self.user.id))
        except BaseException:
            object_path.unlink(missing_ok=True)
            raise
        self.journal("media.import", media.id, f"case={case.id} sha256={media.sha256}")
        log.info("imported media %s into case %s (%d bytes)", media.id, case.id, media.size)
        return media

    def _file_key(self, object_id: str) -> bytes:
        rows = self._query("SELECT wrapped_key FROM file_keys WHERE object_id = ?", (object_id,))
        if not rows:
            raise VaultError("vault.object_shredded", object=object_id)
        return keys.unwrap_file_key(self._keys.file_wrap, bytes(rows[0][0]), object_id)

    def open_media(self, media_id: str, purpose: str = "view") -> BlobReader:
        """Return a seekable decrypting reader over the media's original bytes."""
        media = self.media(media_id)
        path = self._object_path(media.object_id)
        if not path.exists():
            raise TamperedError("vault.object_missing", object=media.object_id)
        reader = BlobReader(path, self._file_key(media.object_id), media.object_id)
        self.journal(f"media.{purpose}", media_id)
        return reader

    @contextmanager
    def new_object(self, kind: str) -> Iterator[tuple[str, BlobWriter]]:
        """Yield ``(object_id, writer)`` for a new encrypted object of ``kind``.

        The object and its key are committed when the block ends normally; an
        exception removes the partial file and stores no key.
        """
        object_id = f"o-{secrets.token_hex(16)}"
        file_key = secrets.token_bytes(32)
        path = self._object_path(object_id)
        path.parent.mkdir(parents=True, exist_ok=True)
        writer = BlobWriter(path, file_key)
        try:
            yield object_id, writer
            writer.close()
        except BaseException:
            writer.abort()
            raise
        try:
            with self._transaction() as db:
                db.execute("INSERT INTO file_keys VALUES (?, ?, ?, ?)",
                           (object_id, keys.wrap_file_key(self._keys.file_wrap, file_key, object_id),
                            kind, utc_now()))
        except BaseException:
            path.unlink(missing_ok=True)
            raise
        self.journal("object.create", object_id, kind)

    def open_object(self, object_id: str) -> BlobReader:
        """Return a decrypting reader over any vault object (proxy, narration, scan...)."""
        path = self._object_path(object_id)
        if not path.exists():
            raise TamperedError("vault.object_missing", object=object_id)
        return BlobReader(path, self._file_key(object_id), object_id)

    def set_media_proxy(self, media_id: str, object_id: str) -> None:
        with self._transaction() as db:
            db.execute("UPDATE media SET proxy_object_id = ? WHERE id = ?", (object_id, media_id))

    def media_proxy(self, media_id: str) -> str | None:
        rows = self._query("SELECT proxy_object_id FROM media WHERE id = ?", (media_id,))
        return rows[0][0] if rows else None

    def shred_object(self, object_id: str) -> None:
        """Crypto-shred one object: see ``shred_objects``."""
        self.shred_objects([object_id])

    def shred_objects(self, object_ids: list[str]) -> None:
        """Crypto-shred several objects: delete their keys, rewrite the database, delete the files.

        ``secure_delete`` zeroes the deleted rows, VACUUM rewrites every page so no
        freed page keeps an old copy, and a TRUNCATE checkpoint empties the WAL,
        whose older frames would otherwise still hold the keys.
        """
        if not object_ids:
            return
        with self._transaction() as db:
            for object_id in object_ids:
                db.execute("DELETE FROM file_keys WHERE object_id = ?", (object_id,))
        try:
            self._compact_database()
        finally:
            # The keys are gone from the live database either way, so the files go too.
            for object_id in object_ids:
                self._object_path(object_id).unlink(missing_ok=True)
            for object_id in object_ids:
                self.journal("object.shred", object_id)

    def _compact_database(self) -> None:
        if self._db is None:
            raise VaultError("vault.locked")
        self._db.execute("VACUUM")
        busy, _, _ = self._db.execute("PRAGMA wal_checkpoint(TRUNCATE)").fetchone()
        if busy:
            # Another connection still reads: the WAL keeps old frames until it can be truncated.
            log.warning("vault %s: WAL not truncated after shredding (database busy)",
                        self.vault_id)
            raise VaultError("vault.busy_during_shred")

    # ----------------------------------------------------------------- case projects

    def load_project(self, case_id: str) -> CaseProject:
        rows = self._query("SELECT document FROM project_revisions WHERE case_id = ? "
                           "ORDER BY revision DESC LIMIT 1", (case_id,))
        if not rows:
            project = CaseProject(case_id=case_id)
        else:
            try:
                project = CaseProject.from_dict(json.loads(rows[0][0]))
            except (ValueError, KeyError, TypeError):
                raise TamperedError("vault.project_unreadable", case=case_id) from None
        for media in self.media_in_case(case_id):
            if media.id not in project.media:
                project.media[media.id] = MediaProject(
                    media_id=media.id, width=media.info.width, height=media.info.height,
                    frame_count=media.info.frame_count, fps=media.info.fps)
        return project

    def save_project(self, project: CaseProject, keep_revisions: int = 50) -> int:
        """Store a new revision of the project; refuses if someone saved a newer one meanwhile."""
        with self._transaction() as db:
            row = db.execute("SELECT max(revision) FROM project_revisions WHERE case_id = ?",
                             (project.case_id,)).fetchone()
            latest = row[0] or 0
            if latest != project.revision:
                raise VaultError("vault.project_conflict", case=project.case_id,
                                 expected=project.revision, found=latest)
            project.revision = latest + 1
            project.updated_at = utc_now()
            document = json.dumps(project.to_dict(), ensure_ascii=False, separators=(",", ":"))
            db.execute("INSERT INTO project_revisions VALUES (?, ?, ?, ?, ?)",
                       (project.case_id, project.revision, project.updated_at, self.user.id,
                        document))
            db.execute("DELETE FROM project_revisions WHERE case_id = ? AND revision <= ?",
                       (project.case_id, project.revision - keep_revisions))
        return project.revision

    # ----------------------------------------------------------------- roles, users and settings
    # Roles are enforced here, by the application: every slot unwraps the same master key.

    def require_role(self, *roles: str) -> None:
        """Raise ``VaultError("vault.role_required")`` unless the user has one of ``roles``."""
        if self.user.role not in roles:
            raise VaultError("vault.role_required", role=self.user.role, allowed=", ".join(roles))

    def has_identity_access(self) -> bool:
        """Return whether the current user may read the correspondence table (read fresh)."""
        rows = self._query("SELECT identity_access, removed_at FROM users WHERE id = ?",
                           (self.user.id,))
        return bool(rows) and bool(rows[0][0]) and rows[0][1] is None

    def identity_key(self) -> bytes:
        """Return the correspondence table's key; raises unless the user has that right."""
        if not self.has_identity_access():
            raise VaultError("vault.identity_access_required")
        if not self._master_key:
            raise VaultError("vault.locked")
        return keys.derive_identity_key(self._master_key)

    def user_accounts(self) -> list[UserAccount]:
        """List every user, removed ones included (the journal and audit sheets still name them)."""
        slots = {slot["user_id"]: slot for slot in self._header["slots"]}
        rows = self._query("SELECT id, name, role, identity_access, created_at, removed_at "
                           "FROM users ORDER BY created_at, id")
        return [UserAccount(id=row[0], name=row[1], role=row[2], identity_access=bool(row[3]),
                            key_file=keys.slot_needs_key_file(slots.get(row[0], {})),
                            created_at=row[4], removed_at=row[5])
                for row in rows]

    def _account(self, reference: str) -> UserAccount:
        for account in self.user_accounts():
            if reference in (account.id, account.name) and account.active:
                return account
        raise VaultError("vault.user_unknown")

    def _write_header(self, slots: list[dict[str, Any]]) -> None:
        header = dict(self._header)
        header["slots"] = slots
        header["mac"] = _header_mac(header, self._master_key)
        _atomic_write(self.path / HEADER_NAME,
                      json.dumps(header, indent=2, ensure_ascii=False).encode())
        self._header = header

    def _check_admin_remains(self, leaving: UserAccount) -> None:
        admins = [account for account in self.user_accounts()
                  if account.active and account.role == "administrator"]
        if leaving.role == "administrator" and len(admins) <= 1:
            raise VaultError("vault.last_administrator")

    def remove_user(self, reference: str) -> None:
        """Remove a user's slot so that user can no longer unlock (administrators only).

        The user row stays, marked removed and without its private signing keys,
        because the journal and past audit sheets refer to it.
        """
        self.require_role("administrator")
        account = self._account(reference)
        if account.id == self.user.id:
            raise VaultError("vault.cannot_remove_self")
        self._check_admin_remains(account)
        with self._transaction() as db:
            db.execute("UPDATE users SET removed_at = ?, identity_access = 0, sign_key_pem = x'', "
                       "ssh_private_pem = x'' WHERE id = ?", (utc_now(), account.id))
            self._write_header([slot for slot in self._header["slots"]
                                if slot["user_id"] != account.id])
        self._compact_database()
        self.journal("user.remove", account.id)
        log.info("vault %s: user %s removed", self.vault_id, account.id)

    def set_user_role(self, reference: str, role: str) -> None:
        self.require_role("administrator")
        if role not in ROLES:
            raise VaultError("vault.role_unknown", role=role)
        account = self._account(reference)
        if role != "administrator":
            self._check_admin_remains(account)
        with self._transaction() as db:
            db.execute("UPDATE users SET role = ? WHERE id = ?", (role, account.id))
        if account.id == self.user.id:
            self.user = User(self.user.id, self.user.name, role)
        self.journal("user.role", account.id, f"role={role}")

    def set_identity_access(self, reference: str, allowed: bool) -> None:
        """Grant or revoke the right to read the correspondence table (administrators only)."""
        self.require_role("administrator")
        account = self._account(reference)
        with self._transaction() as db:
            db.execute("UPDATE users SET identity_access = ? WHERE id = ?",
                       (int(allowed), account.id))
        self.journal("user.identity_access", account.id, f"allowed={int(allowed)}")

    def change_password(self, new_password: str, key_file: bytes | None = None,
                        kdf: dict[str, int] | None = None) -> None:
        """Rewrap the current user's slot with a new password and, optionally, a key file."""
        check_password_strength(new_password)
        slots = []
        for slot in self._header["slots"]:
            if slot["user_id"] == self.user.id:
                slot = {"id": slot["id"], "user_id": slot["user_id"], "name": slot["name"],
                        **keys.wrap_master_key(self._master_key, new_password, slot["id"],
                                               self.vault_id, kdf, key_file)}
            slots.append(slot)
        self._write_header(slots)
        self.journal("user.password", self.user.id, f"key_file={int(key_file is not None)}")

    def setting(self, key: str, default: Any = None) -> Any:
        """Return a vault setting (a JSON value), or ``default`` when it was never set."""
        rows = self._query("SELECT value FROM settings WHERE key = ?", (key,))
        return json.loads(rows[0][0]) if rows else default

    def settings(self) -> dict[str, Any]:
        rows = self._query("SELECT key, value FROM settings ORDER BY key")
        return {row[0]: json.loads(row[1]) for row in rows}

    def set_setting(self, key: str, value: Any) -> None:
        """Store a vault setting (administrators only); ``None`` removes it."""
        self.require_role("administrator")
        with self._transaction() as db:
            if value is None:
                db.execute("DELETE FROM settings WHERE key = ?", (key,))
            else:
                db.execute("INSERT OR REPLACE INTO settings VALUES (?, ?)",
                           (key, json.dumps(value, ensure_ascii=False, sort_keys=True)))
        self.journal("settings.change", key)

"""SQLCipher database of the vault: cases, media, wrapped file keys, projects, journal."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as sqlcipher

from app.errors import TamperedError

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS users (
    id TEXT PRIMARY KEY, name TEXT NOT NULL UNIQUE, role TEXT NOT NULL, created_at TEXT NOT NULL,
    principal TEXT NOT NULL, sign_key_pem BLOB NOT NULL, sign_cert_pem BLOB NOT NULL,
    ssh_private_pem BLOB NOT NULL, ssh_public TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS authority (
    id INTEGER PRIMARY KEY CHECK (id = 1), label TEXT NOT NULL, key_pem BLOB NOT NULL,
    cert_pem BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS cases (
    id TEXT PRIMARY KEY, pseudonym TEXT NOT NULL UNIQUE, label TEXT NOT NULL,
    created_at TEXT NOT NULL, created_by TEXT NOT NULL, status TEXT NOT NULL DEFAULT 'active');
CREATE TABLE IF NOT EXISTS file_keys (
    object_id TEXT PRIMARY KEY, wrapped_key BLOB NOT NULL, kind TEXT NOT NULL,
    created_at TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS media (
    id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id), object_id TEXT NOT NULL,
    original_name TEXT NOT NULL, sha256 TEXT NOT NULL, size INTEGER NOT NULL,
    info_json TEXT NOT NULL, imported_at TEXT NOT NULL, imported_by TEXT NOT NULL,
    proxy_object_id TEXT);
CREATE TABLE IF NOT EXISTS project_revisions (
    case_id TEXT NOT NULL REFERENCES cases(id), revision INTEGER NOT NULL,
    saved_at TEXT NOT NULL, saved_by TEXT NOT NULL, document TEXT NOT NULL,
    PRIMARY KEY (case_id, revision));
CREATE TABLE IF NOT EXISTS journal (
    seq INTEGER PRIMARY KEY, at TEXT NOT NULL, user_id TEXT NOT NULL, action TEXT NOT NULL,
    subject TEXT NOT NULL, detail TEXT NOT NULL, mac TEXT NOT NULL);
"""


def open_database(path: Path, key: bytes, create: bool = False) -> Any:
    """Open the encrypted database with a raw 256-bit key and check it decrypts."""
    if not create and not path.exists():
        raise TamperedError("vault.db_missing")
    connection = sqlcipher.connect(str(path), isolation_level=None, check_same_thread=False)
    connection.execute(f"PRAGMA key = \"x'{key.hex()}'\"")
    connection.execute("PRAGMA cipher_memory_security = ON")
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError:
        connection.close()
        raise TamperedError("vault.db_unreadable") from None
    connection.execute("PRAGMA secure_delete = ON")
    connection.execute("PRAGMA foreign_keys = ON")
    connection.execute("PRAGMA journal_mode = WAL")
    connection.execute("PRAGMA synchronous = FULL")
    if create:
        connection.executescript(SCHEMA)
        connection.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)",
                           (str(SCHEMA_VERSION),))
    return connection

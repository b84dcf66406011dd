"""SQLCipher database of the vault: cases, media, wrapped file keys, projects, journal.

Schema 2 adds the case file: vault settings, consent revisions, the encrypted
correspondence table, released exports, issued reviewer certificates, case
retention, and two user columns (``identity_access``, ``removed_at``). An
older vault is upgraded in place when it is opened.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from sqlcipher3 import dbapi2 as sqlcipher

from app.errors import TamperedError, VaultError

log = logging.getLogger(__name__)

SCHEMA_VERSION = 2

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

# Schema 2: the case file. Every statement is idempotent so a half-applied upgrade can rerun.
CASEFILE_SCHEMA = """
CREATE TABLE IF NOT EXISTS settings (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS consent_revisions (
    case_id TEXT NOT NULL REFERENCES cases(id), revision INTEGER NOT NULL,
    saved_at TEXT NOT NULL, saved_by TEXT NOT NULL, document TEXT NOT NULL,
    PRIMARY KEY (case_id, revision));
CREATE TABLE IF NOT EXISTS identities (
    case_id TEXT PRIMARY KEY REFERENCES cases(id), sealed BLOB NOT NULL,
    updated_at TEXT NOT NULL, updated_by TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS releases (
    id TEXT PRIMARY KEY, case_id TEXT NOT NULL REFERENCES cases(id), media_id TEXT NOT NULL,
    file_name TEXT NOT NULL, export_sha256 TEXT NOT NULL, sheet_sha256 TEXT NOT NULL,
    channel TEXT NOT NULL, purpose TEXT NOT NULL, released_at TEXT NOT NULL,
    released_by TEXT NOT NULL, reviewer TEXT NOT NULL, reviewer_cert_sha256 TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS reviewers (
    cert_sha256 TEXT PRIMARY KEY, name TEXT NOT NULL, issued_at TEXT NOT NULL,
    issued_by TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS case_retention (
    case_id TEXT PRIMARY KEY REFERENCES cases(id), expires_on TEXT, withdrawn_at TEXT,
    purged_at TEXT, purge_reason TEXT);
"""

# Columns added to tables of schema 1, as (table, column, declaration).
CASEFILE_COLUMNS = (
    ("users", "identity_access", "INTEGER NOT NULL DEFAULT 0"),
    ("users", "removed_at", "TEXT"),
)


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
    upgrade_schema(connection)
    return connection


def schema_version(connection: Any) -> int:
    row = connection.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    return int(row[0]) if row else 1


def upgrade_schema(connection: Any) -> None:
    """Apply the missing tables and columns of newer schemas, in one transaction."""
    found = schema_version(connection)
    if found > SCHEMA_VERSION:
        connection.close()
        raise VaultError("vault.schema_too_new", found=found, supported=SCHEMA_VERSION)
    missing_columns = [
        (table, column, declaration) for table, column, declaration in CASEFILE_COLUMNS
        if column not in _columns(connection, table)
    ]
    if found == SCHEMA_VERSION and not missing_columns:
        return

    connection.execute("BEGIN IMMEDIATE")
    try:
        for statement in CASEFILE_SCHEMA.split(";"):
            if statement.strip():
                connection.execute(statement)
        for table, column, declaration in missing_columns:
            connection.execute(f"ALTER TABLE {table} ADD COLUMN {column} {declaration}")
        connection.execute("INSERT OR REPLACE INTO meta VALUES ('schema_version', ?)",
                           (str(SCHEMA_VERSION),))
    except BaseException:
        connection.execute("ROLLBACK")
        raise
    connection.execute("COMMIT")
    log.info("vault database upgraded from schema %d to %d", found, SCHEMA_VERSION)


def _columns(connection: Any, table: str) -> set[str]:
    return {row[1] for row in connection.execute(f"PRAGMA table_info({table})").fetchall()}

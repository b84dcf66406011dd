"""Give each worker thread its own connection to the unlocked vault.

The vault's SQLCipher connection runs explicit ``BEGIN IMMEDIATE`` transactions,
so two threads sharing it would interleave statements inside each other's
transactions. A job (import, analysis, export, proxy) therefore opens a second
connection with the same keys; SQLite's own locking then serialises writers,
and the project's revision check catches concurrent edits.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from app.errors import VaultError
from app.vault import Vault
from app.vault import keys as vault_keys
from app.vault.db import open_database
from app.vault.vault import DATABASE_NAME

log = logging.getLogger(__name__)


@contextmanager
def worker_vault(vault: Vault) -> Iterator[Vault]:
    """Yield a ``Vault`` on a new connection for one thread, and close that connection.

    Closing the copy writes no ``vault.lock`` journal entry: the user's session
    stays unlocked.
    """
    # NOTE: this reads Vault's private fields; an engine method such as
    # ``Vault.open_thread_copy()`` would keep that knowledge inside app/vault.
    master_key: bytes = vault._master_key
    if not master_key or vault._db is None:
        raise VaultError("vault.locked")
    connection = open_database(vault.path / DATABASE_NAME,
                               vault_keys.derive_keys(master_key).database)
    copy = Vault(vault.path, vault._header, master_key, vault.user, connection)
    try:
        yield copy
    finally:
        connection.close()
        copy._db = None
        copy._master_key = b""

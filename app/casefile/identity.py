"""The correspondence table: pseudonym to patient identity (name, birth date, IPP).

Each row is sealed with AES-256-GCM under the identity key, which HKDF derives
from the master key with its own label. The vault and case ids are bound to
each row, so a row moved to another case fails authentication, and a copy of
the database key alone reveals nothing. Only users granted ``identity_access``
get the key. The application checks that right, because every slot opens the
same master key. Every read, search and change is journaled with case ids only.
"""

from __future__ import annotations

import json
import logging
import secrets
import unicodedata
from dataclasses import asdict, dataclass

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from app.casefile.consent import parse_date
from app.casefile.errors import CaseFileError
from app.errors import TamperedError
from app.project.model import utc_now
from app.vault import Vault

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PatientIdentity:
    """Identity of a case's patient, which links the pseudonym to a person; never logged or exported."""

    last_name: str
    first_name: str
    birth_date: str  # ISO date
    ipp: str = ""  # the hospital's permanent patient identifier, when known

    def __post_init__(self) -> None:
        if not self.last_name.strip() or not self.first_name.strip():
            raise CaseFileError("identity.name_missing")
        parse_date(self.birth_date, "birth_date")


def set_identity(vault: Vault, case_id: str, identity: PatientIdentity) -> None:
    """Store or replace the identity of a case's patient (users with ``identity_access`` only)."""
    key = vault.identity_key()
    vault.case(case_id)
    sealed = _seal(key, vault.vault_id, case_id, identity)
    with vault._transaction() as db:
        db.execute("INSERT OR REPLACE INTO identities VALUES (?, ?, ?, ?)",
                   (case_id, sealed, utc_now(), vault.user.id))
    vault.journal("identity.write", case_id)


def read_identity(vault: Vault, case_id: str) -> PatientIdentity | None:
    """Return the identity of a case's patient, or ``None`` if none was recorded (journaled)."""
    key = vault.identity_key()
    rows = vault._query("SELECT sealed FROM identities WHERE case_id = ?", (case_id,))
    vault.journal("identity.read", case_id, f"found={int(bool(rows))}")
    if not rows:
        return None
    return _open(key, vault.vault_id, case_id, bytes(rows[0][0]))


def find_case_by_identity(vault: Vault, *, last_name: str | None = None,
                          first_name: str | None = None, birth_date: str | None = None,
                          ipp: str | None = None) -> list[str]:
    """Return the ids of the cases whose patient matches every given criterion.

    Names compare without case, accents or extra spaces; the birth date as a
    date; the IPP exactly (spaces ignored). Every row is decrypted in memory to
    compare, so no searchable index of identities exists on disk.
    """
    criteria = {"last_name": last_name, "first_name": first_name, "birth_date": birth_date,
                "ipp": ipp}
    wanted = {name: value for name, value in criteria.items() if value and value.strip()}
    if not wanted:
        raise CaseFileError("identity.criteria_missing")
    if "birth_date" in wanted:
        wanted["birth_date"] = parse_date(wanted["birth_date"], "birth_date").isoformat()
    key = vault.identity_key()

    matches = []
    for case_id, sealed in vault._query("SELECT case_id, sealed FROM identities ORDER BY case_id"):
        identity = _open(key, vault.vault_id, case_id, bytes(sealed))
        if all(_normalise(name, getattr(identity, name)) == _normalise(name, value)
               for name, value in wanted.items()):
            matches.append(case_id)
    vault.journal("identity.search", vault.vault_id,
                  f"criteria={','.join(sorted(wanted))} matches={len(matches)}")
    return matches


def delete_identity(vault: Vault, case_id: str) -> bool:
    """Delete a case's row from the correspondence table; return whether one existed.

    Used by the purge, which compacts the database afterwards. The caller checks roles.
    """
    with vault._transaction() as db:
        deleted = db.execute("DELETE FROM identities WHERE case_id = ?", (case_id,)).rowcount
    if deleted:
        vault.journal("identity.delete", case_id)
    return bool(deleted)


def _aad(vault_id: str, case_id: str) -> bytes:
    return f"voile identity v1|{vault_id}|{case_id}".encode()


def _seal(key: bytes, vault_id: str, case_id: str, identity: PatientIdentity) -> bytes:
    nonce = secrets.token_bytes(12)
    plaintext = json.dumps(asdict(identity), ensure_ascii=False, sort_keys=True).encode()
    return nonce + AESGCM(key).encrypt(nonce, plaintext, _aad(vault_id, case_id))


def _open(key: bytes, vault_id: str, case_id: str, sealed: bytes) -> PatientIdentity:
    try:
        plaintext = AESGCM(key).decrypt(sealed[:12], sealed[12:], _aad(vault_id, case_id))
    except InvalidTag:
        log.warning("correspondence table row of case %s failed authentication", case_id)
        raise TamperedError("identity.row_tampered", case=case_id) from None
    return PatientIdentity(**json.loads(plaintext))


def _normalise(field: str, value: str) -> str:
    if field == "birth_date":
        return value.strip()
    if field == "ipp":
        return "".join(value.split()).upper()
    decomposed = unicodedata.normalize("NFKD", value)
    letters = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(letters.replace("-", " ").replace("'", " ").casefold().split())

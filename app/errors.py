"""Errors the user can act on.

Each error carries a message key and named parameters; ``str(error)`` gives the
message in the current language. Parameters must never contain patient data,
user-chosen file names or secrets: pass ids, hashes, counts and offsets.
"""

from __future__ import annotations

from app.i18n import tr


class VoileError(Exception):
    """Base class for errors shown to the user, translated at display time."""

    key = "error.generic"
    exit_code = 1

    def __init__(self, key: str | None = None, /, **params: object) -> None:
        self.key = key or self.key
        self.params = params
        super().__init__(self.key)

    def message(self, language: str | None = None) -> str:
        return tr(self.key, language, **self.params)

    def __str__(self) -> str:
        return self.message()


class VaultError(VoileError):
    """The vault cannot be created, opened or changed as requested."""

    key = "vault.error"
    exit_code = 3


class WrongPasswordError(VaultError):
    key = "vault.wrong_password"


class TamperedError(VaultError):
    """An encrypted file or record failed authentication: edited, truncated or swapped."""

    key = "vault.tampered"


class MediaError(VoileError):
    """Input media is unsupported, corrupt, truncated or empty."""

    key = "media.unreadable"
    exit_code = 4


class DetectorError(VoileError):
    """A detector could not run or could not process a frame (the job stops: fail closed)."""

    key = "detector.failed"
    exit_code = 5


class ExportError(VoileError):
    key = "export.failed"
    exit_code = 6


class NotReleasableError(ExportError):
    """Verification of a written export found something identifying."""

    key = "export.not_releasable"
    exit_code = 7


class VerificationError(VoileError):
    """``voile verify`` found a mismatch, a broken signature or a missing file."""

    key = "verify.failed"
    exit_code = 8


class CancelledError(VoileError):
    key = "job.cancelled"
    exit_code = 130


class DiskFullError(VoileError):
    key = "disk.full"
    exit_code = 9

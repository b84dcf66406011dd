"""Encrypted local vault (see ``app.vault.vault``)."""

from app.vault.vault import Case, MediaRecord, User, Vault, list_user_names, read_header

__all__ = ["Case", "MediaRecord", "User", "Vault", "list_user_names", "read_header"]

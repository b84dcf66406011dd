"""Password strength rules for vault user slots.

Follows the French data protection authority's (CNIL) 2022 recommendation of
about 80 bits of entropy for a password used alone: at least 12 characters
mixing upper case, lower case, digits and special characters, or at least 14
characters with three of those classes, or a passphrase of at least 7 words.
"""

from __future__ import annotations

from app.errors import VaultError

MIN_LENGTH_FOUR_CLASSES = 12
MIN_LENGTH_THREE_CLASSES = 14
MIN_PASSPHRASE_WORDS = 7


def character_classes(password: str) -> int:
    classes = [
        any(c.islower() for c in password),
        any(c.isupper() for c in password),
        any(c.isdigit() for c in password),
        any(not c.isalnum() for c in password),
    ]
    return sum(classes)


def check_password_strength(password: str) -> None:
    """Raise ``VaultError("vault.weak_password")`` unless the password meets the rules above."""
    classes = character_classes(password)
    length = len(password)
    words = [word for word in password.split() if word]
    strong = (
        (length >= MIN_LENGTH_FOUR_CLASSES and classes == 4)
        or (length >= MIN_LENGTH_THREE_CLASSES and classes >= 3)
        or (len(words) >= MIN_PASSPHRASE_WORDS and length >= 30)
    )
    if not strong:
        raise VaultError("vault.weak_password", length=length, classes=classes)

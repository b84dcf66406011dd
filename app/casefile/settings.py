"""Vault settings of the case file: retention, controller, and the record of processing.

Values are stored as JSON in the vault's ``settings`` table; only
administrators change them (``Vault.set_setting``). Each known key has a type
and a default here, so the command line can parse text into the right type.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from app.casefile.errors import CaseFileError

if TYPE_CHECKING:
    from app.vault import Vault

# NOTE: 60 months is a placeholder: the controller must fix the retention period
# in the record of processing and set it here.
DEFAULT_RETENTION_MONTHS = 60

LEGAL_BASES = ("consent", "public_interest")
DATA_SUBJECTS = ("patients", "health_professionals")
DATA_CATEGORIES = ("video", "health_data", "pseudonym", "identity", "staff_accounts")


@dataclass(frozen=True)
class SettingSpec:
    """Type and default of one vault setting; ``choices`` limits the codes of a list or text."""

    kind: str  # "int", "bool", "text" or "list"
    default: Any
    choices: tuple[str, ...] = ()


SETTINGS: dict[str, SettingSpec] = {
    "retention.default_months": SettingSpec("int", DEFAULT_RETENTION_MONTHS),
    "retention.auto_purge": SettingSpec("bool", False),
    "controller.name": SettingSpec("text", ""),
    "controller.address": SettingSpec("text", ""),
    "controller.contact": SettingSpec("text", ""),
    "dpo.contact": SettingSpec("text", ""),
    "registry.processing_name": SettingSpec("text", ""),
    "registry.purposes": SettingSpec(
        "list", ["teaching", "public_information", "research", "publication"],
        ("teaching", "public_information", "research", "publication")),
    "registry.legal_basis": SettingSpec("text", "consent", LEGAL_BASES),
    "registry.legal_basis_details": SettingSpec("text", ""),
    "registry.data_subjects": SettingSpec("list", list(DATA_SUBJECTS), DATA_SUBJECTS),
    "registry.data_categories": SettingSpec("list", list(DATA_CATEGORIES), DATA_CATEGORIES),
    "registry.recipients": SettingSpec("list", []),
    "registry.processors": SettingSpec("list", []),
    "registry.transfers": SettingSpec("text", ""),
    "registry.security_extra": SettingSpec("list", []),
}

_TRUE = ("1", "true", "yes", "on", "oui", "vrai")
_FALSE = ("0", "false", "no", "off", "non", "faux")


def get_setting(vault: Vault, key: str) -> Any:
    """Return a known setting's stored value, or its default."""
    return vault.setting(key, _spec(key).default)


def all_settings(vault: Vault) -> dict[str, Any]:
    """Return every known setting with its current value (stored or default)."""
    return {key: get_setting(vault, key) for key in SETTINGS}


def default_retention_months(vault: Vault) -> int:
    return int(get_setting(vault, "retention.default_months"))


def parse_setting(key: str, values: list[str]) -> Any:
    """Turn command-line text into the setting's type; raises ``CaseFileError`` on bad input."""
    spec = _spec(key)
    if spec.kind == "list":
        parsed: Any = [value.strip() for value in values if value.strip()]
        for item in parsed:
            _check_choice(key, spec, item)
        return parsed
    if len(values) != 1:
        raise CaseFileError("settings.one_value", key=key, count=len(values))
    text = values[0].strip()
    if spec.kind == "int":
        try:
            number = int(text)
        except ValueError:
            raise CaseFileError("settings.bad_value", key=key, value=text) from None
        if number < 1:
            raise CaseFileError("settings.bad_value", key=key, value=text)
        return number
    if spec.kind == "bool":
        if text.lower() in _TRUE:
            return True
        if text.lower() in _FALSE:
            return False
        raise CaseFileError("settings.bad_value", key=key, value=text)
    _check_choice(key, spec, text)
    return text


def set_setting(vault: Vault, key: str, value: Any) -> None:
    """Store a known setting (administrators only); ``None`` returns it to its default."""
    _spec(key)
    vault.set_setting(key, value)


def _spec(key: str) -> SettingSpec:
    try:
        return SETTINGS[key]
    except KeyError:
        raise CaseFileError("settings.unknown_key", key=key, known=", ".join(SETTINGS)) from None


def _check_choice(key: str, spec: SettingSpec, value: str) -> None:
    if spec.choices and value not in spec.choices:
        raise CaseFileError("settings.bad_choice", key=key, value=value,
                            allowed=", ".join(spec.choices))

"""Errors of the case file: consent, correspondence table, review, release and retention."""

from __future__ import annotations

from app.errors import ExportError, VoileError
from app.i18n import tr

# Parameters holding one of these codes are shown by their translated label.
_LABELLED_PARAMS = {"purpose": "consent.purpose", "channel": "consent.channel",
                    "status": "consent.status", "special_case": "consent.special"}


def label(kind: str, code: str, language: str | None = None) -> str:
    """Return the translated label of a code (``label("purpose", "teaching")``)."""
    return tr(f"{_LABELLED_PARAMS[kind]}.{code}", language)


class CaseFileError(VoileError):
    """A case file operation was refused or its input is invalid."""

    key = "casefile.error"
    exit_code = 10

    def message(self, language: str | None = None) -> str:
        return tr(self.key, language, **_labelled(self.params, language))


class ConsentExportError(ExportError):
    """An export or release lies outside the case's consent."""

    key = "consent.not_allowed"

    def message(self, language: str | None = None) -> str:
        return tr(self.key, language, **_labelled(self.params, language))


def _labelled(params: dict[str, object], language: str | None) -> dict[str, object]:
    shown = dict(params)
    for name, prefix in _LABELLED_PARAMS.items():
        value = shown.get(name)
        if isinstance(value, str) and tr(f"{prefix}.{value}", language) != f"{prefix}.{value}":
            shown[name] = tr(f"{prefix}.{value}", language)
    return shown

"""Voile engine: vault, media, detection, redaction, export and audit, with no Qt import."""

__version__ = "0.1.0"

"""Locations of bundled resources (models, fonts, catalogues, examples)."""

from __future__ import annotations

from pathlib import Path

import resources

RESOURCES_DIR = Path(resources.__file__).resolve().parent


def resource_path(*parts: str) -> Path:
    """Return the path of a file or folder under ``resources/``."""
    return RESOURCES_DIR.joinpath(*parts)

"""Schema migrations for the case project document.

Each function upgrades a document from version N to N+1. ``migrate`` applies them
in order, so a project saved by any earlier Voile opens in the current one.
A document newer than this Voile is rejected rather than silently downgraded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.errors import VaultError
from app.project.model import SCHEMA_VERSION

Document = dict[str, Any]



def _v1_to_v2(document: Document) -> Document:
    """Version 2 adds the teaching edit (``lesson``); a version-1 project had none."""
    document.setdefault("lesson", {})
    return document


# MIGRATIONS[n] turns a version-n document into a version-(n+1) one.
MIGRATIONS: dict[int, Callable[[Document], Document]] = {1: _v1_to_v2}


def migrate(document: Document) -> Document:
    version = int(document.get("schema_version", 0))
    if version > SCHEMA_VERSION:
        raise VaultError("project.too_new", found=version, supported=SCHEMA_VERSION)
    while version < SCHEMA_VERSION:
        step = MIGRATIONS.get(version)
        if step is None:
            raise VaultError("project.no_migration", found=version, supported=SCHEMA_VERSION)
        document = step(document)
        version += 1
        document["schema_version"] = version
    return document

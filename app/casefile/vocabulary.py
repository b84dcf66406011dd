"""Codes of the case file (purposes, channels, special cases, statuses, roles).

Kept free of heavy imports so the command line can build its parser quickly.
Each code has a translated label under ``consent.purpose.*``, ``consent.channel.*``,
``consent.special.*`` and ``consent.status.*``.
"""

from __future__ import annotations

PURPOSES = ("teaching", "public_information", "research", "publication")
CHANNELS = ("internal_platform", "congress", "partner_platform", "social_networks")
SPECIAL_CASES = ("face_surgery", "child", "live_surgery")
STATUSES = ("pending", "given", "refused", "withdrawn")
# The same roles as ``app.vault.vault.ROLES``; a test checks they match.
ROLES = ("administrator", "surgeon", "resident")

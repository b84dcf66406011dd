"""Fixed values of the teaching edit, in a module light enough for the command-line parser."""

from __future__ import annotations

VOICE_MODES: tuple[str, ...] = ("mute", "keep", "bleep", "alter")
DIAGRAM_KINDS: tuple[str, ...] = ("arrow", "circle", "rect", "freehand", "text", "image")

# Fixed age bands. Children are one band, because the child becomes an adult who may be
# recognised by a detail of their age at surgery. Adults go by decades up to 80 and over.
AGE_BANDS: tuple[str, ...] = ("under_18", "18_29", "30_39", "40_49", "50_59", "60_69", "70_79",
                              "80_plus")
CARD_TEXT_FIELDS: tuple[str, ...] = ("procedure", "pathology", "team", "history")
FLAG_KINDS: tuple[str, ...] = ("identifier", "date", "age", "rare_disease", "place",
                               "proper_name")

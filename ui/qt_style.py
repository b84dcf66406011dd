"""Colours and names the views share: a colour per track kind, translated names."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QColor

KIND_COLOURS = {
    "face": QColor("#e4572e"),
    "text": QColor("#2e86de"),
    "out_of_body": QColor("#8e44ad"),
    "manual": QColor("#27ae60"),
    "person": QColor("#f39c12"),
}
OTHER_KIND_COLOUR = QColor("#7f8c8d")
REJECTED_COLOUR = QColor("#9e9e9e")
UNCOVERED_COLOUR = QColor("#d62728")
PLAYHEAD_COLOUR = QColor("#ffcc00")
RANGE_COLOUR = QColor(255, 204, 0, 50)

EDITABLE_KINDS = ("face", "text", "out_of_body", "person", "manual")


def kind_colour(kind: str) -> QColor:
    return KIND_COLOURS.get(kind, OTHER_KIND_COLOUR)


def kind_name(kind: str) -> str:
    names = {
        "face": QCoreApplication.translate("Kinds", "Face"),
        "text": QCoreApplication.translate("Kinds", "Burned-in text"),
        "out_of_body": QCoreApplication.translate("Kinds", "Out-of-body frame"),
        "person": QCoreApplication.translate("Kinds", "Person"),
        "manual": QCoreApplication.translate("Kinds", "Manual region"),
    }
    return names.get(kind, kind)


def status_name(status: str) -> str:
    names = {
        "proposed": QCoreApplication.translate("Kinds", "To review"),
        "accepted": QCoreApplication.translate("Kinds", "Accepted"),
        "rejected": QCoreApplication.translate("Kinds", "Rejected"),
    }
    return names.get(status, status)


def fill_name(fill: str) -> str:
    names = {
        "solid": QCoreApplication.translate("Kinds", "Solid fill"),
        "pixelate": QCoreApplication.translate("Kinds", "Pixelate"),
        "blur": QCoreApplication.translate("Kinds", "Blur"),
    }
    return names.get(fill, fill)


def shape_name(shape: str) -> str:
    names = {
        "rect": QCoreApplication.translate("Kinds", "Rectangle"),
        "ellipse": QCoreApplication.translate("Kinds", "Ellipse"),
    }
    return names.get(shape, shape)

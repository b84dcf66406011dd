"""Discovery of detector plugins through the ``voile.detectors`` entry-point group.

Built-in detectors are registered the same way as third-party ones, in
``pyproject.toml``. A plugin that fails to import is logged and skipped, so one
broken plugin does not hide the others, and ``failed_plugins`` lists it.
"""

from __future__ import annotations

import inspect
import logging
from importlib.metadata import entry_points

from app.detection.base import Detector
from app.errors import DetectorError, VoileError

logger = logging.getLogger(__name__)

ENTRY_POINT_GROUP = "voile.detectors"

_failed: dict[str, str] = {}


def available_detectors() -> dict[str, type]:
    """Import every registered detector class, keyed by entry-point name, skipping broken ones."""
    detectors: dict[str, type] = {}
    failed: dict[str, str] = {}

    for entry_point in entry_points(group=ENTRY_POINT_GROUP):
        try:
            loaded = entry_point.load()
        except Exception as exc:
            # Import may raise anything, and one broken plugin must not hide the others.
            logger.exception("detector plugin %s failed to import", entry_point.name)
            failed[entry_point.name] = type(exc).__name__
            continue

        if not isinstance(loaded, type):
            logger.error("detector plugin %s is not a class", entry_point.name)
            failed[entry_point.name] = "NotAClass"
            continue

        detectors[entry_point.name] = loaded

    _failed.clear()
    _failed.update(failed)
    return detectors


def failed_plugins() -> dict[str, str]:
    """Return the plugins skipped by the last ``available_detectors`` call, with error types."""
    return dict(_failed)


def load_detector(detector_id: str, **options: object) -> Detector:
    """Create the detector registered as ``detector_id`` with ``options``.

    Raises DetectorError when the id is unknown, the plugin failed to import, an
    option is not accepted or the detector cannot start.
    """
    detectors = available_detectors()

    detector_class = detectors.get(detector_id)
    if detector_class is None:
        if detector_id in _failed:
            raise DetectorError(
                "detector.plugin_failed", detector=detector_id, error=_failed[detector_id]
            )
        installed = ", ".join(sorted(detectors)) or "-"
        raise DetectorError("detector.unknown", detector=detector_id, available=installed)

    _check_options(detector_id, detector_class, options)
    try:
        detector = detector_class(**options)
    except VoileError:
        raise
    except Exception as exc:
        logger.exception("detector %s failed to start", detector_id)
        raise DetectorError(
            "detector.load_failed", detector=detector_id, error=type(exc).__name__
        ) from exc

    if not isinstance(detector, Detector):
        raise DetectorError("detector.invalid_plugin", detector=detector_id)
    return detector


def _check_options(detector_id: str, detector_class: type, options: dict[str, object]) -> None:
    """Raise DetectorError for an option the detector's constructor does not take."""
    try:
        parameters = inspect.signature(detector_class).parameters.values()
    except (TypeError, ValueError):
        return  # no introspectable signature: let the constructor decide

    if any(parameter.kind is inspect.Parameter.VAR_KEYWORD for parameter in parameters):
        return
    named_kinds = (inspect.Parameter.POSITIONAL_OR_KEYWORD, inspect.Parameter.KEYWORD_ONLY)
    accepted = {parameter.name for parameter in parameters if parameter.kind in named_kinds}
    for option in options:
        if option not in accepted:
            raise DetectorError(
                "detector.unknown_option",
                detector=detector_id,
                option=option,
                accepted=", ".join(sorted(accepted)) or "-",
            )

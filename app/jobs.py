"""Progress reporting and cancellation for long jobs (import, analysis, export).

The engine calls ``progress(done, total, stage)``; the CLI prints it on stderr and
the UI forwards it through Qt signals. A ``CancelToken`` is polled between frames.
"""

from __future__ import annotations

import threading
from collections.abc import Callable

from app.errors import CancelledError

ProgressCallback = Callable[[int, int, str], None]


def no_progress(done: int, total: int, stage: str) -> None:
    """Ignore progress reports."""


class CancelToken:
    """A flag another thread sets to stop a job at its next check."""

    def __init__(self) -> None:
        self._event = threading.Event()

    def cancel(self) -> None:
        self._event.set()

    @property
    def cancelled(self) -> bool:
        return self._event.is_set()

    def raise_if_cancelled(self) -> None:
        if self._event.is_set():
            raise CancelledError()
